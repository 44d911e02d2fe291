// The administration calls. Creating POSTs carry an Idempotency-Key so a retried click
// never makes two accounts.
import { api, idempotencyKey } from '../../api/client'
import type { Account, AuditCheck, Centre, Protocol, ProtocolSummary } from './types'

export const listAccounts = () => api.get<Account[]>('/api/v1/accounts')

export const createAccount = (a: { username: string; role: string; password: string }) =>
  api.post<Account>('/api/v1/accounts', a, idempotencyKey())

export const resetPassword = (id: number, password: string) => api.post<Account>(`/api/v1/accounts/${id}/password`, { password })

export const updateAccount = (id: number, change: { role?: string; disabled?: boolean }) =>
  api.patch<Account>(`/api/v1/accounts/${id}`, change)

export const listCentres = () => api.get<Centre[]>('/api/v1/centres')

// Without licence_status the server keeps the status the registry set.
export const saveCentre = (c: Omit<Centre, 'licence_status'> & { licence_status?: Centre['licence_status'] }) => {
  const { id, ...body } = c
  return api.put<Centre>(`/api/v1/centres/${encodeURIComponent(id)}`, body)
}

// The licensing registry's call: any centre's licence status and number.
export const setLicence = (id: string, licence: { licence_status: Centre['licence_status']; licence_number: string }) =>
  api.put<Centre>(`/api/v1/centres/${encodeURIComponent(id)}/licence`, licence)

export const verifyAudit = () => api.get<AuditCheck>('/api/v1/audit/verify')

export const listProtocols = () => api.get<ProtocolSummary[]>('/api/v1/protocols')

export const getProtocol = (id: string) => api.get<Protocol>(`/api/v1/protocols/${encodeURIComponent(id)}`)
