// The administration calls. Creating POSTs carry an Idempotency-Key so a retried click
// never makes two accounts.
import { answer, http, idempotencyKey } from '../../api/client'
import type { Schema } from '../../api/contract'
import type { Account, AuditCheck, Centre, Protocol, ProtocolSummary } from './types'

export const listAccounts = () => answer<Account[]>(http.GET('/api/v1/accounts'))

export const createAccount = (a: Schema<'NewAccount'>) =>
  answer<Account>(http.POST('/api/v1/accounts', { body: { ...a }, headers: idempotencyKey() }))

export const resetPassword = (id: number, password: string) => answer<Account>(http.POST('/api/v1/accounts/{account_id}/password', { params: { path: { account_id: id } }, body: { password } }))

export const updateAccount = (id: number, change: Schema<'AccountChange'>) =>
  answer<Account>(http.PATCH('/api/v1/accounts/{account_id}', { params: { path: { account_id: id } }, body: { ...change } }))

export const listCentres = () => answer<Centre[]>(http.GET('/api/v1/centres'))

// Without licence_status the server keeps the status the registry set.
export const saveCentre = (c: Schema<'CentreChange'> & { id: string }) => {
  const { id, ...body } = c
  return answer<Centre>(http.PUT('/api/v1/centres/{centre_id}', { params: { path: { centre_id: id } }, body: { ...body } }))
}

// The licensing registry's call: any centre's licence status and number.
export const setLicence = (id: string, licence: Schema<'LicenceChange'>) =>
  answer<Centre>(http.PUT('/api/v1/centres/{centre_id}/licence', { params: { path: { centre_id: id } }, body: { ...licence } }))

export const verifyAudit = () => answer<AuditCheck>(http.GET('/api/v1/audit/verify'))

export const listProtocols = () => answer<ProtocolSummary[]>(http.GET('/api/v1/protocols'))

export const getProtocol = (id: string) => answer<Protocol>(http.GET('/api/v1/protocols/{protocol_id}', { params: { path: { protocol_id: id } } }))
