// How the audit pages name who did something and what it was done to.
import { session } from '@/kit/session.js'
import { labelOf, locale } from '@/kit/i18n.js'

export const who = (userId) =>
  userId === null || userId === undefined
    ? '—'
    : session.user && userId === session.user.id
      ? `${session.user.name}（#${userId}）`
      : `#${userId}`

export const actionLabel = (a) => labelOf('audit.actions', a)
export const entityLabel = (e) => labelOf('audit.entities', e)
export const fieldsLabel = (fields) =>
  String(fields || '')
    .split(',')
    .filter(Boolean)
    .map((f) => labelOf('audit.fields', f))
    .join(locale.value === 'en' ? ', ' : '、')
export const subjectLabel = (s) => labelOf('audit.subjects', s)
