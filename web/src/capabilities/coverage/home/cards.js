// The coverage report's cards on the home page (app/home.js): a community's
// grids for its staff, the sub-district's communities for its officers.
export default [
  {
    key: 'grids',
    title: 'coverageHome.grids',
    perm: 'report_read',
    scopes: ['community'],
    order: 15,
    component: () => import('./GridsCard.vue'),
  },
  {
    key: 'communities',
    title: 'coverageHome.communities',
    perm: 'report_read',
    scopes: ['subdistrict'],
    order: 5,
    wide: true,
    component: () => import('./CommunitiesCard.vue'),
  },
]
