// Amounts are whole fen on the wire (docs/api-ledger.md); people type and
// read yuan. Converted as text, never through floating point.
const YUAN = /^(\d{1,8})(?:\.(\d{1,2}))?$/

// "48600.5" -> 4860050; null when it is not an amount of yuan.
export function yuanToFen(text) {
  const m = YUAN.exec(String(text || '').trim().replace(/,/g, ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
}

// 4860050 -> "48,600.50"; negative amounts keep their sign.
export function fenToYuan(fen) {
  const n = Number(fen || 0)
  const sign = n < 0 ? '-' : ''
  const abs = Math.abs(n)
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`
}
