// Work orders (工单) under the 54321 standard: a resident reports (with
// photos, "me too" for the same problem nearby) and follows the clocks; a
// dispatcher works the queue by time left; a worker takes, arrives,
// resolves or sends back; everyone who sees an order sees its timeline.
// Its home cards: the queue, a worker's tasks, a resident's reports.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import homeCards from './home/cards.js'
import homeMessages from './home/i18n.js'

export default { name: 'workorders', routes, nav, messages: [messages, homeMessages], homeCards }
