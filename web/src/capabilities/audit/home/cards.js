// The audit log's card on the home page (app/home.js): the day's changes
// and sign-ins, for those who read the log.
export default [{ key: 'auditToday', title: 'auditHome.title', perm: 'audit_read', order: 1, wide: true, component: () => import('./AuditTodayCard.vue') }]
