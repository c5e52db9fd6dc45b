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
    nav: { home: '首页', me: '我的', places: '地点', users: '用户管理', audit: '审计日志' },
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
    },
    kind: {
      subdistrict: '街道', community: '社区', compound: '小区', zone: '片区',
      grid: '网格', building: '楼栋', entrance: '单元', dwelling: '房屋',
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
        demo_loaded: '载入演示数据',
      },
      entities: { user: '用户', place: '地点' },
    },
    fieldCode: {
      required: '此项必填', 'unknown-field': '不允许的字段', 'wrong-type': '类型不正确',
      invalid: '格式不正确', 'too-long': '内容过长',
    },
    perm: {
      signed_in: '已登录', place_read: '查看地点', user_admin: '管理用户', user_read: '查看用户资料',
      audit_read: '查看审计日志', test_clock: '测试时钟',
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
    nav: { home: 'Home', me: 'Me', places: 'Places', users: 'Users', audit: 'Audit log' },
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
    },
    kind: {
      subdistrict: 'Sub-district', community: 'Community', compound: 'Compound', zone: 'Zone',
      grid: 'Grid', building: 'Building', entrance: 'Entrance', dwelling: 'Dwelling',
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
        demo_loaded: 'Demo data loaded',
      },
      entities: { user: 'User', place: 'Place' },
    },
    fieldCode: {
      required: 'Required', 'unknown-field': 'Field not allowed', 'wrong-type': 'Wrong type',
      invalid: 'Invalid value', 'too-long': 'Too long',
    },
    perm: {
      signed_in: 'Signed in', place_read: 'Read places', user_admin: 'Manage users', user_read: 'Read user profiles',
      audit_read: 'Read audit log', test_clock: 'Test clock',
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
export const kindLabel = (kind) => (kind ? (has(`kind.${kind}`) ? t(`kind.${kind}`) : kind) : '')
