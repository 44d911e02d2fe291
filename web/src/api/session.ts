// Who is signed in. Staff sign in with a password; patients with mobile + one-time code.
import { reactive } from 'vue'
import { api, ApiError, setCsrfToken } from './client'

export type Role = 'admin' | 'surgeon' | 'coordinator' | 'lab' | 'physiotherapist' | 'analyst' | 'patient'

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
    return signedIn(await api.get<Me>('/api/v1/auth/me'))
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 401 && e.status !== 403)) throw e
    session.me = null
    session.checked = true
    return null
  }
}

export async function staffLogin(username: string, password: string): Promise<Me> {
  return signedIn(await api.post<Me>('/api/v1/auth/login', { username, password }))
}

export async function requestPatientCode(mobile: string): Promise<void> {
  await api.post('/api/v1/patient-auth/code', { mobile })
}

export async function patientLogin(mobile: string, code: string): Promise<Me> {
  return signedIn(await api.post<Me>('/api/v1/patient-auth/login', { mobile, code }))
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/v1/auth/logout')
  } finally {
    session.me = null
    setCsrfToken('')
  }
}

export const isStaff = (me: Me | null) => !!me && me.role !== 'patient'
export const hasRole = (me: Me | null, ...roles: Role[]) => !!me && roles.includes(me.role)
