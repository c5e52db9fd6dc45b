// Owners' votes on the home page: the votes open now, for owners to vote in
// and for the committee to follow.
export default [
  { key: 'votesOpen', title: 'votesHome.open', perm: 'vote_read', order: 6, component: () => import('./VotesCard.vue') },
]
