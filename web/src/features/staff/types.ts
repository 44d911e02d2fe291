// The API's shapes as the staff screens read them: the server's OpenAPI document's own
// types (api/contract/ on the server, generated into api/schema.d.ts), named for the
// screens. A few are narrowed where the document carries free JSON or a plain string
// (marked below); the instruments and protocols are still the screens' own until the
// document types their answers.
import type { Schema } from '../../api/contract'
import type { paths } from '../../api/schema'
import type { Role } from '../../api/session'

// The pathway's order, as the episode states are listed in the shared words. Checked
// against the document both ways: a state the server adds or drops fails the type check.
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
] as const satisfies readonly Schema<'EpisodeState'>[]
export type EpisodeState = Schema<'EpisodeState'>
// Every state of the document is listed above (the `satisfies` checks the other way).
const everyStateListed: [Exclude<EpisodeState, (typeof EPISODE_STATES)[number]>] extends [never] ? true : never = true
void everyStateListed

export type Sex = Schema<'Sex'>
export type Language = Schema<'Language'>
export type ContactChannel = Schema<'ContactChannel'>
export type Side = Schema<'Side'>
export type CellSource = Schema<'CellSource'>
export type Guidance = Schema<'Guidance'>

export type Consent = Schema<'Consent'>

// In search results a patient comes with where each of their episodes stands.
export type Patient = Schema<'Patient'> & Partial<Pick<Schema<'PatientFound'>, 'episodes'>>

export type Diagnosis = Schema<'Diagnosis'>

export type Episode = Schema<'Episode'>

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

export type PatientRecord = Schema<'PatientRecord'>

// Where a schedule item stands today.
export type ItemStatus = Schema<'TimelineState'>

export type ScheduleItem = Schema<'ScheduleItem'>

export type Transition = Schema<'Transition'>

// An assessment as POST /eligibility answers it; a stored one's reasons have no text.
export type EligibilityReason = Omit<Schema<'EligibilityReason'>, 'text'> & { text?: string }

export type Decision = Schema<'EligibilityDecision'>

// A stored assessment: its findings (a null one was not recorded) and reasons as kept.
export type EligibilityAssessment = Schema<'EligibilityAssessment'>

// Finding to value, as an assessment is asked for.
export type Findings = Schema<'EligibilityRequest'>['findings']

// Its scores as computed: a null one was withheld.
export type QuestionnaireResponse = Schema<'QuestionnaireResponse'>

export type AdverseEvent = Schema<'AdverseEvent'>

export type EpisodeTimeline = Omit<Schema<'EpisodeTimeline'>, 'next'> & {
  next: NextStep[]
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

export type LocalText = Schema<'LocalText'>

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
// Who a row is about (the fields every worklist row starts with).
export type WorklistWho = Omit<Schema<'WorklistEntry'>, 'item'>

// Where a worklist row stands on the day: today's, overdue (target passed, window
// open), due within the week, window closed with nothing recorded, a hold, or closed.
export type WorklistGroup = 'today' | 'overdue' | 'upcoming' | 'window_closed' | 'hold' | 'closed'

export type WorklistEntry = Schema<'WorklistEntry'>

// What a clinician did on acknowledging a red flag.
export type AcknowledgeAction = 'called' | 'asked_to_come_in' | 'referred_to_emergency'
export const ACKNOWLEDGE_ACTIONS: AcknowledgeAction[] = ['called', 'asked_to_come_in', 'referred_to_emergency']

export type MissedReason = Schema<'MissedReason'>

// An item closed as missed, with the decision (GET /api/v1/worklist/closed).
export type WorklistClosed = Schema<'WorklistClosedItem'>

// The worklist's filter as the screen keeps it ('' for any), its choices the document's.
type WorklistQuery = NonNullable<paths['/api/v1/worklist']['get']['parameters']['query']>
export type WorklistKind = NonNullable<WorklistQuery['kind']>
export type ResponsibleRole = NonNullable<WorklistQuery['responsible']>
export interface WorklistFilter {
  kind: WorklistKind | ''
  patient: string
  responsible: ResponsibleRole | ''
}

export type WorklistRedFlag = Schema<'WorklistRedFlag'>

export type WorklistProduct = Schema<'WorklistProduct'>

// A bedside check that refused a product (the patient fields are the product's donor's).
export type WorklistBedsideRefusal = Schema<'WorklistBedsideRefusal'>
export type WorklistQcDue = Schema<'WorklistQcDue'>

// A patient whose portal sign-in code is being guessed (wrong codes for their number).
export type WorklistCodeGuess = Schema<'WorklistCodeGuess'>

export type Worklist = Schema<'Worklist'>

// A step the state machine allows from the episode's state (GET /episodes/{id}: `next`).
// Narrowed: the document lists the roles as strings; they are the permission table's.
export type NextStep = Omit<Schema<'NextStep'>, 'roles'> & { roles: Role[] }
export type WorklistUndeliveredMessage = Schema<'WorklistUndeliveredMessage'>

// Imaging through the clinic's archive (GET /episodes/{id}/imaging and the patient's link).
// Narrowed: the document gives the archive's state as a plain string.
export type ArchiveState = 'not_configured' | 'available' | 'unavailable'
export type RadiographicGrade = Schema<'RadiographicGrade'>
export type ImagingStudy = Schema<'ImagingStudy'>
export type ImagingLink = Schema<'ImagingArchiveLink'>
export type EpisodeImaging = Omit<Schema<'EpisodeImaging'>, 'archive'> & { archive: ArchiveState }
export type ImagingArchivePatient = Schema<'ImagingArchivePatient'>
export type ImagingCandidates = Omit<Schema<'ImagingArchiveCandidates'>, 'archive'> & { archive: ArchiveState }
export type GradeRecorded = Schema<'RadiographicGradeRecorded'>
