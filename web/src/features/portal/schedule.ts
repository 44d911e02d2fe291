// The portal's reading of a schedule: what comes next, what runs today, what is due.
// Dates are ISO civil dates, so string comparison orders them.
import type { PortalEpisode, ScheduleItem } from './portalApi'

const appointmentKinds = new Set(['visit', 'imaging', 'procedure', 'order'])
// What the patient sees in "my schedule": things that happen on a day.
export const scheduleKinds = new Set(['visit', 'imaging', 'procedure', 'order', 'questionnaire'])
const closedStates = new Set<PortalEpisode['state']>(['completed', 'converted_to_thr', 'withdrawn', 'lost_to_follow_up', 'ineligible'])
const finished = new Set(['done', 'missed', 'cancelled'])

const byStart = (a: ScheduleItem, b: ScheduleItem) => a.start.localeCompare(b.start)

export function isFinished(i: ScheduleItem): boolean {
  return finished.has(i.status) || (i.recorded_status !== undefined && finished.has(i.recorded_status))
}

// The episode the portal shows first: the latest one still under care, else the latest.
export function currentEpisode(episodes: PortalEpisode[]): PortalEpisode | null {
  const open = episodes.filter((e) => !closedStates.has(e.state))
  const pool = open.length ? open : episodes
  return pool.length ? pool[pool.length - 1] : null
}

export function nextAppointment(items: ScheduleItem[], today: string): ScheduleItem | null {
  return items.filter((i) => appointmentKinds.has(i.kind) && !isFinished(i) && i.start >= today).sort(byStart)[0] ?? null
}

export function runsOn(i: ScheduleItem, today: string): boolean {
  return i.start <= today && today <= i.end && i.status !== 'cancelled'
}

export function activeOfKinds(items: ScheduleItem[], kinds: string[], today: string): ScheduleItem[] {
  return items.filter((i) => kinds.includes(i.kind) && runsOn(i, today)).sort(byStart)
}

const spanningKinds = new Set(['hold', 'rest', 'rehab', 'advice'])

// Older servers send only the recorded status (planned/done/missed); the portal then works
// out where a planned item stands, as the server does now: an item that spans days is
// upcoming, active or ended; a one-day item is read against its window.
export function effectiveStatus(i: ScheduleItem, today: string): string {
  const sent: string = i.status // the document's TimelineState, or an older server's 'planned'
  if (sent !== 'planned') return sent
  if (spanningKinds.has(i.kind) || i.start !== i.end) return today < i.start ? 'upcoming' : today <= i.end ? 'active' : 'ended'
  if (today < i.window_start) return 'upcoming'
  if (today <= i.start) return 'due'
  if (today <= i.window_end) return 'overdue'
  return 'out_of_window'
}

export function questionnairesToFill(items: ScheduleItem[], today: string): ScheduleItem[] {
  return items.filter((i) => i.kind === 'questionnaire' && ['due', 'overdue'].includes(effectiveStatus(i, today))).sort(byStart)
}

export function holds(items: ScheduleItem[]): ScheduleItem[] {
  return items.filter((i) => i.kind === 'hold').sort(byStart)
}

export function upcomingAndPast(items: ScheduleItem[], today: string): { upcoming: ScheduleItem[]; past: ScheduleItem[] } {
  const shown = items.filter((i) => scheduleKinds.has(i.kind)).sort(byStart)
  return {
    upcoming: shown.filter((i) => !isFinished(i) && i.window_end >= today),
    past: shown.filter((i) => isFinished(i) || i.window_end < today).reverse(),
  }
}
