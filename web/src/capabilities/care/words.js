// Grid care in words and colours: tiers (red first), their reasons, periods,
// help tasks, consent methods and mediation statuses.
import { t, labelOf } from '@/kit/i18n.js'
import { formatTime } from '@/kit/format.js'

export const TIERS = ['red', 'orange', 'yellow', 'green']
export const METHODS = ['written', 'verbal', 'phone']
export const tierRank = (tier) => (TIERS.includes(tier) ? TIERS.indexOf(tier) : TIERS.length)
export const tierLabel = (tier) => labelOf('care.tiers', tier || 'none')
export const reasonLabel = (code) => labelOf('care.reasons', code)
export const helpLabel = (code) => labelOf('care.help', code)
export const methodLabel = (m) => labelOf('care.methods', m)
export const statusLabel = (s) => labelOf('care.statuses', s)
export const when = (v) => formatTime(v)

// The colours of the 户情图, the same on screen and on paper (care_pdf.c).
export const TIER_COLOURS = { red: '#db2626', orange: '#f58c21', yellow: '#fcd933', green: '#5cb85c' }
export const tierTextColour = (tier) => (tier === 'red' ? '#fff' : '#222')

// A tier as the tag it is drawn with: its colour, or grey when none is shown.
export const tierStyle = (tier) =>
  TIER_COLOURS[tier] ? { background: TIER_COLOURS[tier], borderColor: TIER_COLOURS[tier], color: tierTextColour(tier) } : {}

// "每天 1 次" / "5 a week, 2 accompanied".
export function ruleText(rule) {
  if (!rule) return ''
  const base = t('care.ruleText', { period: labelOf('care.periods', rule.period), visits: rule.visits })
  return rule.accompanied ? base + t('care.ruleAccompanied', { n: rule.accompanied }) : base
}

// What a due item still owes, in words.
export function owedText(item, week) {
  const parts = [week ? t('care.owedWeek', { n: item.week_owed ?? item.owed }) : t('care.owed', { n: item.owed })]
  if (item.accompanied_owed) parts.push(t('care.accompaniedOwed', { n: item.accompanied_owed }))
  return parts.join('，')
}

// The phone's time with the China offset: 2026-11-18T09:40:00+08:00.
export function chinaNow(date = new Date()) {
  return new Date(date.getTime() + 8 * 3600e3).toISOString().replace(/\.\d{3}Z$/, '+08:00')
}
