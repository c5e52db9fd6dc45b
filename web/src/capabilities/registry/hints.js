// Client-side hints of the resident form (the server has the last word), and
// small labels of resident records.
import { t } from '@/kit/i18n.js'
import { session } from '@/kit/session.js'

// The roles that see ID and phone numbers whole, and so may search by them
// (docs/privacy.md). The server decides; this only words the search box.
const SEE_NUMBERS = ['admin', 'subdistrict_officer', 'community_staff', 'grid_leader', 'grid_worker', 'resident']
export const seesNumbers = () => !!session.user && SEE_NUMBERS.includes(session.user.role)

export const sexLabel = (s) => (s === 'male' ? t('resident.male') : s === 'female' ? t('resident.female') : '')

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
