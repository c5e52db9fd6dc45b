// Deliberation (议事协商, docs/api-meetings.md): meetings with their agenda,
// parties, attendance, minutes, decisions and follow-up tasks for staff;
// topics and comments for everyone, on the phone first.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'meetings', routes, nav, messages }
