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
  median: { days: number | null; lower: number | null; upper: number | null } | null // null when nobody is treated
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
  // t: a 95 % t interval; kept_in_scale: cut at the scale's ends; n_too_small: none
  // (lower and upper null).
  interval?: 't' | 'kept_in_scale' | 'n_too_small'
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

export type Verdict = 'consistent' | 'contradicted' | 'insufficient_data' | 'not_measurable' | 'not_testable'

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
  by_category?: { category: string; events: number }[]
  not_assessed?: number // neither graded nor a seriousness criterion ticked
  untriaged_red_flags?: number
  serious_events: number
  treated?: number // every treated joint
  followed_days?: number
  // Joints followed at least followed_days, or with a serious event sooner: the
  // serious-event claim's denominator.
  patients: number
  patients_with_serious: number
  serious_rate: Interval
}

export interface Repeats {
  repeated: number
  median_days: number | null
  min_days: number | null
  max_days: number | null
}

export interface Scope {
  centre: string | null // null: every centre the reader may see, together
  injected: number
  survival: Survival
  trajectories: Trajectory[]
  responders: ResponderRate[]
  adverse_events: AdverseEvents
  completeness: Completeness[]
  repeats?: Repeats
  claims: ClaimResult[]
}

export interface ClaimDefinition {
  id: string
  metric: string
  claimed?: { low: number; high: number } // absent for a not_testable claim
  favourable?: 'high' | 'low'
  minimum?: { n: number; follow_up_days: number } // absent for a not_testable claim
  words: LocalText
  note: LocalText
  definition?: string
  time_point?: string
  until?: string
  day?: number
  categories?: string[]
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
  // Null when the protocol has no claims file: no claims section.
  claims_source: LocalText | null
  claims: ClaimDefinition[] | null
  protocol?: { id: string; version: number; title: LocalText }
  survival_end_point?: { id: string; title: LocalText }
  // What each figure counts, said in both languages beside its section.
  definitions?: Partial<Record<DefinitionKey, LocalText>>
  funnel?: Funnel | null
}

export type DefinitionKey =
  | 'treated'
  | 'survival'
  | 'trajectories'
  | 'responders'
  | 'completeness'
  | 'adverse_events'
  | 'serious_rate'
  | 'repeats'

// Each centre's responder rate at one time point against the overall rate, with the
// 95 % and 99.8 % control limits by n: [n, lower95, upper95, lower998, upper998].
export interface Funnel {
  definition: string
  time_point: string | null
  overall: number | null
  centres: { centre: string; own: boolean; n: number; responders: number; rate: number | null }[]
  limits: [number, number | null, number | null, number | null, number | null][]
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
