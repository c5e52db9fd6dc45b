// /report is the address the public 户情图's QR code carries
// (/report?place_id=21): the work-order form with that place chosen.
export default [
  { path: 'care', name: 'careDue', component: () => import('./pages/DuePage.vue'), meta: { nav: 'careDue' } },
  { path: 'care/households', name: 'careHouseholds', component: () => import('./pages/HouseholdsPage.vue'), meta: { nav: 'careHouseholds' } },
  {
    path: 'care/households/:id(\\d+)',
    name: 'careHousehold',
    component: () => import('./pages/HouseholdPage.vue'),
    meta: { nav: 'careMap', back: true, title: 'care.household' },
  },
  { path: 'care/compliance', name: 'careCompliance', component: () => import('./pages/CompliancePage.vue'), meta: { nav: 'careCompliance' } },
  { path: 'care/map', name: 'careMap', component: () => import('./pages/MapPage.vue'), meta: { nav: 'careMap' } },
  { path: 'care/logs', name: 'careLogs', component: () => import('./pages/LogsPage.vue'), meta: { nav: 'careLogs' } },
  { path: 'report', name: 'careReport', redirect: (to) => ({ name: 'woReport', query: to.query }) },
]
