// GET /api/v1/audit: every change, newest first; a row unfolds to its before
// and after (the page's expand slot).
import { defineList } from '@/kit/list.js'
import { formatTime } from '@/kit/format.js'
import { who, actionLabel, entityLabel } from '../format.js'

const entity = (row) => [entityLabel(row.entity), row.entity_id].filter((v) => v !== null && v !== undefined && v !== '').join(' #')

export default defineList({
  id: 'audit',
  endpoint: '/api/v1/audit',
  pageSize: 50,
  stripe: false,
  rowTestid: 'audit-row',
  columns: [
    { key: 'id', label: 'common.id', width: 80 },
    { key: 'at', label: 'audit.at', width: 190, value: (r) => formatTime(r.at) },
    { key: 'user', label: 'audit.user', minWidth: 140, value: (r) => who(r.user_id) },
    { key: 'action', label: 'audit.action', minWidth: 160, value: (r) => actionLabel(r.action), tag: (r) => ({ effect: 'plain', size: 'default', title: r.action }), phone: 'title' },
    { key: 'entity', label: 'audit.entity', minWidth: 140, value: entity, phone: 'value' },
    { key: 'when', label: 'audit.at', console: false, phone: 'line', value: (r) => `${formatTime(r.at)} · ${who(r.user_id)}` },
  ],
})
