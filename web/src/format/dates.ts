// Dates as the API sends them (ISO civil dates 'YYYY-MM-DD' and UTC timestamps) shown in
// the user's language and calendar through the browser's ICU (Intl), and Jalali dates
// typed by the user turned back into ISO with jalaali-js.
import { toGregorian, toJalaali, isValidJalaaliDate } from 'jalaali-js'
import { prefs, effectiveCalendar } from '../i18n/prefs'
import { isoFrom, persianDigits, type Calendar } from './calendar'

function tagFor(cal: Calendar): string {
  if (prefs.lang === 'fa') return cal === 'jalali' ? 'fa-IR-u-ca-persian-nu-arabext' : 'fa-IR-u-ca-gregory-nu-arabext'
  return cal === 'jalali' ? 'en-GB-u-ca-persian' : 'en-GB'
}

function localeTag(): string {
  return tagFor(effectiveCalendar())
}

function civil(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null
}

// '2026-12-01' → '1 December 2026', '10 Azar 1405 AP' or '۱۰ آذر ۱۴۰۵' (day, month, year in
// both languages); short: '01/12/2026', '10/09/1405 AP' or '۱۴۰۵/۰۹/۱۰'.
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

// '2026-12-03' → 'Thursday 3 December 2026', 'Thursday 12 Azar 1405 AP' or
// 'پنجشنبه ۱۲ آذر ۱۴۰۵': weekday, day, month, year in both languages (ICU's Persian
// pattern puts the year first and the weekday last).
export function formatWeekdayDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = civil(iso)
  if (!d) return iso
  const parts = new Intl.DateTimeFormat(localeTag(), {
    timeZone: 'UTC',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).formatToParts(d)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  const era = part('era')
  return [part('weekday'), part('day'), part('month'), part('year'), era].filter(Boolean).join(' ')
}

// A month's name in the user's language and in `cal` ('Azar', 'آذر', 'December').
export function monthName(cal: Calendar, y: number, m: number): string {
  const iso = isoFrom(cal, y, m, 15)
  const d = iso ? civil(iso) : null
  if (!d) return String(m)
  return new Intl.DateTimeFormat(tagFor(cal), { timeZone: 'UTC', month: 'long' }).format(d)
}

// A weekday's name ('long': 'Saturday', 'شنبه'; 'narrow': 'S', 'ش') for an ISO date.
export function weekdayName(iso: string, width: 'long' | 'short' | 'narrow' = 'long'): string {
  const d = civil(iso)
  return d ? new Intl.DateTimeFormat(localeTag(), { timeZone: 'UTC', weekday: width }).format(d) : ''
}

// A year or day number in the user's digits, without grouping ('۱۴۰۵', not '۱٬۴۰۵').
export function calendarNumber(n: number): string {
  return prefs.lang === 'fa' ? persianDigits(String(n)) : String(n)
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

// A time of day typed in the clinic ('07:30', any digits) → that instant today in Tehran,
// as UTC ISO 8601; null for nothing typed, 'bad' for what is not a time. Iran keeps
// UTC+03:30 all year since 2022, so the offset is fixed.
export function tehranTimeToday(text: string): string | null | 'bad' {
  const typed = toLatinDigits(text).trim()
  if (!typed) return null
  const m = /^(\d{1,2})[:٫.](\d{2})$/.exec(typed)
  if (!m || +m[1] > 23 || +m[2] > 59) return 'bad'
  const d = new Date(`${todayIso()}T${m[1].padStart(2, '0')}:${m[2]}:00+03:30`)
  return Number.isNaN(d.getTime()) ? 'bad' : d.toISOString()
}
