// The names of the registry's fields in the audit log's before → after
// table: record kind → field → key of the registry's words ({ label, values }
// for coded values, null: not shown).
export default {
  resident: {
    name: 'resident.name', sex: { label: 'resident.sex', values: 'resident.sexes' }, birth_date: 'resident.birthDate', id_number: 'resident.idNumber',
    phone: 'resident.phone', note: 'resident.note', tags: 'resident.tags', party_org_id: 'resident.partyMember',
    dwellings: 'resident.dwellings',
  },
  occupancy: {
    dwelling_id: null, resident_id: null, label: 'resident.dwelling',
    relation: { label: 'resident.relation', values: 'resident.relations' },
    moved_in: 'resident.movedIn', moved_out: 'resident.movedOut',
  },
  resident_tags: { tags: 'resident.tags' },
  consent: { purpose: { label: 'resident.purpose', values: 'resident.purposes' }, given_by: 'resident.givenBy', given_at: 'resident.givenAt', withdrawn_at: 'resident.withdrawnAt' },
}
