// Centres' names for showing a centre id to staff ("tehran-1" means nothing on a Persian
// screen): read once per page load from GET /api/v1/centres, which every staff role may
// read; the id stays shown until (or unless) the names arrive.
import { reactive } from 'vue'
import { answer, http } from './client'
import { prefs } from '../i18n/prefs'

interface CentreName {
  id: string
  name_en: string
  name_fa: string
}

const names = reactive(new Map<string, CentreName>())
let asked = false

function load(): void {
  if (asked) return
  asked = true
  answer<CentreName[]>(http.GET('/api/v1/centres'))
    .then((list) => list.forEach((c) => names.set(c.id, c)))
    .catch(() => {
      asked = false // signed out or offline: ask again next time a name is wanted
    })
}

export function centreName(id: string | null | undefined): string {
  if (!id) return ''
  load()
  const c = names.get(id)
  if (!c) return id
  return (prefs.lang === 'fa' ? c.name_fa || c.name_en : c.name_en || c.name_fa) || id
}
