import { Document } from '@element-plus/icons-vue'

export default [{ key: 'audit', path: '/audit', perm: 'audit_read', el: Document, van: 'records-o', order: 80 }]
