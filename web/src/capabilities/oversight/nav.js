// The inspector's queue and the staff's evaluation page; the public pages
// (/complaint, /red-black-list) need no menu.
import { Warning, Trophy } from '@element-plus/icons-vue'

export default [
  { key: 'oversightComplaints', path: '/oversight/complaints', perm: 'complaint_handle', el: Warning, van: 'warning-o', tab: true, order: 5 },
  { key: 'oversightRatings', path: '/oversight/ratings', perm: 'rating_write', el: Trophy, van: 'medal-o', order: 13 },
]
