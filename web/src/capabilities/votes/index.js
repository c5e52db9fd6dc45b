// Owners' votes (业主表决, docs/api-votes.md): the committee calls a vote and
// checks its electorate before publishing it; owners vote on their phone and
// keep a receipt they can check against the published anonymised ballots;
// everyone in reach follows participation against the two-thirds lines and
// reads the result condition by condition.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'
import homeCards from './home/cards.js'

export default { name: 'votes', routes, nav, messages, homeCards }
