// The published evidence kept beside the claims (issue 21): anyone reads a protocol's
// standing entries with each claim's randomised support; the clinical lead writes them.
import { answer, http } from '../../api/client'
import type { Schema } from '../../api/contract'

export type ProtocolEvidence = Schema<'ProtocolEvidence'>
export type EvidenceEntry = Schema<'EvidenceEntry'>
export type EvidenceEntryIn = Schema<'EvidenceEntryIn'>
export type StudyDesign = Schema<'StudyDesign'>
export type EvidenceStance = Schema<'EvidenceStance'>

export const designs: StudyDesign[] = ['randomised_trial', 'systematic_review', 'cohort', 'case_series', 'guideline', 'regulator']
export const stances: EvidenceStance[] = ['supports', 'contradicts', 'inconclusive']

export const protocolEvidence = (protocol: string) =>
  answer<ProtocolEvidence>(http.GET('/api/v1/protocols/{protocol_id}/evidence', { params: { path: { protocol_id: protocol } } }))
export const saveEvidence = (id: string, body: EvidenceEntryIn) =>
  answer<EvidenceEntry>(http.PUT('/api/v1/evidence/{evidence_id}', { params: { path: { evidence_id: id } }, body }))
export const withdrawEvidence = (id: string, reason: string) =>
  answer<EvidenceEntry>(http.POST('/api/v1/evidence/{evidence_id}/withdrawal', { params: { path: { evidence_id: id } }, body: { reason } }))
