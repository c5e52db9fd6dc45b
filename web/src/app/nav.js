// Permission → navigation, gathered from the capabilities' nav.js. A page is
// shown when the signed-in user holds its permission (GET /auth/me
// `permissions`, the server's access table), so a role gaining or losing a
// permission needs no change here. The router guard, both layouts and the
// home shortcuts read it.
//
// An entry: { key (= the route's name), path, perm (one, or a list of which
// any will do), el (Element Plus icon), van (Vant icon name), order, tab }.
// tab: in the phone tab bar (at most five fit); the others are reached from
// the home page shortcuts.
import { CAPABILITIES } from './capabilities.js'
import { can } from '../kit/session.js'

// Gathered on first use: the home page (a capability) reads this list too, so
// it must not be read while the capabilities are still being loaded.
let all = null
export function allNav() {
  if (!all) all = CAPABILITIES.flatMap((c) => c.nav || []).sort((a, b) => a.order - b.order)
  return all
}

export function canSee(perms, key) {
  const item = allNav().find((n) => n.key === key)
  return !!item && can(perms, item.perm)
}

export function navFor(perms) {
  return allNav().filter((n) => canSee(perms, n.key))
}

// The phone tab bar: the tab items, then other pages while there is room.
export function tabsFor(perms, max = 5) {
  const all = navFor(perms)
  const tabs = all.filter((n) => n.tab)
  for (const n of all) if (tabs.length < max && !n.tab) tabs.splice(tabs.length - 1, 0, n)
  return tabs
}
