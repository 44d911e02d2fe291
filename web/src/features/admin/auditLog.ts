// GET /api/v1/audit/rows and its CSV twin (api/audit_search.hpp): the filters as query
// parameters, the same for the page on screen and the file.
import { answer, http } from '../../api/client'
import type { Schema } from '../../api/contract'

export type AuditLogRow = Schema<'AuditRow'>

export type AuditLogPage = Schema<'AuditPage'>

export interface AuditLogFilters {
  patient?: number
  user?: string
  from?: string // ISO civil dates, both inclusive
  to?: string
}

export function auditQuery(f: AuditLogFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams()
  if (f.patient) q.set('patient', String(f.patient))
  if (f.user) q.set('user', f.user)
  if (f.from) q.set('from', f.from)
  if (f.to) q.set('to', f.to)
  for (const [k, v] of Object.entries(extra)) q.set(k, v)
  const s = q.toString()
  return s ? '?' + s : ''
}

export const auditRows = (f: AuditLogFilters, before?: number) =>
  answer<AuditLogPage>(
    http.GET('/api/v1/audit/rows', {
      params: { query: Object.fromEntries(new URLSearchParams(auditQuery(f, before ? { before: String(before), limit: '50' } : { limit: '50' }))) },
    }),
  )

// A plain link: the browser downloads it with the session cookie (a GET needs no CSRF token).
export const auditCsvUrl = (f: AuditLogFilters) => '/api/v1/audit/rows.csv' + auditQuery(f)
