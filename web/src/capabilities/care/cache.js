// The last answers a grid worker needs offline (the due list, the work-order
// categories for a follow-up), kept in localStorage per account, so the due
// page and the visit form work when the phone opens with no connection.
import { session } from '@/kit/session.js'

const key = (name) => `hongwu-care:${name}:${session.user ? session.user.id : 0}`

export function keep(name, value) {
  try {
    localStorage.setItem(key(name), JSON.stringify({ at: Date.now(), value }))
  } catch {
    // storage full or refused: the page still works online
  }
}

// { at, value } or null.
export function kept(name) {
  try {
    return JSON.parse(localStorage.getItem(key(name)) || 'null')
  } catch {
    return null
  }
}

// Asks fetcher(); on success keeps the answer, on failure answers the kept
// one (with stale: true) when there is one, else throws.
export async function fresh(name, fetcher) {
  try {
    const value = await fetcher()
    keep(name, value)
    return { value, at: Date.now(), stale: false }
  } catch (err) {
    const old = kept(name)
    if (old && err && err.status === 0) return { ...old, stale: true }
    throw err
  }
}
