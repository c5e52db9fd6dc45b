export default [{ path: 'audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), meta: { nav: 'audit' } }]
