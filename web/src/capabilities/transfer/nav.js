import { Upload, Tickets } from '@element-plus/icons-vue'

export default [
  { key: 'import', path: '/import', perm: ['import', 'export'], el: Upload, van: 'description-o', order: 30 },
  { key: 'roster', path: '/roster', perm: 'export', el: Tickets, van: 'notes-o', order: 31 },
]
