// What an 18-character resident ID number (GB 11643) says: the birth date
// (characters 7–14), the sex (the 17th: odd for men) and whether the last
// character is its check digit. The server checks the same; this lets a form
// fill in sex and birth date as the number is typed and say what is wrong.
//
//   readIdNumber('320902198604120103')
//   → { problem: '', birthDate: '1986-04-12', sex: 'female' }
//   idNumberMessage(readIdNumber(v).problem)   // '' or the words for a person
import { addMessages, t } from './i18n.js'

addMessages(
  {
    'zh-CN': {
      idNumber: {
        length: '身份证号须为 18 位（现在是 {n} 位）',
        format: '身份证号前 17 位须为数字，最后一位是数字或 X',
        date: '身份证号里的出生日期（第 7–14 位）不是有效日期',
        check: '身份证号的校验位不对，请逐位核对',
      },
    },
    en: {
      idNumber: {
        length: 'An ID number has 18 characters (this has {n})',
        format: 'The first 17 characters are digits; the last is a digit or X',
        date: 'The birth date in the ID number (characters 7–14) is not a real date',
        check: 'The check digit is wrong: check each character',
      },
    },
  },
  'kit/idNumber',
)

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

// The check digit of the first 17 digits.
export function checkDigit(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

function realDate(y, m, d) {
  const x = new Date(Date.UTC(y, m - 1, d))
  return x.getUTCFullYear() === y && x.getUTCMonth() === m - 1 && x.getUTCDate() === d
}

// { problem: '' | 'length' | 'format' | 'date' | 'check', n (characters typed), birthDate, sex }.
// birthDate and sex are given whenever the first 17 characters are readable,
// even with a wrong check digit. Spaces are ignored, a final x counts as X.
export function readIdNumber(raw) {
  const v = String(raw || '').replace(/\s+/g, '').toUpperCase()
  const out = { problem: '', n: v.length, birthDate: '', sex: '' }
  if (!v) return out
  if (v.length !== 18) return { ...out, problem: 'length' }
  if (!/^\d{17}[\dX]$/.test(v)) return { ...out, problem: 'format' }
  const y = Number(v.slice(6, 10))
  const m = Number(v.slice(10, 12))
  const d = Number(v.slice(12, 14))
  if (!realDate(y, m, d)) return { ...out, problem: 'date' }
  out.birthDate = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`
  out.sex = Number(v[16]) % 2 === 1 ? 'male' : 'female'
  if (checkDigit(v) !== v[17]) out.problem = 'check'
  return out
}

// The words for readIdNumber's problem ('' when there is none).
export function idNumberMessage(read) {
  return read && read.problem ? t(`idNumber.${read.problem}`, { n: read.n }) : ''
}
