// Import and export: CSV dry run / import with the rejected rows; CSV and
// Excel exports of a community.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'transfer', routes, nav, messages }
