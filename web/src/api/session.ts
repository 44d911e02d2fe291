// Who is signed in. Staff sign in with a password; patients with mobile + one-time code.
import { reactive } from 'vue'
import { answer, ApiError, http, setCsrfToken } from './client'

export type Role = 'admin' | 'surgeon' | 'coordinator' | 'lab' | 'physiotherapist' | 'analyst' | 'registry' | 'patient'

export interface Me {
  user: string
  role: Role
  centre: string
  csrf_token: string
  patient_id?: number
}

export const session = reactive<{ me: Me | null; checked: boolean }>({ me: null, checked: false })

function signedIn(me: Me): Me {
  setCsrfToken(me.csrf_token)
  session.me = me
  session.checked = true
  return me
}

export async function loadSession(): Promise<Me | null> {
  try {
    return signedIn(await answer<Me>(http.GET('/api/v1/auth/me')))
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e
    session.me = null
    session.checked = true
    return null
  }
}

export async function staffLogin(username: string, password: string): Promise<Me> {
  return signedIn(await answer<Me>(http.POST('/api/v1/auth/login', { body: { username, password } })))
}

export async function requestPatientCode(mobile: string): Promise<void> {
  await answer(http.POST('/api/v1/patient-auth/code', { body: { mobile } }))
}

// One of the patients registered with a shared mobile number, offered after its right code.
export interface PatientOption {
  patient_id: number
  first_name_fa: string
  first_name_latin: string
  mrn: string
}

// The right code on a number several patients share: who is signing in? `choice` picks one
// of them once, within `expires_in` seconds.
export interface PatientChoice {
  choice: string
  patients: PatientOption[]
  expires_in: number
}

// Signed in, or (a shared number) the patients to choose from.
export async function patientLogin(mobile: string, code: string): Promise<Me | PatientChoice> {
  const reply = await answer<Me | { choose_patient: PatientChoice }>(http.POST('/api/v1/patient-auth/login', { body: { mobile, code } }))
  return 'choose_patient' in reply ? reply.choose_patient : signedIn(reply)
}

export async function choosePatient(choice: string, patientId: number): Promise<Me> {
  return signedIn(await answer<Me>(http.POST('/api/v1/patient-auth/choose', { body: { choice, patient_id: patientId } })))
}

export async function logout(): Promise<void> {
  try {
    await answer(http.POST('/api/v1/auth/logout'))
  } finally {
    session.me = null
    setCsrfToken('')
  }
}

export const isStaff = (me: Me | null) => !!me && me.role !== 'patient'
export const hasRole = (me: Me | null, ...roles: Role[]) => !!me && roles.includes(me.role)
