// Loads the worklist: GET /api/v1/worklist, or the older reads on a server without it.
import { api, ApiError } from '../../api/client'
import type { Worklist } from './types'
import { fallbackWorklist } from './worklistFallback'

let routeMissing = false

export async function loadWorklist(): Promise<Worklist> {
  if (!routeMissing) {
    try {
      return await api.get<Worklist>('/api/v1/worklist')
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e
      routeMissing = true
    }
  }
  return fallbackWorklist()
}
