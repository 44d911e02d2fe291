// Patient search with each patient's episode states: GET /api/v1/patients answers each
// patient with their episodes (id, side, state), in one audited call.
import { toLatinDigits } from '../../format/dates'
import { staffApi } from './api'
import type { EpisodeState, Patient } from './types'

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

// Patients a page at a time: a name fragment can match thousands in a large network, and
// a screen of them is neither read nor cheap to send.
export const PATIENT_PAGE = 50

export interface PatientPage {
  rows: PatientRow[]
  // A full page: more patients may match, after the last one shown.
  more: boolean
}

export async function searchPatients(text: string, state: EpisodeState | '', after?: number): Promise<PatientPage> {
  const found = await staffApi.searchPatients(normaliseSearch(text), state, PATIENT_PAGE, after)
  return {
    rows: found.map((p) => ({ ...p, states: [...new Set((p.episodes ?? []).map((e) => e.state))] })),
    more: found.length === PATIENT_PAGE,
  }
}
