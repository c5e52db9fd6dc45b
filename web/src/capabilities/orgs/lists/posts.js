// GET /api/v1/posts?place_id=&kind=&current=1 : grid leaders, grid workers,
// micro-grid workers, building leaders, stairwell stewards.
import { defineList } from '@/kit/list.js'
import { t, labelOf, kindLabel } from '@/kit/i18n.js'
import { placesOfKind } from '@/kit/places.js'

export const POST_KINDS = ['grid_leader', 'grid_worker', 'micro_grid_worker', 'building_leader', 'stairwell_steward']
const postPlace = (p) => `${p.place_name}（${kindLabel(p.place_kind)}）`

export default defineList({
  id: 'posts',
  endpoint: '/api/v1/posts',
  pageSize: 50,
  rowTestid: 'post-row',
  filters: [
    {
      name: 'grid',
      kind: 'select',
      label: 'orgs.grid',
      param: 'place_id',
      all: 'orgs.allGrids',
      numeric: true,
      testid: 'posts-grid',
      width: 200,
      options: async () => (await placesOfKind('grid')).map((g) => ({ value: g.id, text: g.name })),
    },
    { name: 'kind', kind: 'select', label: 'orgs.postKind', options: POST_KINDS.map((k) => ({ value: k, label: `orgs.posts.${k}` })) },
    { name: 'current', kind: 'switch', label: 'orgs.currentOnly' },
  ],
  columns: [
    { key: 'kind', label: 'orgs.kind', width: 120, value: (p) => labelOf('orgs.posts', p.kind), phone: 'meta' },
    { key: 'person_name', label: 'orgs.person', width: 110, phone: 'title', phoneOrder: 0 },
    { key: 'phone', label: 'orgs.phone', width: 130, phone: 'line', phoneOrder: 2 },
    { key: 'place', label: 'orgs.postPlace', minWidth: 160, value: postPlace, phone: 'line', phoneOrder: 1 },
    { key: 'started', label: 'orgs.started', width: 120 },
    {
      key: 'ended',
      label: 'orgs.endedAt',
      width: 120,
      // Still holding the post: a green "current" tag instead of a date.
      value: (p) => p.ended || t('orgs.current'),
      tag: (p) => (p.ended ? null : { type: 'success' }),
    },
    {
      key: 'period',
      label: 'orgs.started',
      console: false,
      phone: 'line',
      phoneOrder: 3,
      phoneClass: 'hw-muted',
      value: (p) => `${t('orgs.started')} ${p.started || '—'}${p.ended ? ` · ${t('orgs.endedAt')} ${p.ended}` : ''}`,
    },
    { key: 'endedTag', label: 'orgs.endedAt', console: false, phone: 'value', phoneIf: (p) => !!p.ended, value: () => t('orgs.ended'), tag: () => ({}) },
  ],
})
