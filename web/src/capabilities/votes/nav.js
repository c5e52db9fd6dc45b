// Everyone in reach of a vote reads it; owners find the open ones on their
// home page (home/cards.js), so the phone's tab bar stays as it is: ordered
// after a resident's reports, which fill the bar's free place.
import { Stamp } from '@element-plus/icons-vue'

export default [{ key: 'votes', path: '/votes', perm: 'vote_read', el: Stamp, van: 'records-o', order: 9 }]
