export default {
  'zh-CN': {
    nav: { places: '地点' },
    home: { desc: { places: '按街道、社区、小区、网格、楼栋浏览地点' } },
    places: {
      title: '地点', name: '名称', kind: '类型', code: '编码', parent: '上级编号',
      grid: '所属网格', district: '所属街道', root: '全部',
      noChildren: '没有下级地点', pick: '在左侧选择一个地点查看详情', children: '下级地点',
      microGrid: '所属微网格', floor: '楼层', area: '面积（㎡）',
      openElevation: '楼盘表', propertyCompany: '有物业', noPropertyCompany: '无物业', propertyCompanyLabel: '物业公司',
    },
    elevation: {
      title: '楼盘表', colourBy: '按标签着色', noColour: '不着色', legend: '图例',
      has: '有“{tag}”', hasNot: '无“{tag}”', occupied: '有居民', empty: '无居民',
      unknownFloor: '未标楼层', floorN: '{n} 层', people: '{n} 人',
      noDwellings: '这栋楼还没有房屋', entrance: '单元', summary: '{d} 户，{r} 人，{h} 户有“{tag}”',
      summaryPlain: '{d} 户，{r} 人',
      summaryStructure: '{d} 户', structureOnly: '仅显示楼栋结构：各户人数和标签只对可查看居民信息的角色显示',
    },
  },
  en: {
    nav: { places: 'Places' },
    home: { desc: { places: 'Browse sub-districts, communities, compounds, grids, buildings' } },
    places: {
      title: 'Places', name: 'Name', kind: 'Kind', code: 'Code', parent: 'Parent ID',
      grid: 'Grid', district: 'Sub-district', root: 'All',
      noChildren: 'No places below this one', pick: 'Pick a place on the left to see it', children: 'Places below',
      microGrid: 'Micro-grid', floor: 'Floor', area: 'Area (m²)',
      openElevation: 'Elevation', propertyCompany: 'Managed', noPropertyCompany: 'No property company', propertyCompanyLabel: 'Property company',
    },
    elevation: {
      title: 'Building elevation', colourBy: 'Colour by tag', noColour: 'No colour', legend: 'Legend',
      has: 'Has “{tag}”', hasNot: 'No “{tag}”', occupied: 'Occupied', empty: 'No residents',
      unknownFloor: 'Floor not set', floorN: 'Floor {n}', people: '{n} people',
      noDwellings: 'No dwellings in this building yet', entrance: 'Entrance', summary: '{d} dwellings, {r} residents, {h} with “{tag}”',
      summaryPlain: '{d} dwellings, {r} residents',
      summaryStructure: '{d} dwellings', structureOnly: 'Structure only: occupant counts and tags are shown only to roles that may read residents',
    },
  },
}
