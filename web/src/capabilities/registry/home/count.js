// How many residents a filter of the residents list holds: the list's first
// page answers its total when asked (?count=1); "1000+" when it stopped
// counting.
import { request, qs } from '@/kit/api.js'

export async function countResidents(params) {
  const page = await request('GET', `/api/v1/residents${qs({ ...params, count: 1, limit: 1 })}`)
  if (!page || typeof page.total !== 'number') return null
  return page.total_capped ? `${page.total}+` : page.total
}
