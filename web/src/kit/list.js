// The list definition: one plain object per list, read by ListPage.vue, which
// draws it as an Element Plus table on the console and as a Vant list on a
// phone. A capability keeps its definitions in its lists/ folder.
//
//   export default defineList({
//     id: 'residents',                 // data-testid prefix ('residents-table', 'residents-more', ...)
//     endpoint: '/api/v1/residents',   // GET, answering {"items", "next_after"}; ?limit=&after=
//     pageSize: 30,
//     route: true,                     // filters kept in the address (a link or a reload keeps them)
//     filters: [
//       { name: 'q', kind: 'text', label: 'resident.search', param: 'q' },
//       { name: 'tag', kind: 'tag', label: 'resident.tagFilter' },                 // param defaults to name
//       { name: 'kind', kind: 'select', label: 'orgs.kind', options: [{ value: 'x', label: 'orgs.kinds.x' }] },
//       { name: 'place', kind: 'place', label: 'resident.placeFilter', pick: ['grid', 'building'],
//         params: { grid: 'grid_id', building: 'building_id' } },                 // the param follows the kind picked
//       { name: 'moved', kind: 'switch', label: 'resident.includeMovedOut', param: 'include_moved_out' }, // sends 1
//     ],
//     columns: [
//       { key: 'name', label: 'resident.name', link: true, phone: 'title', minWidth: 100 },
//       { key: 'age', label: 'resident.age', width: 64, phone: 'meta' },
//       { key: 'tags', label: 'resident.tags', cell: 'tags', phone: 'line' },
//       { key: 'status', label: 'users.status', value: (r) => ..., tag: (r) => ({ type: 'success' }), phone: 'value' },
//     ],
//     link: (row) => ({ name: 'resident', params: { id: row.id } }), // a row opens this (null: it does not)
//     actions: [{ key: 'disable', label: 'users.disable', type: 'danger', show: (r) => !r.disabled,
//                 confirm: (r) => ({ title, message }), run: async (r) => updatedRow, done: (r) => message }],
//     empty: 'common.empty',
//     count: 'resident.total',         // "共 {n} 人": the list asks for its total (?count=1)
//   })
//
// Labels are dictionary keys (or functions returning text). Columns:
//   value(row, ctx)  the text (default row[key]); ctx = { params } (the fixed params of this use)
//   cell             'text' (default) | 'tags' (codes as coloured chips)
//   tag(row)         draw the value inside a tag: { type, effect, size, phoneType } (null: plain text)
//   badge(row)       an extra tag after the value: { text, type, effect } or null
//   link             true: the value links to def.link(row); or (row) => a location or null
//   phone            where it goes in a phone row: 'title' | 'meta' (after the title, joined by ·)
//                    | 'line' (a line under it) | 'value' (right side); absent: console only
//   phoneValue(row)  the text on a phone, when it differs (e.g. '40 岁' for 40)
//   phoneOrder       a number: the order of the phone parts, when not the columns' order
//   phoneLabel       prefix a phone line with the column's label
//   phoneIf(row)     show it on the phone only when true
//   phoneClass       a class for a phone line, or (row) => a class (e.g. red when late)
//   console: false   phone only
//   width, minWidth, fixed, align, tooltip   handed to el-table-column
// Filters: name, kind, label, param / params, placeholder, width, testid (default
// `${id}-${name}`), options (array or async function) and all (the "any" label
// key) for selects, display: 'buttons' for radio buttons on the console,
// numeric: true when a select's values are numbers, chip(place) for the text of
// a place filter set to a kind it cannot pick (e.g. a dwelling from a link),
// dependsOn: the name of the filter a select follows (楼栋 → 单元 → 房号): its
// options(value of that filter) are asked again when that one changes, and it
// is cleared with it and offered only when it has options.
// A 422 whose errors name a filter's param is shown next to that filter.

const DEFAULTS = { pageSize: 30, filters: [], columns: [], actions: [], route: false, empty: 'common.empty' }

export function defineList(def) {
  if (!def || !def.id || !def.endpoint) throw new Error('defineList: id and endpoint are required')
  const out = { ...DEFAULTS, ...def }
  out.rowTestid = def.rowTestid || `${def.id}-row`
  out.filters = out.filters.map((f) => {
    if (!KINDS[f.kind]) throw new Error(`defineList ${def.id}: filter ${f.name} has unknown kind ${f.kind}`)
    return { param: f.name, testid: `${def.id}-${f.name}`, ...f }
  })
  out.columns = out.columns.map((c) => ({ cell: 'text', ...c }))
  return out
}

const str = (v) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined)

// How each kind of filter holds its value, sends it and keeps it in the address.
export const KINDS = {
  text: {
    empty: () => '',
    params: (f) => [f.param],
    toParams: (f, v) => ({ [f.param]: (v || '').trim() || undefined }),
    fromQuery: (f, q) => str(q[f.param]) || '',
  },
  select: {
    empty: () => '',
    params: (f) => [f.param],
    toParams: (f, v) => ({ [f.param]: v === '' || v === null || v === undefined ? undefined : v }),
    fromQuery: (f, q) => {
      const s = str(q[f.param])
      if (s === undefined) return ''
      return f.numeric && /^\d+$/.test(s) ? Number(s) : s
    },
  },
  switch: {
    empty: () => false,
    params: (f) => [f.param],
    toParams: (f, v) => ({ [f.param]: v ? 1 : undefined }),
    fromQuery: (f, q) => str(q[f.param]) === '1',
  },
  // value: { id, kind, name } or null; the param is the one for the kind picked.
  place: {
    empty: () => null,
    params: (f) => Object.values(f.params || {}),
    toParams: (f, v) => (v && f.params[v.kind] ? { [f.params[v.kind]]: v.id } : {}),
    fromQuery: (f, q) => {
      for (const [kind, param] of Object.entries(f.params || {})) {
        const s = str(q[param])
        if (s && /^\d+$/.test(s)) return { id: Number(s), kind, name: str(q.place_name) || `#${s}`, named: !!str(q.place_name) }
      }
      return null
    },
  },
}
KINDS.tag = KINDS.select

export const emptyValues = (def) => Object.fromEntries(def.filters.map((f) => [f.name, KINDS[f.kind].empty()]))

// The query parameters of the filters' values.
export function filterParams(def, values) {
  const out = {}
  for (const f of def.filters) Object.assign(out, KINDS[f.kind].toParams(f, values[f.name]))
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k]
  return out
}

// The address query that keeps these values (strings only).
export function toQuery(def, values) {
  const q = {}
  for (const [k, v] of Object.entries(filterParams(def, values))) q[k] = String(v)
  for (const f of def.filters) {
    const v = values[f.name]
    // A place the picker cannot show (a dwelling) keeps its name in the address.
    if (f.kind === 'place' && v && f.pick && !f.pick.includes(v.kind)) q.place_name = v.name
  }
  return q
}

export function fromQuery(def, query) {
  return Object.fromEntries(def.filters.map((f) => [f.name, KINDS[f.kind].fromQuery(f, query || {})]))
}

// The filter a problem's field belongs to (its query parameter), if any.
export function filterOfField(def, field) {
  return def.filters.find((f) => KINDS[f.kind].params(f).includes(field)) || null
}

// A label: a dictionary key, or a function giving the text.
export const labelText = (t, label, ...args) => (typeof label === 'function' ? label(...args) : label ? t(label) : '')

// The text of a column for a row.
export function cellText(c, row, ctx) {
  const v = c.value ? c.value(row, ctx) : row[c.key]
  return v === null || v === undefined ? '' : v
}
