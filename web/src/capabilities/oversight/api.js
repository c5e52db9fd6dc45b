// Supervision's calls (docs/api-oversight.md).
import { request, qs } from '@/kit/api.js'

export const oversightApi = {
  places: () => request('GET', '/api/v1/public/oversight/places'),
  file: (body) => request('POST', '/api/v1/public/complaints', body),
  status: (code) => request('POST', '/api/v1/public/complaints/status', { code }),
  lists: (districtId) => request('GET', `/api/v1/public/red-black-lists${qs({ district_id: districtId })}`),
  list: (districtId, quarter) => request('GET', `/api/v1/public/red-black-list${qs({ district_id: districtId, quarter })}`),
  complaints: (params) => request('GET', `/api/v1/complaints${qs({ limit: 200, ...params })}`),
  complaint: (id) => request('GET', `/api/v1/complaints/${encodeURIComponent(id)}`),
  contact: (id) => request('GET', `/api/v1/complaints/${encodeURIComponent(id)}/contact`),
  step: (id, body) => request('POST', `/api/v1/complaints/${encodeURIComponent(id)}/steps`, body),
  formula: () => request('GET', '/api/v1/ratings/formula'),
  putFormula: (body) => request('PUT', '/api/v1/ratings/formula', body),
  thirdParty: (quarter) => request('GET', `/api/v1/ratings/third-party${qs({ quarter, limit: 200 })}`),
  addThirdParty: (body) => request('POST', '/api/v1/ratings/third-party', body),
  preview: (quarter) => request('GET', `/api/v1/ratings/preview${qs({ quarter })}`),
  publish: (quarter) => request('POST', '/api/v1/ratings/publish', { quarter }),
}

// The last quarter that has ended, in China time: "2026Q3".
export function lastQuarter(now = new Date()) {
  const china = new Date(now.getTime() + 8 * 3600 * 1000)
  const y = china.getUTCFullYear()
  const q = Math.floor(china.getUTCMonth() / 3)
  return q === 0 ? `${y - 1}Q4` : `${y}Q${q}`
}
