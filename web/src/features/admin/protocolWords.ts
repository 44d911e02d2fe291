// A protocol's offsets and rules in words: "-14d" from the harvest anchor becomes
// "14 days before cell harvest", a window [-14d, +13d] "from 14 days early to 13 days
// late", a rule {finding: kl_grade, at_least: 2} "kl_grade ≥ 2".
import { formatNumber } from '../../format/numbers'
import { prefs } from '../../i18n/prefs'
import { i18n } from '../../i18n'
import type { EligibilityRule, Protocol, ProtocolItem } from './types'

type T = (key: string, named?: Record<string, unknown>) => string

interface Offset {
  sign: -1 | 0 | 1
  n: number
  unit: 'd' | 'w' | 'm' | 'y'
}

export function parseOffset(text: string): Offset | null {
  const m = /^([+-]?)(\d+)([dwmy])$/.exec(text.trim())
  if (!m) return null
  const n = Number(m[2])
  return { sign: n === 0 ? 0 : m[1] === '-' ? -1 : 1, n, unit: m[3] as Offset['unit'] }
}

function amount(t: T, o: Offset): { n: string; unit: string } {
  return { n: formatNumber(o.n), unit: t(`admin.protocols.${o.n === 1 ? 'unit1' : 'units'}.${o.unit}`) }
}

export function anchorName(p: Protocol, anchor: string): string {
  const text = p.anchors[anchor]
  if (!text) return anchor
  // English runs the anchor into a sentence ("14 days before cell harvest").
  return prefs.lang === 'fa' ? text.fa : text.en.charAt(0).toLowerCase() + text.en.slice(1)
}

export function describeOffset(t: T, offset: string, anchor: string): string {
  const o = parseOffset(offset)
  if (!o) return offset + ' ' + anchor
  if (o.sign === 0) return t('admin.protocols.onDay', { anchor })
  return t(o.sign < 0 ? 'admin.protocols.before' : 'admin.protocols.after', { ...amount(t, o), anchor })
}

export function describeWhen(t: T, p: Protocol, item: ProtocolItem): string {
  const anchor = anchorName(p, item.anchor)
  const from = describeOffset(t, item.at, anchor)
  if (!item.until || item.until === item.at) return from
  return t('admin.protocols.span', { from, to: describeOffset(t, item.until, anchor) })
}

function windowEnd(t: T, offset: string): string {
  const o = parseOffset(offset)
  if (!o) return offset
  if (o.sign === 0) return t('admin.protocols.onTime')
  return t(o.sign < 0 ? 'admin.protocols.early' : 'admin.protocols.late', amount(t, o))
}

export function describeWindow(t: T, window: string[] | null): string {
  if (!window) return '—'
  return t('admin.protocols.windowSpan', { from: windowEnd(t, window[0]), to: windowEnd(t, window[1]) })
}

// The machine form of a rule, shown beside its words: "kl_grade ≥ 2, ≤ 3".
export function ruleCondition(t: T, r: EligibilityRule): string {
  const parts: string[] = []
  if (r.is !== undefined) parts.push('= ' + t(r.is ? 'admin.protocols.yes' : 'admin.protocols.no'))
  if (r.at_least !== undefined) parts.push('≥ ' + formatNumber(r.at_least))
  if (r.at_most !== undefined) parts.push('≤ ' + formatNumber(r.at_most))
  if (r.above !== undefined) parts.push('> ' + formatNumber(r.above))
  if (r.below !== undefined) parts.push('< ' + formatNumber(r.below))
  // The finding by its name on a Persian screen (the staff screens' words for it).
  const finding = prefs.lang === 'fa' && i18n.global.te('staff.finding.' + r.finding) ? i18n.global.t('staff.finding.' + r.finding) : r.finding
  return `${finding} ${parts.join(prefs.lang === 'fa' ? '، ' : ', ')}`
}

// Item kinds in the order a reader of the pathway meets them.
export const kindOrder = ['hold', 'order', 'procedure', 'rest', 'visit', 'imaging', 'rehab', 'questionnaire', 'advice']
