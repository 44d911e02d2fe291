// Small helpers for showing API values in the user's language.
import { ApiError } from '../../api/client'
import { prefs } from '../../i18n/prefs'
import { todayIso } from '../../format/dates'
import type { LocalText } from './types'
import { i18n } from '../../i18n'

// A name in the user's script first; the other script as a second line where shown.
export function primaryName(p: { name_fa: string; name_latin: string }): string {
  return (prefs.lang === 'fa' ? p.name_fa || p.name_latin : p.name_latin || p.name_fa) || '—'
}
// The language of each, for the lang attribute (screen readers read each name in its own).
export function primaryLang(p: { name_fa: string; name_latin: string }): 'fa' | 'en' {
  return (prefs.lang === 'fa' ? p.name_fa || !p.name_latin : p.name_fa && !p.name_latin) ? 'fa' : 'en'
}
export function secondaryLang(p: { name_fa: string; name_latin: string }): 'fa' | 'en' {
  return primaryLang(p) === 'fa' ? 'en' : 'fa'
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

// Who did something, as staff read it: an account's username stays (it is how staff know
// each other), the command line gets words. The role in words, a role the app does not
// know as it came.
export function actorLabel(actor: string | null | undefined): string {
  if (!actor) return '—'
  if (actor === 'cli') return i18n.global.t('staff.actor.cli')
  // the patient, by the portal or a link ('patient', 'patient:7'): no internal id shown
  if (actor === 'patient' || /^patient:\d+$/.test(actor)) return i18n.global.t('role.patient')
  return actor
}
export function roleLabel(role: string | null | undefined): string {
  if (!role) return ''
  return i18n.global.te('role.' + role) ? i18n.global.t('role.' + role) : role
}
// A reason the server records as a code (the referral that opens an episode) in words;
// a reason a person typed, as typed.
export function reasonLabel(reason: string | null | undefined): string {
  if (!reason) return '—'
  return i18n.global.te('staff.reasonCode.' + reason) ? i18n.global.t('staff.reasonCode.' + reason) : reason
}
