// The phone drill-down of the places page, kept while the user looks at an
// elevation or a resident and comes back.
import { ref } from 'vue'

export const placesTrail = ref([])
