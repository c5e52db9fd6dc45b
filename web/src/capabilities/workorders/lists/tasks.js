// The worker's lists, most urgent first (sort=due): the orders assigned to
// them (assignee_id=me) and the grab pool they may take from (pool=1).
// Take, arrive, resolve (with a photo) and send back (with a reason) where
// the order allows it.
import { defineList } from '@/kit/list.js'
import { askAction, TASK_ACTIONS } from '../actions.js'
import { columns as c, link, rowAction } from './columns.js'

const COLUMNS = [c.number, c.category, c.description, c.place, c.status, c.onSite, c.resolve, c.supporters]

export const myTasks = defineList({
  id: 'wo-tasks',
  endpoint: '/api/v1/work-orders',
  pageSize: 30,
  rowTestid: 'wo-task-row',
  link,
  empty: 'wo.emptyTasks',
  actionsWidth: 200,
  columns: COLUMNS,
  actions: TASK_ACTIONS.map((a) => rowAction(a, (o) => askAction(o, a))),
})

// Taking an order moves it out of the pool: the pool is asked again.
export const pool = defineList({
  id: 'wo-pool',
  endpoint: '/api/v1/work-orders',
  pageSize: 30,
  rowTestid: 'wo-pool-row',
  link,
  empty: 'wo.emptyPool',
  columns: COLUMNS,
  actions: [
    rowAction(
      'take',
      async (o) => {
        await askAction(o, 'take')
      },
      { reload: true },
    ),
  ],
})
