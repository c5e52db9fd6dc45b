import HomePage from './pages/HomePage.vue'

export default [{ path: '', name: 'home', component: HomePage, meta: { nav: 'home' } }]
