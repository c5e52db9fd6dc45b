// The inspector's complaints waiting for a step; the evaluation for those
// who publish the red-black list.
export default [
  { key: 'oversightQueue', title: 'oversightHome.queue', perm: 'complaint_handle', order: 5, component: () => import('./QueueCard.vue') },
  { key: 'oversightRatings', title: 'oversightHome.ratings', perm: 'rating_write', order: 14, component: () => import('./RatingsCard.vue') },
]
