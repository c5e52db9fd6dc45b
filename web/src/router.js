import { createRouter, createWebHistory } from 'vue-router'
import { session, loadMe } from './session.js'
import { canSee } from './nav.js'
import { errorMessage } from './api.js'
import AppLayout from './layouts/AppLayout.vue'
import LoginPage from './pages/LoginPage.vue'
import HomePage from './pages/HomePage.vue'

const routes = [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: HomePage, meta: { nav: 'home' } },
      { path: 'me', name: 'me', component: () => import('./pages/MePage.vue'), meta: { nav: 'me' } },
      { path: 'places', name: 'places', component: () => import('./pages/PlacesPage.vue'), meta: { nav: 'places' } },
      {
        path: 'places/:id/elevation',
        name: 'elevation',
        component: () => import('./pages/ElevationPage.vue'),
        meta: { nav: 'places', back: true, title: 'elevation.title' },
      },
      { path: 'residents', name: 'residents', component: () => import('./pages/ResidentsPage.vue'), meta: { nav: 'residents' } },
      {
        path: 'residents/:id',
        name: 'resident',
        component: () => import('./pages/ResidentPage.vue'),
        meta: { nav: 'residents', back: true, title: 'resident.title' },
      },
      { path: 'import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { nav: 'import' } },
      { path: 'orgs', name: 'orgs', component: () => import('./pages/OrgsPage.vue'), meta: { nav: 'orgs' } },
      { path: 'coverage', name: 'coverage', component: () => import('./pages/CoveragePage.vue'), meta: { nav: 'coverage' } },
      { path: 'users', name: 'users', component: () => import('./pages/UsersPage.vue'), meta: { nav: 'users' } },
      { path: 'audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), meta: { nav: 'audit' } },
    ],
  },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory(), routes })

// Only same-site paths are followed after sign-in.
export function safeRedirect(v) {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login') ? v : '/'
}

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      await loadMe()
    } catch (err) {
      session.notice = errorMessage(err)
    }
  }
  if (to.meta.public) return to.name === 'login' && session.user ? safeRedirect(to.query.redirect) : true
  if (!session.user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (to.meta.nav && !canSee(session.permissions, to.meta.nav)) return { name: 'home' }
  return true
})
