// The worklist built from older reads, for a server without GET /api/v1/worklist:
// open red flags, then the schedules of the centre's episodes in active states. It reads
// more (and leaves more audit rows) than the real route, so it is used only on a 404 and
// can go once every server has the route.
import { api, query } from '../../api/client'
import { todayIso } from '../../format/dates'
import type { AdverseEvent, Episode, ItemStatus, Patient, PatientRecord, ScheduleItem, Worklist, WorklistEntry, WorklistWho } from './types'

const V = '/api/v1'
const ACTIVE = ['eligible', 'workup', 'scheduled', 'harvested', 'product_released', 'injected', 'follow_up'] as const
const HOLD_LOOKAHEAD_DAYS = 7

function addDays(iso: string, days: number): string {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

// Same rule as the server's timeline_state for items done on one day.
function statusOn(item: ScheduleItem, today: string): ItemStatus {
  if (item.status !== 'planned') return item.status
  if (today < item.window_start) return 'upcoming'
  if (today <= item.start) return 'due'
  if (today <= item.window_end) return 'overdue'
  return 'out_of_window'
}

function who(p: Patient, e: Episode): WorklistWho {
  return { patient_id: p.id, mrn: p.mrn, name_fa: p.name_fa, name_latin: p.name_latin, episode_id: e.id, side: e.side, state: e.state }
}

function entry(w: WorklistWho, item: ScheduleItem, status: ItemStatus): WorklistEntry {
  return {
    ...w,
    item: {
      id: item.id,
      kind: item.kind,
      title: item.title ?? item.id,
      due: item.start,
      ends: item.end,
      window_from: item.window_start,
      window_to: item.window_end,
      status,
      needs_prescriber_approval: !!item.flags?.includes('needs_prescriber_approval'),
    },
  }
}

export async function fallbackWorklist(): Promise<Worklist> {
  const today = todayIso()
  const out: Worklist = { date: today, visits: [], questionnaires: [], holds: [], red_flags: [], awaiting_release: [] }
  const records = new Map<number, PatientRecord>()
  const record = async (id: number) => {
    if (!records.has(id)) records.set(id, await api.get<PatientRecord>(`${V}/patients/${id}`))
    return records.get(id)!
  }

  const flags = await api.get<AdverseEvent[]>(`${V}/red-flags`)
  for (const f of [...flags].reverse()) {
    const e = await api.get<Episode>(`${V}/episodes/${f.episode_id}`)
    const p = await record(e.patient_id)
    out.red_flags.push({
      ...who(p, e),
      red_flag: {
        id: f.id,
        category: f.category,
        severity: f.severity,
        description: f.description,
        onset: f.onset,
        reported_by: f.reported_by,
        reported_at: f.reported_at,
        status: f.status,
      },
    })
  }

  const seen = new Set<number>()
  for (const state of ACTIVE) {
    for (const p of await api.get<Patient[]>(`${V}/patients${query({ state })}`)) seen.add(p.id)
  }
  for (const pid of seen) {
    const p = await record(pid)
    for (const e of p.episodes.filter((x) => (ACTIVE as readonly string[]).includes(x.state))) {
      const w = who(p, e)
      if (e.state === 'harvested') {
        const days = e.harvest_date ? Math.round((Date.parse(today) - Date.parse(e.harvest_date)) / 86400000) : null
        out.awaiting_release.push({ ...w, harvest_date: e.harvest_date, days_since_harvest: days })
      }
      const schedule = await api.get<ScheduleItem[]>(`${V}/episodes/${e.id}/schedule`)
      for (const item of schedule) {
        const status = statusOn(item, today)
        if ((item.kind === 'visit' || item.kind === 'imaging') && ['due', 'overdue', 'out_of_window'].includes(status))
          out.visits.push(entry(w, item, status))
        else if (item.kind === 'questionnaire' && ['due', 'overdue'].includes(status)) out.questionnaires.push(entry(w, item, status))
        else if (item.kind === 'hold' && item.status === 'planned' && item.start >= today && item.start <= addDays(today, HOLD_LOOKAHEAD_DAYS))
          out.holds.push(entry(w, item, 'upcoming'))
      }
    }
  }
  const byDue = (a: WorklistEntry, b: WorklistEntry) => a.item.due.localeCompare(b.item.due)
  out.visits.sort(byDue)
  out.questionnaires.sort(byDue)
  out.holds.sort(byDue)
  return out
}
