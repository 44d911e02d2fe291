// The API's shapes as the staff screens read them (see api/json_pathway.cpp,
// api/json_records.cpp and api/routes_worklist.cpp on the server).
import type { Role } from '../../api/session'

export const EPISODE_STATES = [
  'referred',
  'screening',
  'eligible',
  'ineligible',
  'workup',
  'scheduled',
  'harvested',
  'product_released',
  'injected',
  'follow_up',
  'completed',
  'converted_to_thr',
  'withdrawn',
  'lost_to_follow_up',
] as const
export type EpisodeState = (typeof EPISODE_STATES)[number]

export type Sex = 'female' | 'male' | 'other' | 'unknown'
export type Side = 'left' | 'right'
export type CellSource = 'bone_marrow' | 'adipose'
export type Guidance = 'ultrasound' | 'fluoroscopy'

export interface Consent {
  treatment: boolean
  registry: boolean
  contact: boolean
}

export interface Patient {
  id: number
  centre: string
  mrn: string
  name_fa: string
  name_latin: string
  sex: Sex
  birth_date: string
  birth_date_jalali: string
  // Left out for a role not shown them (the lab; the physiotherapist in search results,
  // and the national id on the record): see the server's GET /api/v1/patients.
  mobile?: string
  national_id?: string
  consent: Consent
  // In search results: where each of the patient's episodes stands.
  episodes?: { id: number; side: Side; state: EpisodeState }[]
}

export interface Diagnosis {
  system: string
  code: string
  display?: string
}

export interface Episode {
  id: number
  patient_id: number
  centre: string
  protocol: string
  side: Side
  diagnosis: Diagnosis
  kl_grade: number | null
  tonnis_grade: number | null
  cell_source: CellSource | null
  guidance: Guidance | null
  state: EpisodeState
  bilateral_with: number | null
  repeat_of: number | null
  harvest_date: string | null
  injection_date: string | null
}

// What the patient page fills in when it opens the new-episode form for a repeat course
// or the other side.
export interface EpisodePreset {
  protocol?: string
  side?: Side
  system?: string
  code?: string
  repeat_of?: number
  bilateral_with?: number
}

export interface PatientRecord extends Patient {
  episodes: Episode[]
  // Other centres where the same national id is registered (possibly the same person).
  same_national_id_at?: string[]
}

// Where a schedule item stands today. Older servers send the recorded status ('planned').
export type ItemStatus =
  | 'done'
  | 'missed'
  | 'cancelled'
  | 'upcoming'
  | 'due'
  | 'overdue'
  | 'out_of_window'
  | 'active'
  | 'ended'
  | 'planned'

export interface ScheduleItem {
  id: string
  kind: string
  title: string | null
  detail?: string
  start: string
  end: string
  window_start: string
  window_end: string
  anchor: string
  offset: string
  start_jalali: string
  end_jalali: string
  status: ItemStatus
  recorded_status?: 'planned' | 'done' | 'missed' | 'cancelled'
  done_on: string | null
  flags?: string[]
  instruments?: string[]
  role?: string
}

export interface Transition {
  from: EpisodeState
  to: EpisodeState
  reason: string
  actor: string
  role: string
  at: string
  on: string
}

export interface EligibilityReason {
  rule: string
  kind: 'indication' | 'indication_not_met' | 'exclusion' | 'caution' | 'missing'
  finding: string
  text?: string
}

export type Decision = 'eligible' | 'ineligible' | 'needs_review'

export interface EligibilityAssessment {
  decision: Decision
  findings: Record<string, number | boolean>
  reasons: EligibilityReason[]
  actor: string
  at: string
}

export interface QuestionnaireResponse {
  id: number
  episode_id: number
  instrument: string
  item_id: string
  answers: Record<string, unknown>
  scores: { instrument: string; title: string; scores: Record<string, number | string | boolean | null> }
  source: string
  submitted_by: string
  submitted_at: string
}

export interface AdverseEvent {
  id: number
  episode_id: number
  kind: string // adverse_event | red_flag
  category: string
  severity: string
  description: string
  onset: string
  reported_by: string
  role: string
  reported_at: string
  status: string
  acknowledged_by: string
  acknowledged_at: string
  ack_action?: AcknowledgeAction | null // red flags: what was done on acknowledging
  ack_note?: string
  // The clinician's assessment (api/json_records.cpp). `serious` is derived from the
  // criteria and a grade of 4 or 5, never from the patient's severity word.
  ctcae_grade: number | null
  serious_reasons: string[]
  serious: boolean
  assessed: boolean
  relatedness: string | null
  outcome: string | null
  red_flag_id: number | null // the red flag an adverse event was triaged from
  triage: 'adverse_event' | 'not_adverse_event' | null // a red flag's decision
  triage_reason: string
  assessed_by: string
  assessed_at: string
}

export interface EpisodeTimeline extends Episode {
  schedule: ScheduleItem[]
  transitions: Transition[]
  next: NextStep[]
  eligibility: EligibilityAssessment[]
  questionnaires: QuestionnaireResponse[]
  events: AdverseEvent[]
}

export interface Question {
  id: string
  group: string | null
  type: 'integer' | 'decimal' | 'choice' | 'open-choice' | string
  text: { en: string | null; fa: string | null }
  min?: number
  max?: number
  required?: boolean
  options?: { value: number | string; label: { en: string | null; fa: string | null } }[]
  entry_format?: string // open-choice: what may be typed besides the options ('YYYY-MM-DD')
}

export interface Instrument {
  key: string
  title: string
  clinician_completed: boolean
  items: string[]
  scores: string[]
  // Wording and answer types, where the clinic ships them (licensed instruments may have none).
  form?: { title?: unknown; copyright?: string | null; questions?: Question[]; languages?: string[]; version?: string }
  // Whether the instrument can be sent to a patient, and if not, why (the server's words).
  patient_fillable?: boolean
  not_for_patients?: string
}

export interface LocalText {
  en: string
  fa: string
}

// GET /api/v1/protocols: one row per protocol the server knows.
export interface ProtocolSummary {
  id: string
  version: number
  joint: string // hip | knee
  title: LocalText
}

export interface ProtocolRule {
  id: string
  finding: string
  text: LocalText
  is?: boolean
  at_least?: number
  at_most?: number
  below?: number
  above?: number
}

export interface Protocol {
  id: string
  version: number
  title: LocalText
  anchors: Record<string, LocalText>
  eligibility: { indication: ProtocolRule; exclusions: ProtocolRule[]; cautions: ProtocolRule[] }
  items: { id: string; kind: string; title: LocalText; detail: LocalText | null }[]
}

// GET /api/v1/worklist
export interface WorklistWho {
  patient_id: number
  mrn: string
  name_fa: string
  name_latin: string
  episode_id: number
  side: Side
  state: EpisodeState
}

// Where a worklist row stands on the day: today's, overdue (target passed, window
// open), due within the week, window closed with nothing recorded, a hold, or closed.
export type WorklistGroup = 'today' | 'overdue' | 'upcoming' | 'window_closed' | 'hold' | 'closed'

export interface WorklistEntry extends WorklistWho {
  mobile?: string // only for roles shown mobiles in lists
  item: {
    id: string
    kind: string
    title: LocalText | string
    due: string
    ends: string
    window_from: string
    window_to: string
    status: ItemStatus
    group: WorklistGroup
    responsible: string
    needs_prescriber_approval: boolean
  }
}

// What a clinician did on acknowledging a red flag.
export type AcknowledgeAction = 'called' | 'asked_to_come_in' | 'referred_to_emergency'
export const ACKNOWLEDGE_ACTIONS: AcknowledgeAction[] = ['called', 'asked_to_come_in', 'referred_to_emergency']

export type MissedReason = 'patient_unreachable' | 'declined' | 'moved_away' | 'clinical_reason' | 'other'

// An item closed as missed, with the decision (GET /api/v1/worklist/closed).
export interface WorklistClosed extends WorklistEntry {
  closure: { id: number; action: string; reason: MissedReason; note: string; by: string; role: string; at: string }
}

export interface WorklistFilter {
  kind: string
  patient: string
  responsible: string
}

export interface WorklistRedFlag extends WorklistWho {
  mobile?: string | null // shown to the roles that may see it in a list
  red_flag: {
    id: number
    category: string
    severity: string
    description: string
    onset: string
    reported_by: string
    reported_at: string
    status: string // open | acknowledged (kept on the list until triaged)
    acknowledged_by: string
    acknowledged_at: string
    acknowledged_role?: string
    ack_action?: AcknowledgeAction | null
    ack_note?: string
  }
}

export interface WorklistProduct extends WorklistWho {
  harvest_date: string | null
  days_since_harvest: number | null
}

// A patient whose portal sign-in code is being guessed (wrong codes for their number).
export interface WorklistCodeGuess {
  patient_id: number
  mrn: string
  name_fa: string
  name_latin: string
  wrong_codes: number
  last_wrong_at: string
}

export interface Worklist {
  date: string
  items: WorklistEntry[] // today's, then overdue, then due within the week
  items_total: number
  window_closed: WorklistEntry[]
  window_closed_total: number
  holds: WorklistEntry[]
  red_flags: WorklistRedFlag[]
  awaiting_release: WorklistProduct[]
  code_guesses: WorklistCodeGuess[]
}

// A step the state machine allows from the episode's state (GET /episodes/{id}: `next`).
export interface NextStep {
  to: EpisodeState
  roles: Role[]
  needs_reason: boolean
}
