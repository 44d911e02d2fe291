// What the outcomes page reads. Centre names and the protocol list are extras: the page
// still works when either is unavailable (older server, or a role that may not list them).
import { api, query } from '../../api/client'
import type { CentreSummary, OutcomeReport, ProtocolSummary } from './types'

export const fetchReport = (protocol?: string) => api.get<OutcomeReport>('/api/v1/reports/outcomes' + query({ protocol }))

export async function fetchCentres(): Promise<CentreSummary[]> {
  try {
    return await api.get<CentreSummary[]>('/api/v1/centres')
  } catch {
    return []
  }
}

export async function fetchProtocols(): Promise<ProtocolSummary[]> {
  try {
    return await api.get<ProtocolSummary[]>('/api/v1/protocols')
  } catch {
    return []
  }
}
