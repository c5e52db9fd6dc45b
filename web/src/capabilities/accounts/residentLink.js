// The account whose person staff are linking (a row's action opens the dialog).
import { reactive } from 'vue'

export const residentLink = reactive({ account: null })
