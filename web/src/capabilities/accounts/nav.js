import { UserFilled, Avatar } from '@element-plus/icons-vue'

export default [
  { key: 'users', path: '/users', perm: 'user_admin', el: UserFilled, van: 'manager-o', order: 70 },
  { key: 'me', path: '/me', perm: 'signed_in', el: Avatar, van: 'user-o', tab: true, order: 100 },
]
