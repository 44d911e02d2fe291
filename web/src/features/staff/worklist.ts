// Loads the worklist: GET /api/v1/worklist (the clinic's today, the user's centre).
import { api } from '../../api/client'
import type { Worklist } from './types'

export async function loadWorklist(): Promise<Worklist> {
  return api.get<Worklist>('/api/v1/worklist')
}
