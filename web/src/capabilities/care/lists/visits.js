// A household's visits, newest first (GET /care/households/{id}/visits): who
// came, when, with whom, what was seen and done, and the follow-up's order.
import { defineList } from '@/kit/list.js'
import { t } from '@/kit/i18n.js'
import { helpLabel, when } from '../words.js'

export default defineList({
  id: 'care-visits',
  endpoint: '/api/v1/care/visits',
  pageSize: 20,
  rowTestid: 'care-visit-row',
  columns: [
    { key: 'visited_at', label: 'care.visitedAt', width: 170, value: (v) => when(v.visited_at), phone: 'title' },
    { key: 'visitor', label: 'care.visitor', width: 100, value: (v) => v.visitor && v.visitor.name, phone: 'meta' },
    {
      key: 'accompanied',
      label: 'care.accompanied',
      minWidth: 160,
      value: (v) => [v.medical_staff, v.police].filter(Boolean).join('、'),
      phone: 'line',
      phoneLabel: true,
    },
    { key: 'seen', label: 'care.seen', minWidth: 220, phone: 'line' },
    {
      key: 'help',
      label: 'care.helpGiven',
      minWidth: 140,
      value: (v) => [(v.help || []).map(helpLabel).join('、'), v.help_note].filter(Boolean).join('：'),
      phone: 'line',
      phoneLabel: true,
    },
    {
      key: 'work_order',
      label: 'care.followUpOrder',
      width: 170,
      value: (v) => (v.work_order ? v.work_order.number : v.follow_up ? t('care.queued') : ''),
      link: (v) => (v.work_order ? { name: 'workOrder', params: { id: v.work_order.id } } : null),
      phone: 'line',
      phoneLabel: true,
    },
  ],
  link: null,
  empty: 'care.noVisits',
})
