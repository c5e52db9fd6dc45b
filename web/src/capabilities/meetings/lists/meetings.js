// Meetings the caller reaches (GET /meetings), newest first; a row opens
// the meeting.
import { defineList } from '@/kit/list.js'
import { formatTime } from '@/kit/format.js'
import { t } from '@/kit/i18n.js'

const STATUS_TAG = { planned: 'warning', held: 'success', cancelled: 'info' }

export default defineList({
  id: 'meetings',
  endpoint: '/api/v1/meetings',
  pageSize: 30,
  route: true,
  filters: [
    {
      name: 'status',
      kind: 'select',
      label: 'meetings.status',
      options: ['planned', 'held', 'cancelled'].map((v) => ({ value: v, label: `meetings.statuses.${v}` })),
    },
  ],
  columns: [
    { key: 'topic', label: 'meetings.subject', link: true, minWidth: 220, phone: 'title' },
    { key: 'place', label: 'meetings.place', width: 160, value: (m) => m.place && m.place.label, phone: 'line' },
    { key: 'hall', label: 'meetings.hall', width: 180, value: (m) => m.hall && m.hall.name },
    { key: 'starts_at', label: 'meetings.startsAt', width: 170, value: (m) => formatTime(m.starts_at), phone: 'meta' },
    { key: 'status', label: 'meetings.status', width: 100, value: (m) => t(`meetings.statuses.${m.status}`), tag: (m) => ({ type: STATUS_TAG[m.status] || 'info' }), phone: 'value' },
  ],
  link: (m) => ({ name: 'meeting', params: { id: m.id } }),
  empty: 'meetings.noMeetings',
})
