// The audit log (who changed what, before and after, filtered and exported)
// and the log of sensitive reads (who saw whose unmasked personal data), and
// the day's figures on the home page.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import homeCards from './home/cards.js'

export default { name: 'audit', routes, nav, messages, homeCards }
