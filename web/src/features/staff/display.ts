// Small helpers for showing API values in the user's language.
import { ApiError } from '../../api/client'
import { prefs } from '../../i18n/prefs'
import { todayIso } from '../../format/dates'
import type { LocalText } from './types'

// A name in the user's script first; the other script as a second line where shown.
export function primaryName(p: { name_fa: string; name_latin: string }): string {
  return (prefs.lang === 'fa' ? p.name_fa || p.name_latin : p.name_latin || p.name_fa) || '—'
}
export function secondaryName(p: { name_fa: string; name_latin: string }): string {
  const other = prefs.lang === 'fa' ? p.name_latin : p.name_fa
  return other && other !== primaryName(p) ? other : ''
}

export function localText(t: LocalText | { en: string | null; fa: string | null } | string | null | undefined, fallback = ''): string {
  if (!t) return fallback
  if (typeof t === 'string') return t
  return (prefs.lang === 'fa' ? t.fa : t.en) || t.en || t.fa || fallback
}

// Whole years between a birth date and today (Tehran).
export function ageYears(birthIso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthIso)
  const n = /^(\d{4})-(\d{2})-(\d{2})/.exec(todayIso())
  if (!m || !n) return null
  let age = +n[1] - +m[1]
  if (+n[2] < +m[2] || (+n[2] === +m[2] && +n[3] < +m[3])) age--
  return age
}

// What to show for a failed read: the server's message, or the network failure in words.
export function errorText(e: unknown, networkText: string): string {
  if (e instanceof ApiError && e.code === 'network') return networkText
  return e instanceof Error ? e.message : String(e)
}
