import { Money, Document } from '@element-plus/icons-vue'

export default [
  { key: 'ledgerStatement', path: '/ledger/statement', perm: 'ledger_read', el: Document, van: 'balance-list-o', order: 15 },
  { key: 'ledger', path: '/ledger', perm: 'ledger_write', el: Money, van: 'gold-coin-o', order: 16 },
]
