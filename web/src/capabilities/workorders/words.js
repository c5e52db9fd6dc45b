// Work orders in words: statuses, actions, classes, outcomes, categories,
// places and people, as the pages and lists show them.
import { t, labelOf, locale } from '@/kit/i18n.js'
import { formatTime } from '@/kit/format.js'

export const STATUSES = ['reported', 'dispatched', 'taken', 'on_site', 'resolved', 'rated', 'closed', 'suspended']
export const DIFFICULTIES = ['simple', 'general', 'complex', 'difficult']

export const statusLabel = (s) => labelOf('wo.statuses', s)
export const actionLabel = (a) => labelOf('wo.actions', a)
export const difficultyLabel = (d) => labelOf('wo.difficulties', d)
export const levelLabel = (l) => labelOf('wo.levels', l)
export const outcomeLabel = (o) => labelOf('wo.outcomes', o)
export const channelLabel = (c) => labelOf('wo.channels', c)

// The colour of a status: waiting for a dispatcher (amber), being handled
// (dark grey), resolved (green), stopped or closed (grey). Red is kept for
// what is late.
const STATUS_TAGS = {
  reported: { type: 'warning' },
  dispatched: { type: 'info', effect: 'dark' },
  taken: { type: 'info', effect: 'dark' },
  on_site: { type: 'info', effect: 'dark' },
  resolved: { type: 'success' },
  rated: { type: 'success' },
  closed: { type: 'info', effect: 'plain' },
  suspended: { type: 'info' },
}
export const statusTag = (s) => STATUS_TAGS[s] || { type: 'info' }
// The same as a Vant tag type (phones).
export const statusVant = (s) => ({ warning: 'warning', success: 'success' })[statusTag(s).type] || 'default'

// A category in the reader's language.
export const categoryName = (c) => (c ? (locale.value === 'en' ? c.name_en || c.name_zh : c.name_zh) || c.code : '')

// The categories (a flat page with parent_id) as a tree of the enabled ones,
// for the cascader: [{ value, label, children? }].
export function categoryTree(items) {
  const enabled = items.filter((c) => c.enabled !== false)
  const kids = new Map()
  for (const c of enabled) {
    const k = c.parent_id || 0
    if (!kids.has(k)) kids.set(k, [])
    kids.get(k).push(c)
  }
  const build = (parent) =>
    (kids.get(parent) || []).map((c) => {
      const children = build(c.id)
      return { value: c.id, label: categoryName(c), text: categoryName(c), ...(children.length ? { children } : {}) }
    })
  return build(0)
}

// "给水 · 紫薇花园 1幢 1单元 101"
export const placeText = (o) => (o ? [o.place && o.place.label, o.place_text].filter(Boolean).join(' · ') : '')
export const assigneeText = (o) => (o.assignee ? o.assignee.name : o.grab ? t('wo.grabPool') : t('wo.noAssignee'))
export const reporterText = (o) =>
  o.reporter ? [o.reporter.name || labelOf('wo.reporterKinds', o.reporter.kind), o.reporter.phone].filter(Boolean).join(' ') : ''

// How an order ended: "已解决", "未解决：居民不在家", "非本单位职责：供电公司".
export function outcomeText(o) {
  if (!o.outcome) return ''
  const extra = o.outcome === 'not_ours' ? o.responsible : o.outcome === 'not_fixed' ? o.outcome_note : ''
  return extra ? `${outcomeLabel(o.outcome)}：${extra}` : outcomeLabel(o.outcome)
}

export const when = (v) => formatTime(v)
