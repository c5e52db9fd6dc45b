// The 54321 clocks of an order (docs/api-workorders.md, "clocks"), counting
// down live. The server answers each clock's `left_s` at the moment it
// answered; a running clock then loses one second per second on screen, so
// what a person sees agrees with the server's clock (even a test clock) and
// not with the phone's.
//
//   useTicker()                 in a page's setup: `now` moves every second while it is shown
//   clockState(order, clock)    { name, left, running, paused, late, done, met, tone, text }
import { onMounted, onUnmounted, ref, toRaw } from 'vue'
import { request } from '@/kit/api.js'
import { t, locale } from '@/kit/i18n.js'
import './clocks.css'

export const now = ref(Date.now())

// How long before a deadline a clock turns amber: the sub-district's
// warn_s (GET /wo-settings), read once.
const warnS = ref(null)
let settingsAsked = false
function loadWarn() {
  if (settingsAsked) return
  settingsAsked = true
  request('GET', '/api/v1/wo-settings').then(
    (s) => (warnS.value = s && Number.isFinite(s.warn_s) ? s.warn_s : null),
    () => (settingsAsked = false),
  )
}

let users = 0
let timer = null
export function useTicker() {
  loadWarn()
  onMounted(() => {
    if (users++ === 0) timer = setInterval(() => (now.value = Date.now()), 1000)
  })
  onUnmounted(() => {
    if (--users === 0) {
      clearInterval(timer)
      timer = null
    }
  })
  return now
}

// When an order (one answer of the server) was first shown.
const seen = new WeakMap()
function seenAt(order) {
  const raw = toRaw(order)
  if (!seen.has(raw)) seen.set(raw, Date.now())
  return seen.get(raw)
}

// Whether a clock still runs: the server says so (`running`), or it is
// neither paused, nor met, nor stopped by the step that stops it.
function runs(order, c) {
  if (typeof c.running === 'boolean') return c.running
  if (c.paused || c.met === true || order.status === 'closed') return false
  if (c.name === 'on_site') return !order.on_site_at
  if (c.name === 'resolve') return !order.resolved_at
  return true
}

// "1天2小时", "2小时05分", "4分30秒", "12秒" (or 1d 2h, 2h 05m, ...).
export function formatSpan(sec) {
  const s = Math.abs(Math.trunc(sec))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = s % 60
  const pad = (n) => String(n).padStart(2, '0')
  const sep = locale.value === 'en' ? ' ' : ''
  if (d) return [t('wo.clock.d', { n: d }), h ? t('wo.clock.h', { n: h }) : ''].filter(Boolean).join(sep)
  if (h) return [t('wo.clock.h', { n: h }), t('wo.clock.m', { n: pad(m) })].join(sep)
  if (m) return [t('wo.clock.m', { n: m }), t('wo.clock.s', { n: pad(r) })].join(sep)
  return t('wo.clock.s', { n: r })
}

// The clock's name as people say it: a difficult order's resolve clock
// stops at its plan.
export const clockName = (order, c) => t(`wo.clock.${c.name === 'resolve' && order.difficulty === 'difficult' ? 'plan' : c.name}`)

export function clockState(order, c) {
  const running = runs(order, c)
  const left = running ? c.left_s - Math.floor((now.value - seenAt(order)) / 1000) : c.left_s
  const late = left < 0
  const done = !running && !c.paused
  let text
  if (done) text = c.met === false || late ? t('wo.clock.missed') : t('wo.clock.met')
  else if (c.paused) text = t(late ? 'wo.clock.pausedLate' : 'wo.clock.paused', { t: formatSpan(left) })
  else text = t(late ? 'wo.clock.late' : 'wo.clock.left', { t: formatSpan(left) })
  // running: on time; warning: due soon; danger: late (running or done late); info: paused; success: met.
  let tone = 'running'
  if (done) tone = c.met === false || late ? 'danger' : 'success'
  else if (late) tone = 'danger'
  else if (c.paused) tone = 'info'
  else if (warnS.value != null && left <= warnS.value) tone = 'warning'
  return { name: clockName(order, c), left, running, paused: !!c.paused, late, done, met: c.met, tone, text }
}

// The clocks an order shows: every one of its clocks.
export const clocksOf = (order) => (order && Array.isArray(order.clocks) ? order.clocks.map((c) => clockState(order, c)) : [])

// One clock by name, for a list column.
export function clockOf(order, name) {
  const c = order && Array.isArray(order.clocks) ? order.clocks.find((x) => x.name === name) : null
  return c ? clockState(order, c) : null
}

// The class of a clock's line on a phone list.
export function clockClass(state) {
  if (!state) return ''
  if (state.tone === 'danger') return 'wo-clock-late'
  if (state.tone === 'warning') return 'wo-clock-soon'
  return state.done ? 'wo-clock-done' : ''
}
