import tags from './lists/tags.js'

export default [
  { path: 'residents', name: 'residents', component: () => import('./pages/ResidentsPage.vue'), meta: { nav: 'residents' } },
  {
    path: 'residents/:id',
    name: 'resident',
    component: () => import('./pages/ResidentPage.vue'),
    meta: { nav: 'residents', back: true, title: 'resident.title' },
  },
  // A list with nothing of its own around it is its definition and ListPage.
  { path: 'tags', name: 'tags', component: () => import('@/kit/ListPage.vue'), props: { def: tags }, meta: { nav: 'tags' } },
]
