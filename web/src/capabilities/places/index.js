// Places: the tree (console) or drill-down (phone) of the places in the
// caller's scope; a building's elevation, a dwelling's residents.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import auditFields from './auditFields.js'

export default { name: 'places', routes, nav, messages, auditFields }
