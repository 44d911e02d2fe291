// Schedule item texts in the patient's language. The server sends each item's title and
// detail in both languages (`titles`, `details`) beside the single-language `title` and
// `detail` it writes in its own configured language.
import type { Bilingual, ScheduleItem } from './portalApi'

// A text in the wanted language from a bilingual object, else the single-language string.
export function pick(both: Bilingual | undefined, single: string | Bilingual | null | undefined, lang: string): string {
  const b = both ?? (single && typeof single === 'object' ? single : undefined)
  if (b) return lang === 'fa' ? b.fa || b.en : b.en || b.fa
  return typeof single === 'string' ? single : ''
}

export function itemTitle(item: ScheduleItem, lang: string): string {
  return pick(item.titles, item.title, lang) || item.id
}

export function itemDetail(item: ScheduleItem, lang: string): string {
  return pick(item.details, item.detail ?? null, lang)
}

export function itemInstruments(item: ScheduleItem): string[] {
  return item.instruments ?? []
}

export function itemFlags(item: ScheduleItem): string[] {
  return item.flags ?? []
}
