// The home page (工作台) is built from cards that each capability lists in its
// own description (index.js `homeCards`), so a new capability adds its cards
// without touching the home page. A card:
//
//   {
//     key: 'householdsByTag',          // data-testid home-card-<key>
//     title: 'registryHome.byTag',     // a dictionary key
//     perm: 'resident_read',           // the permission it needs (one, or a list of which any will do)
//     scopes: ['grid', 'micro_grid'],  // optional: only for users whose scope is of these kinds
//     order: 10,                       // place on the page, small first
//     wide: true,                      // optional: takes a whole row on the console
//     component: () => import('./home/HouseholdsByTagCard.vue'),
//   }
//
// The card's component draws its body and loads what it shows itself.
import { defineAsyncComponent, markRaw } from 'vue'
import { CAPABILITIES } from './capabilities.js'
import { can } from '../kit/session.js'

let all = null
export function allHomeCards() {
  if (!all)
    all = CAPABILITIES.flatMap((c) => c.homeCards || [])
      .map((card) => ({ ...card, body: markRaw(defineAsyncComponent(card.component)) }))
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
  return all
}

// The cards this user may use: the permission held, and the scope's kind
// among the card's (an installation admin has no scope: only cards without
// `scopes`).
export function homeCardsFor(user, perms) {
  const kind = user && user.scope ? user.scope.kind : null
  return allHomeCards().filter((c) => can(perms, c.perm) && (!c.scopes || c.scopes.includes(kind)))
}
