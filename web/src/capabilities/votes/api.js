// The owners' votes calls that are not lists (docs/api-votes.md).
import { request, qs, newIdempotencyKey } from '@/kit/api.js'

const enc = encodeURIComponent
const vote = (id) => `/api/v1/votes/${enc(id)}`

export const votesApi = {
  vote: (id) => request('GET', vote(id)),
  create: (body, key) => request('POST', '/api/v1/votes', body, { idempotencyKey: key }),
  electorate: (id, params) => request('GET', `${vote(id)}/electorate${qs(params)}`),
  publish: (id) => request('POST', `${vote(id)}/publish`, {}, { idempotencyKey: newIdempotencyKey() }),
  cancel: (id, reason) => request('POST', `${vote(id)}/cancel`, { reason }, { idempotencyKey: newIdempotencyKey() }),
  // One key per ballot: a retry of the same tap gets the same receipt back.
  voter: (id) => request('GET', `${vote(id)}/voter`),
  cast: (id, choice, key) => request('POST', `${vote(id)}/ballot`, { choice }, { idempotencyKey: key }),
  record: (id, body, key) => request('POST', `${vote(id)}/ballots`, body, { idempotencyKey: key }),
  ballots: (id, params) => request('GET', `${vote(id)}/ballots${qs(params)}`),
  lines: (id, params) => request('GET', `${vote(id)}/lines${qs(params)}`),
  receipt: (id, code) => request('POST', `${vote(id)}/receipt`, { code }),
  object: (id, text) => request('POST', `${vote(id)}/objections`, { text }, { idempotencyKey: newIdempotencyKey() }),
  objections: (id) => request('GET', `${vote(id)}/objections${qs({ limit: 200 })}`),
  resolve: (id, body) => request('POST', `${vote(id)}/objections/resolve`, body, { idempotencyKey: newIdempotencyKey() }),
}
