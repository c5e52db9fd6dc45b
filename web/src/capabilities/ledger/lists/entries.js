// A compound's ledger entries (GET /ledger/entries), newest first; staff
// reverse an entry from its row.
import { ElMessageBox } from 'element-plus'
import { defineList } from '@/kit/list.js'
import { t } from '@/kit/i18n.js'
import { ledgerApi } from '../api.js'
import { authorisationText, categoryLabel, signedYuan } from '../words.js'

export default defineList({
  id: 'ledger-entries',
  endpoint: '/api/v1/ledger/entries',
  pageSize: 30,
  filters: [
    {
      name: 'category',
      kind: 'select',
      label: 'ledger.category',
      options: ['parking', 'advertising', 'rent', 'other_income', 'repair', 'other_spending'].map((v) => ({ value: v, label: `ledger.categories.${v}` })),
    },
    { name: 'flagged', kind: 'switch', label: 'ledger.flaggedOnly' },
  ],
  columns: [
    { key: 'id', label: '#', width: 70 },
    { key: 'date', label: 'ledger.date', width: 110, phone: 'meta' },
    { key: 'category', label: 'ledger.category', width: 110, value: (e) => categoryLabel(e.category), phone: 'meta' },
    { key: 'amount_fen', label: 'ledger.amount', width: 130, align: 'right', value: signedYuan, phone: 'value' },
    { key: 'description', label: 'ledger.description', minWidth: 200, phone: 'title' },
    { key: 'authorisation', label: 'ledger.authorisation', minWidth: 240, value: authorisationText, tag: (e) => (e.flagged ? { type: 'danger' } : null), phone: 'line' },
    { key: 'entered_by', label: 'ledger.enteredBy', width: 100 },
  ],
  link: null,
  actions: [
    {
      key: 'reverse',
      label: 'ledger.reverse',
      type: 'danger',
      show: (e) => !e.reverses_id && !e.reversed_by,
      // The reason is asked first; closing the box cancels (shown as such).
      run: async (e) => {
        let reason
        try {
          reason = (await ElMessageBox.prompt(t('ledger.reverseAsk'), `${t('ledger.reverse')} #${e.id}`, { inputPattern: /\S/ })).value
        } catch {
          throw new Error(t('common.cancel'))
        }
        return ledgerApi.reverse(e.id, reason.trim())
      },
      done: () => t('ledger.saved'),
    },
  ],
  empty: 'ledger.noEntries',
})
