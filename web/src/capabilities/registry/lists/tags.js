// GET /api/v1/tags: the built-in tags and the sub-district's own (sensitive
// ones only for roles that may see them). One answer, no further pages.
import { defineList } from '@/kit/list.js'
import { t, tagName } from '@/kit/i18n.js'

export default defineList({
  id: 'tags',
  endpoint: '/api/v1/tags',
  pageSize: 100,
  rowTestid: 'tag-row',
  columns: [
    { key: 'name', label: 'resident.tags', minWidth: 140, value: (x) => tagName(x), console: false, phone: 'title' },
    { key: 'code', label: 'tagList.code', minWidth: 160, phone: 'meta' },
    { key: 'name_zh', label: 'tagList.nameZh', minWidth: 140 },
    { key: 'name_en', label: 'tagList.nameEn', minWidth: 160, phone: 'line' },
    {
      key: 'sensitive',
      label: 'tagList.sensitive',
      width: 100,
      value: (x) => (x.sensitive ? t('tagList.sensitiveYes') : t('tagList.sensitiveNo')),
      tag: (x) => ({ type: x.sensitive ? 'danger' : 'info', phoneType: x.sensitive ? 'danger' : 'default' }),
      phone: 'value',
      phoneIf: (x) => x.sensitive,
    },
    {
      key: 'built_in',
      label: 'tagList.builtIn',
      width: 110,
      value: (x) => (x.built_in ? t('tagList.builtInYes') : t('tagList.builtInNo')),
      tag: (x) => ({ type: x.built_in ? 'info' : 'success', effect: 'plain', phoneType: 'primary' }),
      phone: 'value',
      phoneIf: (x) => !x.built_in,
    },
  ],
})
