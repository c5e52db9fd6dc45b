// The work-order calls that are not lists (docs/api-workorders.md). Lists
// (GET answering {"items", "next_after"}) go through ListPage / usePagedList.
import { request, qs, allPages, newIdempotencyKey } from '@/kit/api.js'

const enc = encodeURIComponent
const order = (id) => `/api/v1/work-orders/${enc(id)}`

export const woApi = {
  order: (id) => request('GET', order(id)),
  // key: one per form opening, so a retry after a lost answer files no second order.
  create: (body, key) => request('POST', '/api/v1/work-orders', body, { idempotencyKey: key }),
  // A transition, sent with the version the person saw: 412 when someone
  // else changed the order meanwhile, 409 when the action is not allowed now.
  act: (o, body) => request('POST', `${order(o.id)}/actions`, body, { headers: { 'If-Match': `"${o.version}"` } }),
  support: (id) => request('POST', `${order(id)}/support`, undefined, { idempotencyKey: newIdempotencyKey() }),
  // file: a File from the picker, sent as it is; the server checks its content.
  addPhoto: (id, file) =>
    request('POST', `${order(id)}/photos`, file, { raw: true, contentType: file.type || 'application/octet-stream', idempotencyKey: newIdempotencyKey() }),
  similar: (params) => request('GET', `/api/v1/work-orders/similar${qs(params)}`),
  // The building or compound a 户情图's QR code names, by its label: what a
  // resident, who reads no places, may know of it.
  place: (id) => request('GET', `/api/v1/wo-places/${enc(id)}`),
  whistle: (id, body) => request('POST', `${order(id)}/whistles`, body, { idempotencyKey: newIdempotencyKey() }),
  respond: (whistleId, note) => request('POST', `/api/v1/wo-whistles/${enc(whistleId)}/respond`, { note }),
  categories: () => allPages('/api/v1/wo-categories'),
  // The people posted to a grid today (grid leader, grid workers) with an account.
  gridPosts: (gridId) => allPages('/api/v1/posts', { place_id: gridId, current: 1 }),
  organizations: () => allPages('/api/v1/organizations'),
  // The sub-district's dispatch teams, each member with the open orders they hold.
  teams: () => allPages('/api/v1/wo-teams'),
  // A dwelling's full label ("紫薇花园 1幢 1单元 101"), as its residents' records carry it.
  dwellingLabel: async (id) => {
    const page = await request('GET', `/api/v1/residents${qs({ dwelling_id: id, limit: 1 })}`)
    const d = (page.items || []).flatMap((r) => r.dwellings || []).find((x) => x.id === id)
    return d ? d.label : ''
  },
  search: (q) => request('GET', `/api/v1/work-orders${qs({ q, status: 'open', limit: 20 })}`),
}
