// The outcome report as GET /api/v1/reports/outcomes returns it (service/outcomes_json.cpp).
// A figure that cannot be estimated is null.

export interface LocalText {
  en: string
  fa: string
}

export interface Interval {
  estimate: number | null
  lower: number | null
  upper: number | null
}

export interface TimePoint {
  id: string
  day: number
  title: LocalText
}

export interface SurvivalAt {
  day: number
  n_risk: number
  surv: number | null
  std_err: number | null
  lower: number | null
  upper: number | null
  beyond_follow_up: boolean
}

export interface Survival {
  n: number
  events: number
  longest_follow_up_days: number
  median: { days: number | null; lower: number | null; upper: number | null }
  // [day, survival, lower, upper] at time 0 and at each event, then at the longest follow-up.
  curve: [number, number | null, number | null, number | null][]
  // [day, survival there, how many] where follow-up ended without a replacement.
  censored: [number, number | null, number][]
  at: SurvivalAt[]
}

export interface TrajectoryPoint {
  time_point: string
  n: number
  mean: number | null
  lower: number | null
  upper: number | null
}

export interface Trajectory {
  measure: string
  points: TrajectoryPoint[]
}

export interface ResponderRate {
  definition: string
  time_point: string
  n: number
  responders: number
  missing: number
  rate: Interval
  worst_case: Interval
}

export interface Completeness {
  time_point: string
  due: number
  received: number
  fraction: number | null
}

export type Verdict = 'consistent' | 'contradicted' | 'insufficient_data'

export interface ClaimResult {
  id: string
  verdict: Verdict
  reason: string
  n: number
  events: number
  missing: number
  estimate: number | null
  lower: number | null
  upper: number | null
  longest_follow_up_days: number
  worst_case: Interval & { verdict: Verdict }
}

export interface AdverseEvents {
  events: number
  by_grade: Record<string, number>
  serious_events: number
  patients: number
  patients_with_serious: number
  serious_rate: Interval
}

export interface Scope {
  centre: string | null // null: every centre the reader may see, together
  injected: number
  survival: Survival
  trajectories: Trajectory[]
  responders: ResponderRate[]
  adverse_events: AdverseEvents
  completeness: Completeness[]
  claims: ClaimResult[]
}

export interface ClaimDefinition {
  id: string
  metric: string
  claimed: { low: number; high: number }
  favourable: 'high' | 'low'
  minimum: { n: number; follow_up_days: number }
  words: LocalText
  note: LocalText
  definition?: string
  time_point?: string
  until?: string
  day?: number
}

export interface LogRank {
  chisq: number | null
  df: number
  p: number | null
  groups: { centre: string; n: number; observed: number | null; expected: number | null }[]
}

export interface OutcomeReport {
  report: 'outcomes'
  as_of: string
  time_points: TimePoint[]
  scopes: Scope[]
  log_rank_by_centre: LogRank | null
  claims_source: LocalText
  claims: ClaimDefinition[]
}

export interface CentreSummary {
  id: string
  name_en: string
  name_fa: string
}

export interface ProtocolSummary {
  id: string
  version: number
  joint: string
  title: LocalText
}
