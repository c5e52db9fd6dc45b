export default [
  { path: 'votes', name: 'votes', component: () => import('./pages/VotesPage.vue'), meta: { nav: 'votes' } },
  {
    path: 'votes/:id(\\d+)',
    name: 'vote',
    component: () => import('./pages/VotePage.vue'),
    meta: { nav: 'votes', back: true, title: 'votes.vote' },
  },
]
