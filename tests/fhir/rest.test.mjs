// The read-only FHIR endpoint (/fhir/r4) of a running demo server, judged from outside:
// the CapabilityStatement and every resource of a patient valid R4 (Medplum's validator),
// the same sign-in, roles and centre walls as the API, each read in the audit log.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startDemo } from '../demo_server.mjs'
import { loadValidator } from './validate.mjs'

let server
let validate
before(async () => {
  server = await startDemo({ prefix: 'rp-fhir-rest-' })
  validate = await loadValidator()
})
after(() => server?.stop())

async function signedIn(username) {
  const r = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: server.accounts.get(username) }),
  })
  assert.equal(r.status, 200, username)
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  return async (path) => {
    const a = await fetch(server.url + path, { headers: { Cookie: cookie, Accept: 'application/fhir+json' } })
    const text = await a.text()
    return { status: a.status, type: a.headers.get('content-type'), body: text ? JSON.parse(text) : undefined }
  }
}

// A patient of the centre with answers and an injection: the first whose $everything has them.
async function richPatient(get, centre) {
  const list = await get(`/api/v1/patients?limit=100`)
  for (const p of list.body.filter((x) => x.centre === centre)) {
    const all = await get(`/fhir/r4/Patient/${p.id}/$everything`)
    const types = new Set(all.body.entry.map((e) => e.resource.resourceType))
    if (types.has('QuestionnaireResponse') && types.has('Procedure')) return { patient: p, bundle: all.body }
  }
  throw new Error(`no treated patient at ${centre}`)
}

test('the CapabilityStatement is public and valid', async () => {
  const r = await fetch(`${server.url}/fhir/r4/metadata`)
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type'), /^application\/fhir\+json/)
  const cs = await r.json()
  assert.deepEqual(validate(cs), [])
  assert.equal(cs.fhirVersion, '4.0.1')
  assert.ok(cs.rest[0].resource.some((x) => x.type === 'Observation' && x.searchParam.some((p) => p.name === 'patient')))
})

test('a surgeon reads their centre\'s patient: every resource valid, every reference inside the record', async () => {
  const get = await signedIn('surgeon.tehran-1')
  const { patient, bundle } = await richPatient(get, 'tehran-1')
  assert.deepEqual(validate(bundle), [])
  const keys = new Set(bundle.entry.map((e) => `${e.resource.resourceType}/${e.resource.id}`))
  for (const e of bundle.entry) {
    assert.deepEqual(validate(e.resource), [], `${e.resource.resourceType}/${e.resource.id}`)
    for (const ref of JSON.stringify(e.resource).matchAll(/"reference":"([A-Za-z]+)\/([^"]+)"/g))
      if (ref[1] !== 'Organization') assert.ok(keys.has(`${ref[1]}/${ref[2]}`), `${ref[1]}/${ref[2]} outside the record`)
  }
  const one = await get(`/fhir/r4/Patient/${patient.id}`)
  assert.equal(one.status, 200)
  assert.match(one.type, /^application\/fhir\+json/)
  assert.equal(one.body.birthDate, patient.birth_date)
  assert.ok(one.body.identifier.some((i) => i.value === patient.national_id))
  // A search by patient answers that type of the same record.
  const obs = await get(`/fhir/r4/Observation?patient=Patient/${patient.id}`)
  assert.equal(obs.body.resourceType, 'Bundle')
  assert.equal(obs.body.total, bundle.entry.filter((e) => e.resource.resourceType === 'Observation').length)
  assert.ok(obs.body.total > 0)
  assert.ok(obs.body.entry.every((e) => e.resource.subject.reference === `Patient/${patient.id}`))
  // The reads are in the audit log, for the admin who asks who saw the patient.
  const admin = await signedIn('admin.tehran-1')
  const who = await admin(`/api/v1/audit/who-saw?patient=${patient.id}`)
  assert.equal(who.status, 200)
  assert.ok(JSON.stringify(who.body).includes('surgeon.tehran-1'))
})

test('another centre\'s patient, no sign-in, a type or parameter it lacks: refused', async () => {
  const tehran = await signedIn('surgeon.tehran-1')
  const shiraz = await signedIn('surgeon.shiraz-1')
  const { patient } = await richPatient(tehran, 'tehran-1')
  for (const path of [`/fhir/r4/Patient/${patient.id}`, `/fhir/r4/Patient/${patient.id}/$everything`, `/fhir/r4/Condition?patient=${patient.id}`])
    assert.equal((await shiraz(path)).status, 404, path)
  assert.equal((await fetch(`${server.url}/fhir/r4/Patient/${patient.id}`)).status, 401)
  assert.equal((await tehran('/fhir/r4/Condition')).status, 422)
  assert.equal((await tehran(`/fhir/r4/Account?patient=${patient.id}`)).status, 404)
  assert.equal((await tehran('/fhir/r4/Patient/abc')).status, 404)
  // The registry's analyst reads de-identified figures, never a patient's record.
  const analyst = await signedIn('analyst.tehran-1')
  assert.equal((await analyst(`/fhir/r4/Patient/${patient.id}`)).status, 403)
})

test('every refusal is a valid OperationOutcome naming why, in the language asked for', async () => {
  const tehran = await signedIn('surgeon.tehran-1')
  const shiraz = await signedIn('surgeon.shiraz-1')
  const analyst = await signedIn('analyst.tehran-1')
  const { patient } = await richPatient(tehran, 'tehran-1')
  const anonymous = await fetch(`${server.url}/fhir/r4/Patient/${patient.id}`)
  const cases = [
    [await shiraz(`/fhir/r4/Patient/${patient.id}`), 404, 'not-found', 'patient_not_found'],
    [{ status: anonymous.status, type: anonymous.headers.get('content-type'), body: await anonymous.json() }, 401, 'login', null],
    [await tehran('/fhir/r4/Condition'), 422, 'invalid', 'required', 'patient'],
    [await tehran(`/fhir/r4/Account?patient=${patient.id}`), 404, 'not-found', 'not_one_of', 'resource_type'],
    [await analyst(`/fhir/r4/Patient/${patient.id}`), 403, 'forbidden', null],
  ]
  for (const [r, status, code, reason, field] of cases) {
    assert.equal(r.status, status)
    assert.match(r.type, /^application\/fhir\+json/)
    assert.equal(r.body.resourceType, 'OperationOutcome', JSON.stringify(r.body))
    assert.deepEqual(validate(r.body), [])
    const [issue] = r.body.issue
    assert.equal(issue.severity, 'error')
    assert.equal(issue.code, code)
    assert.ok(issue.diagnostics.length > 0)
    if (reason) assert.equal(issue.details.coding[0].code, reason)
    if (field) assert.deepEqual(issue.expression, [field])
  }
  // The API's own errors stay the API's.
  const api = await fetch(`${server.url}/api/v1/patients/${patient.id}`)
  assert.ok((await api.json()).error)
  // In Persian for a client that asks for it.
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'surgeon.shiraz-1', password: server.accounts.get('surgeon.shiraz-1') }),
  })
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const fa = await fetch(`${server.url}/fhir/r4/Patient/${patient.id}`, { headers: { Cookie: cookie, 'Accept-Language': 'fa' } })
  const outcome = await fa.json()
  assert.equal(fa.status, 404)
  assert.match(outcome.issue[0].diagnostics, /[\u0600-\u06FF]/)
  assert.equal(fa.headers.get('content-language'), 'fa')
})

test('the lab reads the record without the national id and mobile it is not shown', async () => {
  const surgeon = await signedIn('surgeon.tehran-1')
  const { patient } = await richPatient(surgeon, 'tehran-1')
  const lab = await signedIn('lab.tehran-1')
  const p = await lab(`/fhir/r4/Patient/${patient.id}`)
  assert.equal(p.status, 200)
  assert.ok(!JSON.stringify(p.body).includes(patient.national_id))
  assert.ok(!(p.body.telecom ?? []).some((t) => t.system === 'phone'))
  assert.ok(p.body.identifier.some((i) => i.value === patient.mrn))
})
