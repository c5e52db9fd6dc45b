// The other capabilities name their own shortcuts (nav.<key> and
// home.desc.<key>) and their own cards' words.
export default {
  'zh-CN': {
    nav: { home: '工作台' },
    home: {
      hello: '您好', morning: '早上好', afternoon: '下午好', evening: '晚上好',
      greeting: '{hello}，{name}',
      role: '角色', scope: '负责范围', home: '住址',
      today: '今日工作', shortcuts: '常用功能', residentShortcuts: '我可以办理',
      more: '查看全部',
    },
  },
  en: {
    nav: { home: 'Home' },
    home: {
      hello: 'Hello', morning: 'Good morning', afternoon: 'Good afternoon', evening: 'Good evening',
      greeting: '{hello}, {name}',
      role: 'Role', scope: 'Scope', home: 'Home',
      today: 'Today', shortcuts: 'Shortcuts', residentShortcuts: 'What I can do',
      more: 'See all',
    },
  },
}
