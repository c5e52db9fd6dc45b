import { t } from '@/kit/i18n.js'
import { formatTime } from '@/kit/format.js'

export const statusLabel = (s) => t(`votes.statuses.${s}`)
export const choiceLabel = (c) => (c ? t(`votes.choices.${c}`) : t('votes.secretChoice'))
export const when = (v) => (v ? formatTime(v) : '—')
// "2/3", "3/4", "1/2" with the law's comparison: ≥ or >.
export const fraction = (c) => `${c.rule === '>=' ? '≥' : '>'} ${c.num}/${c.den}`
export const percent = (count, of) => (of > 0 ? `${((100 * count) / of).toFixed(1)}%` : '—')
