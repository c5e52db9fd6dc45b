// Taking an action on an order: POST .../actions with If-Match (the version
// the person saw). Actions with something to fill in (a reason, a person, a
// rating) open the one action dialog (components/ActionDialog.vue, mounted by
// every page that offers actions); the others go at once.
//
//   const updated = await askAction(order, 'dispatch')   // the order after it, or null when cancelled
//
// Someone else changed the order meanwhile (412), or the action is no longer
// allowed (409): the person is told in words, and gets the order as it is now.
import { reactive } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { showDialog, showFailToast, showSuccessToast } from 'vant'
import { ApiError, errorMessage } from '@/kit/api.js'
import { isPhone } from '@/kit/viewport.js'
import { t } from '@/kit/i18n.js'
import { woApi } from './api.js'
import { actionLabel } from './words.js'

// What each action asks for (docs/api-workorders.md, "Transitions");
// a field ending in ! must be filled in.
export const FORMS = {
  dispatch: ['mode', 'difficulty'],
  reassign: ['mode'],
  plan: ['note!'],
  resolve: ['photo', 'note'],
  rate: ['rating!', 'comment'],
  visit: ['note!', 'rating'],
  close: ['outcome!'],
  send_back: ['note!'],
  suspend: ['note!'],
  classify: ['difficulty!'],
  reopen: ['note!'],
  merge: ['into!'],
  whistle: ['org!', 'limit', 'whistleNote'],
}

// The actions that the dispatcher's queue offers on a row, and the worker's
// task list; the order's page offers every allowed one.
export const QUEUE_ACTIONS = ['dispatch', 'reassign']
export const TASK_ACTIONS = ['take', 'arrive', 'resolve', 'send_back']

export const allowedTo = (order, action) => Array.isArray(order?.allowed_actions) && order.allowed_actions.includes(action)

export function toast(ok, msg) {
  if (isPhone.value) (ok ? showSuccessToast : showFailToast)(msg)
  else ElMessage[ok ? 'success' : 'error'](msg)
}

// The dialog's state: which order and action it asks about, and how to answer the caller.
export const dialog = reactive({ open: false, order: null, action: '', done: null })

export function askAction(order, action) {
  if (!FORMS[action]) return perform(order, action, {})
  return new Promise((resolve) => {
    Object.assign(dialog, { open: true, order, action, done: resolve })
  })
}

// Sends the action; a field error (422) is thrown for the form to show.
export async function perform(order, action, body) {
  try {
    let res
    if (action === 'whistle') {
      await woApi.whistle(order.id, body)
      res = await woApi.order(order.id)
    } else res = await woApi.act(order, { action, ...body })
    toast(true, t('wo.dialog.ok', { action: actionLabel(action) }))
    return res
  } catch (err) {
    if (err instanceof ApiError && (err.status === 412 || err.status === 409)) {
      explain(err, action)
      return woApi.order(order.id).catch(() => null)
    }
    throw err
  }
}

// An action with a photo (resolve): the photo goes first, and adding it is
// itself a change of the order (a new version). So: is the order still as
// the person saw it? If not, the action is sent as it is and the server's
// 412 says so; if it is, the photo is added and the action sent with the
// version after it.
export async function performWithPhoto(order, action, body, file) {
  if (!file) return perform(order, action, body)
  const current = await woApi.order(order.id)
  if (current.version !== order.version) return perform(order, action, body)
  const photo = await woApi.addPhoto(order.id, file)
  const after = await woApi.order(order.id)
  return perform(after, action, { ...body, photo_id: photo.id })
}

// 412: someone else was quicker; 409: what may be done instead.
function explain(err, action) {
  let title, message
  if (err.status === 412) {
    title = t('wo.conflict.staleTitle')
    message = t('wo.conflict.stale')
  } else {
    const allowed = (err.body && err.body.allowed_actions) || []
    title = errorMessage(err)
    message = allowed.length
      ? t('wo.conflict.notAllowed', { action: actionLabel(action), allowed: allowed.map(actionLabel).join('、') })
      : t('wo.conflict.notAllowedNone', { action: actionLabel(action) })
  }
  if (isPhone.value) showDialog({ title, message, className: 'wo-conflict' }).catch(() => {})
  else ElMessageBox.alert(message, title, { type: 'warning', customClass: 'wo-conflict', confirmButtonText: t('common.confirm') }).catch(() => {})
}
