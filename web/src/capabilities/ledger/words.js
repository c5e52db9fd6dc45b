// How an entry reads: its category, amount and what authorised it.
import { t } from '@/kit/i18n.js'
import { fenToYuan } from './money.js'

export const categoryLabel = (c) => t(`ledger.categories.${c}`)

export function authorisationText(e) {
  const a = e.authorisation
  if (a && a.kind === 'vote')
    return t('ledger.voteOf', { id: a.vote.id, title: a.vote.title, outcome: t(`ledger.outcomes.${a.vote.outcome}`) })
  if (a && a.kind === 'decision')
    return t('ledger.decisionOf', { id: a.decision.id, topic: a.decision.meeting.topic, text: a.decision.text })
  if (e.flagged) return t('ledger.flagged')
  if (e.reverses_id) return t('ledger.reversal', { id: e.reverses_id })
  return ''
}

// What the entry did to the balance: +income, -spending (a reversal the other way).
export function signedYuan(e) {
  const fen = e.direction === 'spending' ? -e.amount_fen : e.amount_fen
  return (fen > 0 ? '+' : '') + fenToYuan(fen)
}
