// The registry of residents: the searchable list, one resident (occupancies,
// tags, consents), the add / edit form, a dwelling's residents (used by the
// places pages), the tag list, and its cards on the home page.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import formMessages from './formWords.js'
import homeCards from './home/cards.js'
import homeMessages from './home/i18n.js'
import auditFields from './auditFields.js'

export default { name: 'registry', routes, nav, messages: [messages, formMessages, homeMessages], homeCards, auditFields }
