// The households (dwellings people live in) of a grid worker's scope, read
// from the elevations of its buildings: how many people live in each and
// which tags they carry. Shared by the grid worker's two home cards, read
// once per signed-in user.
import { api, request } from '@/kit/api.js'
import { session } from '@/kit/session.js'
import { naturalCompare } from '@/kit/naturalSort.js'

// Tags that call for a visit: the very old, people alone, the ill and poor.
export const ATTENTION = ['aged_80_plus', 'living_alone', 'empty_nest', 'seriously_ill', 'disabled', 'low_income']

// The buildings of a scope root: a grid's and a micro-grid's are listed
// under it (micro-grids themselves are skipped: their buildings are the
// grid's too); a building is its own.
async function buildingsOf(scope) {
  if (scope.kind === 'building') return [{ id: scope.id, name: scope.name }]
  const items = (await api.places(scope.id)).items || []
  return items.filter((p) => p.kind === 'building')
}

// [{ id, label, residents, tags, buildingId }] for every dwelling someone lives in.
async function readHouseholds(scope) {
  const out = []
  for (const b of await buildingsOf(scope)) {
    const el = await request('GET', `/api/v1/places/${encodeURIComponent(b.id)}/elevation`)
    for (const e of el.entrances || [])
      for (const f of e.floors || [])
        for (const d of f.dwellings || [])
          if (d.residents > 0)
            out.push({ id: d.id, label: `${b.name} ${e.name} ${d.name}`, residents: d.residents, tags: d.tags || [], buildingId: b.id })
  }
  return out.sort((a, b) => naturalCompare(a.label, b.label))
}

let cached = { user: null, promise: null }
export function scopeHouseholds() {
  const user = session.user
  if (!user || !user.scope) return Promise.resolve([])
  if (cached.user !== user.id || !cached.promise) {
    cached = { user: user.id, promise: readHouseholds(user.scope) }
    cached.promise.catch(() => (cached = { user: null, promise: null }))
  }
  return cached.promise
}
