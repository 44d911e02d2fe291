// An adverse event's fixed lists (domain/adverse_event.cpp) and the clinician's
// assessment as a form holds it: empty strings for "not given", turned into the request
// body with only the fields given.
import type { Problem } from './validation'

export const EVENT_CATEGORIES = [
  'injection_site_pain',
  'swelling',
  'effusion',
  'flare',
  'harvest_site_pain',
  'bleeding_haematoma',
  'infection',
  'allergic_reaction',
  'fever',
  'vasovagal',
  'other',
] as const
export const SEVERITIES = ['mild', 'moderate', 'severe', 'serious'] as const
export const GRADES = [1, 2, 3, 4, 5] as const
export const SERIOUS_REASONS = [
  'death',
  'life_threatening',
  'hospitalisation',
  'persistent_disability',
  'congenital_anomaly',
  'medically_important',
] as const
export const RELATEDNESS = ['harvest', 'injection', 'neither'] as const
export const OUTCOMES = ['resolved', 'ongoing', 'sequelae', 'death'] as const

// A red flag's category, where an adverse-event category says the same thing.
export const FLAG_TO_EVENT: Record<string, string> = { swelling: 'swelling', fever: 'fever' }

export interface AssessmentDraft {
  ctcae_grade: string
  serious_reasons: string[]
  relatedness: string
  outcome: string
}

export interface AssessmentBody {
  ctcae_grade?: number
  serious_reasons?: string[]
  relatedness?: string
  outcome?: string
}

export const ASSESSMENT_FIELDS = ['ctcae_grade', 'serious_reasons', 'relatedness', 'outcome'] as const

export function emptyAssessment(): AssessmentDraft {
  return { ctcae_grade: '', serious_reasons: [], relatedness: '', outcome: '' }
}

export function assessmentBody(d: AssessmentDraft): AssessmentBody {
  return {
    ...(d.ctcae_grade ? { ctcae_grade: Number(d.ctcae_grade) } : {}),
    ...(d.serious_reasons.length ? { serious_reasons: [...d.serious_reasons] } : {}),
    ...(d.relatedness ? { relatedness: d.relatedness } : {}),
    ...(d.outcome ? { outcome: d.outcome } : {}),
  }
}

// A death is one fact: grade 5, the outcome death and the criterion death must agree
// (the server adds the criterion itself for grade 5 or the outcome death).
export function assessmentProblems(d: AssessmentDraft): Record<string, Problem> {
  const grade5 = d.ctcae_grade === '5'
  const outcomeDeath = d.outcome === 'death'
  const reasonDeath = d.serious_reasons.includes('death')
  return {
    ctcae_grade: outcomeDeath && d.ctcae_grade && !grade5 ? 'deathGrade' : null,
    outcome: (grade5 || reasonDeath) && d.outcome && !outcomeDeath ? 'deathOutcome' : null,
  }
}

// What the triage form needs of a red flag (from the worklist or the events table).
export interface FlagToTriage {
  id: number
  category: string
  severity: string
  description: string
  onset: string | null
}
