// Role → navigation. The one place that says who sees which page; the router
// and both layouts read it. Roles are those of docs/api-contract.md.
export const ALL = '*'

export const NAV = [
  { key: 'home', path: '/', roles: ALL, el: 'HomeFilled', van: 'wap-home-o' },
  { key: 'places', path: '/places', roles: ALL, el: 'OfficeBuilding', van: 'location-o' },
  { key: 'users', path: '/users', roles: ['admin'], el: 'UserFilled', van: 'friends-o' },
  { key: 'audit', path: '/audit', roles: ['admin', 'inspector', 'subdistrict_officer'], el: 'Document', van: 'records-o' },
  { key: 'me', path: '/me', roles: ALL, el: 'Avatar', van: 'user-o' },
]

export function canSee(role, key) {
  const item = NAV.find((n) => n.key === key)
  return !!item && (item.roles === ALL || item.roles.includes(role))
}

export function navFor(role) {
  return NAV.filter((n) => canSee(role, n.key))
}
