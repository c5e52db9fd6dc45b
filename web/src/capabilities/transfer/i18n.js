export default {
  'zh-CN': {
    nav: { import: '导入导出' },
    home: { desc: { import: '批量导入楼栋、房屋、居民，导出表格' } },
    transfer: {
      title: '导入导出', importTitle: '批量导入', exportTitle: '导出', kind: '导入内容', community: '社区',
      communityChoose: '请选择社区', file: 'CSV 文件', chooseFile: '选择文件', noFile: '未选择文件',
      fileHint: '第一行为表头；UTF-8 或 GBK（Excel 另存为 CSV）均可；身份证号列请设为“文本”',
      dryRun: '预检', doImport: '导入', report: '结果', rows: '数据行', created: '新增', updated: '更新',
      unchanged: '未变', placesCreated: '新建地点', rejectedRows: '有问题的行', line: '行号', column: '列',
      message: '问题', dryOk: '预检通过：可以导入', done: '导入完成', rejectedNote: '有 {n} 行有问题，没有写入任何数据；请改正后重新预检',
      truncated: '问题太多，只列出了前面的部分', ignoredColumns: '未识别、已忽略的列：{cols}', encoding: '文件编码',
      needFile: '请先选择 CSV 文件', needCommunity: '请选择社区', importConfirm: '确定导入“{file}”吗？',
      exportResidents: '居民', exportDwellings: '房屋', exported: '已下载 {name}', exportHint: '按所选社区导出；身份证号、手机号是否脱敏由您的权限决定，每次导出都会记录',
      kinds: { residents: '居民', dwellings: '房屋', buildings: '楼栋' },
    },
  },
  en: {
    nav: { import: 'Import & export' },
    home: { desc: { import: 'Import buildings, dwellings, residents; export spreadsheets' } },
    transfer: {
      title: 'Import & export', importTitle: 'Import', exportTitle: 'Export', kind: 'What to import', community: 'Community',
      communityChoose: 'Choose a community', file: 'CSV file', chooseFile: 'Choose file', noFile: 'No file chosen',
      fileHint: 'Header on the first line; UTF-8 or GBK (Excel “Save as CSV”) both work; make the ID number column “Text”',
      dryRun: 'Dry run', doImport: 'Import', report: 'Result', rows: 'Rows', created: 'Created', updated: 'Updated',
      unchanged: 'Unchanged', placesCreated: 'Places created', rejectedRows: 'Rows with problems', line: 'Line', column: 'Column',
      message: 'Problem', dryOk: 'Dry run passed: ready to import', done: 'Imported', rejectedNote: '{n} rows have problems; nothing was written. Fix them and dry-run again',
      truncated: 'Too many problems; only the first ones are listed', ignoredColumns: 'Unknown columns, ignored: {cols}', encoding: 'Encoding',
      needFile: 'Choose a CSV file first', needCommunity: 'Choose a community', importConfirm: 'Import “{file}”?',
      exportResidents: 'Residents', exportDwellings: 'Dwellings', exported: 'Downloaded {name}', exportHint: 'Exports the chosen community; whether ID and phone numbers are masked depends on your role; every export is logged',
      kinds: { residents: 'Residents', dwellings: 'Dwellings', buildings: 'Buildings' },
    },
  },
}
