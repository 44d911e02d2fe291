// The FHIR tests' validator can fail: a valid Patient and Condition pass, and each kind of
// fault it is meant to catch is reported, naming the file, the line and the path. Medplum
// does not check terminology bindings (a gender of "woman" passes), so the faults are ones
// it does check: a wrong JSON type, an unknown property, a missing required element (and
// empty values, which validate.mjs checks itself).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { validateNdjsonDir } from './validate.mjs'

const patient = {
  resourceType: 'Patient',
  id: 'p1',
  identifier: [{ system: 'urn:regenpath:test:patient', value: 'P-0001' }],
  name: [{ family: 'Test', given: ['Ada'] }],
  gender: 'female',
  birthDate: '1960-05-01',
}
const condition = {
  resourceType: 'Condition',
  id: 'c1',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
  verificationStatus: {
    coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
  },
  code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'M16.1' }] },
  subject: { reference: 'Patient/p1' },
}

const root = await mkdtemp(path.join(tmpdir(), 'regenpath-fhir-'))
after(() => rm(root, { recursive: true, force: true }))
let dirs = 0
// files: {'Patient.ndjson': [line, ...]}, a line an object (written as JSON) or raw text.
async function check(files) {
  const dir = path.join(root, String(++dirs))
  await mkdir(dir)
  for (const [name, lines] of Object.entries(files))
    await writeFile(path.join(dir, name), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n')
  return validateNdjsonDir(dir)
}

function assertOneProblem(problems, pattern) {
  assert.equal(problems.length, 1, problems.join('\n'))
  assert.match(problems[0], pattern)
}

test('a valid Patient and a Condition about her pass', async () => {
  const { counts, problems, resources } = await check({ 'Patient.ndjson': [patient], 'Condition.ndjson': [condition] })
  assert.deepEqual(problems, [])
  assert.deepEqual(counts, { Condition: 1, Patient: 1 })
  assert.deepEqual([...resources.keys()].sort(), ['Condition/c1', 'Patient/p1'])
})

test('a birthDate that is a number is reported', async () => {
  const { problems } = await check({ 'Patient.ndjson': [{ ...patient, birthDate: 12 }] })
  assertOneProblem(problems, /^Patient\.ndjson:1 Patient\.birthDate: Invalid JSON type/)
})

test('a property R4 does not define is reported', async () => {
  const { problems } = await check({ 'Patient.ndjson': [{ ...patient, sex: 'female' }] })
  assertOneProblem(problems, /^Patient\.ndjson:1 Patient\.sex: Invalid additional property/)
})

test('a Condition without its required subject is reported', async () => {
  const { subject, ...orphan } = condition
  const { problems } = await check({ 'Patient.ndjson': [patient], 'Condition.ndjson': [orphan] })
  assertOneProblem(problems, /^Condition\.ndjson:1 Condition\.subject: Missing required property/)
})

test('an empty string, array or object is reported', async () => {
  const { problems } = await check({ 'Patient.ndjson': [{ ...patient, gender: '', name: [{ family: 'Test', given: [] }], maritalStatus: {} }] })
  assert.deepEqual(problems.sort(), [
    'Patient.ndjson:1 Patient.gender: empty value',
    'Patient.ndjson:1 Patient.maritalStatus: empty value',
    'Patient.ndjson:1 Patient.name[0].given: empty value',
  ])
})

test('a line that is not JSON is reported with its file and line', async () => {
  const { problems } = await check({ 'Patient.ndjson': [patient], 'Condition.ndjson': [condition, '{"resourceType": "Condition",'] })
  assertOneProblem(problems, /^Condition\.ndjson:2 is not JSON/)
})

test('a Patient in Condition.ndjson is reported', async () => {
  const { problems } = await check({ 'Patient.ndjson': [patient], 'Condition.ndjson': [condition, { ...patient, id: 'p2' }] })
  assertOneProblem(problems, /^Condition\.ndjson:2 holds a Patient, not a Condition/)
})

test('a reference to a Patient not in the directory is reported', async () => {
  const { problems } = await check({ 'Patient.ndjson': [patient], 'Condition.ndjson': [{ ...condition, subject: { reference: 'Patient/p9' } }] })
  assertOneProblem(problems, /^Condition\.ndjson:1 reference Patient\/p9 is not in the directory/)
})

test('a resource id that appears twice is reported', async () => {
  const { problems } = await check({ 'Patient.ndjson': [patient, patient] })
  assertOneProblem(problems, /^Patient\.ndjson:2 Patient\/p1 appears twice/)
})
