import { OfficeBuilding } from '@element-plus/icons-vue'

export default [{ key: 'places', path: '/places', perm: 'place_read', el: OfficeBuilding, van: 'location-o', tab: true, order: 10 }]
