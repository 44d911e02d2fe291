// Browser-test plumbing: the real `regenpath demo` binary on a free loopback port with a
// fresh data folder (tests/demo_server.mjs), serving the built web app (web/dist); Debian's chromium driven by
// playwright-core (never a downloaded browser); axe-core for accessibility; screenshots
// kept as artefacts. A test fails on any page error or Content-Security-Policy violation,
// because the app must run under the server's strict CSP.
import { mkdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { after } from 'node:test'
import { chromium } from 'playwright-core'
import { repo, startDemo } from '../demo_server.mjs'

export { repo }
const webDist = process.env.RP_WEB_DIST || join(repo, 'web/dist')
const artefacts = process.env.RP_WEB_ARTIFACTS || join(repo, 'build/test-artifacts/web')
const chromiumPath = process.env.RP_CHROMIUM || '/usr/bin/chromium'

// Starts `regenpath demo` serving the built web app and waits until it listens; `env`
// adds to the server's environment (REGENPATH_ORTHANC_URL, say).
export async function startServer({ patients, env = {} } = {}) {
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`web app not built: ${webDist}/index.html missing`)
  const demo = await startDemo({
    prefix: 'rp-web-',
    args: patients ? ['--patients', String(patients)] : [],
    env: { ...env, REGENPATH_WEB_DIR: webDist },
  })
  return {
    ...demo,
    log: () => demo.out() + demo.err(),
    // The newest one-time code the server logged for this patient.
    codeFor(patientId) {
      const code = demo.lastCodeFor(patientId)
      if (!code) throw new Error(`no one-time code logged for patient #${patientId}`)
      return code
    },
  }
}

// A signed-in API client from node (cookie + CSRF), for setting up and for checking what
// the browser did by re-reading the server's state.
export async function apiSession(server, username) {
  const password = server.accounts.get(username)
  if (!password) throw new Error(`no demo account ${username}`)
  const res = await fetch(server.url + '/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  const me = await res.json()
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const call = async (method, path, body) => {
    const r = await fetch(server.url + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': me.csrf_token, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    return { status: r.status, json: text ? JSON.parse(text) : null }
  }
  return {
    me,
    get: (p) => call('GET', p),
    post: (p, b = {}) => call('POST', p, b),
    put: (p, b) => call('PUT', p, b),
    patch: (p, b) => call('PATCH', p, b),
  }
}

function watch(page, problems) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`)
  })
}

// Chromium from Debian. The flags keep it off the network this machine does not have.
// One browser per test file, started by the first launch() and closed after the file's
// last test; each launch() is a context of its own (cookies, storage and cache apart, as a
// fresh browser's), which is how playwright isolates tests. A browser started per launch
// took a second and a half (a context: 0.4 s) at each of the suite's eighty-odd launches.
let sharedBrowser = null
function browserOnce() {
  sharedBrowser ??= chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
  return sharedBrowser
}
after(async () => {
  if (sharedBrowser) await (await sharedBrowser).close()
})

export async function launch({ viewport = { width: 1280, height: 900 }, mobile = false, lang } = {}) {
  const browser = await browserOnce()
  const context = await browser.newContext({
    viewport,
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: mobile ? 2 : 1,
  })
  // The first page is about:blank, whose storage is off limits: set the language only
  // where the app runs.
  if (lang)
    await context.addInitScript((l) => {
      try {
        if (!localStorage.getItem('regenpath.lang')) localStorage.setItem('regenpath.lang', l)
      } catch {}
    }, lang)
  const problems = []
  context.on('page', (p) => watch(p, problems))
  const page = await context.newPage()
  return {
    browser,
    context,
    page,
    problems,
    // Throws when any page error or CSP violation happened.
    assertClean() {
      if (problems.length) throw new Error('browser problems:\n' + problems.join('\n'))
    },
    close: () => context.close(),
  }
}

export async function loginStaff(page, server, username) {
  const password = server.accounts.get(username)
  if (!password) throw new Error(`no demo account ${username}`)
  await page.goto(server.url + '/login')
  await page.locator('input[name=username]').fill(username)
  await page.locator('input[name=password]').fill(password)
  await page.locator('form button[type=submit]').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

// Runs axe-core in the page (injected through the DevTools protocol, which the page's CSP
// does not govern) and fails on serious or critical violations, listing each.
export async function checkA11y(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource)
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }))
  })
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  if (bad.length)
    throw new Error(`accessibility (${label}):\n` + bad.map((v) => `  ${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`).join('\n'))
  return violations
}

export async function shot(page, name) {
  mkdirSync(artefacts, { recursive: true })
  const path = join(artefacts, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

// A patient registered at tehran-1 through the API and taken along the pathway to a hip
// injected today (no step can be dated before the episode was opened): screened eligible,
// planned, harvested, released by the lab and injected. Each step is checked; the tests
// then assert on data they made.
// A valid national id of its own for each record number (a national id is one person: a
// centre registers it once).
export function nationalIdFor(mrn) {
  let h = 7
  for (const ch of mrn) h = (h * 31 + ch.codePointAt(0)) % 1000000000
  const nine = String(h).padStart(9, '0')
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i)
  const r = sum % 11
  return nine + String(r < 2 ? r : 11 - r)
}

export async function injectedPatient(server, { mrn, mobile, side = 'right' }) {
  const coordinator = await apiSession(server, 'coordinator.tehran-1')
  const surgeon = await apiSession(server, 'surgeon.tehran-1')
  const lab = await apiSession(server, 'lab.tehran-1')
  const ok = (r, what) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json
  }
  const today = ok(await coordinator.get('/api/v1/worklist'), 'worklist').date
  const patient = ok(
    await coordinator.post('/api/v1/patients', {
      mrn,
      name_fa: 'بیمار آزمون',
      name_latin: 'Test Patient',
      sex: 'female',
      birth_date: '1965-03-01',
      mobile,
      national_id: nationalIdFor(mrn),
      consent: { treatment: true, registry: true, contact: true },
    }),
    'register',
  )
  const code = side === 'right' ? 'M16.11' : 'M16.12'
  const episode = ok(
    await coordinator.post(`/api/v1/patients/${patient.id}/episodes`, {
      protocol: 'hip-msc-v1',
      side,
      diagnosis: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code },
      kl_grade: 3,
    }),
    'episode',
  )
  const id = episode.id
  const harvest = today
  const injection = today
  const move = async (who, to, on) => ok(await who.post(`/api/v1/episodes/${id}/transitions`, { to, ...(on ? { on } : {}) }), 'to ' + to)
  await move(coordinator, 'screening')
  const findings = { kl_grade: 3, bmi: 26.5, weeks_since_intra_articular_steroid: 30 }
  for (const f of ['active_infection', 'malignancy', 'bleeding_disorder', 'pregnancy', 'inflammatory_arthritis', 'anticoagulant_use', 'diabetes'])
    findings[f] = false
  ok(await surgeon.post(`/api/v1/episodes/${id}/eligibility`, { findings }), 'eligibility')
  await move(surgeon, 'eligible')
  await move(surgeon, 'workup')
  ok(await surgeon.post(`/api/v1/episodes/${id}/plan`, { harvest, injection }), 'plan')
  await move(surgeon, 'scheduled')
  ok(await surgeon.patch(`/api/v1/episodes/${id}`, { cell_source: 'bone_marrow' }), 'cell source')
  // The product's steps, as the clinic records them: the harvest with the wristband scanned,
  // the lab's receipt, processing and QC, the release by its second person, the injection
  // through the bedside check.
  const harvested = ok(await surgeon.post(`/api/v1/episodes/${id}/harvest`, { mrn, source: 'bone_marrow' }), 'harvest')
  const product = `/api/v1/products/${harvested.products[0].din}`
  ok(await lab.post(product + '/receive', { temperature_c: 4 }), 'receipt')
  ok(await lab.post(product + '/process', { method: 'density_gradient' }), 'processing')
  const passed = { result: 'passed' }
  ok(await lab.post(product + '/qc', { total_nucleated_cells: 2e8, viability_percent: 90, sterility: passed, endotoxin: passed, mycoplasma: passed, complete: true }), 'QC')
  ok(await (await apiSession(server, 'qa.tehran-1')).post(product + '/release', {}), 'release')
  ok(await surgeon.post(product + '/inject', { mrn, guidance: 'ultrasound' }), 'injection')
  return { patientId: patient.id, episodeId: id, mobile: patient.mobile, today, harvest, injection, coordinator, surgeon }
}

// A patient signed in to the portal (mobile + the one-time code the server logged).
export async function patientSession(server, patientId, mobile) {
  await fetch(server.url + '/api/v1/patient-auth/code', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mobile }),
  })
  let code
  for (let i = 0; i < 50 && !code; i++) {
    try {
      code = server.codeFor(patientId)
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const login = await fetch(server.url + '/api/v1/patient-auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mobile, code }),
  })
  if (login.status !== 200) throw new Error(`patient login: ${login.status} ${await login.text()}`)
  const me = await login.json()
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return {
    async post(path, body) {
      const r = await fetch(server.url + path, {
        method: 'POST',
        headers: { Cookie: cookie, 'X-CSRF-Token': me.csrf_token, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      const text = await r.text()
      return { status: r.status, json: text ? JSON.parse(text) : null }
    },
  }
}

// Opens the patient page's folded sections (every one, or those named: transition,
// details, imaging, eligibility, plan, timeline, questionnaires, events, history) once the
// episode has loaded. The page remembers them open until it is left.
export async function unfold(page, ...ids) {
  await page.locator('[data-fold=history]').waitFor({ state: 'attached' })
  const scope = ids.length ? ids.map((id) => `[data-fold=${id}]`) : ['[data-fold]']
  const closed = page.locator(scope.map((s) => `${s} > .fold-head button[aria-expanded=false]`).join(', '))
  while ((await closed.count()) > 0) await closed.first().click()
}

// Signs a patient in on the portal's login page, as they would: their mobile, then the
// one-time code (here, the one the server logged).
export async function portalSignIn(page, server, { mobile, patientId }) {
  await page.goto(server.url + '/portal/login')
  await page.locator('input[name=mobile]').fill(mobile)
  await page.locator('form button[type=submit]').tap()
  await page.getByTestId('code-sent').waitFor()
  await page.locator('input[name=code]').fill(server.codeFor(patientId))
  await page.locator('form button[type=submit]').tap()
}

// What sticks out of the viewport's width, or scrolls sideways, in the part of the page named.
export async function overflowing(page, scope) {
  return page.evaluate((sel) => {
    const width = document.documentElement.clientWidth
    const out = []
    if (document.documentElement.scrollWidth > width) out.push(`the page is ${document.documentElement.scrollWidth}px wide in ${width}px`)
    for (const el of document.querySelectorAll(`${sel}, ${sel} *`)) {
      const r = el.getBoundingClientRect()
      // Not shown, or shown only to screen readers (a 1px clipped heading).
      if (r.width <= 1 || el.closest('.visually-hidden')) continue
      if (r.right > width + 1 || r.left < -1) out.push(`${el.tagName.toLowerCase()}.${el.className} spans ${Math.round(r.left)}–${Math.round(r.right)}px`)
      else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        out.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth}px in ${el.clientWidth}px)`)
    }
    return out.slice(0, 10)
  }, scope)
}
