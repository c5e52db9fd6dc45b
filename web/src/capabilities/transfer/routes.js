export default [
  { path: 'import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { nav: 'import' } },
  { path: 'roster', name: 'roster', component: () => import('./pages/RosterPage.vue'), meta: { nav: 'roster' } },
]
