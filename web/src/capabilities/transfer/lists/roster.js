// A grid's residents list (花名册): GET /api/v1/residents?grid_id= read
// whole, one row per person with where they live, for printing on A4 and
// exporting.
import { defineList } from '@/kit/list.js'
import { t, labelOf, tagName, locale } from '@/kit/i18n.js'
import { tagOf } from '@/kit/tags.js'

const sexText = (s) => (s === 'male' ? t('resident.male') : s === 'female' ? t('resident.female') : '')
const living = (r) => (r.dwellings || []).filter((d) => !d.moved_out)

export default defineList({
  id: 'roster',
  endpoint: '/api/v1/residents',
  pageSize: 200,
  rowTestid: 'roster-row',
  columns: [
    { key: 'address', label: 'resident.dwellings', minWidth: 200, value: (r) => living(r).map((d) => d.label).join('；'), phone: 'line' },
    { key: 'name', label: 'resident.name', minWidth: 90, phone: 'title' },
    { key: 'relation', label: 'resident.relation', width: 80, value: (r) => living(r).map((d) => labelOf('resident.relations', d.relation)).join('；'), phone: 'meta' },
    { key: 'sex', label: 'resident.sex', width: 60, value: (r) => sexText(r.sex), phone: 'meta' },
    { key: 'age', label: 'resident.age', width: 60, phone: 'meta' },
    { key: 'id_number', label: 'resident.idNumber', minWidth: 170 },
    { key: 'phone', label: 'resident.phone', minWidth: 120, phone: 'line' },
    {
      key: 'tags',
      label: 'resident.tags',
      minWidth: 140,
      value: (r) => (r.tags || []).map((c) => tagName(tagOf(c)) || c).join(locale.value === 'en' ? ', ' : '、'),
      phone: 'line',
    },
  ],
  empty: 'roster.empty',
})
