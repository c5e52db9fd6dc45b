export default {
  'zh-CN': {
    nav: { orgs: '组织与党建' },
    home: { desc: { orgs: '物业、业委会、共建单位，党组织，网格岗位' } },
    orgs: {
      title: '组织与党建', tabOrgs: '组织', tabParty: '党组织', tabPosts: '岗位', allKinds: '全部',
      name: '名称', kind: '类别', place: '所在', contact: '联系人', phone: '电话', offers: '可提供', compounds: '服务小区',
      since: '自 {d}', ended: '已结束', grid: '网格', allGrids: '全部', person: '姓名', started: '任职', endedAt: '离任',
      current: '在任', currentOnly: '只看在任', level: '层级', tabCards: '党员亮身份', building: '楼栋',
      responsibility: '责任', postKind: '岗位', noParty: '还没有党组织', postPlace: '岗位所在',
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
  },
  en: {
    nav: { orgs: 'Organizations' },
    home: { desc: { orgs: 'Property companies, committees, alliance units, party tree, grid posts' } },
    orgs: {
      title: 'Organizations', tabOrgs: 'Organizations', tabParty: 'Party tree', tabPosts: 'Posts', allKinds: 'All',
      name: 'Name', kind: 'Kind', place: 'Place', contact: 'Contact', phone: 'Phone', offers: 'Offers', compounds: 'Compounds served',
      since: 'since {d}', ended: 'ended', grid: 'Grid', allGrids: 'All', person: 'Name', started: 'Started', endedAt: 'Ended',
      current: 'Current', currentOnly: 'Current only', level: 'Level', tabCards: 'Party cards', building: 'Building',
      responsibility: 'Responsibility', postKind: 'Post', noParty: 'No party organizations yet', postPlace: 'Post at',
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
  },
}
