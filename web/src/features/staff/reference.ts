// Reference data read once per page load: protocols (item titles and rule texts in both
// languages) and the instruments. A server without GET /protocols/{id} gives null, and
// the screens fall back to the texts the episode read carries.
import { staffApi } from './api'
import type { Instrument, Protocol, Question } from './types'

const protocols = new Map<string, Promise<Protocol | null>>()
let instruments: Promise<Instrument[]> | null = null

export function protocolOf(id: string): Promise<Protocol | null> {
  if (!protocols.has(id)) protocols.set(id, staffApi.protocol(id).catch(() => null))
  return protocols.get(id)!
}

export function allInstruments(): Promise<Instrument[]> {
  if (!instruments) instruments = staffApi.instruments().catch(() => ((instruments = null), []))
  return instruments
}

// The questions of an instrument: its form where the server has one, else bare item ids
// taking a whole number.
export function questionsOf(i: Instrument): Question[] {
  if (i.form?.questions?.length) return i.form.questions
  return i.items.map((id) => ({ id, group: null, type: 'integer', text: { en: null, fa: null } }))
}
