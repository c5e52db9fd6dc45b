// The words of the resident form's phone pickers, its reading of the ID
// number, and its offer to link a person already registered.
export default {
  'zh-CN': {
    resident: { sexes: { male: '男', female: '女' } },
    residentForm: {
      pickDwelling: '选择房屋', pickBirth: '选择出生日期', pickMovedIn: '选择入住日期', tapToPick: '点击选择',
      fromId: '已按身份证号填写性别和出生日期', change: '更换',
      existingTitle: '这个身份证号已登记：{name}',
      existingLine: '{who}，现住 {where}',
      existingNowhere: '{who}，目前没有在住的房屋',
      linkHere: '登记入住这户（人户关联）', linkNeedsDwelling: '先选择房屋和关系，再登记入住',
      linked: '已将 {name} 登记入住 {where}', openExisting: '查看此人',
    },
  },
  en: {
    resident: { sexes: { male: 'Male', female: 'Female' } },
    residentForm: {
      pickDwelling: 'Choose the dwelling', pickBirth: 'Date of birth', pickMovedIn: 'Move-in date', tapToPick: 'Tap to choose',
      fromId: 'Sex and date of birth filled in from the ID number', change: 'Change',
      existingTitle: 'This ID number is registered: {name}',
      existingLine: '{who}, living at {where}',
      existingNowhere: '{who}, living nowhere at present',
      linkHere: 'Register them as living here', linkNeedsDwelling: 'Choose the dwelling and the relation first',
      linked: '{name} now lives at {where}', openExisting: 'Open their page',
    },
  },
}
