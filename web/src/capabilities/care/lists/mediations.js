// Dispute mediation records (GET /care/mediations), newest first; a row
// unfolds its meetings, follow-ups and outcome (MediationDetail.vue).
import { defineList } from '@/kit/list.js'
import { statusLabel, when } from '../words.js'

const STATUS_TAG = { in_progress: 'warning', settled: 'success', failed: 'info' }

export default defineList({
  id: 'care-mediations',
  endpoint: '/api/v1/care/mediations',
  pageSize: 30,
  rowTestid: 'care-mediation-row',
  filters: [
    {
      name: 'status',
      kind: 'select',
      label: 'care.status',
      options: ['in_progress', 'settled', 'failed'].map((v) => ({ value: v, label: `care.statuses.${v}` })),
    },
  ],
  columns: [
    { key: 'matter', label: 'care.matter', minWidth: 240, phone: 'title' },
    { key: 'place', label: 'care.place', width: 160, value: (m) => m.place && m.place.label, phone: 'line' },
    { key: 'parties', label: 'care.parties', minWidth: 160, value: (m) => (m.parties || []).map((p) => (p.side ? `${p.name}（${p.side}）` : p.name)).join('、'), phone: 'line' },
    { key: 'mediator', label: 'care.mediator', width: 130, phone: 'meta' },
    { key: 'status', label: 'care.status', width: 100, value: (m) => statusLabel(m.status), tag: (m) => ({ type: STATUS_TAG[m.status] || 'info' }), phone: 'value' },
    { key: 'opened_at', label: 'care.heldAt', width: 170, value: (m) => when(m.opened_at) },
  ],
  link: null,
  empty: 'care.noMediations',
})
