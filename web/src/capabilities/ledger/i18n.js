export default {
  'zh-CN': {
    nav: { ledger: '公共收益台账', ledgerStatement: '收支公示' },
    home: { desc: { ledger: '录入小区公共收益的收入和支出，支出须注明表决或议事决定', ledgerStatement: '本小区公共收益的月度、年度收支表' } },
    ledger: {
      compound: '小区', date: '日期', category: '类别', amount: '金额（元）', description: '摘要', authorisation: '授权依据',
      direction: '收支', income: '收入', spending: '支出', categories: {
        parking: '停车收入', advertising: '广告收入', rent: '租金收入', other_income: '其他收入', repair: '维修支出', other_spending: '其他支出',
      },
      vote: '业主表决', decision: '议事会决定', voteId: '表决编号', pickDecision: '选择议事会决定', none: '无',
      flagged: '无授权（已标记）', reversal: '冲正 #{id}', reversedBy: '已被 #{id} 冲正', reverse: '冲正', reverseAsk: '冲正原因',
      newEntry: '录入收支', enter: '录入', balance: '余额', entries: '{n} 条', period: '期间', month: '按月', year: '按年',
      opening: '期初余额', closing: '期末余额', incomeTotal: '收入合计', spendingTotal: '支出合计', download: '下载 Excel',
      noEntries: '本期没有收支', noCompound: '您没有可查看的小区台账', flaggedOnly: '仅看无授权支出', saved: '已录入',
      amountHint: '以元为单位，最多两位小数', voteOf: '表决 #{id} {title}（{outcome}）', decisionOf: '决定 #{id}（{topic}）：{text}',
      outcomes: { passed: '通过', failed: '未通过' }, enteredBy: '录入人', required: '必填',
    },
  },
  en: {
    nav: { ledger: 'Public revenue', ledgerStatement: 'Revenue statement' },
    home: { desc: { ledger: "Enter the compound's public income and spending; spending cites a vote or a decision", ledgerStatement: "Your compound's public revenue by month or year" } },
    ledger: {
      compound: 'Compound', date: 'Date', category: 'Category', amount: 'Amount (yuan)', description: 'Description', authorisation: 'Authorisation',
      direction: 'In/out', income: 'Income', spending: 'Spending', categories: {
        parking: 'Parking', advertising: 'Advertising', rent: 'Rent', other_income: 'Other income', repair: 'Repairs', other_spending: 'Other spending',
      },
      vote: "Owners' vote", decision: 'Meeting decision', voteId: 'Vote number', pickDecision: 'Choose a decision', none: 'None',
      flagged: 'No authorisation (flagged)', reversal: 'Reverses #{id}', reversedBy: 'Reversed by #{id}', reverse: 'Reverse', reverseAsk: 'Why reverse it',
      newEntry: 'New entry', enter: 'Enter', balance: 'Balance', entries: '{n} entries', period: 'Period', month: 'Month', year: 'Year',
      opening: 'Opening balance', closing: 'Closing balance', incomeTotal: 'Income', spendingTotal: 'Spending', download: 'Download Excel',
      noEntries: 'Nothing in this period', noCompound: 'No compound ledger for you to read', flaggedOnly: 'Unauthorised only', saved: 'Entered',
      amountHint: 'In yuan, up to two decimals', voteOf: 'Vote #{id} {title} ({outcome})', decisionOf: 'Decision #{id} ({topic}): {text}',
      outcomes: { passed: 'passed', failed: 'failed' }, enteredBy: 'Entered by', required: 'Required',
    },
  },
}
