// The steps an episode can take next, as the server sends them with every episode read
// (`next`: target state, the roles that may take it, whether it needs a reason). Used
// only to offer steps that can succeed: the server still decides, and its message is
// shown when it refuses.
import type { Role } from '../../api/session'
import type { EpisodeState, NextStep } from './types'

export const nextStates = (next: NextStep[]): EpisodeState[] => next.map((n) => n.to)
export const rolesFor = (next: NextStep[], to: EpisodeState): Role[] => next.find((n) => n.to === to)?.roles ?? []
export const mayMove = (next: NextStep[], role: Role | undefined, to: EpisodeState) => !!role && rolesFor(next, to).includes(role)
export const needsReason = (next: NextStep[], to: EpisodeState) => next.find((n) => n.to === to)?.needs_reason ?? false
