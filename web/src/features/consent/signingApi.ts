// Signed consents (issue 21): the patient reads and signs the centre's consents in the
// portal; the clinic's witnesses see them, countersign and download them.
import { answer, http, idempotencyKey, sent } from '../../api/client'
import type { Schema } from '../../api/contract'
import type { ConsentKind } from './api'

export type ConsentToRead = Schema<'ConsentToRead'>
export type SignedConsent = Schema<'SignedConsent'>
export type PatientConsents = Schema<'PatientConsents'>
export type ConsentSigning = Schema<'ConsentSigning'>

export const ownConsents = (lang: 'en' | 'fa') => answer<PatientConsents>(http.GET('/api/v1/me/consents', { params: { query: { lang } } }))
export const signConsent = (kind: ConsentKind, body: ConsentSigning) =>
  answer<SignedConsent>(http.POST('/api/v1/me/consents/{kind}/signature', { params: { path: { kind } }, body: sent({ ...body }), headers: idempotencyKey() }))
export const withdrawOwnConsent = (id: number, reason: string) =>
  answer<SignedConsent>(http.POST('/api/v1/me/consent-signatures/{signature_id}/withdrawal', { params: { path: { signature_id: String(id) } }, body: { reason } }))
export const ownConsentPdf = (id: number) => `/api/v1/me/consent-signatures/${id}/pdf`

export const patientConsents = (patientId: number) =>
  answer<SignedConsent[]>(http.GET('/api/v1/patients/{patient_id}/consents', { params: { path: { patient_id: patientId } } }))
export const countersignConsent = (id: number) =>
  answer<SignedConsent>(http.POST('/api/v1/consent-signatures/{signature_id}/countersignature', { params: { path: { signature_id: String(id) } } }))
export const withdrawConsent = (id: number, reason: string) =>
  answer<SignedConsent>(http.POST('/api/v1/consent-signatures/{signature_id}/withdrawal', { params: { path: { signature_id: String(id) } }, body: { reason } }))
export const consentPdf = (id: number) => `/api/v1/consent-signatures/${id}/pdf`
