// GET /api/v1/residents: search by name (or phone / ID number for roles that
// see them; others get a 422 on q), filters by tag, by grid / compound /
// building (or a dwelling, from a link) and moved-out residents. The filters
// live in the address, so a link or a reload keeps them.
import { defineList } from '@/kit/list.js'
import { t, labelOf, placeWithKind } from '@/kit/i18n.js'
import { sexLabel } from '../hints.js'

export const PLACE_PARAMS = { grid: 'grid_id', compound: 'compound_id', building: 'building_id', dwelling: 'dwelling_id' }

// Where someone lives (or lived): "紫薇花园 1幢 1单元 101（业主）；…"
export const addressText = (r) =>
  (r.dwellings || [])
    .map((d) => `${d.label}（${labelOf('resident.relations', d.relation)}${d.moved_out ? '，' + t('resident.left') : ''}）`)
    .join('；')

export default defineList({
  id: 'residents',
  endpoint: '/api/v1/residents',
  pageSize: 30,
  route: true,
  rowTestid: 'resident-row',
  link: (r) => ({ name: 'resident', params: { id: r.id } }),
  filters: [
    { name: 'q', kind: 'text', label: 'resident.search', testid: 'residents-search' },
    { name: 'tag', kind: 'tag', label: 'resident.tagFilter' },
    {
      name: 'place',
      kind: 'place',
      label: 'resident.placeFilter',
      pick: ['grid', 'compound', 'building'],
      params: PLACE_PARAMS,
      chip: (p) => (p.kind === 'dwelling' ? t('resident.dwellingFilter', { label: p.name }) : placeWithKind(p)),
    },
    { name: 'include_moved_out', kind: 'switch', label: 'resident.includeMovedOut' },
  ],
  columns: [
    {
      key: 'name',
      label: 'resident.name',
      minWidth: 100,
      fixed: true,
      link: true,
      badge: (r) => (r.party_member ? { text: t('resident.partyMember'), type: 'danger' } : null),
      phone: 'title',
    },
    { key: 'sex', label: 'resident.sex', width: 64, value: (r) => sexLabel(r.sex), phone: 'meta' },
    { key: 'age', label: 'resident.age', width: 64, phone: 'meta', phoneValue: (r) => (r.age == null ? '' : t('resident.years', { n: r.age })) },
    { key: 'id_number', label: 'resident.idNumber', minWidth: 170 },
    { key: 'phone', label: 'resident.phone', minWidth: 120, phone: 'line', phoneOrder: 2 },
    { key: 'dwellings', label: 'resident.dwellings', minWidth: 230, tooltip: true, value: addressText, phone: 'line', phoneOrder: 1 },
    { key: 'tags', label: 'resident.tags', minWidth: 150, cell: 'tags', phone: 'line' },
  ],
})
