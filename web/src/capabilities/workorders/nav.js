// Dispatchers get the queue, workers their tasks, everyone who may report
// (residents above all) their reports; statistics for those who read them.
// On a phone a worker's tab is their tasks; a resident's reports fill the
// tab bar's free place (app/nav.js, tabsFor).
import { Tickets, List, EditPen, DataAnalysis } from '@element-plus/icons-vue'

export default [
  { key: 'workOrders', path: '/work-orders', perm: 'wo_dispatch', el: Tickets, van: 'orders-o', order: 5 },
  { key: 'myTasks', path: '/my-tasks', perm: 'wo_work', el: List, van: 'todo-list-o', tab: true, order: 6 },
  { key: 'myReports', path: '/my-reports', perm: 'wo_report', el: EditPen, van: 'comment-o', order: 7 },
  { key: 'woStats', path: '/work-order-stats', perm: 'wo_stats', el: DataAnalysis, van: 'chart-trending-o', order: 8 },
]
