// The outcome report as GET /api/v1/reports/outcomes returns it, read from the server's
// OpenAPI document (api/contract/reports.hpp): an answer type changed on the server fails
// the type check where this app does not follow. A figure that cannot be estimated is null.
import type { Schema } from '../../api/contract'

export type LocalText = Schema<'LocalText'>

export type Interval = Schema<'Interval'>

export type TimePoint = Schema<'OutcomeTimePoint'>

export type SurvivalAt = Schema<'SurvivalAt'>

// A point of the step curve: at time 0 and at each event, then at the longest follow-up.
export type CurvePoint = Schema<'SurvivalPoint'>

// Where follow-up ended without a replacement: the day, the curve there and how many.
export type CensorMark = Schema<'CensorMark'>

export type Survival = Schema<'Survival'>

export type TrajectoryPoint = Schema<'TrajectoryPoint'>

export type Trajectory = Schema<'Trajectory'>

export type ResponderRate = Schema<'ResponderRate'>

export type Completeness = Schema<'Completeness'>

export type Verdict = Schema<'ClaimVerdict'>

export type ClaimResult = Schema<'ClaimResult'>

export type AdverseEvents = Schema<'AdverseEventSummary'>

export type Repeats = Schema<'Repeats'>

export type Scope = Schema<'OutcomeScope'>

export type ClaimDefinition = Schema<'ClaimDefinition'>

export type LogRank = Schema<'LogRank'>

// The funnel plot's 95 % and 99.8 % control limits for a centre of n patients.
export type FunnelLimit = Schema<'FunnelLimit'>

// Each centre's responder rate at one time point against the overall rate, with the
// control limits by n.
export type Funnel = Schema<'Funnel'>

// Centres (or a centre's operators) compared after adjusting for case mix.
export type AdjustedComparison = Schema<'AdjustedComparison'>
export type CrossCentre = Schema<'CrossCentre'>
export type OperatorComparison = Schema<'OperatorComparison'>

export type OutcomeReport = Schema<'OutcomeReport'>

// What each figure counts, in both languages, by section.
export type OutcomeDefinitions = Schema<'OutcomeDefinitions'>

// De-identified counts per centre (GET /api/v1/registry/summary).
export type RegistrySummary = Schema<'RegistrySummary'>

export type CentreSummary = Pick<Schema<'Centre'>, 'id' | 'name_en' | 'name_fa'>

export type ProtocolSummary = Schema<'ProtocolSummary'>
