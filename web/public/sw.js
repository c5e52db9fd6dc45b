// hongwu's service worker: keeps the web app's own files so the pages open
// with no connection (a grid worker logging visits offline). It never keeps
// an API answer: the pages keep what they need themselves (care/cache.js,
// and the visits waiting to be sent in IndexedDB, care/outbox.js).
//
// Pages: from the network (the newest index.html is kept), else the kept one. Built files under
// /assets/ (names carry a hash of their content): kept once fetched, and
// those index.html names are fetched when the worker installs.
const CACHE = 'hongwu-shell-v1'

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE)
      const res = await fetch('/index.html', { cache: 'no-cache' })
      if (!res.ok) return
      const html = await res.clone().text()
      await cache.put('/index.html', res)
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
      await cache.addAll(assets)
    })().then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name)
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const req = event.request
  const url = new URL(req.url)
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return
  if (req.mode === 'navigate') {
    event.respondWith(
      (async () => {
        try {
          const res = await fetch(req)
          // Every page of the app is index.html: the newest one is kept.
          if (res.ok && (res.headers.get('Content-Type') || '').startsWith('text/html'))
            await (await caches.open(CACHE)).put('/index.html', res.clone())
          return res
        } catch {
          return (await caches.match('/index.html')) || Response.error()
        }
      })(),
    )
    return
  }
  if (url.pathname.startsWith('/assets/'))
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE)
        const hit = await cache.match(req)
        if (hit) return hit
        const res = await fetch(req)
        if (res.ok) await cache.put(req, res.clone())
        return res
      })(),
    )
})
