// Grid care's card on the home page (app/home.js): a grid worker's visits
// due today, the red ones among them, and the visits waiting on the phone.
export default [
  { key: 'careDue', title: 'careHome.due', perm: 'care_visit', scopes: ['grid'], order: 4, component: () => import('./DueCard.vue') },
]
