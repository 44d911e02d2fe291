// Checks run as the user types, mirroring the server's rules (domain/patient.cpp) so
// most mistakes show before the form is sent. The server stays the judge: its message
// is shown beside the field it names.
import { toLatinDigits } from '../../format/dates'

// An i18n key under staff.invalid, or null when the value passes.
export type Problem = string | null

export function nationalIdProblem(text: string): Problem {
  const d = toLatinDigits(text).replace(/[\s-]/g, '')
  if (!d) return null // optional
  if (!/^\d+$/.test(d)) return 'digitsOnly'
  if (d.length !== 10) return 'nationalIdLength'
  if (/^(\d)\1{9}$/.test(d)) return 'nationalIdChecksum'
  let sum = 0
  for (let i = 0; i < 9; i++) sum += +d[i] * (10 - i)
  const r = sum % 11
  const check = +d[9]
  return (r < 2 ? check === r : check === 11 - r) ? null : 'nationalIdChecksum'
}

// Iranian mobile numbers: 09xx xxx xxxx, +98 9xx…, 0098 9xx…
export function mobileProblem(text: string): Problem {
  const t = toLatinDigits(text).replace(/[\s()-]/g, '')
  if (!t) return null
  let d = t
  if (d.startsWith('+98')) d = d.slice(3)
  else if (d.startsWith('0098')) d = d.slice(4)
  else if (d.startsWith('98') && d.length === 12) d = d.slice(2)
  else if (d.startsWith('+')) return 'mobileFormat'
  else if (d.startsWith('0')) d = d.slice(1)
  return /^9\d{9}$/.test(d) ? null : 'mobileFormat'
}

// The server's rule (domain/email_address.hpp) in short: one @, a dotted domain, no spaces.
export function emailProblem(text: string): Problem {
  const t = text.trim()
  if (!t) return null
  return /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(t) ? null : 'emailFormat'
}

export function requiredProblem(value: string | number | null | undefined): Problem {
  return value === null || value === undefined || String(value).trim() === '' ? 'required' : null
}

// A whole number in [min, max], or empty when optional.
export function intProblem(text: string, min: number, max: number, required = false): Problem {
  const t = toLatinDigits(String(text ?? '')).trim()
  if (!t) return required ? 'required' : null
  if (!/^-?\d+$/.test(t)) return 'wholeNumber'
  const n = +t
  return n < min || n > max ? 'range' : null
}

export function numberProblem(text: string, min: number, max: number, required = false): Problem {
  const t = toLatinDigits(String(text ?? '')).trim().replace('٫', '.')
  if (!t) return required ? 'required' : null
  if (!/^\d+(\.\d+)?$/.test(t)) return 'number'
  const n = +t
  return n < min || n > max ? 'range' : null
}

export function parseNumber(text: string): number | undefined {
  const t = toLatinDigits(String(text ?? '')).trim().replace('٫', '.')
  return t === '' ? undefined : Number(t)
}

// For DateInput's model: '' (empty), an ISO date, or '!' + text that is not a date.
export function dateProblem(value: string, required = false): Problem {
  if (!value) return required ? 'required' : null
  return value.startsWith('!') ? 'invalidDate' : null
}
