import { Flag } from '@element-plus/icons-vue'

export default [{ key: 'orgs', path: '/orgs', perm: 'org_read', el: Flag, van: 'flag-o', order: 40 }]
