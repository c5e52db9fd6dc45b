// Places as the pickers see them: the lazy tree (grids and zones are drawn
// over the sub-district → community → compound → building tree) and every
// visible place of one kind. Shared by the list filters and the forms.
import { api } from './api.js'
import { byNaturalName, sortPlaces } from './naturalSort.js'

// GET /places?parent_id= of a grid answers buildings that also sit under their
// compound. Pickers walk the plain tree and open an overlay only when it is
// the caller's scope root.
const OVERLAY = ['grid', 'micro_grid', 'zone']

export async function pickerChildren(parent, parentIsRoot) {
  const data = await api.places(parent ? parent.id : undefined)
  const items = sortPlaces(data.items || [])
  if (!parent) return items
  if (OVERLAY.includes(parent.kind)) return parentIsRoot ? items.filter((p) => !OVERLAY.includes(p.kind)) : []
  return items.filter((p) => p.kind !== 'zone' && p.kind !== 'micro_grid')
}

// Every visible place of `kind` (community or grid), walking down from the
// caller's roots through sub-districts and communities only.
const WALK = { community: ['subdistrict'], grid: ['subdistrict', 'community'], compound: ['subdistrict', 'community'] }
export async function placesOfKind(kind) {
  const walk = WALK[kind] || []
  const out = []
  const seen = new Set()
  let level = (await api.places()).items || []
  for (let depth = 0; level.length && depth < 4; depth++) {
    const next = []
    for (const p of level) {
      if (seen.has(p.id)) continue
      seen.add(p.id)
      if (p.kind === kind) out.push(p)
      else if (walk.includes(p.kind)) next.push(p)
    }
    level = []
    for (const p of next) level.push(...(((await api.places(p.id)).items || []).filter((c) => c.kind === kind || walk.includes(c.kind))))
  }
  return out.sort(byNaturalName)
}

// Where a place is, as people write it: "紫薇花园 1幢 1单元 101" (GET
// /places/{id} answers its address); '' when it cannot be read.
export async function placeAddress(id) {
  try {
    const p = await api.place(id)
    return p.address || p.name || ''
  } catch {
    return ''
  }
}

// The picker tree of a place filter: no entrances or dwellings below a
// building, and a grid opens only when it is the caller's scope root.
export async function filterPickerChildren(parent, parentIsRoot) {
  const got = await pickerChildren(parent, parentIsRoot)
  return got.filter((p) => p.kind !== 'entrance' && p.kind !== 'dwelling')
}
export const pickerLeaf = (p, isRoot) => p.kind === 'building' || ((p.kind === 'grid' || p.kind === 'micro_grid') && !isRoot)
