// Residents find topics on their home page's cards and in the menu; meetings
// are for everyone who takes part, and staff hold them from the same page.
import { ChatDotRound, Collection } from '@element-plus/icons-vue'

export default [
  { key: 'topics', path: '/topics', perm: 'topic_open', el: ChatDotRound, van: 'chat-o', order: 13 },
  { key: 'meetings', path: '/meetings', perm: 'meeting_read', el: Collection, van: 'cluster-o', order: 14 },
]
