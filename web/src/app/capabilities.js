// The app is this list. Each capability is a folder under capabilities/ with
// its pages, routes.js, nav.js and i18n.js, put together in its index.js;
// adding one is its folder and one line here. The menu follows each nav
// entry's `order`, not this list. A description may also bring its cards for
// the home page (`homeCards`, app/home.js) and the names of its records'
// fields in the audit log (`auditFields`: record kind → field → words key).
import home from '../capabilities/home/index.js'
import accounts from '../capabilities/accounts/index.js'
import places from '../capabilities/places/index.js'
import registry from '../capabilities/registry/index.js'
import transfer from '../capabilities/transfer/index.js'
import orgs from '../capabilities/orgs/index.js'
import coverage from '../capabilities/coverage/index.js'
import audit from '../capabilities/audit/index.js'
import workorders from '../capabilities/workorders/index.js'
import care from '../capabilities/care/index.js'
import votes from '../capabilities/votes/index.js'
import meetings from '../capabilities/meetings/index.js'
import ledger from '../capabilities/ledger/index.js'
import oversight from '../capabilities/oversight/index.js'

export const CAPABILITIES = [home, accounts, places, registry, transfer, orgs, coverage, audit, workorders, care, votes, meetings, ledger, oversight]
