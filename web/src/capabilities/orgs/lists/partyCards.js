// GET /api/v1/party-cards?building_id= : party members' public cards (亮身份)
// on their buildings, phones as published.
import { defineList } from '@/kit/list.js'

export default defineList({
  id: 'party-cards',
  endpoint: '/api/v1/party-cards',
  pageSize: 50,
  rowTestid: 'party-card-row',
  filters: [{ name: 'building', kind: 'place', label: 'orgs.building', pick: ['building'], params: { building: 'building_id' } }],
  columns: [
    { key: 'name', label: 'orgs.person', width: 120, phone: 'title' },
    { key: 'building_label', label: 'orgs.building', minWidth: 160, phone: 'meta' },
    { key: 'phone', label: 'orgs.phone', width: 130, phone: 'line' },
    { key: 'responsibility', label: 'orgs.responsibility', minWidth: 260, tooltip: true, phone: 'line' },
  ],
})
