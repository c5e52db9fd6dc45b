// Topics the caller reaches (GET /topics), newest first; a row opens the
// topic and its comments.
import { defineList } from '@/kit/list.js'
import { formatTime } from '@/kit/format.js'
import { t } from '@/kit/i18n.js'

export default defineList({
  id: 'topics',
  endpoint: '/api/v1/topics',
  pageSize: 30,
  filters: [
    {
      name: 'status',
      kind: 'select',
      label: 'meetings.status',
      options: ['open', 'on_agenda'].map((v) => ({ value: v, label: `meetings.statuses.${v}` })),
    },
  ],
  columns: [
    { key: 'title', label: 'meetings.title', link: true, minWidth: 220, phone: 'title' },
    { key: 'place', label: 'meetings.place', width: 140, value: (x) => x.place && x.place.label, phone: 'meta' },
    { key: 'opened_by', label: 'meetings.openedBy', width: 100, value: (x) => x.opened_by.name, phone: 'meta' },
    { key: 'comments_count', label: 'meetings.comments', width: 90, phone: 'value', phoneValue: (x) => t('meetings.count', { n: x.comments_count }) },
    { key: 'status', label: 'meetings.status', width: 120, value: (x) => t(`meetings.statuses.${x.status}`), tag: (x) => ({ type: x.status === 'open' ? 'warning' : 'success' }), phone: 'line' },
    { key: 'opened_at', label: 'meetings.startsAt', width: 170, value: (x) => formatTime(x.opened_at) },
  ],
  link: (x) => ({ name: 'topic', params: { id: x.id } }),
  empty: 'meetings.noTopics',
})
