// Shapes of the administration routes (api/routes_admin.cpp, api/routes_protocols.cpp),
// read from the server's OpenAPI document (api/contract/{accounts,centres,audit,protocols}.hpp):
// an answer type changed on the server fails the type check where this app does not follow.
import type { Schema } from '../../api/contract'

export type LocalText = Schema<'LocalText'>

export type Role = Schema<'Role'>

export type Account = Schema<'Account'>

export type Centre = Schema<'Centre'>

export type LicenceStatus = Schema<'LicenceStatus'>
// The services a centre lists, in the directory's order (domain/centre_licence.hpp).
export const centreServices = ['bone_marrow', 'adipose', 'expansion_lab', 'ultrasound', 'fluoroscopy'] as const

export const licenceStatuses = ['licensed', 'pending', 'suspended', 'unknown'] as const satisfies readonly LicenceStatus[]

// What an admin may give a new account; patients sign in another way.
export const staffRoles = ['admin', 'surgeon', 'coordinator', 'lab', 'physiotherapist', 'analyst'] as const satisfies readonly Role[]

// GET /api/v1/audit/verify (api/contract/audit.hpp).
export type AuditCheck = Schema<'AuditVerification'>

export type ProtocolSummary = Schema<'ProtocolSummary'>

export type EligibilityRule = Schema<'EligibilityRule'>

export type ProtocolItem = Schema<'ProtocolItem'>

export type Protocol = Schema<'Protocol'>
