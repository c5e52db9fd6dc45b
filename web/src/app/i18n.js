// Every capability's words into the one dictionary (kit/i18n.js already holds
// the kit's shared ones). Called once at start-up, before the first page. A
// capability's `messages` is one bundle, or a list of them (its pages' words
// and its home cards' words, say).
import { CAPABILITIES } from './capabilities.js'
import { addMessages } from '../kit/i18n.js'

export function installMessages() {
  for (const c of CAPABILITIES) for (const bundle of [].concat(c.messages || [])) addMessages(bundle, c.name)
}
