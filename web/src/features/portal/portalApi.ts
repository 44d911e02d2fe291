// What the portal reads and writes. Shapes follow GET /api/v1/me/record and the
// questionnaire-link routes; fields added later by the server (centre contact, rehab
// stage, holds in effect, bilingual texts) are optional so the portal works before
// and after they land.
import { answer, http, idempotencyKey } from '../../api/client'

export type Bilingual = { en: string; fa: string }

export interface ScheduleItem {
  id: string
  kind: string
  title: string | Bilingual | null
  titles?: Bilingual
  detail?: string | Bilingual
  details?: Bilingual
  start: string
  end: string
  window_start: string
  window_end: string
  status: string
  recorded_status?: string
  done_on?: string | null
  flags?: string[]
  instruments?: string[]
}

export interface PortalEpisode {
  id: number
  protocol: string
  side: 'left' | 'right'
  state: string
  harvest_date: string | null
  injection_date: string | null
  schedule: ScheduleItem[]
  rehab_stage?: ScheduleItem[]
  holds_in_effect?: ScheduleItem[]
}

export interface CentreContact {
  name_en: string
  name_fa: string
  city_en: string
  city_fa: string
  phone: string
}

export interface PortalRecord {
  name_fa: string
  name_latin: string
  mrn?: string // the record number, printed on the schedule the patient takes home
  centre: string
  centre_contact?: CentreContact | null
  today?: string
  episodes: PortalEpisode[]
}

export interface RedFlagInput {
  category: string
  severity: string
  description?: string
}

// One of the patient's own red-flag reports: whether it was seen, when, by which role of
// the clinic's team (never a name) and what was done.
export interface OwnRedFlag {
  id: number
  episode_id: number
  category: string
  severity: string
  reported_at: string
  seen: boolean
  seen_at: string | null
  seen_by_role: string | null // surgeon | coordinator | physiotherapist | clinician
  action: 'called' | 'asked_to_come_in' | 'referred_to_emergency' | null
}

export type Answers = Record<string, number | string>

export interface LinkInfo {
  instrument: string
  instruments?: string[] // still to answer, in order (a time point's link asks for several)
  answered?: string[]
  item_id: string
  expires_at: string
}

export interface Submitted {
  instrument: string
  scores?: unknown
}

export const portalApi = {
  record: () => answer<PortalRecord>(http.GET('/api/v1/me/record')),
  reportRedFlag: (episodeId: number, body: RedFlagInput) =>
    answer<{ id: number }>(
      http.POST('/api/v1/me/episodes/{episode_id}/red-flags', { params: { path: { episode_id: episodeId } }, body: { ...body }, headers: idempotencyKey() }),
    ),
  ownRedFlags: () => answer<OwnRedFlag[]>(http.GET('/api/v1/me/red-flags')),
  submitOwn: (episodeId: number, instrument: string, itemId: string, answers: Answers) =>
    answer<Submitted>(
      http.POST('/api/v1/me/episodes/{episode_id}/questionnaires', {
        params: { path: { episode_id: episodeId } },
        body: { instrument, item_id: itemId, answers },
        headers: idempotencyKey(),
      }),
    ),
  linkInfo: (token: string) => answer<LinkInfo>(http.GET('/api/v1/q/{token}', { params: { path: { token } } })),
  submitLink: (token: string, instrument: string, answers: Answers) =>
    answer<Submitted>(http.POST('/api/v1/q/{token}', { params: { path: { token } }, body: { instrument, answers } })),
}
