// GET /api/v1/work-orders?reported_by=me: what I reported, newest first,
// with where it stands and its clocks counting down.
import { defineList } from '@/kit/list.js'
import { columns as c, link } from './columns.js'

export default defineList({
  id: 'wo-mine',
  endpoint: '/api/v1/work-orders',
  pageSize: 20,
  rowTestid: 'wo-mine-row',
  link,
  empty: 'wo.emptyMine',
  columns: [c.number, c.category, c.description, c.place, c.status, c.onSite, c.resolve, c.assignee],
})
