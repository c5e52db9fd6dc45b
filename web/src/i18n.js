// A small own dictionary: zh-CN first, English second. The choice is kept in
// localStorage and sent to the server as Accept-Language, so problem titles
// come back in the same language.
import { ref } from 'vue'

const STORAGE_KEY = 'hongwu.locale'
export const LOCALES = ['zh-CN', 'en']

const messages = {
  'zh-CN': {
    app: { name: '红物', full: '红物 · 红色物业与网格治理', tagline: '红色物业 · 网格治理' },
    locale: { switchTo: 'EN', switchTitle: 'Switch to English' },
    common: {
      loading: '加载中…', loadMore: '加载更多', noMore: '没有更多了', empty: '暂无数据',
      retry: '重试', cancel: '取消', confirm: '确定', save: '保存', back: '返回', none: '无',
      yes: '是', no: '否', id: '编号', refresh: '刷新',
      networkError: '无法连接服务器，请检查网络后重试',
      sessionExpired: '登录已过期，请重新登录',
      waitSeconds: '请在 {s}后再试', seconds: '{n} 秒', minutes: '{n} 分钟',
    },
    nav: {
      home: '首页', me: '我的', places: '地点', users: '用户管理', audit: '审计日志',
      residents: '居民', import: '导入导出', orgs: '组织与党建', coverage: '网格覆盖',
    },
    login: {
      title: '登录', subtitle: '红色物业 · 网格治理平台',
      login: '账号', loginPlaceholder: '请输入账号',
      password: '密码', passwordPlaceholder: '请输入密码',
      submit: '登录', submitting: '正在登录…',
      loginRequired: '请输入账号', passwordRequired: '请输入密码',
      badCredentials: '账号或密码错误',
      tooMany: '登录失败次数过多，请在 {s}后再试',
      cookieBlocked: '登录成功，但浏览器没有保存登录凭证（Cookie），请检查浏览器设置',
    },
    home: {
      hello: '您好', morning: '早上好', afternoon: '下午好', evening: '晚上好',
      greeting: '{hello}，{name}',
      role: '角色', scope: '负责范围', noScope: '全部（不限范围）',
      shortcuts: '常用功能',
      desc: {
        places: '按街道、社区、小区、网格、楼栋浏览地点',
        residents: '查找居民，新增、修改居民信息',
        import: '批量导入楼栋、房屋、居民，导出表格',
        orgs: '物业、业委会、共建单位，党组织，网格岗位',
        coverage: '每名微网格员服务户数是否在 400–450 户',
        users: '查看、新建、停用账号',
        audit: '查看谁在何时做了什么',
        me: '个人信息与退出登录',
      },
    },
    me: {
      title: '我的', login: '账号', name: '姓名', phone: '手机号', role: '角色',
      scope: '负责范围', district: '所属街道编号', status: '状态', permissions: '权限',
      logout: '退出登录', loggingOut: '正在退出…', language: '语言',
    },
    places: {
      title: '地点', name: '名称', kind: '类型', code: '编码', parent: '上级编号',
      grid: '所属网格编号', district: '所属街道编号', root: '全部',
      noChildren: '没有下级地点', pick: '在左侧选择一个地点查看详情', children: '下级地点',
      microGrid: '所属微网格编号', floor: '楼层', area: '面积（㎡）', residents: '住户',
      openElevation: '楼盘表', openResidents: '居民列表', propertyCompany: '有物业', noPropertyCompany: '无物业',
    },
    elevation: {
      title: '楼盘表', colourBy: '按标签着色', noColour: '不着色', legend: '图例',
      has: '有“{tag}”', hasNot: '无“{tag}”', occupied: '有居民', empty: '无居民',
      unknownFloor: '未标楼层', floorN: '{n} 层', people: '{n} 人',
      noDwellings: '这栋楼还没有房屋', entrance: '单元', summary: '{d} 户，{r} 人，{h} 户有“{tag}”',
      summaryPlain: '{d} 户，{r} 人',
      summaryStructure: '{d} 户', structureOnly: '仅显示楼栋结构：各户人数和标签只对可查看居民信息的角色显示',
    },
    resident: {
      title: '居民详情', list: '居民', name: '姓名', sex: '性别', male: '男', female: '女',
      birthDate: '出生日期', age: '年龄', idNumber: '身份证号', phone: '手机号', tags: '标签',
      dwellings: '住址', dwelling: '房屋', relation: '关系', partyMember: '党员', note: '备注',
      occupancies: '居住记录', movedIn: '入住日期', movedOut: '迁出日期', living: '在住', left: '已迁出',
      consents: '授权记录', purpose: '用途', givenBy: '授权人', givenAt: '授权时间', withdrawnAt: '撤回时间',
      valid: '有效', withdrawn: '已撤回',
      add: '新增居民', edit: '编辑', created: '已新增居民 {name}', saved: '已保存',
      search: '姓名、手机号或身份证号', tagFilter: '标签', placeFilter: '网格 / 小区 / 楼栋',
      includeMovedOut: '含已迁出', dwellingFilter: '房屋：{label}', clearFilter: '清除',
      dwellingChoose: '展开到具体的户', relationChoose: '请选择关系',
      idHint: '18 位，最后一位可以是 X', idBad: '身份证号须为 18 位：前 17 位是数字，最后一位是数字或 X',
      phoneHint: '11 位手机号', phoneBad: '手机号须为 11 位数字', dateBad: '请按 2024-03-05 的格式填写日期',
      dateFuture: '日期不能晚于今天', masked: '已脱敏显示；不修改请留空', required: '此项必填',
      noResidents: '这一户还没有登记居民', residentsOf: '{label} 的居民', count: '共 {n} 人',
      moveOut: '迁出', moveOutTitle: '登记迁出', moveOutPrompt: '迁出日期（如 2024-03-05）', movedOutOk: '已登记迁出',
      open: '详情', years: '{n} 岁', notFound: '找不到这位居民，或不在您的管辖范围内',
      relations: { owner: '业主', family: '家属', tenant: '租户' },
      purposes: {
        registry: '信息登记', care_tier: '户情分级', household_map: '户情图公示', public_card: '公示卡', health_data: '健康信息',
      },
    },
    transfer: {
      title: '导入导出', importTitle: '批量导入', exportTitle: '导出', kind: '导入内容', community: '社区',
      communityChoose: '请选择社区', file: 'CSV 文件', chooseFile: '选择文件', noFile: '未选择文件',
      fileHint: '第一行为表头；UTF-8 或 GBK（Excel 另存为 CSV）均可；身份证号列请设为“文本”',
      dryRun: '预检', doImport: '导入', report: '结果', rows: '数据行', created: '新增', updated: '更新',
      unchanged: '未变', placesCreated: '新建地点', rejectedRows: '有问题的行', line: '行号', column: '列',
      message: '问题', dryOk: '预检通过：可以导入', done: '导入完成', rejectedNote: '有 {n} 行有问题，没有写入任何数据；请改正后重新预检',
      truncated: '问题太多，只列出了前面的部分', ignoredColumns: '未识别、已忽略的列：{cols}', encoding: '文件编码',
      needFile: '请先选择 CSV 文件', needCommunity: '请选择社区', importConfirm: '确定导入“{file}”吗？',
      exportResidents: '居民', exportDwellings: '房屋', exported: '已下载 {name}', exportHint: '按所选社区导出；身份证号、手机号是否脱敏由您的权限决定，每次导出都会记录',
      exportFiltered: '按当前条件导出',
      kinds: { residents: '居民', dwellings: '房屋', buildings: '楼栋' },
    },
    orgs: {
      title: '组织与党建', tabOrgs: '组织', tabParty: '党组织', tabPosts: '岗位', allKinds: '全部',
      name: '名称', kind: '类别', place: '所在', contact: '联系人', phone: '电话', offers: '可提供', compounds: '服务小区',
      since: '自 {d}', ended: '已结束', grid: '网格', allGrids: '全部', person: '姓名', started: '任职', endedAt: '离任',
      current: '在任', level: '层级', noParty: '还没有党组织', postPlace: '岗位所在',
      kinds: {
        property_company: '物业公司', owners_committee: '业主委员会', alliance_unit: '共建单位',
        social_org: '社会组织', resident_unit: '驻区单位',
      },
      levels: {
        community_committee: '社区党委', command_room: '红色物业指挥室', grid_branch: '网格党支部',
        building_group: '楼栋党小组', central_household: '党员中心户',
      },
      posts: {
        grid_leader: '网格长', grid_worker: '网格员', micro_grid_worker: '微网格员',
        building_leader: '楼栋长', stairwell_steward: '楼道长',
      },
    },
    coverage: {
      title: '网格覆盖', rule: '标准：每名微网格员服务 {min}–{max} 户（{source}）', grid: '网格 / 微网格', code: '编码',
      households: '户数', workers: '微网格员', perWorker: '户/人', status: '状态', community: '社区',
      allCommunities: '全部社区', microGrids: '{n} 个微网格',
      statuses: { under: '户数偏少', ok: '达标', over: '超负荷', unstaffed: '无微网格员' },
      summary: '共 {n} 个网格：达标 {ok}，户数偏少 {under}，超负荷 {over}，无微网格员 {unstaffed}',
    },
    kind: {
      subdistrict: '街道', community: '社区', compound: '小区', zone: '片区',
      grid: '网格', building: '楼栋', entrance: '单元', dwelling: '房屋', micro_grid: '微网格',
    },
    users: {
      title: '用户管理', create: '新建用户', login: '账号', name: '姓名', role: '角色',
      phone: '手机号', scope: '负责范围', status: '状态', actions: '操作',
      password: '初始密码', passwordHint: '至少 10 位',
      scopePlaceholder: '不选则不限范围', scopeChoose: '请选择负责范围', rolePlaceholder: '请选择角色',
      active: '正常', disabled: '已停用', disable: '停用', enable: '启用',
      disableConfirm: '确定停用用户“{name}”（{login}）吗？停用后该账号无法登录。',
      enableConfirm: '确定重新启用用户“{name}”（{login}）吗？',
      created: '已创建用户 {login}', disabledOk: '已停用 {login}', enabledOk: '已启用 {login}',
      self: '本人',
      required: '此项必填',
      passwordShort: '密码至少 10 位',
      scopeHint: '可选范围：{kinds}',
      scopeRequired: '该角色必须选择负责范围',
    },
    audit: {
      title: '审计日志', at: '时间', user: '操作人', action: '动作', entity: '对象',
      before: '变更前', after: '变更后', changes: '变更内容', noChange: '无变更内容',
      actions: {
        login: '登录', login_failed: '登录失败', logout: '退出登录', create: '新建', update: '修改',
        demo_loaded: '载入演示数据', export: '导出', import: '导入', move_out: '迁出', withdraw: '撤回',
      },
      entities: {
        user: '用户', place: '地点', resident: '居民', occupancy: '居住记录', consent: '授权', tag: '标签',
        resident_tags: '居民标签', residents: '居民', dwellings: '房屋', buildings: '楼栋',
      },
    },
    fieldCode: {
      required: '此项必填', 'unknown-field': '不允许的字段', 'wrong-type': '类型不正确',
      invalid: '格式不正确', 'too-long': '内容过长',
    },
    perm: {
      signed_in: '已登录', place_read: '查看地点', user_admin: '管理用户', user_read: '查看用户资料',
      audit_read: '查看审计日志', test_clock: '测试时钟', place_write: '维护地点', resident_read: '查看居民',
      resident_write: '维护居民', org_read: '查看组织', org_write: '维护组织', report_read: '查看报表',
      import: '批量导入', export: '导出数据',
    },
    role: {
      subdistrict_officer: '街道干部', community_staff: '社区工作人员', property_staff: '物业人员',
      owners_committee: '业委会成员', grid_leader: '网格长', grid_worker: '网格员',
      building_leader: '楼栋长', party_member: '党员', alliance_unit: '共建单位',
      volunteer: '志愿者', inspector: '纪检监察', resident: '居民', admin: '系统管理员',
    },
  },
  en: {
    app: { name: 'Hongwu', full: 'Hongwu · Red Property & Grid Governance', tagline: 'Red property · grid governance' },
    locale: { switchTo: '中文', switchTitle: '切换到中文' },
    common: {
      loading: 'Loading…', loadMore: 'Load more', noMore: 'No more', empty: 'No data',
      retry: 'Retry', cancel: 'Cancel', confirm: 'OK', save: 'Save', back: 'Back', none: 'None',
      yes: 'Yes', no: 'No', id: 'ID', refresh: 'Refresh',
      networkError: 'Cannot reach the server. Check the network and try again.',
      sessionExpired: 'Your session has ended. Please sign in again.',
      waitSeconds: 'Please try again in {s}.', seconds: '{n} s', minutes: '{n} min',
    },
    nav: {
      home: 'Home', me: 'Me', places: 'Places', users: 'Users', audit: 'Audit log',
      residents: 'Residents', import: 'Import & export', orgs: 'Organizations', coverage: 'Grid coverage',
    },
    login: {
      title: 'Sign in', subtitle: 'Red property · grid governance',
      login: 'Login', loginPlaceholder: 'Your login',
      password: 'Password', passwordPlaceholder: 'Your password',
      submit: 'Sign in', submitting: 'Signing in…',
      loginRequired: 'Please enter your login', passwordRequired: 'Please enter your password',
      badCredentials: 'Wrong login or password',
      tooMany: 'Too many failed attempts. Try again in {s}.',
      cookieBlocked: 'Signed in, but the browser did not keep the session cookie. Check the browser settings.',
    },
    home: {
      hello: 'Hello', morning: 'Good morning', afternoon: 'Good afternoon', evening: 'Good evening',
      greeting: '{hello}, {name}',
      role: 'Role', scope: 'Scope', noScope: 'Everything (no limit)',
      shortcuts: 'Shortcuts',
      desc: {
        places: 'Browse sub-districts, communities, compounds, grids, buildings',
        residents: 'Find, add and edit residents',
        import: 'Import buildings, dwellings, residents; export spreadsheets',
        orgs: 'Property companies, committees, alliance units, party tree, grid posts',
        coverage: 'Is every micro-grid worker serving 400–450 households?',
        users: 'List, create and disable accounts',
        audit: 'Who did what, and when',
        me: 'Your profile and sign out',
      },
    },
    me: {
      title: 'Me', login: 'Login', name: 'Name', phone: 'Phone', role: 'Role',
      scope: 'Scope', district: 'Sub-district ID', status: 'Status', permissions: 'Permissions',
      logout: 'Sign out', loggingOut: 'Signing out…', language: 'Language',
    },
    places: {
      title: 'Places', name: 'Name', kind: 'Kind', code: 'Code', parent: 'Parent ID',
      grid: 'Grid ID', district: 'Sub-district ID', root: 'All',
      noChildren: 'No places below this one', pick: 'Pick a place on the left to see it', children: 'Places below',
      microGrid: 'Micro-grid ID', floor: 'Floor', area: 'Area (m²)', residents: 'Residents',
      openElevation: 'Elevation', openResidents: 'Resident list', propertyCompany: 'Managed', noPropertyCompany: 'No property company',
    },
    elevation: {
      title: 'Building elevation', colourBy: 'Colour by tag', noColour: 'No colour', legend: 'Legend',
      has: 'Has “{tag}”', hasNot: 'No “{tag}”', occupied: 'Occupied', empty: 'No residents',
      unknownFloor: 'Floor not set', floorN: 'Floor {n}', people: '{n} people',
      noDwellings: 'No dwellings in this building yet', entrance: 'Entrance', summary: '{d} dwellings, {r} residents, {h} with “{tag}”',
      summaryPlain: '{d} dwellings, {r} residents',
      summaryStructure: '{d} dwellings', structureOnly: 'Structure only: occupant counts and tags are shown only to roles that may read residents',
    },
    resident: {
      title: 'Resident', list: 'Residents', name: 'Name', sex: 'Sex', male: 'Male', female: 'Female',
      birthDate: 'Date of birth', age: 'Age', idNumber: 'ID number', phone: 'Phone', tags: 'Tags',
      dwellings: 'Address', dwelling: 'Dwelling', relation: 'Relation', partyMember: 'Party member', note: 'Note',
      occupancies: 'Where they lived', movedIn: 'Moved in', movedOut: 'Moved out', living: 'Living here', left: 'Moved out',
      consents: 'Consents', purpose: 'Purpose', givenBy: 'Given by', givenAt: 'Given at', withdrawnAt: 'Withdrawn at',
      valid: 'Valid', withdrawn: 'Withdrawn',
      add: 'New resident', edit: 'Edit', created: 'Added {name}', saved: 'Saved',
      search: 'Name, phone or ID number', tagFilter: 'Tag', placeFilter: 'Grid / compound / building',
      includeMovedOut: 'Include moved out', dwellingFilter: 'Dwelling: {label}', clearFilter: 'Clear',
      dwellingChoose: 'Open down to a dwelling', relationChoose: 'Choose a relation',
      idHint: '18 characters; the last may be X', idBad: 'An ID number is 17 digits and then a digit or X',
      phoneHint: '11-digit mobile number', phoneBad: 'A mobile number has 11 digits', dateBad: 'Write the date as 2024-03-05',
      dateFuture: 'The date cannot be after today', masked: 'Masked; leave empty to keep it', required: 'Required',
      noResidents: 'Nobody registered in this dwelling yet', residentsOf: 'Residents of {label}', count: '{n} in all',
      moveOut: 'Move out', moveOutTitle: 'Record a move-out', moveOutPrompt: 'Move-out date (e.g. 2024-03-05)', movedOutOk: 'Move-out recorded',
      open: 'Open', years: 'age {n}', notFound: 'No such resident, or outside your scope',
      relations: { owner: 'Owner', family: 'Family member', tenant: 'Tenant' },
      purposes: {
        registry: 'Registry', care_tier: 'Care tier', household_map: 'Household map', public_card: 'Public card', health_data: 'Health data',
      },
    },
    transfer: {
      title: 'Import & export', importTitle: 'Import', exportTitle: 'Export', kind: 'What to import', community: 'Community',
      communityChoose: 'Choose a community', file: 'CSV file', chooseFile: 'Choose file', noFile: 'No file chosen',
      fileHint: 'Header on the first line; UTF-8 or GBK (Excel “Save as CSV”) both work; make the ID number column “Text”',
      dryRun: 'Dry run', doImport: 'Import', report: 'Result', rows: 'Rows', created: 'Created', updated: 'Updated',
      unchanged: 'Unchanged', placesCreated: 'Places created', rejectedRows: 'Rows with problems', line: 'Line', column: 'Column',
      message: 'Problem', dryOk: 'Dry run passed: ready to import', done: 'Imported', rejectedNote: '{n} rows have problems; nothing was written. Fix them and dry-run again',
      truncated: 'Too many problems; only the first ones are listed', ignoredColumns: 'Unknown columns, ignored: {cols}', encoding: 'Encoding',
      needFile: 'Choose a CSV file first', needCommunity: 'Choose a community', importConfirm: 'Import “{file}”?',
      exportResidents: 'Residents', exportDwellings: 'Dwellings', exported: 'Downloaded {name}', exportHint: 'Exports the chosen community; whether ID and phone numbers are masked depends on your role; every export is logged',
      exportFiltered: 'Export with these filters',
      kinds: { residents: 'Residents', dwellings: 'Dwellings', buildings: 'Buildings' },
    },
    orgs: {
      title: 'Organizations', tabOrgs: 'Organizations', tabParty: 'Party tree', tabPosts: 'Posts', allKinds: 'All',
      name: 'Name', kind: 'Kind', place: 'Place', contact: 'Contact', phone: 'Phone', offers: 'Offers', compounds: 'Compounds served',
      since: 'since {d}', ended: 'ended', grid: 'Grid', allGrids: 'All', person: 'Name', started: 'Started', endedAt: 'Ended',
      current: 'Current', level: 'Level', noParty: 'No party organizations yet', postPlace: 'Post at',
      kinds: {
        property_company: 'Property company', owners_committee: "Owners' committee", alliance_unit: 'Alliance unit',
        social_org: 'Social organization', resident_unit: 'Unit in the area',
      },
      levels: {
        community_committee: 'Community party committee', command_room: 'Red property command room',
        grid_branch: 'Grid party branch', building_group: 'Building party group', central_household: 'Party-member central household',
      },
      posts: {
        grid_leader: 'Grid leader', grid_worker: 'Grid worker', micro_grid_worker: 'Micro-grid worker',
        building_leader: 'Building leader', stairwell_steward: 'Stairwell steward',
      },
    },
    coverage: {
      title: 'Grid coverage', rule: 'Rule: one micro-grid worker per {min}–{max} households ({source})', grid: 'Grid / micro-grid', code: 'Code',
      households: 'Households', workers: 'Micro-grid workers', perWorker: 'Per worker', status: 'Status', community: 'Community',
      allCommunities: 'All communities', microGrids: '{n} micro-grids',
      statuses: { under: 'Under', ok: 'OK', over: 'Over', unstaffed: 'Unstaffed' },
      summary: '{n} grids: {ok} OK, {under} under, {over} over, {unstaffed} unstaffed',
    },
    kind: {
      subdistrict: 'Sub-district', community: 'Community', compound: 'Compound', zone: 'Zone',
      grid: 'Grid', building: 'Building', entrance: 'Entrance', dwelling: 'Dwelling', micro_grid: 'Micro-grid',
    },
    users: {
      title: 'Users', create: 'New user', login: 'Login', name: 'Name', role: 'Role',
      phone: 'Phone', scope: 'Scope', status: 'Status', actions: 'Actions',
      password: 'Initial password', passwordHint: 'At least 10 characters',
      scopePlaceholder: 'Leave empty for no limit', scopeChoose: 'Choose a place', rolePlaceholder: 'Choose a role',
      active: 'Active', disabled: 'Disabled', disable: 'Disable', enable: 'Enable',
      disableConfirm: 'Disable “{name}” ({login})? The account will no longer be able to sign in.',
      enableConfirm: 'Enable “{name}” ({login}) again?',
      created: 'Created {login}', disabledOk: 'Disabled {login}', enabledOk: 'Enabled {login}',
      self: 'You',
      required: 'Required',
      passwordShort: 'At least 10 characters',
      scopeHint: 'Allowed: {kinds}',
      scopeRequired: 'This role needs a scope',
    },
    audit: {
      title: 'Audit log', at: 'Time', user: 'By', action: 'Action', entity: 'Record',
      before: 'Before', after: 'After', changes: 'Changes', noChange: 'No changes recorded',
      actions: {
        login: 'Sign in', login_failed: 'Failed sign-in', logout: 'Sign out', create: 'Create', update: 'Update',
        demo_loaded: 'Demo data loaded', export: 'Export', import: 'Import', move_out: 'Move out', withdraw: 'Withdraw',
      },
      entities: {
        user: 'User', place: 'Place', resident: 'Resident', occupancy: 'Occupancy', consent: 'Consent', tag: 'Tag',
        resident_tags: 'Resident tags', residents: 'Residents', dwellings: 'Dwellings', buildings: 'Buildings',
      },
    },
    fieldCode: {
      required: 'Required', 'unknown-field': 'Field not allowed', 'wrong-type': 'Wrong type',
      invalid: 'Invalid value', 'too-long': 'Too long',
    },
    perm: {
      signed_in: 'Signed in', place_read: 'Read places', user_admin: 'Manage users', user_read: 'Read user profiles',
      audit_read: 'Read audit log', test_clock: 'Test clock', place_write: 'Edit places', resident_read: 'Read residents',
      resident_write: 'Edit residents', org_read: 'Read organizations', org_write: 'Edit organizations',
      report_read: 'Read reports', import: 'Import', export: 'Export',
    },
    role: {
      subdistrict_officer: 'Sub-district officer', community_staff: 'Community staff',
      property_staff: 'Property staff', owners_committee: "Owners' committee member",
      grid_leader: 'Grid leader', grid_worker: 'Grid worker', building_leader: 'Building leader',
      party_member: 'Party member', alliance_unit: 'Alliance unit', volunteer: 'Volunteer',
      inspector: 'Inspector', resident: 'Resident', admin: 'Administrator',
    },
  },
}

export const ROLES = Object.keys(messages['zh-CN'].role)

function initialLocale() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (LOCALES.includes(saved)) return saved
  } catch {
    /* storage blocked: fall back to Chinese */
  }
  return 'zh-CN'
}

export const locale = ref(initialLocale())

function applyDocument() {
  document.documentElement.lang = locale.value
}
applyDocument()

export function setLocale(next) {
  if (!LOCALES.includes(next)) return
  locale.value = next
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {
    /* ignore */
  }
  applyDocument()
}

export function toggleLocale() {
  setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN')
}

function lookup(dict, key) {
  let v = dict
  for (const part of key.split('.')) {
    if (v == null || typeof v !== 'object') return undefined
    v = v[part]
  }
  return typeof v === 'string' ? v : undefined
}

// t('users.created', { login: 'x' }); falls back to Chinese, then to the key.
export function t(key, params) {
  let s = lookup(messages[locale.value], key) ?? lookup(messages['zh-CN'], key) ?? key
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m))
  return s
}

export function has(key) {
  return lookup(messages[locale.value], key) !== undefined
}

export const roleLabel = (role) => (role ? (has(`role.${role}`) ? t(`role.${role}`) : role) : '')
export const actionLabel = (a) => (a && has(`audit.actions.${a}`) ? t(`audit.actions.${a}`) : a || '')
export const entityLabel = (e) => (e && has(`audit.entities.${e}`) ? t(`audit.entities.${e}`) : e || '')
// A wait from Retry-After, read aloud: seconds under two minutes, else minutes.
export const formatWait = (sec) =>
  sec < 120 ? t('common.seconds', { n: Math.max(0, Math.ceil(sec)) }) : t('common.minutes', { n: Math.ceil(sec / 60) })
export const placeWithKind = (place) =>
  place ? (locale.value === 'en' ? `${place.name} (${kindLabel(place.kind)})` : `${place.name}（${kindLabel(place.kind)}）`) : ''
export const permLabel = (p) => (p && has(`perm.${p}`) ? t(`perm.${p}`) : p || '')
// A label from a dictionary group, or the code itself when unknown.
export const labelOf = (group, code) => (code ? (has(`${group}.${code}`) ? t(`${group}.${code}`) : code) : '')
// A tag's name in the chosen language, from GET /tags items.
export const tagName = (tag) => (tag ? (locale.value === 'en' ? tag.name_en || tag.name_zh : tag.name_zh) || tag.code : '')
export const kindLabel = (kind) => (kind ? (has(`kind.${kind}`) ? t(`kind.${kind}`) : kind) : '')
