// The real server the node tests talk to, shared by the browser tests (tests/web/support.mjs)
// and the contract tests (tests/contract/server.mjs): `regenpath demo` (three centres,
// patients in every state of the pathway, one account per role per centre) on a free
// loopback port with a fresh data folder. Node's own modules only, so that either test
// folder can use it with its own npm packages.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const binary = process.env.RP_BINARY || join(repo, 'build/regenpath')

// A port nothing listens on yet, on loopback.
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

// Starts `regenpath demo` and waits until it listens. The demo prints one account per
// role per centre ("  username  password") and writes patients' one-time codes to its
// log. `prefix` names the data folder under the temp dir, `args` and `env` are added.
// Its passwords are hashed at libsodium's least cost (--least-cost-hashes): the suites
// start a score of demo servers, and each hashed some thirty passwords at the interactive
// limits, a quarter of a second of a processor apiece, and as much again for a sign-in.
export async function startDemo({ prefix = 'rp-demo-', args = [], env = {} } = {}) {
  const data = mkdtempSync(join(tmpdir(), prefix))
  const port = await freePort()
  const child = spawn(binary, ['demo', '--data', data, '--port', String(port), '--least-cost-hashes', ...args], {
    env: { ...process.env, REGENPATH_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // The two streams are kept apart: read together, a chunk of one can land inside a
  // line of the other and break the account listing (stderr) in two.
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
    port,
    // The demo's folder (its database is demo.db there), for a test that sets up a state
    // no request makes, as another program on the machine would.
    data,
    accounts,
    out: () => out,
    err: () => err,
    // The newest one-time code the server logged for this patient, or null.
    lastCodeFor(patientId) {
      const all = [...err.matchAll(new RegExp(`one-time code for patient #${patientId}: (\\d+)`, 'g'))]
      return all.length ? all[all.length - 1][1] : null
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

// A staff account's signed-in session on a started server: its cookie and CSRF token.
export async function staffLogin(server, username) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: server.accounts.get(username) }),
  })
  if (r.status !== 200) throw new Error(`${username} could not sign in: ${r.status}`)
  const { csrf_token } = await r.json()
  return { cookie: r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: csrf_token }
}
