// The households in the caller's scope (GET /care/households), by tier and
// place; a row opens the household's page (tier, consent, visits).
import { defineList } from '@/kit/list.js'
import { t } from '@/kit/i18n.js'
import { TIERS, tierLabel, reasonLabel } from '../words.js'

const TIER_TAG = { red: 'danger', orange: 'warning', yellow: 'warning', green: 'success' }

export default defineList({
  id: 'care-households',
  endpoint: '/api/v1/care/households',
  pageSize: 30,
  route: true,
  filters: [
    {
      name: 'tier',
      kind: 'select',
      label: 'care.tier',
      all: 'care.tierAll',
      options: [...TIERS, 'none'].map((v) => ({ value: v, label: `care.tiers.${v}` })),
    },
    {
      name: 'place',
      kind: 'place',
      label: 'care.place',
      pick: ['grid', 'compound', 'building'],
      params: { grid: 'grid_id', compound: 'compound_id', building: 'building_id' },
    },
  ],
  columns: [
    { key: 'label', label: 'care.household', link: true, phone: 'title', minWidth: 200 },
    {
      key: 'tier',
      label: 'care.tier',
      width: 110,
      value: (h) => (h.tier && h.tier.masked ? t('care.masked') : tierLabel(h.tier && h.tier.tier)),
      tag: (h) => ({ type: TIER_TAG[h.tier && h.tier.tier] || 'info', effect: 'dark', phoneType: TIER_TAG[h.tier && h.tier.tier] === 'danger' ? 'danger' : 'primary' }),
      phone: 'value',
    },
    {
      key: 'suggestion',
      label: 'care.suggestion',
      minWidth: 160,
      value: (h) => (h.suggestion ? [tierLabel(h.suggestion.tier), (h.suggestion.reasons || []).map(reasonLabel).join('、')].filter(Boolean).join('：') : ''),
      phone: 'line',
      phoneLabel: true,
    },
    { key: 'residents', label: 'care.residents', width: 90, phone: 'meta', phoneValue: (h) => `${h.residents} 人` },
    { key: 'public', label: 'care.consent', width: 110, value: (h) => (h.public ? t('care.public') : t('care.notPublic')), phone: 'line' },
  ],
  link: (h) => ({ name: 'careHousehold', params: { id: h.id } }),
  empty: 'common.empty',
})
