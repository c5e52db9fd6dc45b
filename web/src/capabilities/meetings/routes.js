export default [
  { path: 'meetings', name: 'meetings', component: () => import('./pages/MeetingsPage.vue'), meta: { nav: 'meetings' } },
  {
    path: 'meetings/:id(\\d+)',
    name: 'meeting',
    component: () => import('./pages/MeetingPage.vue'),
    meta: { nav: 'meetings', back: true, title: 'meetings.meeting' },
  },
  { path: 'topics', name: 'topics', component: () => import('./pages/TopicsPage.vue'), meta: { nav: 'topics' } },
  {
    path: 'topics/:id(\\d+)',
    name: 'topic',
    component: () => import('./pages/TopicPage.vue'),
    meta: { nav: 'topics', back: true, title: 'meetings.topic' },
  },
]
