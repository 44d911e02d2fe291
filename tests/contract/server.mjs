// The real server for the contract tests: `regenpath demo` (three centres, patients in
// every state of the pathway, one account per role per centre) on a free loopback port
// with a fresh data folder, started as the browser tests start it (tests/demo_server.mjs),
// but without the web app or a browser. Signed-in clients keep their cookies and CSRF token
// and hand back every answer whole (status, headers, parsed body) for checking.
import { binary, repo, startDemo } from '../demo_server.mjs'

export { binary, repo }

// The SMS provider's delivery reports are taken with this token (the tour calls back).
export const deliveryToken = 'contract-delivery-token-2026'

export async function startServer() {
  const demo = await startDemo({ prefix: 'rp-contract-', env: { REGENPATH_SMS_DELIVERY_TOKEN: deliveryToken } })
  return {
    ...demo,
    // The newest one-time code the server logged for this patient, waiting for it a little.
    async codeFor(patientId) {
      for (let i = 0; i < 50; i++) {
        const code = demo.lastCodeFor(patientId)
        if (code) return code
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`no one-time code logged for patient #${patientId}`)
    },
  }
}

// One answer: status, content type and the body parsed when it is JSON (else its text).
async function answer(r) {
  const text = await r.text()
  const type = r.headers.get('content-type') || ''
  let body = text
  if (type.startsWith('application/json') && text) body = JSON.parse(text)
  return { status: r.status, type, body, headers: r.headers }
}

// A client with no session, or (after signIn) the session's cookies and CSRF token.
export function client(server) {
  let cookie = ''
  let csrf = ''
  const keep = (r) => {
    const set = r.headers.getSetCookie().map((c) => c.split(';')[0])
    if (set.length) cookie = set.join('; ')
  }
  const c = {
    async call(method, path, body, headers = {}) {
      const h = { Accept: 'application/json', ...headers }
      if (cookie) h.Cookie = cookie
      if (csrf && method !== 'GET') h['X-CSRF-Token'] = csrf
      if (body !== undefined) h['Content-Type'] = 'application/json'
      const r = await fetch(server.url + path, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
      keep(r)
      const a = await answer(r)
      if (a.status === 200 && a.body && typeof a.body === 'object' && typeof a.body.csrf_token === 'string') csrf = a.body.csrf_token
      return a
    },
    // The head of an answer that does not end (an event stream): status and type, then closed.
    async head(path) {
      const abort = new AbortController()
      const r = await fetch(server.url + path, { headers: cookie ? { Cookie: cookie } : {}, signal: abort.signal })
      const a = { status: r.status, type: r.headers.get('content-type') || '', body: undefined, headers: r.headers }
      abort.abort()
      return a
    },
  }
  return c
}
