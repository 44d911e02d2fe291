// What the portal reads and writes: the answers' types are the server's OpenAPI
// document's (GET /api/v1/me/record, the questionnaire-link routes; api/contract/ on the
// server), so a field the server changes fails the portal's type check.
import { answer, http, idempotencyKey, sent } from '../../api/client'
import type { Schema } from '../../api/contract'

export type Bilingual = Schema<'LocalText'>

export type ScheduleItem = Schema<'ScheduleItem'>

export type PortalEpisode = Schema<'PortalEpisode'>

export type CentreContact = Schema<'CentreContact'>

export type PortalRecord = Schema<'PortalRecord'>

// What the report form sends (POST /api/v1/me/episodes/{episode_id}/red-flags).
export type RedFlagInput = Pick<Schema<'RedFlagReport'>, 'category' | 'severity'> & { description?: string }

// One of the patient's own red-flag reports: whether it was seen, when, by which role of
// the clinic's team (never a name) and what was done.
export type OwnRedFlag = Schema<'OwnRedFlag'>

export type Answers = Record<string, number | string>

// What a questionnaire link asks for (GET /api/v1/q/{token}).
export type LinkInfo = Schema<'QuestionnaireLinkAsks'>

// A questionnaire answered, by the patient signed in or by a link.
export type Submitted = Schema<'QuestionnaireResponse'> | Schema<'QuestionnaireLinkAnswered'>

// The patient's private calendar link (GET and POST /api/v1/me/calendar-feed).
export type OwnCalendarFeed = Schema<'OwnCalendarFeed'>
export type CalendarFeed = Schema<'CalendarFeed'>

export const portalApi = {
  ownCalendarFeed: () => answer<OwnCalendarFeed>(http.GET('/api/v1/me/calendar-feed')),
  makeCalendarFeed: () => answer<CalendarFeed>(http.POST('/api/v1/me/calendar-feed')),
  record: () => answer<PortalRecord>(http.GET('/api/v1/me/record')),
  reportRedFlag: (episodeId: number, body: RedFlagInput) =>
    answer<Schema<'AdverseEvent'>>(
      http.POST('/api/v1/me/episodes/{episode_id}/red-flags', { params: { path: { episode_id: episodeId } }, body: sent({ ...body }), headers: idempotencyKey() }),
    ),
  ownRedFlags: () => answer<OwnRedFlag[]>(http.GET('/api/v1/me/red-flags')),
  submitOwn: (episodeId: number, instrument: string, itemId: string, answers: Answers) =>
    answer<Schema<'QuestionnaireResponse'>>(
      http.POST('/api/v1/me/episodes/{episode_id}/questionnaires', {
        params: { path: { episode_id: episodeId } },
        body: { instrument, item_id: itemId, answers },
        headers: idempotencyKey(),
      }),
    ),
  linkInfo: (token: string) => answer<LinkInfo>(http.GET('/api/v1/q/{token}', { params: { path: { token } } })),
  submitLink: (token: string, instrument: string, answers: Answers) =>
    answer<Schema<'QuestionnaireLinkAnswered'>>(http.POST('/api/v1/q/{token}', { params: { path: { token } }, body: sent({ instrument, answers }) })),
}
