import LoginPage from './pages/LoginPage.vue'

export default [
  { path: '/login', name: 'login', component: LoginPage, meta: { public: true } },
  { path: 'me', name: 'me', component: () => import('./pages/MePage.vue'), meta: { nav: 'me' } },
  { path: 'users', name: 'users', component: () => import('./pages/UsersPage.vue'), meta: { nav: 'users' } },
]
