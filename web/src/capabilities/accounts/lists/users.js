// GET /api/v1/users (admin): every account, with disable / enable.
import { defineList } from '@/kit/list.js'
import { api } from '@/kit/api.js'
import { session } from '@/kit/session.js'
import { t, roleLabel, placeWithKind } from '@/kit/i18n.js'
import { allowed } from '@/kit/session.js'
import { residentLink } from '../residentLink.js'

const isSelf = (u) => !!session.user && u.id === session.user.id
const scopeText = (u) => (u.scope ? placeWithKind(u.scope) : t('common.noScope'))
const status = (u) => (u.disabled ? t('users.disabled') : t('users.active'))

export default defineList({
  id: 'users',
  endpoint: '/api/v1/users',
  pageSize: 50,
  rowTestid: 'user-row',
  columns: [
    { key: 'id', label: 'common.id', width: 70 },
    { key: 'login', label: 'users.login', minWidth: 200, tooltip: true, phone: 'line', phoneOrder: 1, phoneClass: 'hw-mono' },
    { key: 'name', label: 'users.name', minWidth: 110, phone: 'title' },
    { key: 'role', label: 'users.role', minWidth: 120, value: (u) => roleLabel(u.role) },
    { key: 'phone', label: 'users.phone', minWidth: 130, phone: 'line', phoneOrder: 3 },
    { key: 'scope', label: 'users.scope', minWidth: 170, tooltip: true, value: scopeText },
    // The phone puts role and scope on one line.
    { key: 'roleScope', label: 'users.role', console: false, phone: 'line', phoneOrder: 2, value: (u) => `${roleLabel(u.role)} · ${scopeText(u)}` },
    {
      key: 'status',
      label: 'users.status',
      width: 90,
      value: status,
      tag: (u) => ({ type: u.disabled ? 'info' : 'success' }),
      phone: 'value',
      phoneIf: (u) => u.disabled,
    },
  ],
  actions: [
    { key: 'self', label: 'users.self', badge: true, show: isSelf },
    {
      key: 'person',
      label: 'residentLink.action',
      testid: 'user-resident-link',
      show: (u) => u.role === 'resident' && allowed('resident_write'),
      reload: false,
      run: (u) => {
        residentLink.account = u
        return null
      },
    },
    {
      key: 'disable',
      label: 'users.disable',
      type: 'danger',
      testid: 'user-disable',
      show: (u) => !isSelf(u) && !u.disabled,
      confirm: (u) => ({ title: t('users.disable'), message: t('users.disableConfirm', u), type: 'warning' }),
      run: async (u) => {
        const updated = await api.updateUser(u.id, { disabled: true })
        return updated && updated.id ? updated : { ...u, disabled: true }
      },
      done: (u) => t('users.disabledOk', u),
    },
    {
      key: 'enable',
      label: 'users.enable',
      phone: false,
      show: (u) => !isSelf(u) && u.disabled,
      confirm: (u) => ({ title: t('users.enable'), message: t('users.enableConfirm', u), type: 'info' }),
      run: async (u) => {
        const updated = await api.updateUser(u.id, { disabled: false })
        return updated && updated.id ? updated : { ...u, disabled: false }
      },
      done: (u) => t('users.enabledOk', u),
    },
  ],
})
