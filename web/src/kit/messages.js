// The words every capability shares: the app's name, common buttons, the list
// component, problem field codes, place kinds and roles. A capability's own
// words are in its folder (capabilities/*/i18n.js).
export default {
  'zh-CN': {
    app: { name: '红物', full: '红物 · 红色物业与网格治理', tagline: '红色物业 · 网格治理' },
    locale: { switchTo: 'EN', switchTitle: 'Switch to English' },
    common: {
      loading: '加载中…', loadMore: '加载更多', noMore: '没有更多了', empty: '暂无数据',
      retry: '重试', cancel: '取消', confirm: '确定', save: '保存', back: '返回', none: '无',
      yes: '是', no: '否', id: '编号', refresh: '刷新', actions: '操作', noScope: '全部（不限范围）',
      networkError: '无法连接服务器，请检查网络后重试',
      sessionExpired: '登录已过期，请重新登录',
      waitSeconds: '请在 {s}后再试', seconds: '{n} 秒', minutes: '{n} 分钟',
    },
    list: {
      all: '全部', search: '查询', loadFailed: '加载失败，点击重试', failed: '加载失败',
      pickPlace: '选择地点', choose: '选择', up: '上一级', clear: '清除',
      noPlaces: '没有可选的下级地点',
      filtersOn: '当前筛选：{filters}', clearFilters: '清除筛选', filterSep: '；',
      filterValue: '{label}：{value}', filterText: '{label}“{value}”',
    },
    fieldCode: {
      required: '此项必填', 'unknown-field': '不允许的字段', 'wrong-type': '类型不正确',
      invalid: '格式不正确', 'too-long': '内容过长',
    },
    kind: {
      subdistrict: '街道', community: '社区', compound: '小区', zone: '片区',
      grid: '网格', building: '楼栋', entrance: '单元', dwelling: '房屋', micro_grid: '微网格',
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
      yes: 'Yes', no: 'No', id: 'ID', refresh: 'Refresh', actions: 'Actions', noScope: 'Everything (no limit)',
      networkError: 'Cannot reach the server. Check the network and try again.',
      sessionExpired: 'Your session has ended. Please sign in again.',
      waitSeconds: 'Please try again in {s}.', seconds: '{n} s', minutes: '{n} min',
    },
    list: {
      all: 'All', search: 'Search', loadFailed: 'Could not load; tap to retry', failed: 'Could not load',
      pickPlace: 'Choose a place', choose: 'Choose', up: 'Up', clear: 'Clear',
      noPlaces: 'Nothing to choose below this place',
      filtersOn: 'Filtered by {filters}', clearFilters: 'Clear filters', filterSep: '; ',
      filterValue: '{label}: {value}', filterText: '{label} “{value}”',
    },
    fieldCode: {
      required: 'Required', 'unknown-field': 'Field not allowed', 'wrong-type': 'Wrong type',
      invalid: 'Invalid value', 'too-long': 'Too long',
    },
    kind: {
      subdistrict: 'Sub-district', community: 'Community', compound: 'Compound', zone: 'Zone',
      grid: 'Grid', building: 'Building', entrance: 'Entrance', dwelling: 'Dwelling', micro_grid: 'Micro-grid',
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
