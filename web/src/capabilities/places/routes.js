export default [
  { path: 'places', name: 'places', component: () => import('./pages/PlacesPage.vue'), meta: { nav: 'places' } },
  {
    path: 'places/:id/elevation',
    name: 'elevation',
    component: () => import('./pages/ElevationPage.vue'),
    meta: { nav: 'places', back: true, title: 'elevation.title' },
  },
]
