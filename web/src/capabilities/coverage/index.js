// Grid coverage: households per micro-grid worker against the 400–450 rule.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'coverage', routes, nav, messages }
