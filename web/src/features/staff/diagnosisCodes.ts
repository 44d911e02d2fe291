// ICD-10 osteoarthritis codes a protocol's joint accepts (domain/episode.cpp): M16 for the
// hip, M17 for the knee, in ICD-10-CM (some codes name the side) and WHO ICD-10.
import type { Side } from './types'

export const CM = 'http://hl7.org/fhir/sid/icd-10-cm'
export const WHO = 'http://hl7.org/fhir/sid/icd-10'
export type Joint = 'hip' | 'knee'

const CODES: Record<Joint, Record<string, string[]>> = {
  hip: {
    [CM]: ['M16.0', 'M16.10', 'M16.11', 'M16.12', 'M16.2', 'M16.30', 'M16.31', 'M16.32', 'M16.4', 'M16.50', 'M16.51', 'M16.52', 'M16.6', 'M16.7', 'M16.9'],
    [WHO]: ['M16.0', 'M16.1', 'M16.2', 'M16.3', 'M16.4', 'M16.5', 'M16.6', 'M16.7', 'M16.9'],
  },
  knee: {
    [CM]: ['M17.0', 'M17.10', 'M17.11', 'M17.12', 'M17.2', 'M17.30', 'M17.31', 'M17.32', 'M17.4', 'M17.5', 'M17.9'],
    [WHO]: ['M17.0', 'M17.1', 'M17.2', 'M17.3', 'M17.4', 'M17.5', 'M17.9'],
  },
}

// ICD-10-CM codes that name a side, and the code for primary osteoarthritis of each side.
const CM_SIDE: Record<string, Side> = {
  'M16.11': 'right', 'M16.12': 'left', 'M16.31': 'right', 'M16.32': 'left', 'M16.51': 'right', 'M16.52': 'left',
  'M17.11': 'right', 'M17.12': 'left', 'M17.31': 'right', 'M17.32': 'left',
}
const PRIMARY: Record<Joint, Record<Side, string>> = {
  hip: { right: 'M16.11', left: 'M16.12' },
  knee: { right: 'M17.11', left: 'M17.12' },
}

export function jointOf(joint: string | undefined): Joint {
  return joint === 'knee' ? 'knee' : 'hip'
}

export function codesFor(joint: Joint, system: string): string[] {
  return CODES[joint][system] ?? []
}

export function sideOfCode(system: string, code: string): Side | null {
  return system === CM ? (CM_SIDE[code] ?? null) : null
}

// The code to offer when the side is chosen, or null to leave the user's code alone.
export function codeForSide(joint: Joint, system: string, code: string, side: Side | ''): string | null {
  if (system !== CM || (code && !CM_SIDE[code] && codesFor(joint, system).includes(code))) return null
  return side ? PRIMARY[joint][side] : ''
}
