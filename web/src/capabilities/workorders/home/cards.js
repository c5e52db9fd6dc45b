// The work orders' cards on the home page (app/home.js): the dispatcher's
// queue, a worker's open tasks, a resident's open reports.
export default [
  { key: 'woQueue', title: 'woHome.queue', perm: 'wo_dispatch', order: 30, component: () => import('./QueueCard.vue') },
  {
    key: 'woTasks',
    title: 'woHome.tasks',
    perm: 'wo_work',
    scopes: ['grid', 'micro_grid', 'building', 'compound'],
    order: 5,
    component: () => import('./TasksCard.vue'),
  },
  { key: 'woReports', title: 'woHome.reports', perm: 'wo_report', scopes: ['dwelling'], order: 20, component: () => import('./ReportsCard.vue') },
]
