// The worklist's calls: the day's list at the user's centre with its filters, closing
// items whose window closed as missed (one, or all closed before a day), the items
// closed, and reopening one.
import { api, query } from '../../api/client'
import type { MissedReason, Worklist, WorklistClosed, WorklistFilter } from './types'

const V = '/api/v1'

export const MISSED_REASONS: MissedReason[] = ['patient_unreachable', 'declined', 'moved_away', 'clinical_reason', 'other']
// Kinds a coordinator filters by; `order` is the protocol's word for a work-up test.
export const WORKLIST_KINDS = ['visit', 'imaging', 'questionnaire', 'order', 'hold']
export const RESPONSIBLE_ROLES = ['coordinator', 'surgeon', 'physiotherapist']

export function emptyFilter(): WorklistFilter {
  return { kind: '', patient: '', responsible: '' }
}

export async function loadWorklist(filter: WorklistFilter = emptyFilter()): Promise<Worklist> {
  return api.get<Worklist>(`${V}/worklist` + query({ ...filter, patient: filter.patient.trim() }))
}

export interface Closing {
  reason: MissedReason
  note?: string
}

function itemPath(episodeId: number, itemId: string): string {
  return `${V}/episodes/${episodeId}/schedule/${encodeURIComponent(itemId)}`
}

export const worklistApi = {
  closeMissed: (episodeId: number, itemId: string, c: Closing) => api.post<WorklistClosed>(itemPath(episodeId, itemId) + '/close-missed', c),
  closeMissedBefore: (before: string, c: Closing, filter: WorklistFilter) =>
    api.post<{ before: string; closed: number; items: WorklistClosed[] }>(`${V}/worklist/close-missed`, {
      before,
      ...c,
      ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v.trim())),
    }),
  closed: (filter: WorklistFilter) => api.get<WorklistClosed[]>(`${V}/worklist/closed` + query({ ...filter })),
  reopen: (episodeId: number, itemId: string, reason: string) => api.post<WorklistClosed>(itemPath(episodeId, itemId) + '/reopen', { reason }),
}
