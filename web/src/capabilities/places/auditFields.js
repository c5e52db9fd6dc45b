// The names of a place's fields in the audit log's before → after table.
export default {
  place: {
    name: 'places.name', kind: { label: 'places.kind', values: 'kind' }, code: 'places.code', floor: 'places.floor', area_m2: 'places.area',
    grid_id: 'places.grid', micro_grid_id: 'places.microGrid', parent_id: null,
  },
}
