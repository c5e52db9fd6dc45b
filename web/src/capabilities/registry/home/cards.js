// The registry's cards on the home page (app/home.js): a grid worker's
// households by tag and those needing attention, staff's and officers'
// residents per tag, a resident's household.
export default [
  {
    key: 'householdsByTag',
    title: 'registryHome.byTag',
    perm: 'resident_read',
    scopes: ['grid', 'micro_grid', 'building'],
    order: 10,
    component: () => import('./HouseholdsByTagCard.vue'),
  },
  {
    key: 'attention',
    title: 'registryHome.attention',
    perm: 'resident_read',
    scopes: ['grid', 'micro_grid', 'building'],
    order: 11,
    component: () => import('./AttentionCard.vue'),
  },
  {
    key: 'tagCounts',
    title: 'registryHome.tagCounts',
    perm: 'resident_read',
    scopes: ['community', 'subdistrict'],
    order: 20,
    component: () => import('./TagCountsCard.vue'),
  },
  {
    key: 'myHousehold',
    title: 'registryHome.myHousehold',
    perm: 'resident_read',
    scopes: ['dwelling'],
    order: 10,
    component: () => import('./MyHouseholdCard.vue'),
  },
]
