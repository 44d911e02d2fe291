// Dates as the API sends them (ISO civil dates 'YYYY-MM-DD' and UTC timestamps) shown in
// the user's language and calendar through the browser's ICU (Intl), and Jalali dates
// typed by the user turned back into ISO with jalaali-js.
import { toGregorian, toJalaali, isValidJalaaliDate } from 'jalaali-js'
import { prefs, effectiveCalendar } from '../i18n/prefs'

function localeTag(): string {
  if (prefs.lang === 'fa') return 'fa-IR-u-ca-persian-nu-arabext'
  return effectiveCalendar() === 'jalali' ? 'en-GB-u-ca-persian' : 'en-GB'
}

function civil(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null
}

// '2026-12-01' → '1 Dec 2026', '10 Azar 1405 AP' or '۱۰ آذر ۱۴۰۵'.
export function formatDate(iso: string | null | undefined, style: 'long' | 'short' = 'long'): string {
  if (!iso) return '—'
  const d = civil(iso)
  if (!d) return iso
  const opts: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }
      : { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }
  return new Intl.DateTimeFormat(localeTag(), opts).format(d)
}

export function formatWeekdayDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = civil(iso)
  if (!d) return iso
  return new Intl.DateTimeFormat(localeTag(), {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(d)
}

// A UTC timestamp shown in the clinic's time zone.
export function formatDateTime(isoTimestamp: string | null | undefined): string {
  if (!isoTimestamp) return '—'
  const d = new Date(isoTimestamp)
  if (Number.isNaN(d.getTime())) return isoTimestamp
  return new Intl.DateTimeFormat(localeTag(), {
    timeZone: 'Asia/Tehran',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d)
}

// Today in Tehran as an ISO civil date.
export function todayIso(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  return parts
}

export function isoToJalali(iso: string): string {
  const d = civil(iso)
  if (!d) return ''
  const j = toJalaali(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
  return `${j.jy}/${String(j.jm).padStart(2, '0')}/${String(j.jd).padStart(2, '0')}`
}

// '1405/09/10' (any digits, '/' or '-') → '2026-12-01'; null when it is not a real Jalali day.
export function jalaliToIso(text: string): string | null {
  const m = /^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s*$/.exec(toLatinDigits(text))
  if (!m) return null
  const [jy, jm, jd] = [+m[1], +m[2], +m[3]]
  if (!isValidJalaaliDate(jy, jm, jd)) return null
  const g = toGregorian(jy, jm, jd)
  return `${g.gy}-${String(g.gm).padStart(2, '0')}-${String(g.gd).padStart(2, '0')}`
}

// Persian (U+06F0…) and Arabic-Indic (U+0660…) digits → ASCII, for what users type.
export function toLatinDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (c) => String((c.charCodeAt(0) & 0xf) % 10))
}
