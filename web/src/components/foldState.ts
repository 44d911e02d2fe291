// Which folded sections of a page are open, remembered while the user stays on the page
// (a section's form re-rendered after a save keeps its place); the page forgets it when
// left (forgetFolds), so a patient opens folded again next time.
import { reactive } from 'vue'

export const foldState = reactive<Record<string, boolean>>({})

export function forgetFolds() {
  for (const k of Object.keys(foldState)) delete foldState[k]
}
