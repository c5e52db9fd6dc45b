// A small own dictionary: zh-CN first, English second. The choice is kept in
// localStorage and sent to the server as Accept-Language, so problem titles
// come back in the same language.
//
// The words live with what uses them: the kit's shared ones in kit/messages.js,
// each capability's in its own i18n.js (`{ 'zh-CN': {...}, en: {...} }`),
// merged into one dictionary at start-up by addMessages (app/i18n.js).
import { ref } from 'vue'
import shared from './messages.js'

const STORAGE_KEY = 'hongwu.locale'
export const LOCALES = ['zh-CN', 'en']

const messages = { 'zh-CN': {}, en: {} }

function isObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

// Deep-merges `from` into `into`; a key two sources both define as a string is
// a mistake (one would silently win), so it is reported.
function merge(into, from, source, path) {
  for (const [k, v] of Object.entries(from)) {
    const here = path ? `${path}.${k}` : k
    if (isObject(v)) {
      if (into[k] !== undefined && !isObject(into[k])) console.warn(`i18n: ${source} redefines ${here}`)
      if (!isObject(into[k])) into[k] = {}
      merge(into[k], v, source, here)
    } else {
      if (into[k] !== undefined && into[k] !== v) console.warn(`i18n: ${source} redefines ${here}`)
      into[k] = v
    }
  }
}

// bundle: { 'zh-CN': {...}, en: {...} } from a capability's i18n.js.
export function addMessages(bundle, source = 'messages') {
  for (const loc of LOCALES) if (bundle && bundle[loc]) merge(messages[loc], bundle[loc], `${source} (${loc})`, '')
}

addMessages(shared, 'kit')

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (LOCALES.includes(saved)) return saved
  } catch {
    /* storage blocked: fall back to Chinese */
  }
  return 'zh-CN'
}

export const locale = ref(initialLocale())

function applyDocument() {
  if (typeof document !== 'undefined') document.documentElement.lang = locale.value
}
applyDocument()

export function setLocale(next) {
  if (!LOCALES.includes(next)) return
  locale.value = next
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {
    /* ignore */
  }
  applyDocument()
}

export function toggleLocale() {
  setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN')
}

function lookup(dict, key) {
  let v = dict
  for (const part of key.split('.')) {
    if (v == null || typeof v !== 'object') return undefined
    v = v[part]
  }
  return typeof v === 'string' ? v : undefined
}

// t('users.created', { login: 'x' }); falls back to Chinese, then to the key.
export function t(key, params) {
  let s = lookup(messages[locale.value], key) ?? lookup(messages['zh-CN'], key) ?? key
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m))
  return s
}

export function has(key) {
  return lookup(messages[locale.value], key) !== undefined
}

// A label from a dictionary group, or the code itself when unknown.
export const labelOf = (group, code) => (code ? (has(`${group}.${code}`) ? t(`${group}.${code}`) : code) : '')
export const roleLabel = (role) => labelOf('role', role)
export const kindLabel = (kind) => labelOf('kind', kind)
// A wait from Retry-After, read aloud: seconds under two minutes, else minutes.
export const formatWait = (sec) =>
  sec < 120 ? t('common.seconds', { n: Math.max(0, Math.ceil(sec)) }) : t('common.minutes', { n: Math.ceil(sec / 60) })
export const placeWithKind = (place) =>
  place ? (locale.value === 'en' ? `${place.name} (${kindLabel(place.kind)})` : `${place.name}（${kindLabel(place.kind)}）`) : ''
// A tag's name in the chosen language, from GET /tags items.
export const tagName = (tag) => (tag ? (locale.value === 'en' ? tag.name_en || tag.name_zh : tag.name_zh) || tag.code : '')
