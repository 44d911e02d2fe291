// The episode state machine as the server enforces it (domain/episode.cpp and
// service/actor.cpp), used only to offer the steps that can succeed: the server still
// decides, and its message is shown when it refuses.
import type { Role } from '../../api/session'
import type { EpisodeState } from './types'

const NEXT: Record<EpisodeState, EpisodeState[]> = {
  referred: ['screening', 'withdrawn'],
  screening: ['eligible', 'ineligible', 'withdrawn'],
  eligible: ['workup', 'withdrawn'],
  ineligible: ['screening'],
  workup: ['scheduled', 'ineligible', 'withdrawn'],
  scheduled: ['harvested', 'workup', 'withdrawn'],
  harvested: ['product_released', 'withdrawn'],
  product_released: ['injected', 'withdrawn'],
  injected: ['follow_up', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up'],
  follow_up: ['completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up'],
  completed: ['converted_to_thr'],
  converted_to_thr: [],
  withdrawn: [],
  lost_to_follow_up: ['follow_up', 'converted_to_thr'],
}

const WHO_MAY: Partial<Record<EpisodeState, Role[]>> = {
  screening: ['coordinator', 'surgeon'],
  eligible: ['surgeon'],
  ineligible: ['surgeon'],
  workup: ['coordinator', 'surgeon'],
  scheduled: ['coordinator', 'surgeon'],
  harvested: ['surgeon', 'lab'],
  product_released: ['lab'],
  injected: ['surgeon'],
  follow_up: ['coordinator', 'surgeon'],
  completed: ['coordinator', 'surgeon'],
  converted_to_thr: ['surgeon'],
  withdrawn: ['coordinator', 'surgeon'],
  lost_to_follow_up: ['coordinator', 'surgeon'],
}

// Exits from the pathway need a reason (the server answers 422 on field 'reason').
export const NEEDS_REASON: EpisodeState[] = ['ineligible', 'withdrawn', 'lost_to_follow_up', 'converted_to_thr']

export const nextStates = (from: EpisodeState): EpisodeState[] => NEXT[from] ?? []
export const rolesFor = (to: EpisodeState): Role[] => WHO_MAY[to] ?? []
export const mayMove = (role: Role | undefined, to: EpisodeState) => !!role && rolesFor(to).includes(role)
