import { HomeFilled } from '@element-plus/icons-vue'

export default [{ key: 'home', path: '/', perm: 'signed_in', el: HomeFilled, van: 'wap-home-o', tab: true, order: 0 }]
