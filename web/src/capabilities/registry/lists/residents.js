// GET /api/v1/residents: search by name, building and room ("1幢 301"), and,
// for roles that see them, by phone or ID number, whole or in part (others
// get a 422 on q); filters by tag, by grid / compound / building, then that
// building's entrance and room (or a dwelling, from a link), and moved-out
// residents; with the total. The filters live in the address, so a link or a
// reload keeps them.
import { api } from '@/kit/api.js'
import { defineList } from '@/kit/list.js'
import { t, labelOf, placeWithKind } from '@/kit/i18n.js'
import { sexLabel, seesNumbers } from '../hints.js'

export const PLACE_PARAMS = { grid: 'grid_id', compound: 'compound_id', building: 'building_id', dwelling: 'dwelling_id' }

// Where someone lives (or lived): "紫薇花园 1幢 1单元 101（业主）；…"
export const addressText = (r) =>
  (r.dwellings || [])
    .map((d) => `${d.label}（${labelOf('resident.relations', d.relation)}${d.moved_out ? '，' + t('resident.left') : ''}）`)
    .join('；')

// The places under one, of one kind, in the order people number them.
const byName = (a, b) => String(a.name).localeCompare(String(b.name), 'zh-CN', { numeric: true })
async function childrenOfKind(parentId, kind) {
  const items = (await api.places(parentId)).items || []
  return items
    .filter((p) => p.kind === kind)
    .sort(byName)
    .map((p) => ({ value: p.id, text: p.name }))
}
// 楼栋 → 单元 → 房号: a building picked in the place filter offers its
// entrances, an entrance its dwellings.
const entrancesOf = (place) => (place && place.kind === 'building' ? childrenOfKind(place.id, 'entrance') : [])
const dwellingsOf = (entranceId) => (entranceId ? childrenOfKind(entranceId, 'dwelling') : [])

export default defineList({
  id: 'residents',
  endpoint: '/api/v1/residents',
  pageSize: 30,
  route: true,
  rowTestid: 'resident-row',
  link: (r) => ({ name: 'resident', params: { id: r.id } }),
  filters: [
    {
      name: 'q',
      kind: 'text',
      label: 'resident.search',
      placeholder: () => t(seesNumbers() ? 'resident.search' : 'resident.searchByName'),
      testid: 'residents-search',
      width: 260,
    },
    { name: 'tag', kind: 'tag', label: 'resident.tagFilter' },
    {
      name: 'place',
      kind: 'place',
      label: 'resident.placeFilter',
      pick: ['grid', 'compound', 'building'],
      params: PLACE_PARAMS,
      chip: (p) => (p.kind === 'dwelling' ? t('resident.dwellingFilter', { label: p.name }) : placeWithKind(p)),
    },
    { name: 'entrance', kind: 'select', label: 'resident.entranceFilter', param: 'entrance_id', numeric: true, width: 120, dependsOn: 'place', options: entrancesOf },
    { name: 'room', kind: 'select', label: 'resident.roomFilter', param: 'dwelling_id', numeric: true, width: 120, dependsOn: 'entrance', options: dwellingsOf },
    { name: 'include_moved_out', kind: 'switch', label: 'resident.includeMovedOut' },
  ],
  count: 'resident.total',
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
