// The tag list (GET /tags, once per signed-in user) and tag colours: read by
// the list filter of kind 'tag', the tag chips and the registry pages.
import { reactive } from 'vue'
import { api } from './api.js'
import { session } from './session.js'

const tagState = reactive({ items: [], loadedFor: null, loading: null, loadingFor: null })

// [] for callers without resident_read.
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

/* The tag record for a code (its names and whether it is sensitive), once loaded. */
export const tagOf = (code) => tags.items.find((x) => x.code === code)

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

export function tagColour(code) {
  if (TAG_COLOURS[code]) return TAG_COLOURS[code]
  let h = 0
  for (const ch of String(code)) h = (h * 31 + ch.charCodeAt(0)) >>> 0
  return PALETTE[h % PALETTE.length]
}
