// Money as the clinic speaks of it: tomans (rials / 10) with the language's digits and
// separators. The server keeps and sends integer rials; nothing here adds amounts.
import { formatNumber } from './numbers'
import { toLatinDigits } from './dates'

export function tomansOf(rials: number): string {
  return formatNumber(rials / 10, 1)
}

// Tomans as typed (any digits, thousands separators of either script): whole rials, or
// null when it is not an amount.
export function rialsFromTomans(text: string): number | null {
  const t = toLatinDigits(text).replace(/[,\s٬_]/g, '').trim()
  if (!/^\d+$/.test(t)) return null
  const rials = Number(t) * 10
  return Number.isSafeInteger(rials) ? rials : null
}
