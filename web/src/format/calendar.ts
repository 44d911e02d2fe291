// Civil dates in either calendar, for the date picker and date fields: the day, month and
// year of an ISO date in the Jalali or Gregorian calendar and back, month lengths, moving
// by days and months, and the typed forms users write (Jalali 1405/09/12 year first in
// Persian; day first, 12/09/1405 or 03/12/2026, in English). Jalali arithmetic is
// jalaali-js's; nothing here reads the user's preferences, so it is tested alone.
import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js'

export type Calendar = 'gregorian' | 'jalali'
export type Lang = 'en' | 'fa'
export interface Ymd {
  y: number
  m: number
  d: number
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

function isoOf(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`
}

function gregorianParts(iso: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return null
  const [y, mo, d] = [+m[1], +m[2], +m[3]]
  return validGregorian(y, mo, d) ? { y, m: mo, d } : null
}

function validGregorian(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

// The day, month and year of an ISO date in `cal`; null for text that is not a date.
export function partsOf(iso: string, cal: Calendar): Ymd | null {
  const g = gregorianParts(iso)
  if (!g || cal === 'gregorian') return g
  const j = toJalaali(g.y, g.m, g.d)
  return { y: j.jy, m: j.jm, d: j.jd }
}

// The ISO date of a day given in `cal`; null when there is no such day.
export function isoFrom(cal: Calendar, y: number, m: number, d: number): string | null {
  if (![y, m, d].every(Number.isInteger)) return null
  if (cal === 'gregorian') return y >= 1 && y <= 9999 && validGregorian(y, m, d) ? isoOf(y, m, d) : null
  if (y < 1 || y > 3177 || !isValidJalaaliDate(y, m, d)) return null
  const g = toGregorian(y, m, d)
  return isoOf(g.gy, g.gm, g.gd)
}

export function monthLength(cal: Calendar, y: number, m: number): number {
  return cal === 'jalali' ? jalaaliMonthLength(y, m) : new Date(Date.UTC(y, m, 0)).getUTCDate()
}

export function addDays(iso: string, n: number): string {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

// The same day `n` months on in `cal`, clamped to the month's last day (31 Shahrivar →
// 30 Mehr; 31 January → 28 or 29 February).
export function addMonths(iso: string, n: number, cal: Calendar): string {
  const p = partsOf(iso, cal)
  if (!p) return iso
  const index = p.y * 12 + (p.m - 1) + n
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return isoFrom(cal, y, m, Math.min(p.d, monthLength(cal, y, m))) ?? iso
}

// 0 = Sunday … 6 = Saturday.
export function weekday(iso: string): number {
  return new Date(iso + 'T00:00:00Z').getUTCDay()
}

// The first day of a week as people there count it: Saturday in Iran (and in the Jalali
// calendar), Monday in a day-first English calendar.
export function weekStart(cal: Calendar, lang: Lang): number {
  return cal === 'jalali' || lang === 'fa' ? 6 : 1
}

// The days to show for a month: whole weeks from the week holding its first day, each
// either an ISO date of the month or null (a blank cell).
export function monthGrid(cal: Calendar, lang: Lang, y: number, m: number): (string | null)[][] {
  const first = isoFrom(cal, y, m, 1)
  if (!first) return []
  const lead = (weekday(first) - weekStart(cal, lang) + 7) % 7
  const cells: (string | null)[] = Array(lead).fill(null)
  for (let d = 1; d <= monthLength(cal, y, m); d++) cells.push(isoFrom(cal, y, m, d))
  while (cells.length % 7) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}

export function persianDigits(text: string): string {
  return text.replace(/[0-9]/g, (c) => String.fromCharCode(0x06f0 + +c))
}

export function latinDigits(text: string): string {
  return text.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (c) => String((c.charCodeAt(0) & 0xf) % 10))
}

// A date as typed in a date field: year first with Persian digits in Persian
// ('۱۴۰۵/۰۹/۱۲'), day first in English ('12/09/1405', '03/12/2026').
export function typedDate(iso: string, cal: Calendar, lang: Lang): string {
  const p = partsOf(iso, cal)
  if (!p) return ''
  if (lang === 'fa') return persianDigits(`${pad(p.y, 4)}/${pad(p.m)}/${pad(p.d)}`)
  return `${pad(p.d)}/${pad(p.m)}/${pad(p.y, 4)}`
}

// Years a typed date may have in each calendar: a Gregorian-looking year in a Jalali
// field (or the other way round) is a mistake, not a date ten centuries away.
const YEARS: Record<Calendar, [number, number]> = { gregorian: [1700, 2999], jalali: [1100, 1699] }

// What a date field reads: three numbers in any digits separated by '/', '-', '.' or
// spaces, the four-digit one the year (first or last). An ISO date ('2026-12-03') is read
// as Gregorian in any field: it is what programs and other screens write. Null when it is
// no real day of `cal` in a plausible year.
export function readTypedDate(text: string, cal: Calendar): string | null {
  const t = latinDigits(text).trim()
  const iso = /^(\d{4})-\d{2}-\d{2}$/.exec(t)
  if (iso && +iso[1] >= YEARS.gregorian[0]) return gregorianParts(t) ? t : null
  const m = /^(\d{1,4})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{1,4})$/.exec(t)
  if (!m) return null
  let y: number, mo: number, d: number
  if (m[1].length === 4 && m[3].length <= 2) [y, mo, d] = [+m[1], +m[2], +m[3]]
  else if (m[3].length === 4 && m[1].length <= 2) [d, mo, y] = [+m[1], +m[2], +m[3]]
  else return null
  const [lo, hi] = YEARS[cal]
  return y >= lo && y <= hi ? isoFrom(cal, y, mo, d) : null
}
