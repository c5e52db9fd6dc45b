// GET /api/v1/residents?dwelling_id= : the people living now in one of a
// resident's homes (同户人员), on the resident's page. The same rows as a
// dwelling's residents: each a link to their page, masked as the caller's
// role sees them.
import { defineList } from '@/kit/list.js'
import dwellingResidents from './dwellingResidents.js'

export default defineList({
  ...dwellingResidents,
  id: 'household',
  rowTestid: 'household-row',
})
