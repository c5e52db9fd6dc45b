// Which place kinds each role may be bound to ('' = no scope at all). A copy
// of the server's rule (src/auth/roles.c) used only to guide the create form;
// the server still decides and answers 422 on scope_id otherwise.
export const ROLE_SCOPES = {
  subdistrict_officer: ['subdistrict'],
  community_staff: ['community'],
  property_staff: ['compound', 'zone'],
  owners_committee: ['compound'],
  grid_leader: ['grid'],
  grid_worker: ['grid'],
  building_leader: ['building'],
  party_member: ['building', 'compound', 'community'],
  alliance_unit: ['community', 'subdistrict'],
  volunteer: ['community', 'compound'],
  inspector: ['subdistrict'],
  resident: ['dwelling'],
  admin: ['', 'subdistrict'],
}

export function scopeKindsFor(role) {
  return ROLE_SCOPES[role] || null
}

// Every role, in the order the create form offers them.
export const ROLES = Object.keys(ROLE_SCOPES)
