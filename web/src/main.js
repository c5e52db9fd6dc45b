import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import 'vant/lib/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router.js'
import { setUnauthorizedHandler } from './api.js'
import { clearSession } from './session.js'
import { t } from './i18n.js'

// A signed-in request answered 401: the session ended (timeout, logout
// elsewhere, account disabled). Back to the login page, then back here.
setUnauthorizedHandler(() => {
  const here = router.currentRoute.value
  if (here.meta.public) return
  clearSession(t('common.sessionExpired'))
  router.replace({ name: 'login', query: here.fullPath === '/' ? {} : { redirect: here.fullPath } })
})

createApp(App).use(router).mount('#app')
