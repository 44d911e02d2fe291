// A custody event in words. The server records what was verified and what changed as short
// machine phrases ('din RPDEM260000049, wristband MRN-1048: wrong_patient', 'qc_pending ->
// awaiting_release', 'guidance ultrasound'); the screen reads the known ones into the
// user's language, keeping the codes themselves, and shows any other phrase as it came.
import { i18n } from '../../i18n'
import { formatDate, formatDateTime } from '../../format/dates'
import { formatNumber } from '../../format/numbers'

export interface Phrase {
  text: string
  codes: { din?: string; mrn?: string } // shown as codes beside the words
  said?: string // a person's own words (why a product was set aside), shown as written
  raw: boolean // not understood: shown as recorded (Latin)
}

const t = (k: string, p?: Record<string, unknown>) => i18n.global.t(k, p ?? {})
const te = (k: string) => i18n.global.te(k)

export function eventKind(kind: string): string {
  return te('products.event.' + kind) ? t('products.event.' + kind) : kind
}

// 'din X[, wristband Y][: verdict]', or 'reason: why' for a product set aside.
export function verifiedWords(v: string): Phrase | null {
  if (!v) return null
  const why = /^reason: ([\s\S]*)$/.exec(v)
  if (why) return { text: t('products.chain.reason'), codes: {}, said: why[1], raw: false }
  const stored = /^din (\S+?), ([\s\S]+)$/.exec(v)
  const lab = stored && storageWords(stored[2])
  if (stored && lab) return { ...lab, codes: { din: stored[1] }, raw: false }
  const m = /^din (\S+?)(?:, wristband (.+?))?(?:: (\w+))?$/.exec(v)
  if (!m) return { text: v, codes: {}, raw: true }
  const [, din, mrn, verdict] = m
  const parts: string[] = []
  if (verdict) parts.push(t('products.chain.verdict', { verdict: verdictWord(verdict) }))
  return { text: parts.join(' '), codes: { din, ...(mrn ? { mrn } : {}) }, raw: false }
}

// A storage reading as the chain records it: '4.0 °C fresh: within limits', '-120.0 °C
// frozen: excursion, quarantined'.
function readingWords(r: string): string | null {
  const m = /^(-?[\d.]+) °C (fresh|frozen): (within limits|excursion)(, quarantined)?$/.exec(r)
  if (!m) return null
  const verdict = m[3] === 'within limits' ? 'within' : m[4] ? 'excursionQuarantined' : 'excursion'
  return t('products.chain.reading', { c: t('products.field.celsius', { n: formatNumber(+m[1]) }), kept: t('products.chain.kept.' + m[2]), verdict: t('products.chain.' + verdict) })
}

// What the lab's storage steps record after the DIN: a reading, a freeze (with its first
// reading), a thaw, a return from theatre or a clearance (with why), the passages.
function storageWords(rest: string): Omit<Phrase, 'codes' | 'raw'> | null {
  let m: RegExpExecArray | null
  if ((m = /^reading at (\S+): (.+)$/.exec(rest))) {
    const reading = readingWords(m[2])
    return reading ? { text: t('products.chain.readingAt', { when: formatDateTime(m[1]), reading }) } : null
  }
  if ((m = /^frozen until (\S+?)(?:; (.+))?$/.exec(rest))) {
    const reading = m[2] ? readingWords(m[2]) : ''
    if (reading === null) return null
    return { text: [t('products.chain.frozenUntil', { date: formatDateTime(m[1]) }), reading].filter(Boolean).join(i18n.global.t('staff.listSeparator')) }
  }
  if ((m = /^thawed; use before (\S+)$/.exec(rest))) return { text: t('products.chain.thawed', { date: formatDateTime(m[1]) }) }
  if ((m = /^back from theatre unused: ([\s\S]*?)(?:; (-?[\d.]+ °C (?:fresh|frozen): [\w ,]+))?$/.exec(rest))) {
    const reading = m[2] ? readingWords(m[2]) : null
    const text = t('products.chain.returned') + (reading ? ` (${reading})` : '')
    return { text, said: m[1] }
  }
  if ((m = /^cleared: ([\s\S]*)$/.exec(rest))) return { text: t('products.chain.cleared'), said: m[1] }
  if ((m = /^(\d+) passages((?:; \d+: \S+ to \S+)*)$/.exec(rest))) {
    const each = [...m[2].matchAll(/; (\d+): (\S+) to (\S+)/g)].map(([, n, from, to]) =>
      t('products.chain.passage', { n: formatNumber(+n), from: formatDate(from), to: to === 'running' ? t('products.chain.running') : formatDate(to) }),
    )
    return { text: [t('products.chain.passages', { n: formatNumber(+m[1]) }), ...each].join(i18n.global.t('staff.listSeparator')) }
  }
  return null
}

function verdictWord(v: string): string {
  if (v === 'ok') return t('products.chain.ok')
  return te('products.bedside.verdict.' + v) ? t('products.bedside.verdict.' + v) : v
}

function stateWord(s: string): string {
  return te('products.state.' + s) ? t('products.state.' + s) : s
}

// A bedside check's verdict ('ok', 'wrong_patient'), 'a -> b', 'product N', 'guidance G',
// 'dose D cells'; several joined by ', '.
export function detailWords(d: string): Phrase | null {
  if (!d) return null
  const out: string[] = []
  for (const piece of d.split(', ')) {
    let m: RegExpExecArray | null
    if (piece === 'ok' || te('products.bedside.verdict.' + piece)) out.push(t('products.chain.verdict', { verdict: verdictWord(piece) }))
    else if ((m = /^(\w+) -> (\w+)$/.exec(piece))) {
      if (m[1] !== m[2]) out.push(t('products.chain.move', { from: stateWord(m[1]), to: stateWord(m[2]) }))
    }
    else if ((m = /^product (\d+)$/.exec(piece))) out.push(t('products.chain.split', { n: formatNumber(+m[1]) }))
    else if ((m = /^guidance (\w+)$/.exec(piece)) && te('products.guidance.' + m[1])) out.push(t('products.chain.guidance', { g: t('products.guidance.' + m[1]) }))
    else if ((m = /^(?:dose )?([\d.e+]+) cells$/.exec(piece))) out.push(t('products.chain.dose', { n: formatNumber(+m[1], 0) }))
    else if ((m = /^volume ([\d.]+) ml$/.exec(piece))) out.push(t('products.chain.volume', { n: formatNumber(+m[1]) }))
    // a label printed: 'pdf fa', then the product's state then
    else if ((m = /^(pdf|svg) (en|fa)$/.exec(piece)))
      out.push(t('products.chain.label', { format: t('products.chain.format.' + m[1]), lang: t('products.chain.lang.' + m[2]) }))
    else if (te('products.state.' + piece)) out.push(t('products.chain.stateThen', { s: stateWord(piece) }))
    else return { text: d, codes: {}, raw: true }
  }
  if (!out.length) return null
  return { text: out.join(i18n.global.t('staff.listSeparator')), codes: {}, raw: false }
}
