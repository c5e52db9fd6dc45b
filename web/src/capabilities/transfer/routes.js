export default [{ path: 'import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { nav: 'import' } }]
