export default {
  'zh-CN': {
    nav: { coverage: '网格覆盖' },
    home: { desc: { coverage: '每名微网格员服务户数是否在 400–450 户' } },
    coverage: {
      title: '网格覆盖', rule: '标准：每名微网格员服务 {min}–{max} 户', grid: '网格 / 微网格', code: '编码',
      households: '户数', workers: '微网格员', perWorker: '户/人', status: '状态', community: '社区',
      allCommunities: '全部社区', microGrids: '{n} 个微网格', residents: '居民', roster: '花名册',
      statuses: { under: '户数偏少', ok: '达标', over: '超负荷', unstaffed: '无微网格员' },
      summary: '共 {n} 个网格：达标 {ok}，户数偏少 {under}，超负荷 {over}，无微网格员 {unstaffed}',
    },
  },
  en: {
    nav: { coverage: 'Grid coverage' },
    home: { desc: { coverage: 'Is every micro-grid worker serving 400–450 households?' } },
    coverage: {
      title: 'Grid coverage', rule: 'Rule: one micro-grid worker per {min}–{max} households', grid: 'Grid / micro-grid', code: 'Code',
      households: 'Households', workers: 'Micro-grid workers', perWorker: 'Per worker', status: 'Status', community: 'Community',
      allCommunities: 'All communities', microGrids: '{n} micro-grids', residents: 'Residents', roster: 'Roster',
      statuses: { under: 'Under', ok: 'OK', over: 'Over', unstaffed: 'Unstaffed' },
      summary: '{n} grids: {ok} OK, {under} under, {over} over, {unstaffed} unstaffed',
    },
  },
}
