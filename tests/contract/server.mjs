// The real server for the contract tests: `regenpath demo` (three centres, patients in
// every state of the pathway, one account per role per centre) on a free loopback port
// with a fresh data folder, as the browser tests start it (tests/web/support.mjs), but
// without the web app or a browser. Signed-in clients keep their cookies and CSRF token
// and hand back every answer whole (status, headers, parsed body) for checking.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const repo = resolve(here, '../..')
export const binary = process.env.RP_BINARY || join(repo, 'build/regenpath')

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

export async function startServer() {
  const data = mkdtempSync(join(tmpdir(), 'rp-contract-'))
  const port = await freePort()
  const child = spawn(binary, ['demo', '--data', data, '--port', String(port)], {
    env: { ...process.env, REGENPATH_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Kept apart: a chunk of one stream could land inside a line of the other.
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  const deadline = Date.now() + 60_000
  while (!/"listening"/.test(out) || !/Stop with/.test(err)) {
    if (child.exitCode !== null) throw new Error(`regenpath demo exited ${child.exitCode}:\n${out}\n${err}`)
    if (Date.now() > deadline) throw new Error(`regenpath demo did not start:\n${out}\n${err}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  const accounts = new Map()
  for (const m of err.matchAll(/^ {2}(\S+\.\S+) {2}(\S+)$/gm)) accounts.set(m[1], m[2])
  if (accounts.size < 18) throw new Error(`demo accounts not all read (${accounts.size}):\n${err}`)
  return {
    url: `http://127.0.0.1:${port}`,
    accounts,
    // The newest one-time code the server logged for this patient, waiting for it a little.
    async codeFor(patientId) {
      for (let i = 0; i < 50; i++) {
        const all = [...err.matchAll(new RegExp(`one-time code for patient #${patientId}: (\\d+)`, 'g'))]
        if (all.length) return all[all.length - 1][1]
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`no one-time code logged for patient #${patientId}`)
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(data, { recursive: true, force: true })
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
