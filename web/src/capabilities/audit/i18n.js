export default {
  'zh-CN': {
    nav: { audit: '审计日志' },
    home: { desc: { audit: '查看谁在何时做了什么，谁查看了敏感信息' } },
    audit: {
      title: '审计日志', at: '时间', user: '操作人', action: '动作', entity: '对象',
      before: '变更前', after: '变更后', changes: '变更内容', noChange: '无变更内容', field: '项目',
      tabLog: '操作日志', tabReads: '敏感信息查看', subject: '对象类型', subjectId: '对象编号', userId: '查看人编号',
      fieldsRead: '查看的内容', subjects: { resident: '居民', user: '用户' }, system: '系统',
      userFilter: '操作人姓名或账号', kind: '类别', kindAll: '全部', kinds: { change: '变更', login: '登录' },
      from: '起始日期', to: '截止日期', fromHint: '起 2026-01-01', toHint: '止 2026-12-31',
      export: '导出 CSV', exported: '已下载 {name}', empty: '没有符合条件的记录', fieldSeparator: '、',
      fields: { id_number: '身份证号', phone: '手机号', sensitive_tags: '敏感标签', child: '未成年人信息', birth_date: '出生日期' },
      actions: {
        login: '登录', login_failed: '登录失败', logout: '退出登录', create: '新建', update: '修改',
        demo_loaded: '载入演示数据', export: '导出', import: '导入', move_out: '迁出', withdraw: '撤回',
        escalate: '升级', action: '办理', support: '附议', whistle: '吹哨', respond: '报到',
      },
      entities: {
        user: '用户', place: '地点', resident: '居民', occupancy: '居住记录', consent: '授权', tag: '标签',
        resident_tags: '居民标签', residents: '居民', dwellings: '房屋', buildings: '楼栋', community: '社区',
        work_order: '工单', audit_log: '审计日志',
      },
    },
    auditHome: {
      title: '今日审计', changes: '今日变更', logins: '今日登录', failed: '登录失败', latest: '最近的人工变更',
      none: '今天还没有人做过变更',
    },
  },
  en: {
    nav: { audit: 'Audit log' },
    home: { desc: { audit: 'Who did what and when; who read sensitive data' } },
    audit: {
      title: 'Audit log', at: 'Time', user: 'By', action: 'Action', entity: 'Record',
      before: 'Before', after: 'After', changes: 'Changes', noChange: 'No changes recorded', field: 'Field',
      tabLog: 'Changes', tabReads: 'Sensitive reads', subject: 'Record type', subjectId: 'Record ID', userId: 'Reader ID',
      fieldsRead: 'What was read', subjects: { resident: 'Resident', user: 'User' }, system: 'System',
      userFilter: 'Name or login', kind: 'Kind', kindAll: 'All', kinds: { change: 'Changes', login: 'Sign-ins' },
      from: 'From', to: 'To', fromHint: 'From 2026-01-01', toHint: 'To 2026-12-31',
      export: 'Export CSV', exported: 'Downloaded {name}', empty: 'Nothing matches these filters', fieldSeparator: ', ',
      fields: { id_number: 'ID number', phone: 'Phone', sensitive_tags: 'Sensitive tags', child: "A child's record", birth_date: 'Date of birth' },
      actions: {
        login: 'Sign in', login_failed: 'Failed sign-in', logout: 'Sign out', create: 'Create', update: 'Update',
        demo_loaded: 'Demo data loaded', export: 'Export', import: 'Import', move_out: 'Move out', withdraw: 'Withdraw',
        escalate: 'Escalate', action: 'Action', support: 'Me too', whistle: 'Whistle', respond: 'Respond',
      },
      entities: {
        user: 'User', place: 'Place', resident: 'Resident', occupancy: 'Occupancy', consent: 'Consent', tag: 'Tag',
        resident_tags: 'Resident tags', residents: 'Residents', dwellings: 'Dwellings', buildings: 'Buildings', community: 'Community',
        work_order: 'Work order', audit_log: 'Audit log',
      },
    },
    auditHome: {
      title: 'Audit today', changes: 'Changes today', logins: 'Sign-ins today', failed: 'Failed sign-ins', latest: 'Latest changes by people',
      none: 'No changes by people today',
    },
  },
}
