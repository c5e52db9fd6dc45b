import { User, PriceTag } from '@element-plus/icons-vue'

export default [
  { key: 'residents', path: '/residents', perm: 'resident_read', el: User, van: 'friends-o', tab: true, order: 20 },
  { key: 'tags', path: '/tags', perm: 'resident_read', el: PriceTag, van: 'label-o', order: 55 },
]
