import { Upload } from '@element-plus/icons-vue'

export default [{ key: 'import', path: '/import', perm: ['import', 'export'], el: Upload, van: 'description-o', order: 30 }]
