// Patient search with each patient's episode states. GET /api/v1/patients returns the
// patients without their episodes, so the states come from one filtered search per
// state (a patient appears under every state one of their episodes is in). When the
// search answers with the states itself, this becomes a single call.
import { toLatinDigits } from '../../format/dates'
import { staffApi } from './api'
import { EPISODE_STATES, type EpisodeState, type Patient } from './types'

export interface PatientRow extends Patient {
  states: EpisodeState[]
}

// What people type: Persian or Arabic digits, Arabic yeh and kaf for the Persian letters,
// and a mobile number in any usual form, which the server stores as +989…
export function normaliseSearch(text: string): string {
  const t = toLatinDigits(text).replace(/\u064A/g, '\u06CC').replace(/\u0643/g, '\u06A9').trim()
  const digits = t.replace(/[\s()-]/g, '')
  const mobile = /^(?:\+98|0098|98|0)?(9\d{9})$/.exec(digits)
  return mobile && !/^\d{10}$/.test(digits) ? '+98' + mobile[1] : t
}

export async function searchPatients(text: string, state: EpisodeState | ''): Promise<PatientRow[]> {
  const q = normaliseSearch(text)
  const [all, ...byState] = await Promise.all([staffApi.searchPatients(q, state), ...EPISODE_STATES.map((s) => staffApi.searchPatients(q, s))])
  const states = new Map<number, EpisodeState[]>()
  byState.forEach((patients, i) => {
    for (const p of patients) states.set(p.id, [...(states.get(p.id) ?? []), EPISODE_STATES[i]])
  })
  return all.map((p) => ({ ...p, states: states.get(p.id) ?? [] }))
}
