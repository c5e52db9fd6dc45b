// /complaint and /red-black-list are public: anyone files or reads without
// signing in.
export default [
  { path: '/complaint', name: 'oversightComplain', component: () => import('./pages/ComplaintPage.vue'), meta: { public: true } },
  { path: '/red-black-list', name: 'oversightList', component: () => import('./pages/RedBlackPage.vue'), meta: { public: true } },
  { path: 'oversight/complaints', name: 'oversightComplaints', component: () => import('./pages/ConsolePage.vue'), meta: { nav: 'oversightComplaints' } },
  {
    path: 'oversight/complaints/:id(\\d+)',
    name: 'oversightComplaint',
    component: () => import('./pages/ConsolePage.vue'),
    meta: { nav: 'oversightComplaints', back: true, title: 'oversight.complaint' },
  },
  { path: 'oversight/ratings', name: 'oversightRatings', component: () => import('./pages/EvaluationPage.vue'), meta: { nav: 'oversightRatings' } },
]
