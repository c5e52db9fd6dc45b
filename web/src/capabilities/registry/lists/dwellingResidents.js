// GET /api/v1/residents?dwelling_id= : the people of one dwelling, shown whole
// in the places tree's drawer and the elevation's popup (ListPage params
// { dwelling_id }, all).
import { defineList } from '@/kit/list.js'
import { t, labelOf } from '@/kit/i18n.js'
import { sexLabel } from '../hints.js'

// Their relation to this dwelling (ctx.params: the dwelling of this use).
const relationHere = (r, ctx) => {
  const d = (r.dwellings || []).find((x) => x.id === ctx.params.dwelling_id)
  return d ? labelOf('resident.relations', d.relation) : ''
}

export default defineList({
  id: 'dwelling-residents',
  endpoint: '/api/v1/residents',
  pageSize: 100,
  rowTestid: 'dwelling-resident',
  empty: 'resident.noResidents',
  stripe: false,
  link: (r) => ({ name: 'resident', params: { id: r.id } }),
  columns: [
    { key: 'name', label: 'resident.name', minWidth: 90, link: true, phone: 'title' },
    { key: 'relation', label: 'resident.relation', width: 80, value: relationHere, phone: 'meta' },
    { key: 'sex', label: 'resident.sex', width: 60, value: (r) => sexLabel(r.sex), phone: 'meta' },
    { key: 'age', label: 'resident.age', width: 60, phone: 'meta', phoneValue: (r) => (r.age == null ? '' : t('resident.years', { n: r.age })) },
    { key: 'phone', label: 'resident.phone', minWidth: 110, phone: 'line' },
    { key: 'tags', label: 'resident.tags', minWidth: 140, cell: 'tags', phone: 'line' },
  ],
})
