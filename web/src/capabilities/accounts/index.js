// Accounts: sign in, the signed-in user's own page, user administration.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import auditFields from './auditFields.js'

export default { name: 'accounts', routes, nav, messages, auditFields }
