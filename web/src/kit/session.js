// Who is signed in. The session itself is the HttpOnly cookie; here we keep
// only the user, the permissions and the CSRF token, in memory.
import { reactive } from 'vue'
import { api, ApiError, setCsrfToken } from './api.js'

export const session = reactive({
  user: null,
  permissions: [],
  loaded: false,
  notice: '', // shown once on the login page (e.g. session expired)
})

function apply(data) {
  session.user = data.user || null
  session.permissions = Array.isArray(data.permissions) ? data.permissions : []
  setCsrfToken(data.csrf_token)
}

export function clearSession(notice = '') {
  session.user = null
  session.permissions = []
  session.notice = notice
  setCsrfToken(null)
}

// GET /auth/me: true when signed in, false on 401; other errors are thrown.
export async function loadMe() {
  try {
    apply(await api.me())
    session.loaded = true
    return true
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      clearSession(session.notice)
      session.loaded = true
      return false
    }
    throw err
  }
}

export async function login(loginName, password) {
  const data = await api.login(loginName, password)
  apply(data)
  session.notice = ''
  session.loaded = true
  return data
}

export async function logout() {
  try {
    await api.logout()
  } catch (err) {
    // Already signed out on the server: nothing left to end.
    if (!(err instanceof ApiError) || err.status !== 401) throw err
  }
  clearSession()
}

// perms: the permissions array of GET /auth/me; perm: one, or a list of which
// any will do. 'signed_in' is everyone's.
export function can(perms, perm) {
  if (!Array.isArray(perms)) return false
  if (Array.isArray(perm)) return perm.some((p) => can(perms, p))
  return perm === 'signed_in' || perms.includes(perm)
}

// Does the signed-in user hold this permission (or any of these)?
export const allowed = (perm) => can(session.permissions, perm)

// Only same-site paths are followed after sign-in.
export function safeRedirect(v) {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login') ? v : '/'
}
