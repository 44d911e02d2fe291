// A centre's informed-consent documents (issue 21): its clinical staff write them, its
// admin publishes the version patients will sign.
import { answer, http } from '../../api/client'
import type { Schema } from '../../api/contract'

export type ConsentDocument = Schema<'ConsentDocument'>
export type ConsentDocumentIn = Schema<'ConsentDocumentIn'>
export type ConsentKind = 'treatment' | 'registry' | 'contact'
export const consentKinds: ConsentKind[] = ['treatment', 'registry', 'contact']

const at = (centre: string, kind: ConsentKind) => ({ params: { path: { centre_id: centre, kind } } })
export const consentDocuments = (centre: string) =>
  answer<Schema<'ConsentDocuments'>>(http.GET('/api/v1/centres/{centre_id}/consent-documents', { params: { path: { centre_id: centre } } }))
export const saveConsentDocument = (centre: string, kind: ConsentKind, body: ConsentDocumentIn) =>
  answer<ConsentDocument>(http.PUT('/api/v1/centres/{centre_id}/consent-documents/{kind}', { ...at(centre, kind), body }))
export const publishConsentDocument = (centre: string, kind: ConsentKind, version: number) =>
  answer<ConsentDocument>(http.POST('/api/v1/centres/{centre_id}/consent-documents/{kind}/publication', { ...at(centre, kind), body: { version } as never }))
