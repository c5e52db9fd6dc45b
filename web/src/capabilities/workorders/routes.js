// An order's page is /work-orders/:id, the link of every inbox item about it.
export default [
  { path: 'work-orders', name: 'workOrders', component: () => import('./pages/QueuePage.vue'), meta: { nav: 'workOrders' } },
  {
    path: 'work-orders/:id(\\d+)',
    name: 'workOrder',
    component: () => import('./pages/OrderPage.vue'),
    meta: { nav: 'myReports', back: true, title: 'wo.order' },
  },
  { path: 'my-tasks', name: 'myTasks', component: () => import('./pages/TasksPage.vue'), meta: { nav: 'myTasks' } },
  { path: 'work-order-stats', name: 'woStats', component: () => import('./pages/StatsPage.vue'), meta: { nav: 'woStats' } },
  { path: 'my-reports', name: 'myReports', component: () => import('./pages/MyReportsPage.vue'), meta: { nav: 'myReports' } },
  {
    path: 'my-reports/new',
    name: 'woReport',
    component: () => import('./pages/ReportPage.vue'),
    meta: { nav: 'myReports', back: true, title: 'wo.reportTitle' },
  },
]
