// Registers the service worker (web/public/sw.js, served at the site root)
// that keeps the app's own files, so a care page opens with no connection.
// Without service workers (an old browser, a page not on https or localhost)
// the pages still work online and keep visits in IndexedDB all the same.
let asked = false
export function keepShell() {
  if (asked || !('serviceWorker' in navigator)) return
  asked = true
  navigator.serviceWorker.register('/sw.js').catch(() => {})
}
