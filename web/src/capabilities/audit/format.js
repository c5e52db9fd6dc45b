// How the audit pages name who did something, what it was done to, and
// each changed field: a field's name comes from the capability that owns
// the record (its description's `auditFields`: record kind → field → key of
// its words, or { label, values } when the field holds codes with words of
// their own, or null for a field not worth showing), so the log speaks the
// words its forms speak.
import { CAPABILITIES } from '@/app/capabilities.js'
import { labelOf, roleLabel, t, locale, has } from '@/kit/i18n.js'

// "张玉（社区工作人员）"; a change no person made is the system's.
export const who = (row) =>
  row.user_id === null || row.user_id === undefined
    ? t('audit.system')
    : row.user_name
      ? locale.value === 'en'
        ? `${row.user_name} (${roleLabel(row.user_role)})`
        : `${row.user_name}（${roleLabel(row.user_role)}）`
      : `#${row.user_id}`

export const actionLabel = (a) => labelOf('audit.actions', a)
export const entityLabel = (e) => labelOf('audit.entities', e)
export const fieldsLabel = (fields) =>
  String(fields || '')
    .split(',')
    .filter(Boolean)
    .map((f) => labelOf('audit.fields', f))
    .join(locale.value === 'en' ? ', ' : '、')
export const subjectLabel = (s) => labelOf('audit.subjects', s)

let fieldWords = null
function wordsOf(entity) {
  if (!fieldWords) {
    fieldWords = {}
    for (const c of CAPABILITIES) for (const [kind, words] of Object.entries(c.auditFields || {})) fieldWords[kind] = { ...fieldWords[kind], ...words }
  }
  return fieldWords[entity] || {}
}

// A changed field's name: the owning capability's word, else the shared
// audit words, else the field's code.
export function fieldLabel(entity, field) {
  const w = wordsOf(entity)[field]
  if (w) return t(typeof w === 'string' ? w : w.label)
  return has(`audit.fields.${field}`) ? t(`audit.fields.${field}`) : field
}
const hidden = (entity, field) => field === 'id' || wordsOf(entity)[field] === null
// A coded value in its words ("tenant" → "租户") when the field says where they are.
function fieldValue(entity, field, v) {
  const w = wordsOf(entity)[field]
  return w && w.values && typeof v === 'string' ? labelOf(w.values, v) : valueText(v)
}

// A value as a person reads it: names of objects that have one, lists
// joined, nothing as a dash.
export function valueText(v) {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no')
  if (Array.isArray(v)) return v.length ? v.map(valueText).join(locale.value === 'en' ? ', ' : '、') : '—'
  if (typeof v === 'object') {
    const name = locale.value === 'en' ? v.name_en || v.name || v.label || v.name_zh : v.name_zh || v.name || v.label
    return name ? String(name) : JSON.stringify(v)
  }
  return String(v)
}

// The change as rows: [{ field, label, before, after }] for each field that
// differs (a creation lists what was set, a removal what was there).
export function changeRows(row) {
  const before = row.before && typeof row.before === 'object' ? row.before : {}
  const after = row.after && typeof row.after === 'object' ? row.after : {}
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const blank = (v) => v === null || v === undefined || v === ''
  return keys
    .filter((k) => !hidden(row.entity, k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .filter((k) => !(blank(before[k]) && blank(after[k])))
    .map((k) => ({
      field: k,
      label: fieldLabel(row.entity, k),
      before: fieldValue(row.entity, k, before[k]),
      after: fieldValue(row.entity, k, after[k]),
    }))
}
