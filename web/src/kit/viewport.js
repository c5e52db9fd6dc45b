// Phone-sized screens (< 768px) get the Vant layout.
import { ref } from 'vue'

const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(max-width: 767.98px)') : null

export const isPhone = ref(query ? query.matches : false)

if (query) {
  const update = () => (isPhone.value = query.matches)
  if (query.addEventListener) query.addEventListener('change', update)
  else query.addListener(update)
}
