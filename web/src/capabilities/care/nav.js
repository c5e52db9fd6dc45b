// A grid worker's tab is today's visits; staff reach households, compliance,
// the 户情图 and the log books from the menu or the home page.
import { Calendar, House, DataLine, Grid, Notebook } from '@element-plus/icons-vue'

export default [
  { key: 'careDue', path: '/care', perm: 'care_visit', el: Calendar, van: 'calendar-o', tab: true, order: 4 },
  { key: 'careHouseholds', path: '/care/households', perm: 'care_tier', el: House, van: 'home-o', order: 9 },
  { key: 'careCompliance', path: '/care/compliance', perm: 'care_tier', el: DataLine, van: 'chart-trending-o', order: 10 },
  { key: 'careMap', path: '/care/map', perm: 'care_read', el: Grid, van: 'apps-o', order: 11 },
  { key: 'careLogs', path: '/care/logs', perm: ['care_log', 'care_mediation'], el: Notebook, van: 'notes-o', order: 12 },
]
