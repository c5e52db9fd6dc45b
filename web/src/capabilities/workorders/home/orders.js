// Open work orders for the home cards: the most urgent first (sort=due), at
// most a page of them, and their counts by how late they are.
import { request, qs } from '@/kit/api.js'
import { t } from '@/kit/i18n.js'
import { categoryName, placeText, statusLabel } from '../words.js'

const PAGE = 200

export async function openOrders(params) {
  const page = await request('GET', `/api/v1/work-orders${qs({ ...params, status: 'open', sort: 'due', limit: PAGE })}`)
  const items = (page && page.items) || []
  return { items, more: page && page.next_after != null }
}

// "12" or "200+" when there are more than one page.
export const countText = (n, more) => (more ? `${n}+` : n)

export const lateness = (o) => (o.overdue ? 'overdue' : o.due_soon ? 'dueSoon' : '')

// A card row for an order: number and category, place and status, how late.
export function orderRow(o) {
  const late = lateness(o)
  return {
    key: o.id,
    label: `${categoryName(o.category) || o.number}`,
    sub: [o.number, placeText(o), statusLabel(o.status)].filter(Boolean).join(' · '),
    value: late ? t(`woHome.${late}`) : '',
    tone: late === 'overdue' ? 'danger' : late ? 'warning' : '',
    to: { name: 'workOrder', params: { id: o.id } },
  }
}
