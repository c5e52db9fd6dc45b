import { DataAnalysis } from '@element-plus/icons-vue'

export default [{ key: 'coverage', path: '/coverage', perm: 'report_read', el: DataAnalysis, van: 'bar-chart-o', order: 50 }]
