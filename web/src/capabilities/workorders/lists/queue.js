// GET /api/v1/work-orders?sort=due: the dispatcher's queue, open orders by
// their earliest running deadline, the most urgent first (the page adds
// sort=due). Filters: status, category, grid, overdue, number or words.
import { defineList } from '@/kit/list.js'
import { placesOfKind } from '@/kit/places.js'
import { woApi } from '../api.js'
import { askAction } from '../actions.js'
import { categoryName, STATUSES } from '../words.js'
import { columns as c, link, rowAction } from './columns.js'

// Every enabled category, a child after its parent: "给水", "给水 / 漏水".
export async function categoryOptions() {
  const items = (await woApi.categories()).items.filter((x) => x.enabled !== false)
  const byId = new Map(items.map((x) => [x.id, x]))
  const path = (x) => (x.parent_id && byId.has(x.parent_id) ? `${path(byId.get(x.parent_id))} / ${categoryName(x)}` : categoryName(x))
  return items.map((x) => ({ value: x.id, text: path(x) })).sort((a, b) => a.text.localeCompare(b.text, 'zh-CN'))
}

export default defineList({
  id: 'wo-queue',
  endpoint: '/api/v1/work-orders',
  pageSize: 30,
  route: true,
  rowTestid: 'wo-queue-row',
  link,
  empty: 'wo.empty',
  actionsWidth: 140,
  filters: [
    { name: 'q', kind: 'text', label: 'wo.search', width: 200 },
    {
      name: 'status',
      kind: 'select',
      label: 'wo.status',
      all: 'wo.openOnly',
      options: STATUSES.filter((s) => s !== 'closed').map((s) => ({ value: s, label: `wo.statuses.${s}` })),
    },
    { name: 'category', kind: 'select', label: 'wo.category', param: 'category_id', all: 'wo.allCategories', numeric: true, width: 180, options: categoryOptions },
    {
      name: 'grid',
      kind: 'select',
      label: 'wo.grid',
      param: 'grid_id',
      all: 'wo.allGrids',
      numeric: true,
      options: async () => (await placesOfKind('grid')).map((g) => ({ value: g.id, text: g.name })),
    },
    { name: 'overdue', kind: 'switch', label: 'wo.overdueOnly' },
  ],
  columns: [c.number, c.category, c.description, c.place, c.status, c.onSite, c.resolve, c.assignee, c.level],
  actions: [rowAction('dispatch', (o) => askAction(o, 'dispatch')), rowAction('reassign', (o) => askAction(o, 'reassign'))],
})
