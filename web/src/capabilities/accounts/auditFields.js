// The names of an account's fields in the audit log's before → after table.
export default {
  user: {
    login: 'users.login', name: 'users.name', phone: 'users.phone', role: { label: 'users.role', values: 'role' }, scope: 'users.scope',
    scope_id: null, disabled: 'users.disabled',
  },
}
