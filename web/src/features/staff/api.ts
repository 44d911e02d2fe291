// The staff screens' calls, one function per thing a user does.
import { answer, http, idempotencyKey, sent } from '../../api/client'
import type { Schema } from '../../api/contract'
import type { AssessmentBody } from './assessment'
import type {
  AcknowledgeAction,
  AdverseEvent,
  CellSource,
  Consent,
  Episode,
  EpisodeState,
  EpisodeImaging,
  EpisodeTimeline,
  Findings,
  GradeRecorded,
  ImagingCandidates,
  ImagingLink,
  Guidance,
  Instrument,
  Language,
  ContactChannel,
  Patient,
  PatientRecord,
  Protocol,
  QuestionnaireResponse,
  Sex,
  Side,
  Worklist,
} from './types'


export interface NewPatient {
  mrn: string
  name_fa: string
  name_latin: string
  sex: Sex
  birth_date: string
  mobile: string
  national_id: string
  consent: Consent
  language: Language
  email: string
  preferred_channel: ContactChannel
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
  injected_by?: string // the username of the surgeon who injected
  reason?: string // required to correct the cell source, guidance or operator after the injection
}

// A study's radiographic grades as the surgeon reads them; the date only when the archive
// cannot give it (not configured, not answering, or the patient not linked).
export interface NewGrade {
  study_uid: string
  study_date?: string
  kl_grade?: number
  tonnis_grade?: number
  joint_space_mm?: number
}

// Each call names its route as the OpenAPI document does; the answer types are the
// screens' own until the document gives them.
export const staffApi = {
  // A page of `limit` in id order; the next one starts after the last id of this one.
  searchPatients: (q: string, state: EpisodeState | '', limit: number, after?: number) =>
    answer<Patient[]>(http.GET('/api/v1/patients', { params: { query: { q, state: state || undefined, limit, after } } })),
  registerPatient: (p: NewPatient) => answer<Patient>(http.POST('/api/v1/patients', { body: sent({ ...p }), headers: idempotencyKey() })),
  correctPatient: (id: number, change: PatientCorrection) =>
    answer<Patient>(http.PATCH('/api/v1/patients/{patient_id}', { params: { path: { patient_id: id } }, body: sent({ ...change }) })),
  patient: (id: number) => answer<PatientRecord>(http.GET('/api/v1/patients/{patient_id}', { params: { path: { patient_id: id } } })),
  openEpisode: (patientId: number, e: NewEpisode) =>
    answer<Episode>(
      http.POST('/api/v1/patients/{patient_id}/episodes', { params: { path: { patient_id: patientId } }, body: sent({ ...e }), headers: idempotencyKey() }),
    ),
  episode: (id: number) => answer<Episode>(http.GET('/api/v1/episodes/{episode_id}', { params: episodePath(id) })),
  timeline: (id: number) => answer<EpisodeTimeline>(http.GET('/api/v1/episodes/{episode_id}/timeline', { params: episodePath(id) })),
  transition: (id: number, to: EpisodeState, reason: string, on: string) =>
    answer<Episode>(
      http.POST('/api/v1/episodes/{episode_id}/transitions', {
        params: episodePath(id),
        body: sent({ to, ...(reason ? { reason } : {}), ...(on ? { on } : {}) }),
      }),
    ),
  assess: (id: number, findings: Findings) =>
    answer<Schema<'EligibilityResult'>>(
      http.POST('/api/v1/episodes/{episode_id}/eligibility', { params: episodePath(id), body: { findings } }),
    ),
  plan: (id: number, harvest: string, injection: string, reason = '') =>
    answer<Schema<'EpisodePlanned'>>(
      http.POST('/api/v1/episodes/{episode_id}/plan', {
        params: episodePath(id),
        body: sent({
          ...(harvest ? { harvest } : {}),
          ...(injection ? { injection } : {}),
          ...(reason ? { reason } : {}),
        }),
      }),
    ),
  // The usernames that may be recorded as having injected (the centre's active surgeons).
  injectingOperators: (id: number) =>
    answer<Schema<'InjectingOperators'>>(http.GET('/api/v1/episodes/{episode_id}/operators', { params: episodePath(id) })),
  updateDetails: (id: number, d: EpisodeDetails) => answer<Episode>(http.PATCH('/api/v1/episodes/{episode_id}', { params: episodePath(id), body: sent({ ...d }) })),
  markItem: (id: number, itemId: string, status: 'done' | 'missed' | 'planned', on?: string) =>
    answer<Schema<'ScheduleItemMarked'>>(
      http.POST('/api/v1/episodes/{episode_id}/schedule/{item_id}', {
        params: { path: { episode_id: id, item_id: itemId } },
        body: sent({ status, ...(on ? { on } : {}) }),
      }),
    ),
  submitQuestionnaire: (id: number, instrument: string, itemId: string, answers: Record<string, unknown>) =>
    answer<QuestionnaireResponse>(
      http.POST('/api/v1/episodes/{episode_id}/questionnaires', {
        params: episodePath(id),
        body: sent({ instrument, ...(itemId ? { item_id: itemId } : {}), answers }),
        headers: idempotencyKey(),
      }),
    ),
  questionnaireLink: (id: number, instrument: string, itemId: string) =>
    answer<Schema<'QuestionnaireLink'>>(
      http.POST('/api/v1/episodes/{episode_id}/questionnaire-links', {
        params: episodePath(id),
        body: sent({ instrument, ...(itemId ? { item_id: itemId } : {}) }),
        headers: idempotencyKey(),
      }),
    ),
  recordAdverseEvent: (id: number, e: NewAdverseEvent) =>
    answer<AdverseEvent>(http.POST('/api/v1/episodes/{episode_id}/adverse-events', { params: episodePath(id), body: sent({ ...e }), headers: idempotencyKey() })),
  // A surgeon's grading: only the fields given change; the reason goes to the audit row.
  assessEvent: (eventId: number, change: AssessmentBody & { reason: string }) =>
    answer<AdverseEvent>(http.PATCH('/api/v1/adverse-events/{event_id}', { params: { path: { event_id: eventId } }, body: sent({ ...change }) })),
  triage: (flagId: number, decision: Triage) =>
    answer<{ red_flag: AdverseEvent; adverse_event: AdverseEvent | null }>(
      http.POST('/api/v1/red-flags/{event_id}/triage', { params: { path: { event_id: flagId } }, body: sent({ ...decision }) }),
    ),
  // The patient's studies in the imaging archive and the episode's grades, read apart from
  // the timeline: the archive may be slow or down, and `archive` then says so.
  imaging: (id: number) => answer<EpisodeImaging>(http.GET('/api/v1/episodes/{episode_id}/imaging', { params: episodePath(id) })),
  // The archive's patients with a Patient ID: the one given, else the patient's record
  // number and national id. Staff choose one; nothing is linked by this.
  imagingCandidates: (patientId: number, dicomPatientId = '') =>
    answer<ImagingCandidates>(
      http.GET('/api/v1/patients/{patient_id}/imaging/candidates', {
        params: { path: { patient_id: patientId }, query: { dicom_patient_id: dicomPatientId || undefined } },
      }),
    ),
  linkImaging: (patientId: number, dicomPatientId: string) =>
    answer<ImagingLink>(
      http.PUT('/api/v1/patients/{patient_id}/imaging/link', { params: { path: { patient_id: patientId } }, body: sent({ dicom_patient_id: dicomPatientId }) }),
    ),
  // A second reading of a study replaces the first; the episode takes its baseline study's grades.
  recordGrade: (id: number, g: NewGrade) =>
    answer<GradeRecorded>(http.POST('/api/v1/episodes/{episode_id}/imaging/grades', { params: episodePath(id), body: sent({ ...g }) })),
  instruments: () => answer<Instrument[]>(http.GET('/api/v1/instruments')),
  protocol: (id: string) => answer<Protocol>(http.GET('/api/v1/protocols/{protocol_id}', { params: { path: { protocol_id: id } } })),
  worklist: () => answer<Worklist>(http.GET('/api/v1/worklist')),
  redFlags: () => answer<AdverseEvent[]>(http.GET('/api/v1/red-flags')),
  acknowledge: (eventId: number, body: { action: AcknowledgeAction; note?: string }) =>
    answer<AdverseEvent>(http.POST('/api/v1/red-flags/{event_id}/acknowledge', { params: { path: { event_id: eventId } }, body: sent(body) })),
}

function episodePath(id: number) {
  return { path: { episode_id: id } }
}
