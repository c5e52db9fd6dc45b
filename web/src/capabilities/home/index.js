// Home: the greeting, the user's role and scope, shortcuts to every page the
// user may open (from the app's nav list).
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'home', routes, nav, messages }
