// `regenpath fhir export` on the demo clinic, judged from outside: every resource checked
// by Medplum's R4 validator (tests/fhir/validate.mjs), every reference resolving within the
// export, one centre's export holding nothing of another's, and the scores the Observations
// carry recomputed here from the answers the QuestionnaireResponses carry.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { validateNdjsonDir } from './validate.mjs'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const binary = process.env.RP_BINARY || join(repo, 'build/regenpath')
const work = mkdtempSync(join(tmpdir(), 'rp-fhir-'))
const db = join(work, 'clinic.db')

function regenpath(...args) {
  return JSON.parse(execFileSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 28 }))
}

let all // the whole export: { summary, counts, problems, resources }
before(() => {
  execFileSync(binary, ['demo', '--no-serve', '--patients', '40', '--today', '2026-11-24', '--db', db], { stdio: 'ignore' })
})
after(() => rmSync(work, { recursive: true, force: true }))

async function exportTo(name, ...extra) {
  const out = join(work, name)
  const summary = regenpath('fhir', 'export', '--db', db, '--out', out, ...extra)
  return { summary, ...(await validateNdjsonDir(out)) }
}

const ofType = (resources, type) => [...resources.values()].filter((r) => r.resourceType === type)

test('every resource of the whole clinic is valid FHIR R4 and every reference resolves', async () => {
  all = await exportTo('all')
  assert.deepEqual(all.problems, [])
  for (const type of ['Organization', 'Questionnaire', 'Patient', 'Consent', 'Condition', 'CarePlan', 'Appointment',
    'Procedure', 'QuestionnaireResponse', 'Observation', 'AdverseEvent', 'BiologicallyDerivedProduct'])
    assert.ok(all.counts[type] > 0, `no ${type} in the export`)
  // What the command says it wrote is what the files hold.
  for (const f of all.summary.files) assert.equal(all.counts[f.type], f.resources, f.file)
  assert.equal(all.counts.Patient, all.summary.patients)
  assert.equal(all.counts.CarePlan, all.summary.episodes)
  assert.equal(all.counts.Condition, all.summary.episodes)
})

test('the patients are the clinic\'s, with their identifiers', () => {
  const listed = regenpath('patient', 'list', '--db', db, '--limit', '1000')
  const patients = listed.patients ?? listed
  assert.equal(ofType(all.resources, 'Patient').length, patients.length)
  for (const p of patients) {
    const r = all.resources.get(`Patient/${p.id}`)
    assert.ok(r, `patient #${p.id} missing`)
    assert.equal(r.birthDate, p.birth_date)
    assert.equal(r.managingOrganization.reference, `Organization/${p.centre}`)
    const ids = Object.fromEntries(r.identifier.map((i) => [i.system, i.value]))
    assert.equal(ids['urn:regenpath:sid:ir-national-id'], p.national_id)
    assert.equal(ids[`urn:regenpath:sid:mrn:${p.centre}`], p.mrn)
    assert.deepEqual(r.name.map((n) => n.text), [p.name_fa, p.name_latin])
    assert.equal(r.gender, p.sex)
    // The consents the record holds, given or refused.
    for (const kind of ['treatment', 'registry', 'contact']) {
      const consent = all.resources.get(`Consent/${p.id}-${kind}`)
      assert.equal(consent.provision.type, p.consent[kind] ? 'permit' : 'deny', `${kind} of #${p.id}`)
      assert.equal(consent.patient.reference, `Patient/${p.id}`)
    }
  }
})

// HOOS pain from its ten items (0-4): 100 - mean x 25, with at least half answered
// (clinical-facts §1): computed here, not by the product.
function hoosPain(answers) {
  const values = answers.filter((a) => /^P\d+$/.test(a.linkId)).map((a) => Number(a.answer[0].valueCoding.code))
  if (values.length < 5) return null
  return 100 - (values.reduce((s, v) => s + v, 0) / values.length) * 25
}

test('the HOOS pain Observations carry the score of the answers their QuestionnaireResponse holds', () => {
  const pains = ofType(all.resources, 'Observation').filter((o) => o.code.coding.some((c) => c.system === 'http://loinc.org' && c.code === '72097-9'))
  assert.ok(pains.length > 0)
  for (const o of pains) {
    const qr = all.resources.get(o.derivedFrom[0].reference)
    assert.match(qr.questionnaire, /^urn:regenpath:questionnaire:hoos\b/)
    const pain = qr.item.find((g) => g.linkId === 'pain')
    assert.ok(pain, `${o.derivedFrom[0].reference} has no pain group`)
    assert.ok(Math.abs(hoosPain(pain.item) - o.valueQuantity.value) < 1e-9, `Observation/${o.id}`)
    assert.equal(o.subject.reference, qr.subject.reference)
  }
})

test('one centre\'s export holds its patients and nothing of another centre\'s', async () => {
  const centre = all.resources.get(ofType(all.resources, 'Patient')[0].managingOrganization.reference).id
  const one = await exportTo('one', '--centre', centre)
  assert.deepEqual(one.problems, [])
  assert.deepEqual(ofType(one.resources, 'Organization').map((o) => o.id), [centre])
  const theirs = ofType(all.resources, 'Patient').filter((p) => p.managingOrganization.reference === `Organization/${centre}`)
  assert.equal(one.counts.Patient, theirs.length)
  assert.ok(one.counts.Patient < all.counts.Patient)
  for (const p of ofType(one.resources, 'Patient')) assert.equal(p.managingOrganization.reference, `Organization/${centre}`)
  // Every resource of the centre's export is the same resource in the whole export.
  for (const [key, r] of one.resources) assert.deepEqual(r, all.resources.get(key), key)
})

test('a centre that does not exist is named, and nothing is written', () => {
  const out = join(work, 'nowhere')
  const r = spawnSync(binary, ['fhir', 'export', '--db', db, '--out', out, '--centre', 'nowhere'], { encoding: 'utf8' })
  assert.notEqual(r.status, 0)
  assert.match(r.stderr, /centre/)
  assert.ok(!existsSync(out) || readdirSync(out).length === 0)
})
