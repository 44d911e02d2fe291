// Hours since harvest and until expiry, as the lab reads them, on a clock that ticks once
// a minute so the countdowns move while the page is open.
import { onBeforeUnmount, onMounted, ref } from 'vue'
import { i18n } from '../../i18n'
import { formatNumber } from '../../format/numbers'

const HOUR_MS = 3600_000
// Under this many hours left, the countdown is shown as urgent (red).
export const URGENT_HOURS = 12

export function useMinuteClock() {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), 60_000)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}

// Whole hours from `from` to `to` (ISO instants or epoch ms), rounded down; null when unknown.
export function hoursBetween(from: string | number | null | undefined, to: string | number | null | undefined): number | null {
  if (from === null || from === undefined || to === null || to === undefined) return null
  const a = typeof from === 'number' ? from : Date.parse(from)
  const b = typeof to === 'number' ? to : Date.parse(to)
  if (Number.isNaN(a) || Number.isNaN(b)) return null
  return Math.floor((b - a) / HOUR_MS)
}

// '5 h' under two days, '3 d 4 h' past them, in the user's digits.
export function formatHours(h: number): string {
  const t = i18n.global.t
  if (h < 48) return t('products.hours', { n: formatNumber(Math.max(0, h)) })
  return t('products.daysHours', { d: formatNumber(Math.floor(h / 24)), h: formatNumber(h % 24) })
}

// The product's countdown: none for a product at its end (injected, discarded, expired),
// 'expired' past the time, urgent under URGENT_HOURS.
export interface Countdown {
  text: string
  urgent: boolean
  expired: boolean
}
const ENDED = ['used', 'discarded', 'expired']
export function countdown(state: string, expiresAt: string | null, now: number): Countdown | null {
  if (ENDED.includes(state) || !expiresAt) return null
  const left = Date.parse(expiresAt) - now
  if (Number.isNaN(left)) return null
  if (left <= 0) return { text: i18n.global.t('products.expired'), urgent: true, expired: true }
  const h = Math.floor(left / HOUR_MS)
  return { text: formatHours(h), urgent: h < URGENT_HOURS, expired: false }
}
