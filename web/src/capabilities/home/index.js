// Home (工作台): the greeting, the user's role and scope, the cards every
// capability contributes (app/home.js) that the user may use, and shortcuts
// to every page the user may open (from the app's nav list).
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'home', routes, nav, messages }
