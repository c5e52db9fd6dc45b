// Grid coverage: households per micro-grid worker against the 400–450 rule,
// and its cards on the home page.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import homeCards from './home/cards.js'
import homeMessages from './home/i18n.js'

export default { name: 'coverage', routes, nav, messages: [messages, homeMessages], homeCards }
