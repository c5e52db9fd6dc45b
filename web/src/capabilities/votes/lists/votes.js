// Votes in reach (GET /votes), newest first.
import { defineList } from '@/kit/list.js'
import { statusLabel, when } from '../words.js'

const STATUS_TAG = { draft: 'info', published: 'warning', open: 'success', preliminary: 'warning', final: '', cancelled: 'info' }

export default defineList({
  id: 'votes',
  endpoint: '/api/v1/votes',
  pageSize: 30,
  rowTestid: 'vote-row',
  filters: [
    {
      name: 'status',
      kind: 'select',
      label: 'votes.status',
      options: ['draft', 'published', 'open', 'preliminary', 'final', 'cancelled'].map((v) => ({ value: v, label: `votes.statuses.${v}` })),
    },
  ],
  columns: [
    { key: 'title', label: 'votes.title', link: true, minWidth: 220, phone: 'title' },
    { key: 'place', label: 'votes.place', width: 170, value: (v) => v.place && v.place.label, phone: 'line' },
    { key: 'closes_at', label: 'votes.closesAt', width: 170, value: (v) => when(v.closes_at), phone: 'meta' },
    { key: 'status', label: 'votes.status', width: 110, value: (v) => statusLabel(v.status), tag: (v) => ({ type: STATUS_TAG[v.status] || 'info' }), phone: 'value' },
  ],
  link: (v) => ({ name: 'vote', params: { id: v.id } }),
  empty: 'votes.none',
})
