// The ledger's calls that are not lists (docs/api-ledger.md).
import { request, qs, allPages, download, newIdempotencyKey } from '@/kit/api.js'

const enc = encodeURIComponent

export const ledgerApi = {
  compounds: () => allPages('/api/v1/ledger/compounds'),
  enter: (body, key) => request('POST', '/api/v1/ledger/entries', body, { idempotencyKey: key }),
  reverse: (id, reason) => request('POST', `/api/v1/ledger/entries/${enc(id)}/reverse`, { reason }, { idempotencyKey: newIdempotencyKey() }),
  decisions: (compoundId) => allPages('/api/v1/meeting-decisions', { compound_id: compoundId }),
  statement: (compoundId, period) => request('GET', `/api/v1/ledger/compounds/${enc(compoundId)}/statement${qs({ period })}`),
  download: (compoundId, period) =>
    download(`/api/v1/ledger/compounds/${enc(compoundId)}/statement.xlsx${qs({ period })}`, `public-revenue-${period}.xlsx`),
}
