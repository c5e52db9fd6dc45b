// Supervision (纪检监察前哨 and 红黑榜, docs/api-oversight.md): the public
// complaint page with its tracking code and status lookup, the discipline
// inspector's console, the evaluation of property companies for staff, and
// the public red-black list.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import homeCards from './home/cards.js'

export default { name: 'oversight', routes, nav, messages, homeCards }
