// Organizations (property companies, owners' committees, alliance units…),
// the party organization tree, party members' public cards and grid posts.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'orgs', routes, nav, messages }
