// Every capability's words into the one dictionary (kit/i18n.js already holds
// the kit's shared ones). Called once at start-up, before the first page.
import { CAPABILITIES } from './capabilities.js'
import { addMessages } from '../kit/i18n.js'

export function installMessages() {
  for (const c of CAPABILITIES) addMessages(c.messages, c.name)
}
