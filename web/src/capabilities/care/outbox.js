// Visits waiting to be sent, kept on the phone in IndexedDB so a visit logged
// with no connection survives a closed page or a restart. Every visit goes
// through here, online or not: it is stored with its key (client_key, made
// once, when the visit is saved), then sent; it leaves the store only when
// the server answers 200 or 201. The server keeps one visit per account and
// key for ever (docs/api-care.md, "Visits"), so sending the same entry twice
// (a lost answer, two tabs) records it once and files at most one work order.
//
// Sending starts when a visit is saved, when the browser says it is online
// again, when a care page opens, and every 30 s while visits are waiting.
import { ref } from 'vue'
import { ApiError, errorMessage, newIdempotencyKey } from '@/kit/api.js'
import { session } from '@/kit/session.js'
import { careApi } from './api.js'

const DB = 'hongwu-care'
const STORE = 'visits'
const RETRY_MS = 30000

export const waiting = ref(0) // this account's visits not yet sent
export const entries = ref([]) // this account's entries, oldest first
export const sending = ref(false)

let dbPromise = null
function openDb() {
  if (!dbPromise)
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB, 1)
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' })
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    }).catch((err) => {
      dbPromise = null
      throw err
    })
  return dbPromise
}

// One transaction on the store: fn(store) makes the request whose result is answered.
async function tx(mode, fn) {
  const db = await openDb()
  return new Promise((resolve, reject) => {
    const t = db.transaction(STORE, mode)
    const req = fn(t.objectStore(STORE))
    t.oncomplete = () => resolve(req ? req.result : undefined)
    t.onerror = () => reject(t.error)
    t.onabort = () => reject(t.error)
  })
}

const me = () => (session.user ? session.user.id : null)

// Reads this account's entries into `entries` and `waiting`.
export async function refresh() {
  const all = (await tx('readonly', (s) => s.getAll())) || []
  entries.value = all.filter((e) => e.user_id === me()).sort((a, b) => a.saved_at - b.saved_at)
  waiting.value = entries.value.length
  return entries.value
}

// Keeps a visit and starts sending it. visit: the body of POST .../visits
// without client_key; household: { id, label }. Resolves once it is stored.
export async function saveVisit(household, visit) {
  const key = newIdempotencyKey() // the visit's client_key, the same on every attempt
  const entry = {
    key,
    user_id: me(),
    household: { id: household.id, label: household.label },
    // plain data: IndexedDB cannot store the page's reactive objects
    body: JSON.parse(JSON.stringify({ ...visit, client_key: key })),
    saved_at: Date.now(),
    error: '',
  }
  await tx('readwrite', (s) => s.put(entry))
  await refresh()
  sendWaiting()
  return entry
}

export async function discard(key) {
  await tx('readwrite', (s) => s.delete(key))
  await refresh()
}

// A problem the server will answer the same way every time (a 422: the
// visit is more than 7 days old, say) is kept on the entry for the worker to
// read and delete; anything else (no connection, 5xx, 429) is tried again.
const final = (err) => err instanceof ApiError && [400, 404, 409, 422].includes(err.status)

let running = null
// Sends every waiting entry of this account, oldest first; one run at a time.
export function sendWaiting() {
  if (!running)
    running = run().finally(() => {
      running = null
      sending.value = false
    })
  return running
}

async function run() {
  if (!me()) return
  const list = await refresh()
  for (const e of list) {
    if (e.error) continue
    sending.value = true
    try {
      await careApi.visit(e.household.id, e.body)
      await tx('readwrite', (s) => s.delete(e.key))
    } catch (err) {
      if (!final(err)) break // offline or the server busy: later, in order
      await tx('readwrite', (s) => s.put({ ...e, error: errorMessage(err) }))
    }
  }
  await refresh()
}

let started = false
// Called by the care pages: listens for the connection's return once.
export function startOutbox() {
  if (started) return sendWaiting()
  started = true
  window.addEventListener('online', () => sendWaiting())
  setInterval(() => {
    if (waiting.value && navigator.onLine) sendWaiting()
  }, RETRY_MS)
  return sendWaiting()
}
