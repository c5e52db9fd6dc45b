// GET /api/v1/audit: every change and sign-in, newest first, filtered by
// person (name or login), sign-ins or changes, action, record kind and days;
// a row unfolds to its before → after table (the page's expand slot). The
// filters live in the address, and the export takes the same ones.
import { defineList } from '@/kit/list.js'
import { formatTime } from '@/kit/format.js'
import { t } from '@/kit/i18n.js'
import { who, actionLabel, entityLabel, changeRows } from '../format.js'

export const ACTIONS = ['login', 'login_failed', 'logout', 'create', 'update', 'move_out', 'withdraw', 'import', 'export', 'demo_loaded']
export const ENTITIES = ['resident', 'occupancy', 'resident_tags', 'consent', 'tag', 'place', 'user', 'community', 'work_order', 'audit_log']

const entity = (row) => [entityLabel(row.entity), row.entity_id].filter((v) => v !== null && v !== undefined && v !== '').join(' #')
// "姓名、手机号" : the names of the fields a change touched.
const changed = (row) =>
  changeRows(row)
    .map((c) => c.label)
    .join(t('audit.fieldSeparator'))

export default defineList({
  id: 'audit',
  endpoint: '/api/v1/audit',
  pageSize: 50,
  route: true,
  stripe: false,
  rowTestid: 'audit-row',
  filters: [
    { name: 'user', kind: 'text', label: 'audit.user', placeholder: 'audit.userFilter', width: 180, testid: 'audit-user' },
    {
      name: 'kind',
      kind: 'select',
      label: 'audit.kind',
      display: 'buttons',
      all: 'audit.kindAll',
      options: [
        { value: 'change', label: 'audit.kinds.change' },
        { value: 'login', label: 'audit.kinds.login' },
      ],
      testid: 'audit-kind',
    },
    { name: 'action', kind: 'select', label: 'audit.action', width: 130, options: ACTIONS.map((a) => ({ value: a, label: `audit.actions.${a}` })), testid: 'audit-action' },
    {
      name: 'entity',
      kind: 'select',
      label: 'audit.entity',
      width: 130,
      options: ENTITIES.map((e) => ({ value: e, label: `audit.entities.${e}` })),
      testid: 'audit-entity',
    },
    { name: 'from', kind: 'text', label: 'audit.from', placeholder: 'audit.fromHint', width: 150, inputmode: 'numeric', testid: 'audit-from' },
    { name: 'to', kind: 'text', label: 'audit.to', placeholder: 'audit.toHint', width: 150, inputmode: 'numeric', testid: 'audit-to' },
  ],
  columns: [
    { key: 'at', label: 'audit.at', width: 180, value: (r) => formatTime(r.at) },
    { key: 'user', label: 'audit.user', minWidth: 180, value: (r) => who(r) },
    { key: 'action', label: 'audit.action', width: 120, value: (r) => actionLabel(r.action), tag: (r) => ({ effect: 'plain', size: 'default', title: r.action }), phone: 'title' },
    { key: 'entity', label: 'audit.entity', minWidth: 130, value: entity, phone: 'value' },
    { key: 'changed', label: 'audit.changes', minWidth: 200, tooltip: true, value: changed, phone: 'line' },
    { key: 'when', label: 'audit.at', console: false, phone: 'line', value: (r) => `${formatTime(r.at)} · ${who(r)}` },
  ],
  empty: 'audit.empty',
})
