// Schedule item texts in the patient's language. GET /api/v1/me/record sends each item's
// title in the server's one configured language; until it sends both, the Persian (and
// English) titles, details and instrument lists come from the protocol files themselves,
// bundled at build time and parsed only when first needed (a lazy chunk).
import type { Bilingual, ScheduleItem } from './portalApi'

const sources = import.meta.glob<string>('../../../../protocols/*.yaml', { query: '?raw', import: 'default' })

export interface ProtocolItemText {
  title?: Bilingual
  detail?: Bilingual
  instruments?: string[]
  flags?: string[]
}
export type ProtocolTexts = Map<string, ProtocolItemText>

const cache = new Map<string, Promise<ProtocolTexts>>()

async function parseProtocol(id: string): Promise<ProtocolTexts> {
  const load = sources[`../../../../protocols/${id}.yaml`]
  const out: ProtocolTexts = new Map()
  if (!load) return out
  const [{ parse }, text] = await Promise.all([import('yaml'), load()])
  const doc = parse(text) as { items?: (ProtocolItemText & { id: string })[] }
  for (const i of doc.items ?? []) out.set(i.id, { title: i.title, detail: i.detail, instruments: i.instruments, flags: i.flags })
  return out
}

export function protocolTexts(id: string): Promise<ProtocolTexts> {
  if (!/^[a-z0-9-]+$/.test(id)) return Promise.resolve(new Map())
  let p = cache.get(id)
  if (!p) {
    p = parseProtocol(id).catch(() => new Map())
    cache.set(id, p)
  }
  return p
}

// A text in the wanted language: a bilingual object from the server or the protocol file,
// else the server's single-language string.
export function pick(server: string | Bilingual | null | undefined, local: Bilingual | undefined, lang: string): string {
  if (server && typeof server === 'object') return lang === 'fa' ? server.fa || server.en : server.en || server.fa
  if (local) return lang === 'fa' ? local.fa || local.en : local.en || local.fa
  return server ?? ''
}

export function itemTitle(item: ScheduleItem, texts: ProtocolTexts | null, lang: string): string {
  return pick(item.title, texts?.get(item.id)?.title, lang) || item.id
}

export function itemDetail(item: ScheduleItem, texts: ProtocolTexts | null, lang: string): string {
  return pick(item.detail ?? null, texts?.get(item.id)?.detail, lang)
}

export function itemInstruments(item: ScheduleItem, texts: ProtocolTexts | null): string[] {
  return item.instruments ?? texts?.get(item.id)?.instruments ?? []
}

export function itemFlags(item: ScheduleItem, texts: ProtocolTexts | null): string[] {
  return item.flags ?? texts?.get(item.id)?.flags ?? []
}
