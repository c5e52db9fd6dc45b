export default [
  { path: 'ledger', name: 'ledger', component: () => import('./pages/LedgerPage.vue'), meta: { nav: 'ledger' } },
  { path: 'ledger/statement', name: 'ledgerStatement', component: () => import('./pages/StatementPage.vue'), meta: { nav: 'ledgerStatement' } },
]
