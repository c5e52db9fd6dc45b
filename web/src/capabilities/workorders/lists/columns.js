// The columns every list of orders shares: number, category, description,
// place, status and the two clocks counting down (red when late).
import { t } from '@/kit/i18n.js'
import { clockOf, clockClass } from '../clocks.js'
import { categoryName, placeText, statusLabel, statusTag, statusVant, assigneeText, levelLabel } from '../words.js'

// A clock's tag: green while on time, amber when due soon, red once late, grey while paused.
const CLOCK_TAGS = {
  running: { type: 'success', effect: 'plain' },
  warning: { type: 'warning' },
  danger: { type: 'danger', effect: 'dark' },
  info: { type: 'info' },
  success: { type: 'success' },
}

const clockColumn = (name, phoneOrder) => ({
  key: `clock_${name}`,
  label: `wo.clock.${name}`,
  width: 130,
  value: (o) => clockOf(o, name)?.text ?? '',
  tag: (o) => {
    const c = clockOf(o, name)
    return c ? CLOCK_TAGS[c.tone] : null
  },
  phone: 'line',
  phoneOrder,
  phoneValue: (o) => {
    const c = clockOf(o, name)
    return c ? `${c.name}：${c.text}` : ''
  },
  phoneClass: (o) => clockClass(clockOf(o, name)),
})

export const columns = {
  number: {
    key: 'number',
    label: 'wo.number',
    width: 180,
    link: true,
    badge: (o) => overdueBadge(o),
    phone: 'title',
    phoneValue: (o) => categoryName(o.category) || o.number,
  },
  category: { key: 'category', label: 'wo.category', width: 90, value: (o) => categoryName(o.category), phone: 'meta', phoneValue: (o) => o.number },
  description: { key: 'description', label: 'wo.description', minWidth: 160, tooltip: true, phone: 'line', phoneOrder: 1 },
  place: { key: 'place', label: 'wo.place', minWidth: 130, tooltip: true, value: placeText, phone: 'line', phoneOrder: 2, phoneClass: 'hw-muted' },
  status: {
    key: 'status',
    label: 'wo.status',
    width: 90,
    value: (o) => statusLabel(o.status),
    tag: (o) => ({ ...statusTag(o.status), phoneType: statusVant(o.status) }),
    phone: 'value',
  },
  onSite: clockColumn('on_site', 3),
  resolve: clockColumn('resolve', 4),
  assignee: { key: 'assignee', label: 'wo.assignee', width: 90, value: assigneeText },
  level: { key: 'level', label: 'wo.level', width: 70, value: (o) => levelLabel(o.level) },
  supporters: { key: 'supporters', label: 'wo.supporters', width: 80, align: 'center', value: (o) => (o.supporters ? String(o.supporters) : '') },
}

export const link = (o) => ({ name: 'workOrder', params: { id: o.id } })

// An action button of a list row, shown when the order allows it.
export const rowAction = (key, run, extra = {}) => ({
  key,
  label: `wo.actions.${key}`,
  testid: `wo-act-${key}`,
  show: (o) => Array.isArray(o.allowed_actions) && o.allowed_actions.includes(key),
  run,
  reload: false,
  ...extra,
})

export const overdueBadge = (o) => (o.overdue ? { text: t('wo.actions.overdue'), type: 'danger' } : null)
