// The building leader's work log (楼栋长工作记录簿, GET /care/building-logs):
// date, what was seen, what was done, newest first.
import { defineList } from '@/kit/list.js'

export default defineList({
  id: 'care-building-logs',
  endpoint: '/api/v1/care/building-logs',
  pageSize: 30,
  rowTestid: 'care-log-row',
  columns: [
    { key: 'date', label: 'care.date', width: 110, phone: 'title' },
    { key: 'building', label: 'care.building', width: 160, value: (e) => e.building && e.building.label, phone: 'meta' },
    { key: 'seen', label: 'care.seenLog', minWidth: 220, phone: 'line', phoneLabel: true },
    { key: 'done', label: 'care.done', minWidth: 220, phone: 'line', phoneLabel: true },
    { key: 'author', label: 'care.author', width: 100, value: (e) => e.author && e.author.name, phone: 'value' },
  ],
  link: null,
  empty: 'care.noLogs',
})
