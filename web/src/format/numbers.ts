// Numbers and money in the user's language (Persian digits in Persian).
import { prefs } from '../i18n/prefs'

export function formatNumber(n: number | null | undefined, maxFractionDigits = 1): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  return new Intl.NumberFormat(prefs.lang === 'fa' ? 'fa-IR' : 'en-GB', { maximumFractionDigits: maxFractionDigits }).format(n)
}

export function formatPercent(p: number | null | undefined, digits = 0): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '—'
  return new Intl.NumberFormat(prefs.lang === 'fa' ? 'fa-IR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: digits,
  }).format(p)
}

// Digits of a code or phone number shown in the user's script, other characters kept.
export function localDigits(text: string | number): string {
  const s = String(text)
  return prefs.lang === 'fa' ? s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + +d)) : s
}
