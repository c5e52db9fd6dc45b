// Grid care (网格关怀, docs/api-care.md): a grid worker's due visits by colour
// tier and the visit log (kept on the phone while offline, outbox.js); staff
// set tiers and record consents; compliance for grid leaders; the 户情图 on
// screen and as a PDF to print; the building leader's log and mediation.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import homeCards from './home/cards.js'

export default { name: 'care', routes, nav, messages, homeCards }
