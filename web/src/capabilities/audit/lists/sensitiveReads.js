// GET /api/v1/audit/sensitive-reads?subject=&subject_id=&user_id= : who read
// which unmasked fields of whose record, newest first.
import { defineList } from '@/kit/list.js'
import { allowed } from '@/kit/session.js'
import { formatTime } from '@/kit/format.js'
import { who, fieldsLabel, subjectLabel } from '../format.js'

const subjectText = (r) => `${subjectLabel(r.subject)} #${r.subject_id}`

export default defineList({
  id: 'sensitive-reads',
  endpoint: '/api/v1/audit/sensitive-reads',
  pageSize: 50,
  stripe: false,
  rowTestid: 'sensitive-read-row',
  filters: [
    { name: 'subject', kind: 'select', label: 'audit.subject', options: [{ value: 'resident', label: 'audit.subjects.resident' }, { value: 'user', label: 'audit.subjects.user' }] },
    { name: 'subject_id', kind: 'text', label: 'audit.subjectId', width: 140, inputmode: 'numeric' },
    { name: 'user_id', kind: 'text', label: 'audit.userId', width: 140, inputmode: 'numeric' },
  ],
  columns: [
    { key: 'at', label: 'audit.at', width: 190, value: (r) => formatTime(r.at) },
    { key: 'user', label: 'audit.user', minWidth: 140, value: (r) => who(r) },
    {
      key: 'subject',
      label: 'audit.subject',
      minWidth: 140,
      value: subjectText,
      link: (r) => (r.subject === 'resident' && allowed('resident_read') ? { name: 'resident', params: { id: r.subject_id } } : null),
      phone: 'title',
    },
    { key: 'fields', label: 'audit.fieldsRead', minWidth: 200, value: (r) => fieldsLabel(r.fields), phone: 'line' },
    { key: 'when', label: 'audit.at', console: false, phone: 'line', phoneClass: 'hw-muted', value: (r) => `${formatTime(r.at)} · ${who(r)}` },
  ],
})
