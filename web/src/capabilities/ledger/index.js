// The public-revenue ledger (公共收益, docs/api-ledger.md): each compound's
// income and spending with what authorised each spending, entry forms for
// staff, and the monthly or yearly statement owners read on the phone or
// download as a workbook.
import routes from './routes.js'
import nav from './nav.js'
import messages from './i18n.js'

export default { name: 'ledger', routes, nav, messages }
