// Shapes of the administration routes (api/routes_admin.cpp, api/routes_protocols.cpp).
import type { Role } from '../../api/session'

export interface LocalText {
  en: string
  fa: string
}

export interface Account {
  id: number
  username: string
  role: Role
  centre: string
  failed_logins: number
  disabled: boolean
}

export interface Centre {
  id: string
  name_en: string
  name_fa: string
  city_en: string
  city_fa: string
  licence_status: LicenceStatus
  licence_number: string
  phone: string
}

export const licenceStatuses = ['licensed', 'pending', 'suspended', 'unknown'] as const
export type LicenceStatus = (typeof licenceStatuses)[number]

// What an admin may give a new account; patients sign in another way.
export const staffRoles = ['admin', 'surgeon', 'coordinator', 'lab', 'physiotherapist', 'analyst'] as const

// GET /api/v1/audit/verify (api/json_audit.hpp).
export interface AuditCheck {
  verdict: 'intact' | 'unanchored' | 'tampered'
  intact: boolean
  tampered: boolean
  rows: number
  first_broken_seq: number | null
  problem: string
  unanchored_rows: number
  anchors: {
    file: string | null
    exists: boolean
    count: number
    last_seq: number | null
    last_at: string | null
    defects: { line: number; why: string }[]
  }
  records: {
    checked: number
    unchecked: number
    changed: { kind: string; id: number; last_seq: number | null; why: string }[]
    changed_elsewhere: number
  }
  findings: string[]
}

export interface ProtocolSummary {
  id: string
  version: number
  joint: string
  title: LocalText
}

export interface EligibilityRule {
  id: string
  finding: string
  text: LocalText
  is?: boolean
  at_least?: number
  at_most?: number
  below?: number
  above?: number
}

export interface ProtocolItem {
  id: string
  kind: string
  anchor: string
  at: string // signed offset: "-14d", "+6w", "+3m"
  until: string
  window: [string, string] | null
  title: LocalText
  detail: LocalText | null
  flags: string[]
  instruments: string[]
  role: string | null
}

export interface Protocol extends ProtocolSummary {
  anchors: Record<string, LocalText>
  eligibility: { indication: EligibilityRule; exclusions: EligibilityRule[]; cautions: EligibilityRule[] }
  items: ProtocolItem[]
  yaml: string
}
