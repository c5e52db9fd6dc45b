// Permission → navigation. The one place that says who sees which page; the
// router and both layouts read it. A page is shown when the signed-in user has
// its permission (GET /auth/me `permissions`, the server's access table), so a
// role gaining or losing a permission needs no change here.
// tab: in the phone tab bar (at most five fit); the others are reached from
// the home page shortcuts.
export const NAV = [
  { key: 'home', path: '/', perm: 'signed_in', el: 'HomeFilled', van: 'wap-home-o', tab: true },
  { key: 'places', path: '/places', perm: 'place_read', el: 'OfficeBuilding', van: 'location-o', tab: true },
  { key: 'residents', path: '/residents', perm: 'resident_read', el: 'User', van: 'friends-o', tab: true },
  { key: 'import', path: '/import', perm: ['import', 'export'], el: 'Upload', van: 'description-o' },
  { key: 'orgs', path: '/orgs', perm: 'org_read', el: 'Flag', van: 'flag-o' },
  { key: 'coverage', path: '/coverage', perm: 'report_read', el: 'DataAnalysis', van: 'bar-chart-o' },
  { key: 'users', path: '/users', perm: 'user_admin', el: 'UserFilled', van: 'manager-o' },
  { key: 'audit', path: '/audit', perm: 'audit_read', el: 'Document', van: 'records-o' },
  { key: 'me', path: '/me', perm: 'signed_in', el: 'Avatar', van: 'user-o', tab: true },
]

// perms: the permissions array of GET /auth/me; perm: one, or a list of which any will do.
export function can(perms, perm) {
  if (!Array.isArray(perms)) return false
  if (Array.isArray(perm)) return perm.some((p) => can(perms, p))
  return perm === 'signed_in' || perms.includes(perm)
}

export function canSee(perms, key) {
  const item = NAV.find((n) => n.key === key)
  return !!item && can(perms, item.perm)
}

export function navFor(perms) {
  return NAV.filter((n) => canSee(perms, n.key))
}

// The phone tab bar: the tab items, then other pages while there is room.
export function tabsFor(perms, max = 5) {
  const all = navFor(perms)
  const tabs = all.filter((n) => n.tab)
  for (const n of all) if (tabs.length < max && !n.tab) tabs.splice(tabs.length - 1, 0, n)
  return tabs
}
