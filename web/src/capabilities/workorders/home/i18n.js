// The words of the work orders' home cards.
export default {
  'zh-CN': {
    woHome: {
      queue: '派单台：待办工单', tasks: '我的任务', reports: '我的报事',
      open: '未结案', overdue: '超时', dueSoon: '即将到期',
      none: '没有未结案的工单', noQueue: '没有待办工单', noTasks: '没有派给您的未完成工单', noReports: '您没有未办结的报事',
      report: '我要报事',
    },
  },
  en: {
    woHome: {
      queue: 'Dispatch queue', tasks: 'My tasks', reports: 'My reports',
      open: 'Open', overdue: 'Overdue', dueSoon: 'Due soon',
      none: 'No open orders', noQueue: 'Nothing waiting', noTasks: 'No open orders assigned to you', noReports: 'None of your reports is open',
      report: 'Report a problem',
    },
  },
}
