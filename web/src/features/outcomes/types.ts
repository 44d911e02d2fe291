// The outcome report as GET /api/v1/reports/outcomes returns it, read from the server's
// OpenAPI document (api/contract/reports.hpp): an answer type changed on the server fails
// the type check where this app does not follow. A figure that cannot be estimated is null.
import type { Schema } from '../../api/contract'

export type LocalText = Schema<'LocalText'>

export type Interval = Schema<'Interval'>

export type TimePoint = Schema<'OutcomeTimePoint'>

export type SurvivalAt = Schema<'SurvivalAt'>

// The document says a row of numbers; these say which number is where.
// [day, survival, lower, upper] at time 0 and at each event, then at the longest follow-up.
export type CurvePoint = [number, number | null, number | null, number | null]
// [day, survival there, how many] where follow-up ended without a replacement.
export type CensorMark = [number, number | null, number]
// [n, lower95, upper95, lower998, upper998]
export type FunnelLimit = [number, number | null, number | null, number | null, number | null]

export type Survival = Omit<Schema<'Survival'>, 'curve' | 'censored'> & {
  curve: CurvePoint[]
  censored: CensorMark[]
}

export type TrajectoryPoint = Schema<'TrajectoryPoint'>

export type Trajectory = Schema<'Trajectory'>

export type ResponderRate = Schema<'ResponderRate'>

export type Completeness = Schema<'Completeness'>

export type Verdict = Schema<'ClaimVerdict'>

export type ClaimResult = Schema<'ClaimResult'>

export type AdverseEvents = Schema<'AdverseEventSummary'>

export type Repeats = Schema<'Repeats'>

export type Scope = Omit<Schema<'OutcomeScope'>, 'survival'> & { survival: Survival }

export type ClaimDefinition = Schema<'ClaimDefinition'>

export type LogRank = Schema<'LogRank'>

// Each centre's responder rate at one time point against the overall rate, with the
// 95 % and 99.8 % control limits by n.
export type Funnel = Omit<Schema<'Funnel'>, 'limits'> & { limits: FunnelLimit[] }

export type OutcomeReport = Omit<Schema<'OutcomeReport'>, 'scopes' | 'funnel'> & {
  scopes: Scope[]
  funnel: Funnel | null
}

// The sections `definitions` names (what each figure counts, in both languages).
export type DefinitionKey =
  | 'treated'
  | 'survival'
  | 'trajectories'
  | 'responders'
  | 'completeness'
  | 'adverse_events'
  | 'serious_rate'
  | 'repeats'

export type CentreSummary = Pick<Schema<'Centre'>, 'id' | 'name_en' | 'name_fa'>

export type ProtocolSummary = Schema<'ProtocolSummary'>
