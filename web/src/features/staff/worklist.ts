// The worklist's calls: the day's list at the user's centre with its filters, closing
// items whose window closed as missed (one, or all closed before a day), the items
// closed, and reopening one.
import { answer, http, sent } from '../../api/client'
import type { Schema } from '../../api/contract'
import type { MissedReason, ResponsibleRole, Worklist, WorklistClosed, WorklistFilter, WorklistKind } from './types'


// In the order the forms offer them; checked against the document both ways.
export const MISSED_REASONS = ['patient_unreachable', 'declined', 'moved_away', 'clinical_reason', 'other'] as const satisfies readonly MissedReason[]
const everyReasonListed: [Exclude<MissedReason, (typeof MISSED_REASONS)[number]>] extends [never] ? true : never = true
void everyReasonListed
// Kinds a coordinator filters by; `order` is the protocol's word for a work-up test.
export const WORKLIST_KINDS = ['visit', 'imaging', 'questionnaire', 'order', 'hold'] as const satisfies readonly WorklistKind[]
export const RESPONSIBLE_ROLES = ['coordinator', 'surgeon', 'physiotherapist'] as const satisfies readonly ResponsibleRole[]

export function emptyFilter(): WorklistFilter {
  return { kind: '', patient: '', responsible: '' }
}

// The filter as query parameters: an empty choice is left out.
function filterQuery(filter: WorklistFilter) {
  return { kind: filter.kind || undefined, responsible: filter.responsible || undefined, patient: filter.patient.trim() }
}

// The day's list a page at a time (the server's page is 50 items): `pages` pages, the
// first and those after it by each page's `next`, as one list whose `next` is the last
// page's. A refresh reads again the pages the user has opened, so rows stay in place.
export async function loadWorklist(filter: WorklistFilter = emptyFilter(), pages = 1): Promise<Worklist> {
  const first = await answer<Worklist>(http.GET('/api/v1/worklist', { params: { query: filterQuery(filter) } }))
  let last = first
  for (let n = 1; n < pages && last.next; n++) {
    last = await answer<Worklist>(http.GET('/api/v1/worklist', { params: { query: { ...filterQuery(filter), after: last.next } } }))
    first.items.push(...last.items)
  }
  return { ...first, next: last.next }
}

export interface Closing {
  reason: MissedReason
  note?: string
}

function itemPath(episodeId: number, itemId: string) {
  return { path: { episode_id: episodeId, item_id: itemId } }
}

export const worklistApi = {
  closeMissed: (episodeId: number, itemId: string, c: Closing) => answer<WorklistClosed>(
      http.POST('/api/v1/episodes/{episode_id}/schedule/{item_id}/close-missed', { params: itemPath(episodeId, itemId), body: sent({ ...c }) }),
    ),
  closeMissedBefore: (before: string, c: Closing, filter: WorklistFilter) =>
    answer<Schema<'WorklistBulkClosed'>>(
      http.POST('/api/v1/worklist/close-missed', {
        body: sent({
          before,
          ...c,
          ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v.trim())),
        }),
      }),
    ),
  closed: (filter: WorklistFilter) => answer<WorklistClosed[]>(http.GET('/api/v1/worklist/closed', { params: { query: { ...filterQuery(filter), patient: filter.patient } } })),
  reopen: (episodeId: number, itemId: string, reason: string) => answer<WorklistClosed>(
      http.POST('/api/v1/episodes/{episode_id}/schedule/{item_id}/reopen', { params: itemPath(episodeId, itemId), body: { reason } }),
    ),
}
