// The one paging idiom of the UI. Every list route answers
// {"items": [...], "next_after": id | null} and takes ?limit=&after=
// (docs/api-contract.md); an answer without next_after is the whole list.
//
//   const list = usePagedList('/api/v1/residents', () => ({ q: 'x' }), { pageSize: 30, count: true })
//   list.items / list.loading / list.error (an ApiError) / list.finished
//   list.total / list.totalCapped (with opts.count: how many the list holds)
//   list.reload() · list.loadMore() · list.loadAll() · list.replace(row)
//
// endpoint and params may be plain values, refs or getters; a change of either
// reloads from the first page, and so does any write the UI makes (dataVersion
// in api.js), so a list never shows what a change has made stale. An answer
// that arrives after a newer request was made is dropped, so quick filter
// changes never mix pages of two queries.
//
// opts.count asks the first page for its total (?count=1): lists that offer it
// answer "total" and, when they stopped counting, "total_capped".
import { computed, ref, shallowRef, toValue, watch } from 'vue'
import { request, qs, dataVersion } from './api.js'

export function usePagedList(endpoint, params = {}, opts = {}) {
  const pageSize = opts.pageSize || 30
  const items = ref([])
  const next = ref(null) // the cursor of the next page, null on the last
  const loading = ref(false)
  const loaded = ref(false) // the first page has been answered
  const error = shallowRef(null) // ApiError of the last request, or null
  const finished = computed(() => loaded.value && next.value == null)
  const total = ref(null) // null: not asked, or not answered
  const totalCapped = ref(false)
  let seq = 0

  async function load(more) {
    const mine = ++seq
    loading.value = true
    error.value = null
    if (!more) {
      loaded.value = false
      next.value = null
    }
    try {
      const p = { ...toValue(params), limit: pageSize, after: more ? next.value : undefined }
      if (opts.count && !more) p.count = 1
      const data = await request('GET', `${toValue(endpoint)}${qs(p)}`)
      if (mine !== seq) return
      if (!more) {
        total.value = data && typeof data.total === 'number' ? data.total : null
        totalCapped.value = !!(data && data.total_capped)
      }
      const got = (data && data.items) || []
      items.value = more ? [...items.value, ...got] : got
      next.value = data && data.next_after != null ? data.next_after : null
      loaded.value = true
    } catch (err) {
      if (mine !== seq) return
      if (!more) {
        items.value = []
        total.value = null
      }
      error.value = err
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  const reload = () => load(false)
  // The next page, when there is one and nothing is on its way.
  const loadMore = () => (next.value != null && !loading.value ? load(true) : Promise.resolve())

  // Every page (for short lists shown whole, e.g. a dwelling's residents);
  // stops at `maxPages` so a runaway list cannot hang the page.
  async function loadAll(maxPages = 20) {
    await reload()
    for (let i = 1; i < maxPages && next.value != null && !error.value; i++) await load(true)
  }

  // A row changed by an action: swap it in place (matched by id).
  function replace(row) {
    const i = items.value.findIndex((x) => x.id === row.id)
    if (i >= 0) items.value[i] = row
  }

  const again = () => (opts.all ? loadAll() : reload())
  if (opts.watch !== false) {
    watch(() => JSON.stringify([toValue(endpoint), toValue(params)]), again)
    watch(dataVersion, again)
  }
  if (opts.immediate !== false) again()

  return { items, next, loading, loaded, error, finished, total, totalCapped, reload, loadMore, loadAll, replace, pageSize }
}
