// Names in the order people count them: "2幢" before "10幢", and Chinese
// numerals by value, so "第一网格, 第二网格, … 第十网格, 第十一网格".
// Used by the place lists and pickers: the server pages places in plain
// name order (its cursor needs a stable order); a whole level is sorted here.
//
//   items.sort(byNaturalName)            // objects with a `name`
//   names.sort(naturalCompare)           // plain strings

const DIGITS = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const UNITS = { 十: 10, 百: 100, 千: 1000 }
const RUN = /\d+|[零〇一二两三四五六七八九十百千]+/g

// The value of a run of Chinese numerals: "十一" 11, "二十" 20, "一百零五" 105.
export function chineseNumber(s) {
  let total = 0
  let digit = 0
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch]
    else {
      total += (digit || 1) * UNITS[ch]
      digit = 0
    }
  }
  return total + digit
}

// The name cut into text and numbers: "第十一网格" → ['第', 11, '网格'].
function parts(name) {
  const out = []
  let last = 0
  for (const m of String(name ?? '').matchAll(RUN)) {
    if (m.index > last) out.push(name.slice(last, m.index))
    out.push(/\d/.test(m[0]) ? Number(m[0]) : chineseNumber(m[0]))
    last = m.index + m[0].length
  }
  if (last < String(name ?? '').length) out.push(String(name).slice(last))
  return out
}

const collator = new Intl.Collator('zh-CN')

export function naturalCompare(a, b) {
  const x = parts(a)
  const y = parts(b)
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]
    const q = y[i]
    if (typeof p === 'number' && typeof q === 'number') {
      if (p !== q) return p - q
    } else if (typeof p === 'number' || typeof q === 'number') {
      return typeof p === 'number' ? -1 : 1 // a number before text
    } else {
      const c = collator.compare(p, q)
      if (c) return c
    }
  }
  return x.length - y.length || collator.compare(String(a ?? ''), String(b ?? ''))
}

export const byNaturalName = (a, b) => naturalCompare(a && a.name, b && b.name)

// A level of places in natural name order within each kind, the kinds kept
// in the order they came (the server lists them kind by kind).
export function sortPlaces(items) {
  const kinds = [...new Set(items.map((p) => p.kind))]
  return [...items].sort((a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || byNaturalName(a, b))
}
