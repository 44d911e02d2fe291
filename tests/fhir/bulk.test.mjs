// The FHIR Bulk Data export over HTTP (http://hl7.org/fhir/uv/bulkdata/export.html) of a
// running demo server, judged from outside: a centre's admin kicks it off asynchronously,
// polls the status URL it is given, downloads every file of the manifest and finds the
// same resources as `regenpath fhir export --centre` writes, each valid R4 (Medplum's
// validator), every reference resolving; _type narrows it; another centre's admin and a
// surgeon are refused; a delete removes it.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { binary, staffLogin, startDemo } from '../demo_server.mjs'
import { validateNdjsonDir } from './validate.mjs'

const work = mkdtempSync(join(tmpdir(), 'rp-fhir-bulk-'))
let server
before(async () => {
  server = await startDemo({ prefix: 'rp-fhir-bulk-demo-' })
})
after(async () => {
  await server?.stop()
  rmSync(work, { recursive: true, force: true })
})

async function signedIn(username) {
  const { cookie, csrf: csrf_token } = await staffLogin(server, username)
  return (url, { method = 'GET', headers = {} } = {}) =>
    fetch(url.startsWith('http') ? url : server.url + url, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf_token, Accept: 'application/fhir+json', ...headers },
    })
}

const async_ = { headers: { Prefer: 'respond-async' } }

// Polls the status URL until the manifest comes (202s meanwhile, each with X-Progress).
async function manifestOf(get, statusUrl) {
  for (let i = 0; i < 600; i++) {
    const r = await get(statusUrl)
    if (r.status === 200) {
      assert.match(r.headers.get('content-type'), /^application\/json/)
      return r.json()
    }
    assert.equal(r.status, 202, await r.text())
    assert.ok(r.headers.get('x-progress'))
    await new Promise((ok) => setTimeout(ok, 100))
  }
  throw new Error('the export did not finish')
}

async function download(get, manifest, dir) {
  mkdirSync(dir, { recursive: true })
  for (const file of manifest.output) {
    const r = await get(file.url)
    assert.equal(r.status, 200, file.url)
    assert.match(r.headers.get('content-type'), /^application\/fhir\+ndjson/)
    const text = await r.text()
    assert.equal(text.split('\n').filter(Boolean).length, file.count, file.url)
    appendFileSync(join(dir, `${file.type}.ndjson`), text)
  }
}

const countsOf = (dir) =>
  Object.fromEntries(readdirSync(dir).map((f) => [f.replace('.ndjson', ''), readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).length]))

test('the admin exports the centre asynchronously and gets what the command line writes, every resource valid', async () => {
  const admin = await signedIn('admin.tehran-1')
  // Synchronous asks are refused, as FHIR refuses: an OperationOutcome naming the header.
  const sync = await admin('/fhir/r4/$export')
  assert.equal(sync.status, 422)
  const refusal = await sync.json()
  assert.equal(refusal.resourceType, 'OperationOutcome')
  assert.equal(refusal.issue[0].expression[0], 'Prefer')
  const badType = await admin('/fhir/r4/$export?_type=Patient,Spaceship', async_)
  assert.equal(badType.status, 422)
  const badFormat = await admin('/fhir/r4/$export?_outputFormat=text/csv', async_)
  assert.equal(badFormat.status, 422)

  const kick = await admin('/fhir/r4/$export', async_)
  assert.equal(kick.status, 202, await kick.text())
  const statusUrl = kick.headers.get('content-location')
  assert.match(statusUrl, new RegExp(`^${server.url.replace(/\./g, '\\.')}/fhir/r4/\\$export-status/[0-9a-f]{32}$`))
  const manifest = await manifestOf(admin, statusUrl)
  assert.equal(manifest.requiresAccessToken, true)
  assert.equal(manifest.request, `${server.url}/fhir/r4/$export`)
  assert.ok(Date.parse(manifest.transactionTime))
  assert.deepEqual(manifest.error, [])
  const got = join(work, 'http')
  await download(admin, manifest, got)

  const cli = join(work, 'cli')
  execFileSync(binary, ['fhir', 'export', '--db', join(server.data, 'demo.db'), '--out', cli, '--centre', 'tehran-1'], { stdio: 'ignore' })
  assert.deepEqual(countsOf(got), countsOf(cli), 'the same resources by type as the command line writes')
  const { problems, counts } = await validateNdjsonDir(got)
  assert.deepEqual(problems, [])
  assert.ok(counts.Patient > 0 && counts.Observation > 0)
  // Only the centre's patients.
  for (const line of readFileSync(join(got, 'Patient.ndjson'), 'utf8').split('\n').filter(Boolean))
    assert.equal(JSON.parse(line).managingOrganization.reference, 'Organization/tehran-1')

  // Another centre's admin and the centre's surgeon reach none of it.
  const elsewhere = await signedIn('admin.mashhad-1')
  assert.equal((await elsewhere(statusUrl)).status, 404)
  assert.equal((await elsewhere(manifest.output[0].url)).status, 404)
  const surgeon = await signedIn('surgeon.tehran-1')
  assert.equal((await surgeon('/fhir/r4/$export', async_)).status, 403)
  assert.equal((await surgeon(statusUrl)).status, 403)

  // Deleted: the status and the files are gone.
  const deleted = await admin(statusUrl, { method: 'DELETE' })
  assert.equal(deleted.status, 202)
  assert.equal((await admin(statusUrl)).status, 404)
  assert.equal((await admin(manifest.output[0].url)).status, 404)
})

test('_type narrows the export to the types asked, at the Patient level too', async () => {
  const admin = await signedIn('admin.mashhad-1')
  const kick = await admin('/fhir/r4/Patient/$export?_type=Patient,Condition&_outputFormat=application/fhir%2Bndjson', async_)
  assert.equal(kick.status, 202, await kick.text())
  const manifest = await manifestOf(admin, kick.headers.get('content-location'))
  assert.deepEqual([...new Set(manifest.output.map((f) => f.type))].sort(), ['Condition', 'Patient'])
  const got = join(work, 'typed')
  await download(admin, manifest, got)
  assert.ok(countsOf(got).Patient > 0)
})

// The identifying values of every patient of the demo, from the identified export: none may
// appear in the registry's files.
function identifiersOf(dir) {
  const out = new Set()
  for (const line of readFileSync(join(dir, 'Patient.ndjson'), 'utf8').split('\n').filter(Boolean)) {
    const p = JSON.parse(line)
    for (const id of p.identifier ?? []) out.add(id.value)
    for (const n of p.name ?? []) out.add(n.text)
    for (const t of p.telecom ?? []) out.add(t.value)
    out.add(p.birthDate)
  }
  return out
}

const sortedLines = (dir, type) => readFileSync(join(dir, `${type}.ndjson`), 'utf8').split('\n').filter(Boolean).sort()

test("the registry's de-identified export: the analyst's, valid R4, no identifier, what the command line writes", async () => {
  const analyst = await signedIn('analyst.tehran-1')
  assert.equal((await analyst('/fhir/r4/Group/registry/$export')).status, 422, 'asynchronous only')
  const badType = await analyst('/fhir/r4/Group/registry/$export?_type=QuestionnaireResponse', async_)
  assert.equal(badType.status, 422, 'no answers: the registry has their scores only')
  assert.equal((await badType.json()).issue[0].expression[0], '_type')
  assert.equal((await analyst('/fhir/r4/Group/registry/$export?protocol=no-such-protocol', async_)).status, 404)
  assert.equal((await analyst('/fhir/r4/Group/registry/$export?centre=no-such-centre', async_)).status, 404)

  const kick = await analyst('/fhir/r4/Group/registry/$export', async_)
  assert.equal(kick.status, 202, await kick.text())
  const statusUrl = kick.headers.get('content-location')
  assert.match(statusUrl, new RegExp(`^${server.url.replace(/\./g, '\\.')}/fhir/r4/Group/registry/\\$export-status/[0-9a-f]{32}$`))
  // One of the analyst's at a time.
  const again = await analyst('/fhir/r4/Group/registry/$export', async_)
  assert.ok([202, 409].includes(again.status), `${again.status}`)
  if (again.status === 202) await manifestOf(analyst, again.headers.get('content-location'))
  const manifest = await manifestOf(analyst, statusUrl)
  assert.equal(manifest.request, `${server.url}/fhir/r4/Group/registry/$export`)
  for (const f of manifest.output) assert.match(f.url, /\/fhir\/r4\/Group\/registry\/\$export-file\/[0-9a-f]{32}\/\d+$/)
  const got = join(work, 'registry-http')
  await download(analyst, manifest, got)
  const { problems, counts } = await validateNdjsonDir(got)
  assert.deepEqual(problems, [])
  assert.deepEqual(Object.keys(counts).sort(), ['AdverseEvent', 'Appointment', 'BiologicallyDerivedProduct', 'CarePlan', 'Condition', 'Observation', 'Patient', 'Procedure'])

  // The command line writes the same resources: the pseudonyms and date shifts are kept.
  const db = join(server.data, 'demo.db')
  const cli = join(work, 'registry-cli')
  execFileSync(binary, ['fhir', 'export', '--db', db, '--out', cli, '--deidentified'], { stdio: 'ignore' })
  for (const type of Object.keys(counts)) assert.deepEqual(sortedLines(got, type), sortedLines(cli, type), type)
  // Refused at the command line as over HTTP, naming the option, and leaving no folder.
  for (const [args, field] of [[['--deidentified', '--protocol', 'no-such-protocol'], 'protocol'], [['--deidentified', '--centre', 'nowhere'], 'centre'], [['--protocol', 'hip-msc-v1'], 'protocol']]) {
    const out = join(work, `refused-${field}-${args.length}`)
    const r = spawnSync(binary, ['fhir', 'export', '--db', db, '--out', out, ...args], { encoding: 'utf8' })
    assert.equal(r.status, 2, r.stderr)
    assert.equal(JSON.parse(r.stderr).error.field, field)
    assert.ok(!existsSync(out), `${args.join(' ')} left ${out}`)
  }

  // Nothing that names a patient, and every resource labelled pseudonymised.
  const identified = join(work, 'registry-identified')
  execFileSync(binary, ['fhir', 'export', '--db', db, '--out', identified], { stdio: 'ignore' })
  const identifiers = identifiersOf(identified)
  assert.ok(identifiers.size > 100)
  const text = Object.keys(counts).map((type) => readFileSync(join(got, `${type}.ndjson`), 'utf8')).join('')
  for (const value of identifiers) assert.ok(!text.includes(`"${value}"`), `${value} is in the registry's export`)
  for (const line of text.split('\n').filter(Boolean)) {
    const r = JSON.parse(line)
    assert.equal(r.meta.security[0].code, 'PSEUDED', r.id)
    assert.equal(r.birthDate, undefined)
    assert.equal(r.identifier, undefined, `${r.resourceType}/${r.id} has an identifier`)
  }
  // Patients under pseudonyms, fewer than the demo's: those who withdrew registry consent are out.
  const patients = sortedLines(got, 'Patient').map((l) => JSON.parse(l))
  assert.ok(patients.every((p) => /^P-[0-9a-f]{16}$/.test(p.id)))
  assert.ok(patients.length < sortedLines(identified, 'Patient').length)
  // Dates moved: no injection falls on its identified day for every patient alike.
  const injected = (dir) => sortedLines(dir, 'Procedure').map((l) => JSON.parse(l)).filter((p) => p.id.endsWith('-injection')).map((p) => p.performedDateTime).sort()
  assert.notDeepEqual(injected(got), injected(identified))

  // Another analyst, a centre's admin and a surgeon reach none of it; the centre's export
  // routes do not know it.
  const other = await signedIn('analyst.mashhad-1')
  assert.equal((await other(statusUrl)).status, 404)
  assert.equal((await other(manifest.output[0].url)).status, 404)
  const admin = await signedIn('admin.tehran-1')
  assert.equal((await admin(statusUrl)).status, 404)
  assert.equal((await admin(statusUrl.replace('/Group/registry', ''))).status, 404)
  assert.equal((await analyst(statusUrl.replace('/Group/registry', ''))).status, 403)
  const surgeon = await signedIn('surgeon.tehran-1')
  assert.equal((await surgeon('/fhir/r4/Group/registry/$export', async_)).status, 403)

  assert.equal((await analyst(statusUrl, { method: 'DELETE' })).status, 202)
  assert.equal((await analyst(statusUrl)).status, 404)
  assert.equal((await analyst(manifest.output[0].url)).status, 404)
})

test("a centre's admin exports the registry's records of their own centre only", async () => {
  const admin = await signedIn('admin.mashhad-1')
  assert.equal((await admin('/fhir/r4/Group/registry/$export?centre=tehran-1', async_)).status, 403)
  const kick = await admin('/fhir/r4/Group/registry/$export?_type=Patient,Observation', async_)
  assert.equal(kick.status, 202, await kick.text())
  const manifest = await manifestOf(admin, kick.headers.get('content-location'))
  assert.deepEqual([...new Set(manifest.output.map((f) => f.type))].sort(), ['Observation', 'Patient'])
  const got = join(work, 'registry-admin')
  await download(admin, manifest, got)
  const patients = sortedLines(got, 'Patient').map((l) => JSON.parse(l))
  assert.ok(patients.length > 0)
  for (const p of patients) assert.equal(p.managingOrganization.identifier.value, 'mashhad-1')
  // Every score and grade is of one of the centre's patients.
  const ids = new Set(patients.map((p) => `Patient/${p.id}`))
  const observations = sortedLines(got, 'Observation').map((l) => JSON.parse(l))
  assert.ok(observations.length > 0)
  for (const o of observations) assert.ok(ids.has(o.subject.reference), o.id)
})
