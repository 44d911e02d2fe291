// The red flags waiting at the signed-in clinician's centre, kept live by the server's
// event stream (GET /api/v1/events, Server-Sent Events): the count for the badge and the
// tab title, the open flags for the badge's list, a short sound and a desktop
// notification (when permitted) for each new flag. On every (re)connection the server
// sends `ready` and the list is fetched again, so a flag raised while the stream was down
// is not missed. One stream per tab, opened once a clinician is signed in and closed at
// sign-out.
import { reactive } from 'vue'
import { answer, http } from '../../api/client'
import { loadSession } from '../../api/session'

export interface OpenFlag {
  id: number
  episode_id: number
  category: string
  severity: string
  description: string
  reported_at: string
  status: string
  patient: { patient_id: number; mrn: string; name_fa: string; name_latin: string; mobile: string | null }
}

export const alerts = reactive({
  open: 0,
  flags: [] as OpenFlag[],
  connected: false,
  loaded: false,
  // Bumped for each new flag, so the page can chime and notify once.
  raised: 0,
})

let source: EventSource | null = null
let restart: number | undefined
let fetching: Promise<void> | null = null

export async function refreshFlags(): Promise<void> {
  if (fetching) return fetching
  fetching = (async () => {
    try {
      const flags = await answer<OpenFlag[]>(http.GET('/api/v1/red-flags'))
      alerts.flags = flags.sort((a, b) => b.reported_at.localeCompare(a.reported_at))
      alerts.open = flags.length
      alerts.loaded = true
    } catch {
      // The stream's next event or reconnect fetches again.
    } finally {
      fetching = null
    }
  })()
  return fetching
}

function countOf(e: MessageEvent): number | null {
  try {
    const n = (JSON.parse(e.data) as { open?: unknown }).open
    return typeof n === 'number' ? n : null
  } catch {
    return null
  }
}

export function startAlerts(): void {
  if (source || typeof EventSource === 'undefined') return
  window.clearTimeout(restart)
  const s = new EventSource('/api/v1/events')
  source = s
  s.addEventListener('ready', () => {
    alerts.connected = true
    void refreshFlags()
  })
  s.addEventListener('red_flag.raised', (e) => {
    const n = countOf(e as MessageEvent)
    if (n !== null) alerts.open = n
    alerts.raised++
    void refreshFlags()
  })
  s.addEventListener('red_flag.acknowledged', (e) => {
    const n = countOf(e as MessageEvent)
    if (n !== null) alerts.open = n
    void refreshFlags()
  })
  s.onerror = () => {
    alerts.connected = false
    // The browser reconnects by itself after a dropped connection; a refusal (signed
    // out, too many tabs) closes the stream for good: try again later while signed in.
    if (s.readyState === EventSource.CLOSED) {
      source = null
      // Meanwhile the count comes from a plain read, so the badge never shows a stale 0.
      void refreshFlags()
      restart = window.setTimeout(() => {
        // A session that ended signs the page out (the shell then closes the alerts).
        void loadSession()
          .then((me) => {
            if (me && me.role !== 'patient') startAlerts()
          })
          .catch(() => (restart = window.setTimeout(startAlerts, 15_000)))
      }, 15_000)
    }
  }
}

export function stopAlerts(): void {
  window.clearTimeout(restart)
  source?.close()
  source = null
  Object.assign(alerts, { open: 0, flags: [], connected: false, loaded: false })
}
