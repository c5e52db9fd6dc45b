// The grid-care calls that are not lists (docs/api-care.md). Lists go
// through ListPage / usePagedList; visits go through outbox.js.
import { request, qs, allPages, newIdempotencyKey } from '@/kit/api.js'

const enc = encodeURIComponent
const household = (id) => `/api/v1/care/households/${enc(id)}`

export const careApi = {
  due: () => request('GET', '/api/v1/care/due'),
  household: (id) => request('GET', household(id)),
  setTier: (id, body) => request('POST', `${household(id)}/tier`, body, { idempotencyKey: newIdempotencyKey() }),
  giveConsent: (id, body, key) => request('POST', `${household(id)}/consent`, body, { idempotencyKey: key }),
  withdrawConsent: (id) => request('POST', `${household(id)}/consent/withdraw`, {}, { idempotencyKey: newIdempotencyKey() }),
  // body carries the visit's client_key: the server keeps one visit per account and key.
  visit: (id, body) => request('POST', `${household(id)}/visits`, body),
  compliance: (params) => request('GET', `/api/v1/care/compliance${qs(params)}`),
  map: (id, publicMap) => request('GET', `/api/v1/care/places/${enc(id)}/${publicMap ? 'public-map' : 'map'}`),
  mapPdf: (id, size, publicMap) => `/api/v1/care/places/${enc(id)}/map.pdf${qs({ size, public: publicMap ? 1 : undefined })}`,
  createLog: (buildingId, body, key) => request('POST', `/api/v1/care/places/${enc(buildingId)}/building-logs`, body, { idempotencyKey: key }),
  createMediation: (body, key) => request('POST', '/api/v1/care/mediations', body, { idempotencyKey: key }),
  mediation: (id) => request('GET', `/api/v1/care/mediations/${enc(id)}`),
  addMeeting: (id, body) => request('POST', `/api/v1/care/mediations/${enc(id)}/meetings`, body, { idempotencyKey: newIdempotencyKey() }),
  addFollowUp: (id, body) => request('POST', `/api/v1/care/mediations/${enc(id)}/follow-ups`, body, { idempotencyKey: newIdempotencyKey() }),
  setOutcome: (id, body) => request('POST', `/api/v1/care/mediations/${enc(id)}/outcome`, body, { idempotencyKey: newIdempotencyKey() }),
  categories: () => allPages('/api/v1/wo-categories'),
}
