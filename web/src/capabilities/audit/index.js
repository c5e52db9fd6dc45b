// The audit log (who changed what, before and after) and the log of
// sensitive reads (who saw whose unmasked personal data).
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'audit', routes, nav, messages }
