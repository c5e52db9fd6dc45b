// Deliberation's calls that are not lists (docs/api-meetings.md).
import { request, allPages, newIdempotencyKey } from '@/kit/api.js'

const enc = encodeURIComponent
const meeting = (id) => `/api/v1/meetings/${enc(id)}`
const once = () => ({ idempotencyKey: newIdempotencyKey() })

export const meetingsApi = {
  halls: () => allPages('/api/v1/meeting-halls'),
  createMeeting: (body, key) => request('POST', '/api/v1/meetings', body, { idempotencyKey: key }),
  meeting: (id) => request('GET', meeting(id)),
  act: (id, what, body) => request('POST', `${meeting(id)}/${what}`, body || {}, once()),
  taskDone: (id) => request('POST', `/api/v1/meeting-tasks/${enc(id)}/done`, {}, once()),
  openTopics: () => allPages('/api/v1/topics', { status: 'open' }),
  openTopic: (body, key) => request('POST', '/api/v1/topics', body, { idempotencyKey: key }),
  topic: (id) => request('GET', `/api/v1/topics/${enc(id)}`),
  comments: (id) => allPages(`/api/v1/topics/${enc(id)}/comments`),
  comment: (id, body, key) => request('POST', `/api/v1/topics/${enc(id)}/comments`, body, { idempotencyKey: key }),
  categories: () => allPages('/api/v1/wo-categories'),
  organizations: () => allPages('/api/v1/organizations'),
}
