export default [{ path: 'coverage', name: 'coverage', component: () => import('./pages/CoveragePage.vue'), meta: { nav: 'coverage' } }]
