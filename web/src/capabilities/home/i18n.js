// The other capabilities name their own shortcuts: nav.<key> and home.desc.<key>.
export default {
  'zh-CN': {
    nav: { home: '首页' },
    home: {
      hello: '您好', morning: '早上好', afternoon: '下午好', evening: '晚上好',
      greeting: '{hello}，{name}',
      role: '角色', scope: '负责范围',
      shortcuts: '常用功能',
    },
  },
  en: {
    nav: { home: 'Home' },
    home: {
      hello: 'Hello', morning: 'Good morning', afternoon: 'Good afternoon', evening: 'Good evening',
      greeting: '{hello}, {name}',
      role: 'Role', scope: 'Scope',
      shortcuts: 'Shortcuts',
    },
  },
}
