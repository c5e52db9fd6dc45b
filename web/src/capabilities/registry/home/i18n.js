// The words of the registry's home cards.
export default {
  'zh-CN': {
    registryHome: {
      byTag: '我的网格：按标签的住户', attention: '需要关注的住户', tagCounts: '各标签人数', myHousehold: '我家',
      households: '住户', people: '居民', needAttention: '需关注', nHouseholds: '{n} 户', nPeople: '{n} 人',
      noTagged: '还没有带标签的住户', noneNeedAttention: '没有需要关注的住户', andMore: '另有 {n} 户',
      nobodyHome: '还没有登记同住的人',
    },
  },
  en: {
    registryHome: {
      byTag: 'My grid: households by tag', attention: 'Households needing attention', tagCounts: 'Residents per tag', myHousehold: 'My household',
      households: 'Households', people: 'Residents', needAttention: 'Need attention', nHouseholds: '{n}', nPeople: '{n} living here',
      noTagged: 'No household carries a tag yet', noneNeedAttention: 'No household needs attention', andMore: '{n} more',
      nobodyHome: 'Nobody registered here yet',
    },
  },
}
