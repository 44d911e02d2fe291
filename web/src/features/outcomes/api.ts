// What the outcomes page reads. Centre names and the protocol list are extras: the page
// still works when either is unavailable (older server, or a role that may not list them).
import { answer, http } from '../../api/client'
import type { CentreSummary, OutcomeReport, ProtocolSummary } from './types'

export const fetchReport = (protocol?: string) => answer<OutcomeReport>(http.GET('/api/v1/reports/outcomes', { params: { query: { protocol } } }))

export async function fetchCentres(): Promise<CentreSummary[]> {
  try {
    return await answer<CentreSummary[]>(http.GET('/api/v1/centres'))
  } catch {
    return []
  }
}

export async function fetchProtocols(): Promise<ProtocolSummary[]> {
  try {
    return await answer<ProtocolSummary[]>(http.GET('/api/v1/protocols'))
  } catch {
    return []
  }
}
