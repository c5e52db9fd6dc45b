// The registry of residents: the searchable list, one resident (occupancies,
// tags, consents), the add / edit form, a dwelling's residents (used by the
// places pages), and the tag list.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'registry', routes, nav, messages }
