// The patient outbox on the staff's side: a patient's messages with their tries, and a
// coordinator's cancel or resend of one (api/routes_messages.cpp).
import { answer, http } from '../../api/client'
import type { components } from '../../api/schema'

export type PatientMessage = components['schemas']['PatientMessage']
type PatientMessages = components['schemas']['PatientMessages']

const messagePath = (id: number) => ({ path: { message_id: id } })

export const messagesApi = {
  // A page: the first (of `limit`, 100 by default), or the one after message `after`.
  ofPatient: (patientId: number, page: { after?: number; limit?: number } = {}) =>
    answer<PatientMessages>(http.GET('/api/v1/patients/{patient_id}/messages', { params: { path: { patient_id: patientId }, query: page } })),
  cancel: (id: number, reason: string) =>
    answer<PatientMessage>(http.POST('/api/v1/messages/{message_id}/cancel', { params: messagePath(id), body: { reason } })),
  resend: (id: number, reason: string) =>
    answer<PatientMessage>(http.POST('/api/v1/messages/{message_id}/resend', { params: messagePath(id), body: { reason } })),
}

// The clinic's day and time of an instant (Asia/Tehran): the day as ISO for <LocalDate>,
// the time as HH:MM in ASCII digits (shown in the reader's digits).
export function clinicDay(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant))
}
export function clinicTime(instant: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant))
}

export const cancellable = (m: PatientMessage) => m.state === 'pending' || m.state === 'unknown'
export const resendable = (m: PatientMessage) => m.state === 'failed' || m.state === 'unknown' || m.state === 'cancelled'
