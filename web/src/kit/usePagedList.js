// The one paging idiom of the UI. Every list route answers
// {"items": [...], "next_after": id | null} and takes ?limit=&after=
// (docs/api-contract.md); an answer without next_after is the whole list.
//
//   const list = usePagedList('/api/v1/residents', () => ({ q: 'x' }), { pageSize: 30 })
//   list.items / list.loading / list.error (an ApiError) / list.finished
//   list.reload() · list.loadMore() · list.loadAll() · list.replace(row)
//
// endpoint and params may be plain values, refs or getters; a change of either
// reloads from the first page. An answer that arrives after a newer request was
// made is dropped, so quick filter changes never mix pages of two queries.
import { computed, ref, shallowRef, toValue, watch } from 'vue'
import { request, qs } from './api.js'

export function usePagedList(endpoint, params = {}, opts = {}) {
  const pageSize = opts.pageSize || 30
  const items = ref([])
  const next = ref(null) // the cursor of the next page, null on the last
  const loading = ref(false)
  const loaded = ref(false) // the first page has been answered
  const error = shallowRef(null) // ApiError of the last request, or null
  const finished = computed(() => loaded.value && next.value == null)
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
      const data = await request('GET', `${toValue(endpoint)}${qs(p)}`)
      if (mine !== seq) return
      const got = (data && data.items) || []
      items.value = more ? [...items.value, ...got] : got
      next.value = data && data.next_after != null ? data.next_after : null
      loaded.value = true
    } catch (err) {
      if (mine !== seq) return
      if (!more) items.value = []
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

  if (opts.watch !== false)
    watch(
      () => JSON.stringify([toValue(endpoint), toValue(params)]),
      () => (opts.all ? loadAll() : reload()),
    )
  if (opts.immediate !== false) opts.all ? loadAll() : reload()

  return { items, next, loading, loaded, error, finished, reload, loadMore, loadAll, replace, pageSize }
}
