// The routes of every capability: public ones (meta.public, an absolute path)
// at the top, the rest inside the app layout. A route's meta.nav names the
// nav entry whose permission guards it.
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadMe, safeRedirect } from '../kit/session.js'
import { errorMessage } from '../kit/api.js'
import { CAPABILITIES } from './capabilities.js'
import { canSee } from './nav.js'
import AppLayout from './layouts/AppLayout.vue'

const all = CAPABILITIES.flatMap((c) => c.routes || [])

const routes = [
  ...all.filter((r) => r.meta && r.meta.public),
  { path: '/', component: AppLayout, children: all.filter((r) => !(r.meta && r.meta.public)) },
  { path: '/:rest(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory(), routes })

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
