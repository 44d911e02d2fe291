// Numbers as the lab types them: Persian or Latin digits, a decimal point or the Persian
// decimal separator, group separators left out. '' stays empty (not sent).
import { toLatinDigits } from '../../format/dates'

export function typedNumber(text: string): number | null | 'bad' {
  const s = toLatinDigits(text).replace(/[\s,٬]/g, '').replace('٫', '.')
  if (!s) return null
  if (!/^-?(\d+\.?\d*|\.\d+)(e\d+)?$/i.test(s)) return 'bad'
  const n = Number(s)
  return Number.isFinite(n) ? n : 'bad'
}
