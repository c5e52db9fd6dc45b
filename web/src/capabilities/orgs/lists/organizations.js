// GET /api/v1/organizations?kind=
import { defineList } from '@/kit/list.js'
import { t, labelOf } from '@/kit/i18n.js'

export const ORG_KINDS = ['property_company', 'owners_committee', 'alliance_unit', 'social_org', 'resident_unit']

// The compounds an organization serves now: "紫薇花园（自 2020-07-01）、…"
const servedText = (o) =>
  (o.compounds || [])
    .filter((c) => c.current !== false)
    .map((c) => (c.started ? `${c.name}（${t('orgs.since', { d: c.started })}）` : c.name))
    .join('、')

export default defineList({
  id: 'orgs',
  endpoint: '/api/v1/organizations',
  pageSize: 50,
  rowTestid: 'org-row',
  filters: [
    {
      name: 'kind',
      kind: 'select',
      label: 'orgs.kind',
      display: 'buttons',
      all: 'orgs.allKinds',
      testid: 'org-kind',
      options: ORG_KINDS.map((k) => ({ value: k, label: `orgs.kinds.${k}` })),
    },
  ],
  columns: [
    { key: 'name', label: 'orgs.name', minWidth: 180, phone: 'title' },
    { key: 'kind', label: 'orgs.kind', width: 120, value: (o) => labelOf('orgs.kinds', o.kind), phone: 'meta' },
    { key: 'place_name', label: 'orgs.place', width: 120, phone: 'line', phoneLabel: true },
    {
      key: 'contact',
      label: 'orgs.contact',
      minWidth: 150,
      value: (o) => [o.contact_name, o.contact_phone].filter(Boolean).join(' ') || t('common.none'),
      phoneValue: (o) => [o.contact_name, o.contact_phone].filter(Boolean).join(' '),
      phone: 'line',
      phoneLabel: true,
    },
    { key: 'compounds', label: 'orgs.compounds', minWidth: 200, value: (o) => servedText(o) || '—', phoneValue: servedText, phone: 'line', phoneLabel: true },
    { key: 'offers', label: 'orgs.offers', minWidth: 200, tooltip: true, phone: 'line', phoneLabel: true },
  ],
})
