export default [{ path: 'orgs', name: 'orgs', component: () => import('./pages/OrgsPage.vue'), meta: { nav: 'orgs' } }]
