// Small shared helpers of the registry pages: places of one kind, the lazy
// place pickers, the tag list and tag colours, client-side field hints.
import { reactive, ref } from 'vue'
import { api } from './api.js'
import { session } from './session.js'
import { t } from './i18n.js'

// ---- places ----

// Grids, micro-grids and zones are drawn over the sub-district → community →
// compound → building tree, so GET /places?parent_id= of a grid answers
// buildings that also sit under their compound. Pickers walk the plain tree
// and open an overlay only when it is the caller's scope root.
const OVERLAY = ['grid', 'micro_grid', 'zone']

export async function pickerChildren(parent, parentIsRoot) {
  const data = await api.places(parent ? parent.id : undefined)
  const items = data.items || []
  if (!parent) return items
  if (OVERLAY.includes(parent.kind)) return parentIsRoot ? items.filter((p) => !OVERLAY.includes(p.kind)) : []
  return items.filter((p) => p.kind !== 'zone' && p.kind !== 'micro_grid')
}

// Every visible place of `kind` (community or grid), walking down from the
// caller's roots through sub-districts and communities only.
const WALK = { community: ['subdistrict'], grid: ['subdistrict', 'community'], compound: ['subdistrict', 'community'] }
export async function placesOfKind(kind) {
  const walk = WALK[kind] || []
  const out = []
  const seen = new Set()
  let level = (await api.places()).items || []
  for (let depth = 0; level.length && depth < 4; depth++) {
    const next = []
    for (const p of level) {
      if (seen.has(p.id)) continue
      seen.add(p.id)
      if (p.kind === kind) out.push(p)
      else if (walk.includes(p.kind)) next.push(p)
    }
    level = []
    for (const p of next) level.push(...(((await api.places(p.id)).items || []).filter((c) => c.kind === kind || walk.includes(c.kind))))
  }
  return out
}

// The phone drill-down of the places page, kept while the user looks at an
// elevation or a resident and comes back.
export const placesTrail = ref([])

// ---- tags ----

const tagState = reactive({ items: [], loadedFor: null, loading: null })

// GET /tags once per signed-in user; [] for callers without resident_read.
export function loadTags() {
  const who = session.user ? session.user.id : null
  if (tagState.loadedFor === who && !tagState.loading) return Promise.resolve(tagState.items)
  if (tagState.loading && tagState.loadingFor === who) return tagState.loading
  if (!session.permissions.includes('resident_read')) {
    tagState.items = []
    tagState.loadedFor = who
    return Promise.resolve([])
  }
  tagState.loadingFor = who
  tagState.loading = api
    .tags()
    .then((data) => {
      tagState.items = data.items || []
      tagState.loadedFor = who
      return tagState.items
    })
    .finally(() => {
      tagState.loading = null
    })
  return tagState.loading
}
export const tags = tagState

const TAG_COLOURS = {
  aged_80_plus: '#d48806',
  living_alone: '#d93026',
  empty_nest: '#f56c2d',
  disabled: '#7c4dff',
  seriously_ill: '#c2185b',
  preschool_child: '#2e9d57',
  low_income: '#1e7ec8',
}
const PALETTE = ['#0097a7', '#8d6e63', '#5c6bc0', '#9e9d24', '#ad1457', '#00897b', '#6d4c41', '#3949ab']
/* The tag record for a code (its names and whether it is sensitive), once loaded. */
export const tagOf = (code) => tags.items.find((x) => x.code === code)

export const sexLabel = (s) => (s === 'male' ? t('resident.male') : s === 'female' ? t('resident.female') : '')

export function tagColour(code) {
  if (TAG_COLOURS[code]) return TAG_COLOURS[code]
  let h = 0
  for (const ch of String(code)) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return PALETTE[h % PALETTE.length]
}

// ---- field hints (the server has the last word) ----

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

// '' when fine, else a message. Masked values (with *) are never checked.
export function idNumberHint(v) {
  if (!v) return ''
  if (!/^\d{17}[\dX]$/.test(v)) return t('resident.idBad')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11] === v[17] ? '' : t('resident.idBad')
}

export function phoneHint(v) {
  if (!v) return ''
  return /^\d{11}$/.test(v) ? '' : t('resident.phoneBad')
}

export function todayChina() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
}

export function dateHint(v, { notFuture = false } = {}) {
  if (!v) return ''
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (!m) return t('resident.dateBad')
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return t('resident.dateBad')
  if (notFuture && v > todayChina()) return t('resident.dateFuture')
  return ''
}

export const isMasked = (v) => typeof v === 'string' && v.includes('*')
