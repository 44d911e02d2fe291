// "Saved": one polite announcement after a save, shown on every staff and admin screen.
// It goes after a few seconds, or as soon as the user edits something again, so that it
// never describes an older state than the form shows.
import { reactive } from 'vue'

export const SAVED_FOR_MS = 6000

// An i18n key and its parameters (words follow a change of language while shown).
export const saveStatus = reactive<{ key: string; params: Record<string, string>; shown: number }>({
  key: '',
  params: {},
  shown: 0,
})

let timer: ReturnType<typeof setTimeout> | undefined

export function announceSaved(key = 'save.done', params: Record<string, string> = {}) {
  saveStatus.key = key
  saveStatus.params = params
  saveStatus.shown++
  clearTimeout(timer)
  timer = setTimeout(clearSaved, SAVED_FOR_MS)
}

export function clearSaved() {
  clearTimeout(timer)
  saveStatus.key = ''
  saveStatus.params = {}
}
