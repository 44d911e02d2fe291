// The user's language and calendar, remembered in this browser. Persian always shows
// Jalali dates; English shows Gregorian or Jalali by choice.
import { reactive, watch } from 'vue'

export type Lang = 'en' | 'fa'
export type Calendar = 'gregorian' | 'jalali'

const LANG_KEY = 'regenpath.lang'
const CAL_KEY = 'regenpath.calendar'

function stored<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
  try {
    const v = localStorage.getItem(key) as T | null
    return v && allowed.includes(v) ? v : fallback
  } catch {
    return fallback
  }
}

export const prefs = reactive({
  lang: stored<Lang>(LANG_KEY, ['en', 'fa'], 'fa'),
  calendar: stored<Calendar>(CAL_KEY, ['gregorian', 'jalali'], 'gregorian'),
})

export function effectiveCalendar(): Calendar {
  return prefs.lang === 'fa' ? 'jalali' : prefs.calendar
}

function applyToDocument(): void {
  const el = document.documentElement
  el.lang = prefs.lang
  el.dir = prefs.lang === 'fa' ? 'rtl' : 'ltr'
}

export function startPrefs(onLang: (l: Lang) => void): void {
  applyToDocument()
  onLang(prefs.lang)
  watch(
    () => prefs.lang,
    (l) => {
      try {
        localStorage.setItem(LANG_KEY, l)
      } catch {
        /* private mode: the choice lasts this page only */
      }
      applyToDocument()
      onLang(l)
    },
  )
  watch(
    () => prefs.calendar,
    (c) => {
      try {
        localStorage.setItem(CAL_KEY, c)
      } catch {
        /* as above */
      }
    },
  )
}
