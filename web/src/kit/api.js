// The one place that speaks HTTP to hongwu serve. Auth is the HttpOnly session
// cookie; every non-GET request carries the CSRF token kept in memory.
import { ref } from 'vue'
import { locale, t, formatWait } from './i18n.js'

let csrfToken = null
let onUnauthorized = null

export function setCsrfToken(token) {
  csrfToken = token || null
}

// Called when a signed-in request comes back 401 (session ended elsewhere).
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

// Moves on after every successful write (POST, PUT, PATCH, DELETE). Whatever
// shows server data and must not go stale after a change made elsewhere on the
// screen watches it and asks again: every list (usePagedList) does, and so do
// pages that load one record (a building's elevation, a resident).
export const dataVersion = ref(0)

export class ApiError extends Error {
  constructor({ status, type, title, detail, errors, retryAfter, body }) {
    super(title || detail || `HTTP ${status}`)
    this.status = status
    this.type = type || ''
    this.slug = (type || '').replace(/^urn:hongwu:problem:/, '')
    this.title = title || ''
    this.detail = detail || ''
    this.errors = Array.isArray(errors) ? errors : []
    this.retryAfter = retryAfter
    this.body = body || null // the whole problem document (an import report rides on a 422)
  }

  // { field: message } for inline form errors.
  fieldErrors() {
    const out = {}
    for (const e of this.errors) {
      if (!e || !e.field || out[e.field]) continue
      out[e.field] = e.message || t(`fieldCode.${e.code}`)
    }
    return out
  }

  // Errors that do not belong to one of the given form fields.
  otherErrors(fields) {
    return this.errors.filter((e) => !e || !fields.includes(e.field))
  }
}

function retryAfterSeconds(res) {
  const h = res.headers.get('Retry-After')
  if (!h) return undefined
  const n = Number(h)
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n))
  const at = Date.parse(h)
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : undefined
}

// opts.raw: send body as it is (a Blob or string) with opts.contentType;
// opts.headers: more headers (e.g. If-Match with a record's version).
export async function request(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': locale.value }
  if (body !== undefined) headers['Content-Type'] = opts.raw ? opts.contentType || 'application/octet-stream' : 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey
  if (opts.headers) Object.assign(headers, opts.headers)

  let res
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : opts.raw ? body : JSON.stringify(body),
    })
  } catch {
    throw new ApiError({ status: 0, title: t('common.networkError') })
  }
  const written = res.ok && method !== 'GET' && method !== 'HEAD'
  const data = res.status === 204 ? null : await readAnswer(res, opts)
  if (written) dataVersion.value++
  return data
}

async function readAnswer(res, opts) {
  const text = await res.text()
  let data = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (res.ok) return data

  const problem = data && typeof data === 'object' ? data : {}
  const err = new ApiError({
    status: res.status,
    type: problem.type,
    title: problem.title || res.statusText || `HTTP ${res.status}`,
    detail: problem.detail,
    errors: problem.errors,
    retryAfter: retryAfterSeconds(res),
    body: problem,
  })
  if (res.status === 401 && !opts.noAuthRedirect && onUnauthorized) onUnauthorized(err)
  throw err
}

export function newIdempotencyKey() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID()
  const b = new Uint8Array(16)
  crypto.getRandomValues(b)
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

// ?a=1&b=2 from an object; undefined, null and '' are left out.
export function qs(params) {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== '') p.set(k, v)
  const s = p.toString()
  return s ? `?${s}` : ''
}

// Every page of a list, for the few places that need it whole (a level of the
// places tree, the tags to pick from): {"items": [...]}.
export async function allPages(path, params) {
  const items = []
  let after
  for (let i = 0; i < 1000; i++) {
    const page = await request('GET', path + qs({ ...params, limit: 200, after }))
    items.push(...(page.items || []))
    if (!page.next_after) return { items }
    after = page.next_after
  }
  return { items }
}

// The calls that are not lists. Lists (GET answering {"items", "next_after"})
// are read through usePagedList / ListPage with their endpoint.
export const api = {
  login: (login, password) => request('POST', '/api/v1/auth/login', { login, password }, { noAuthRedirect: true }),
  logout: () => request('POST', '/api/v1/auth/logout', undefined, { noAuthRedirect: true }),
  me: () => request('GET', '/api/v1/auth/me', undefined, { noAuthRedirect: true }),
  places: (parentId) => allPages('/api/v1/places', { parent_id: parentId }),
  place: (id) => request('GET', `/api/v1/places/${encodeURIComponent(id)}`),
  // key: one per form opening, so a retry after a lost answer creates no duplicate.
  createUser: (body, key) => request('POST', '/api/v1/users', body, { idempotencyKey: key }),
  updateUser: (id, body) => request('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, body),

  // registry (docs/api-registry.md)
  elevation: (id) => request('GET', `/api/v1/places/${encodeURIComponent(id)}/elevation`),
  tags: () => allPages('/api/v1/tags'),
  resident: (id) => request('GET', `/api/v1/residents/${encodeURIComponent(id)}`),
  createResident: (body, key) => request('POST', '/api/v1/residents', body, { idempotencyKey: key }),
  updateResident: (id, body) => request('PATCH', `/api/v1/residents/${encodeURIComponent(id)}`, body),
  setResidentTags: (id, tags) => request('PUT', `/api/v1/residents/${encodeURIComponent(id)}/tags`, { tags }),
  moveOut: (occupancyId, movedOut) =>
    request('POST', `/api/v1/occupancies/${encodeURIComponent(occupancyId)}/move-out`, { moved_out: movedOut }),
  // file: a File/Blob sent as it is (the server finds out UTF-8 or GBK itself).
  importCsv: (kind, params, file, key) =>
    request('POST', `/api/v1/imports/${encodeURIComponent(kind)}${qs(params)}`, file, {
      raw: true,
      contentType: 'text/csv',
      idempotencyKey: key,
    }),
  partyOrgs: () => request('GET', '/api/v1/party-orgs'),
  coverage: (params) => request('GET', `/api/v1/reports/coverage${qs(params)}`),
}

export function exportUrl(kind, format, params) {
  return `/api/v1/exports/${encodeURIComponent(kind)}.${format}${qs(params)}`
}

// Fetches a file with the session cookie and hands it to the browser as a
// download; a problem answer is thrown as ApiError like any other request.
export async function download(path, fallbackName) {
  let res
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { 'Accept-Language': locale.value } })
  } catch {
    throw new ApiError({ status: 0, title: t('common.networkError') })
  }
  if (!res.ok) return readAnswer(res, {})
  const blob = await res.blob()
  const cd = res.headers.get('Content-Disposition') || ''
  const m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(cd)
  const name = m ? decodeURIComponent(m[1] || m[2]) : fallbackName
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return name
}

// A message for a person: the server's title, plus the wait when it gives one.
export function errorMessage(err) {
  if (!(err instanceof ApiError)) return String(err && err.message ? err.message : err)
  let msg = err.title || err.detail
  if ((err.status === 429 || err.status === 503) && err.retryAfter !== undefined)
    msg += (locale.value === 'en' ? ' ' : '，') + t('common.waitSeconds', { s: formatWait(err.retryAfter) })
  return msg
}
