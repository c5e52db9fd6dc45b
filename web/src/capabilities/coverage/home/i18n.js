// The words of the coverage report's home cards.
export default {
  'zh-CN': {
    coverageHome: {
      grids: '各网格住户', communities: '各社区概况', roster: '花名册',
      gridLine: '{workers} 名微网格员 · {status}', nHouseholds: '{n} 户',
      communityLine: '{grids} 个网格 · {workers} 名微网格员 · {off} 个网格未达标',
      households: '住户', grids_: '网格', offStandard: '未达标网格',
    },
  },
  en: {
    coverageHome: {
      grids: 'Households per grid', communities: 'Communities', roster: 'Roster',
      gridLine: '{workers} micro-grid workers · {status}', nHouseholds: '{n} households',
      communityLine: '{grids} grids · {workers} micro-grid workers · {off} off standard',
      households: 'Households', grids_: 'Grids', offStandard: 'Grids off standard',
    },
  },
}
