// Formatting shared by the outcome sections: percentages and intervals in the user's
// digits, time points' short labels, centre names and the report's own bilingual texts.
import { useI18n } from 'vue-i18n'
import { formatNumber, formatPercent } from '../../format/numbers'
import { prefs } from '../../i18n/prefs'
import { timePointLabel } from './chart'
import type { CentreSummary, Interval, LocalText, TimePoint } from './types'

export function useOutcomeWords(timePoints: () => TimePoint[] = () => [], centres: () => CentreSummary[] = () => []) {
  const { t, te } = useI18n()

  const pct = (v: number | null | undefined, digits = 0) => formatPercent(v, digits)
  const num = (v: number | null | undefined, digits = 1) => formatNumber(v, digits)
  const local = (text: LocalText | undefined) => (text ? (prefs.lang === 'fa' ? text.fa : text.en) : '')

  function withCi(i: Interval, as: 'pct' | 'num' = 'pct'): string {
    if (i.estimate === null) return t('outcomes.notEstimable')
    const f = as === 'pct' ? (v: number | null) => pct(v) : (v: number | null) => num(v)
    return t('outcomes.withCi', { value: f(i.estimate), lo: f(i.lower), hi: f(i.upper) })
  }

  function ci(lo: number | null, hi: number | null, as: 'pct' | 'num' = 'pct'): string {
    if (lo === null || hi === null) return '—'
    const f = as === 'pct' ? pct : num
    return t('outcomes.ci', { lo: f(lo), hi: f(hi) })
  }

  function tpShort(id: string): string {
    const tp = timePoints().find((p) => p.id === id)
    if (!tp) return id
    const l = timePointLabel(tp.day)
    return t('outcomes.tp.' + l.key, { n: formatNumber(l.n) })
  }

  function tpTitle(id: string): string {
    const tp = timePoints().find((p) => p.id === id)
    return tp ? local(tp.title) : id
  }

  // The API names other centres "other centre" for readers who may see only their own.
  function centreName(id: string | null): string {
    if (id === null) return t('outcomes.scopeAll')
    if (id === 'other centre') return t('outcomes.otherCentre')
    const c = centres().find((x) => x.id === id)
    return c ? (prefs.lang === 'fa' ? c.name_fa : c.name_en) : id
  }

  return { t, te, pct, num, local, withCi, ci, tpShort, tpTitle, centreName }
}
