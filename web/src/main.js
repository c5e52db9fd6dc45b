import { createApp } from 'vue'
import 'element-plus/dist/index.css'
import 'vant/lib/index.css'
import './styles.css'
import App from './App.vue'
import { installMessages } from './app/i18n.js'
import { router } from './app/router.js'
import { setUnauthorizedHandler } from './kit/api.js'
import { clearSession } from './kit/session.js'
import { t } from './kit/i18n.js'

installMessages()

// A signed-in request answered 401: the session ended (timeout, logout
// elsewhere, account disabled). Back to the login page, then back here.
setUnauthorizedHandler(() => {
  const here = router.currentRoute.value
  if (here.meta.public) return
  clearSession(t('common.sessionExpired'))
  router.replace({ name: 'login', query: here.fullPath === '/' ? {} : { redirect: here.fullPath } })
})

createApp(App).use(router).mount('#app')
