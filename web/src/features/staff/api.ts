// The staff screens' calls, one function per thing a user does.
import { api, idempotencyKey, query } from '../../api/client'
import type { AssessmentBody } from './assessment'
import type {
  AcknowledgeAction,
  AdverseEvent,
  CellSource,
  Consent,
  EligibilityReason,
  Decision,
  Episode,
  EpisodeState,
  EpisodeTimeline,
  Guidance,
  Instrument,
  Patient,
  PatientRecord,
  Protocol,
  QuestionnaireResponse,
  Sex,
  Side,
  Worklist,
} from './types'

const V = '/api/v1'

export interface NewPatient {
  mrn: string
  name_fa: string
  name_latin: string
  sex: Sex
  birth_date: string
  mobile: string
  national_id: string
  consent: Consent
}

// A correction: the fields that change (consent flags one by one) and why.
export type PatientCorrection = Omit<Partial<NewPatient>, 'consent'> & { consent?: Partial<Consent>; reason: string }

export interface NewEpisode {
  protocol: string
  side: Side
  diagnosis: { system: string; code: string }
  kl_grade?: number
  tonnis_grade?: number
  repeat_of?: number
  bilateral_with?: number
}

export interface NewAdverseEvent extends AssessmentBody {
  category: string
  severity?: string
  description?: string
  onset?: string
}

export type Triage =
  | { decision: 'not_adverse_event'; reason: string }
  | ({ decision: 'adverse_event'; reason?: string } & NewAdverseEvent)

export interface EpisodeDetails {
  kl_grade?: number
  tonnis_grade?: number
  cell_source?: CellSource
  guidance?: Guidance
  reason?: string // required to correct the cell source or guidance after the injection
}

export const staffApi = {
  searchPatients: (q: string, state: EpisodeState | '') => api.get<Patient[]>(`${V}/patients${query({ q, state })}`),
  registerPatient: (p: NewPatient) => api.post<Patient>(`${V}/patients`, p, idempotencyKey()),
  correctPatient: (id: number, change: PatientCorrection) => api.patch<Patient>(`${V}/patients/${id}`, change),
  patient: (id: number) => api.get<PatientRecord>(`${V}/patients/${id}`),
  openEpisode: (patientId: number, e: NewEpisode) => api.post<Episode>(`${V}/patients/${patientId}/episodes`, e, idempotencyKey()),
  episode: (id: number) => api.get<Episode>(`${V}/episodes/${id}`),
  timeline: (id: number) => api.get<EpisodeTimeline>(`${V}/episodes/${id}/timeline`),
  transition: (id: number, to: EpisodeState, reason: string, on: string) =>
    api.post<Episode>(`${V}/episodes/${id}/transitions`, { to, ...(reason ? { reason } : {}), ...(on ? { on } : {}) }),
  assess: (id: number, findings: Record<string, number | boolean>) =>
    api.post<{ decision: Decision; reasons: EligibilityReason[] }>(`${V}/episodes/${id}/eligibility`, { findings }),
  plan: (id: number, harvest: string, injection: string, reason = '') =>
    api.post<EpisodeTimeline>(`${V}/episodes/${id}/plan`, {
      ...(harvest ? { harvest } : {}),
      ...(injection ? { injection } : {}),
      ...(reason ? { reason } : {}),
    }),
  updateDetails: (id: number, d: EpisodeDetails) => api.patch<Episode>(`${V}/episodes/${id}`, d),
  markItem: (id: number, itemId: string, status: 'done' | 'missed' | 'planned', on?: string) =>
    api.post<{ id: string; status: string; done_on: string | null }>(
      `${V}/episodes/${id}/schedule/${encodeURIComponent(itemId)}`,
      { status, ...(on ? { on } : {}) },
    ),
  submitQuestionnaire: (id: number, instrument: string, itemId: string, answers: Record<string, unknown>) =>
    api.post<QuestionnaireResponse>(
      `${V}/episodes/${id}/questionnaires`,
      { instrument, ...(itemId ? { item_id: itemId } : {}), answers },
      idempotencyKey(),
    ),
  questionnaireLink: (id: number, instrument: string, itemId: string) =>
    api.post<{ token: string; path: string; expires_at: string }>(
      `${V}/episodes/${id}/questionnaire-links`,
      { instrument, ...(itemId ? { item_id: itemId } : {}) },
      idempotencyKey(),
    ),
  recordAdverseEvent: (id: number, e: NewAdverseEvent) => api.post<AdverseEvent>(`${V}/episodes/${id}/adverse-events`, e, idempotencyKey()),
  // A surgeon's grading: only the fields given change; the reason goes to the audit row.
  assessEvent: (eventId: number, change: AssessmentBody & { reason: string }) => api.patch<AdverseEvent>(`${V}/adverse-events/${eventId}`, change),
  triage: (flagId: number, decision: Triage) =>
    api.post<{ red_flag: AdverseEvent; adverse_event: AdverseEvent | null }>(`${V}/red-flags/${flagId}/triage`, decision),
  instruments: () => api.get<Instrument[]>(`${V}/instruments`),
  protocol: (id: string) => api.get<Protocol>(`${V}/protocols/${encodeURIComponent(id)}`),
  worklist: () => api.get<Worklist>(`${V}/worklist`),
  redFlags: () => api.get<AdverseEvent[]>(`${V}/red-flags`),
  acknowledge: (eventId: number, body: { action: AcknowledgeAction; note?: string }) =>
    api.post<AdverseEvent>(`${V}/red-flags/${eventId}/acknowledge`, body),
}
