// `regenpath fhir import` judged from outside: the demo clinic's export taken into an empty
// database and exported again gives the same resources (ids aside: the new store's own);
// the same files again change nothing, nor do they in the store they came from; a file
// with mistakes names each line and imports nothing; an answer set of another system is
// scored as a native one.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, dirname } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { loadValidator, validateNdjsonDir } from './validate.mjs'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const binary = process.env.RP_BINARY || join(repo, 'build/regenpath')
const work = mkdtempSync(join(tmpdir(), 'rp-fhir-import-'))
const clinic = join(work, 'clinic.db')
const fresh = join(work, 'fresh.db')

const regenpath = (...args) => JSON.parse(execFileSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 28 }))
const lines = (dir, type) => readFileSync(join(dir, `${type}.ndjson`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))

let validate
before(async () => {
  validate = await loadValidator()
  execFileSync(binary, ['demo', '--no-serve', '--patients', '40', '--today', '2026-11-24', '--db', clinic], { stdio: 'ignore' })
  // Two studies of an episode graded as staff grade them: Observations that are records.
  for (const [uid, day, grades] of [['1.2.826.0.1.3680043.8.498.11', '2026-05-01', ['--kl', '3', '--tonnis', '2', '--joint-space-mm', '2.5']],
    ['1.2.826.0.1.3680043.8.498.12', '2026-10-01', ['--kl', '4']]])
    execFileSync(binary, ['imaging', 'grade', '--db', clinic, '--episode', '3', '--study-uid', uid, '--study-date', day, ...grades], { stdio: 'ignore' })
  execFileSync(binary, ['db', 'migrate', '--db', fresh], { stdio: 'ignore' })
  regenpath('fhir', 'export', '--db', clinic, '--out', join(work, 'first'))
})
after(() => rmSync(work, { recursive: true, force: true }))

// A resource with what names a store's record taken out: ids, references, the store's
// name, who typed it in; what is left is what the record says.
function content(r) {
  if (Array.isArray(r)) return r.map(content)
  if (r && typeof r === 'object')
    return Object.fromEntries(Object.entries(r).filter(([k]) => !['id', 'meta', 'reference', 'author'].includes(k)).map(([k, v]) => [k, content(v)]))
  return r
}
const bag = (resources) => {
  const m = new Map()
  for (const r of resources) {
    const k = JSON.stringify(content(r))
    m.set(k, (m.get(k) ?? 0) + 1)
  }
  return m
}

// Products and the product of each injection are the chain of identity's, which the
// import leaves to the lab (they are not in a hospital's FHIR feed).
const compared = ['Organization', 'Patient', 'Consent', 'Condition', 'CarePlan', 'Appointment', 'QuestionnaireResponse', 'Observation', 'AdverseEvent']

test('an empty store takes the export in, and exports the same resources again', async () => {
  const taken = regenpath('fhir', 'import', '--db', fresh, '--in', join(work, 'first'))
  const first = join(work, 'first')
  assert.equal(taken.created.Patient, lines(first, 'Patient').length)
  assert.equal(taken.created.QuestionnaireResponse, lines(first, 'QuestionnaireResponse').length)
  // Of the Observations the radiographs' grades are records; the scores are recomputed.
  assert.deepEqual(taken.left, ['BiologicallyDerivedProduct.ndjson', 'Questionnaire.ndjson'])
  const radiographs = lines(first, 'Observation').filter((o) => o.code.coding[0].system === 'urn:regenpath:radiograph')
  assert.equal(radiographs.length, 2)
  assert.equal(taken.created.Observation, 2)
  regenpath('fhir', 'export', '--db', fresh, '--out', join(work, 'again'))
  const again = await validateNdjsonDir(join(work, 'again'))
  assert.deepEqual(again.problems, [])
  for (const type of compared) {
    const a = bag(lines(first, type))
    const b = bag(lines(join(work, 'again'), type))
    const missing = [...a].filter(([k, n]) => b.get(k) !== n).map(([k]) => k)
    assert.deepEqual(missing.slice(0, 2), [], `${type}: re-exported differently`)
    assert.equal(lines(join(work, 'again'), type).length, lines(first, type).length, type)
  }
  // Procedures too, but for the injection's product (the lab's chain of identity) and its
  // operator, an account of the clinic it was recorded in, which the new store has not.
  const plain = (rs) => rs.map(({ extension, performer, ...r }) => r)
  const a = bag(plain(lines(first, 'Procedure')))
  const b = bag(plain(lines(join(work, 'again'), 'Procedure')))
  assert.deepEqual([...a].filter(([k, n]) => b.get(k) !== n).map(([k]) => k).slice(0, 2), [])
})

test('the same files again change nothing, nor in the store they came from', () => {
  const second = regenpath('fhir', 'import', '--db', fresh, '--in', join(work, 'first'))
  assert.deepEqual(second.created, {})
  assert.equal(second.unchanged.Patient, lines(join(work, 'first'), 'Patient').length)
  const home = regenpath('fhir', 'import', '--db', clinic, '--in', join(work, 'first'))
  assert.deepEqual(home.created, {})
  assert.equal(regenpath('patient', 'list', '--db', clinic, '--limit', '1000').length, lines(join(work, 'first'), 'Patient').length)
})

test('a file with mistakes names each line, and nothing of it is imported', () => {
  const bad = join(work, 'bad')
  mkdirSync(bad)
  for (const f of readdirSync(join(work, 'first'))) copyFileSync(join(work, 'first', f), join(bad, f))
  const patients = readFileSync(join(bad, 'Patient.ndjson'), 'utf8').split('\n')
  const third = JSON.parse(patients[2])
  third.birthDate = '1960-02-30'
  patients[2] = JSON.stringify(third)
  writeFileSync(join(bad, 'Patient.ndjson'), patients.join('\n'))
  const conditions = readFileSync(join(bad, 'Condition.ndjson'), 'utf8').split('\n')
  conditions[1] = conditions[1].slice(0, 40)
  writeFileSync(join(bad, 'Condition.ndjson'), conditions.join('\n'))
  // A radiograph graded 2^32 + 3 on a scale of 0 to 4 (refused, not cut to 3), and one of
  // no study.
  const observations = readFileSync(join(bad, 'Observation.ndjson'), 'utf8').split('\n')
  const graded = observations.map((l, i) => [l, i]).filter(([l]) => l.includes('urn:regenpath:radiograph'))
  const seven = JSON.parse(graded[0][0])
  seven.component[0].valueInteger = 4294967299
  observations[graded[0][1]] = JSON.stringify(seven)
  const unstudied = JSON.parse(graded[1][0])
  delete unstudied.derivedFrom
  observations[graded[1][1]] = JSON.stringify(unstudied)
  writeFileSync(join(bad, 'Observation.ndjson'), observations.join('\n'))
  const empty = join(work, 'empty.db')
  execFileSync(binary, ['db', 'migrate', '--db', empty], { stdio: 'ignore' })
  const r = spawnSync(binary, ['fhir', 'import', '--db', empty, '--in', bad], { encoding: 'utf8' })
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^Patient\.ndjson:3: Patient\.birthDate: /m)
  assert.match(r.stderr, /^Condition\.ndjson:2: line: is not JSON/m)
  assert.match(r.stderr, new RegExp(`^Observation\\.ndjson:${graded[0][1] + 1}: Observation\\.component\\[0\\]\\.valueInteger: `, 'm'))
  assert.match(r.stderr, new RegExp(`^Observation\\.ndjson:${graded[1][1] + 1}: Observation\\.derivedFrom: `, 'm'))
  assert.deepEqual(regenpath('patient', 'list', '--db', empty, '--limit', '1000'), [])

  // A line good alone whose reference resolves to nothing (neither in the files nor in the
  // store): named by the first pass, before anything is written.
  const orphan = join(work, 'orphan')
  mkdirSync(orphan)
  for (const f of readdirSync(join(work, 'first'))) copyFileSync(join(work, 'first', f), join(orphan, f))
  const plans = readFileSync(join(orphan, 'CarePlan.ndjson'), 'utf8').split('\n')
  const plan = JSON.parse(plans[0])
  plan.subject.reference = 'Patient/nobody'
  plans[0] = JSON.stringify(plan)
  writeFileSync(join(orphan, 'CarePlan.ndjson'), plans.join('\n'))
  const o = spawnSync(binary, ['fhir', 'import', '--db', empty, '--in', orphan], { encoding: 'utf8' })
  assert.equal(o.status, 2)
  assert.match(o.stderr, /^CarePlan\.ndjson:1: CarePlan\.subject: 'Patient\/nobody' names a resource/m)
  // One mistake, one line: the plan's visits and procedures are not named for it too.
  assert.equal(o.stderr.split('\n').filter((l) => /\.ndjson:\d+:/.test(l)).length, 1, o.stderr)
  assert.deepEqual(regenpath('patient', 'list', '--db', empty, '--limit', '1000'), [])
})

test('a large clinic is taken in patient by patient: a failure keeps the patients before it, and the same files again take in the rest', () => {
  // 150 patients, several transactions of whole patients (500 lines or more each).
  const big = join(work, 'big.db')
  execFileSync(binary, ['demo', '--no-serve', '--patients', '150', '--today', '2026-11-24', '--db', big], { stdio: 'ignore' })
  const files = join(work, 'big-files')
  regenpath('fhir', 'export', '--db', big, '--out', files)
  // The last patient born in the future: a rule the store checks when it writes the
  // patient, so the first pass lets the line by.
  const patients = readFileSync(join(files, 'Patient.ndjson'), 'utf8').split('\n').filter(Boolean)
  const last = JSON.parse(patients.at(-1))
  const born = last.birthDate
  last.birthDate = '2090-01-01'
  patients[patients.length - 1] = JSON.stringify(last)
  writeFileSync(join(files, 'Patient.ndjson'), patients.join('\n') + '\n')
  const target = join(work, 'big-target.db')
  execFileSync(binary, ['db', 'migrate', '--db', target], { stdio: 'ignore' })
  // The first pass reads lines on several threads, a batch of 512 at a time (the files'
  // lines counted one after another): a mistake in a late batch, and one in a later file
  // and batch, are each named at their own line, in order.
  const appointments = readFileSync(join(files, 'Appointment.ndjson'), 'utf8').split('\n').filter(Boolean)
  const answers = readFileSync(join(files, 'QuestionnaireResponse.ndjson'), 'utf8').split('\n').filter(Boolean)
  assert.ok(appointments.length > 500 && answers.length > 560, `${appointments.length} visits, ${answers.length} answer sets`)
  const broken = (list, at) => list.map((l, i) => (i === at ? l.slice(0, 60) : l)).join('\n') + '\n'
  writeFileSync(join(files, 'Appointment.ndjson'), broken(appointments, 499))
  writeFileSync(join(files, 'QuestionnaireResponse.ndjson'), broken(answers, 559))
  const named = spawnSync(binary, ['fhir', 'import', '--db', target, '--in', files], { encoding: 'utf8' })
  assert.equal(named.status, 2, named.stderr)
  assert.deepEqual(named.stderr.split('\n').filter((l) => /\.ndjson:\d+:/.test(l)).map((l) => l.split(': ')[0]),
    ['Appointment.ndjson:500', 'QuestionnaireResponse.ndjson:560'], named.stderr)
  assert.deepEqual(regenpath('patient', 'list', '--db', target, '--limit', '1000'), [])
  writeFileSync(join(files, 'Appointment.ndjson'), appointments.join('\n') + '\n')
  writeFileSync(join(files, 'QuestionnaireResponse.ndjson'), answers.join('\n') + '\n')
  const r = spawnSync(binary, ['fhir', 'import', '--db', target, '--in', files, '--lines-per-transaction', '500'], { encoding: 'utf8' })
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, new RegExp(`^Patient\\.ndjson:${patients.length}: nothing of this patient was imported, nor of the others of its transaction; (\\d+) patients before them were`, 'm'))
  const kept = Number(/(\d+) patients before them were/.exec(r.stderr)[1])
  const listed = regenpath('patient', 'list', '--db', target, '--limit', '1000')
  assert.ok(kept > 0 && kept < patients.length - 1, `kept ${kept}`)
  assert.equal(listed.length, kept)
  assert.ok(!listed.some((p) => p.mrn === last.identifier.find((i) => i.system.startsWith('urn:regenpath:sid:mrn:')).value))
  // Each patient kept is whole: as many answer sets, visits and plans as were sent.
  regenpath('fhir', 'export', '--db', target, '--out', join(work, 'big-partial'))
  const perPatient = (dir) => {
    const mrn = new Map(lines(dir, 'Patient').map((p) => [`Patient/${p.id}`, p.identifier.find((i) => i.system.startsWith('urn:regenpath:sid:mrn:')).value]))
    const counts = new Map()
    for (const type of ['CarePlan', 'Procedure', 'QuestionnaireResponse', 'Consent']) {
      for (const r of lines(dir, type)) {
        const k = `${mrn.get((r.subject ?? r.patient).reference)} ${type}`
        counts.set(k, (counts.get(k) ?? 0) + 1)
      }
    }
    return counts
  }
  const sent = perPatient(files)
  const held = perPatient(join(work, 'big-partial'))
  assert.ok(held.size > 0)
  for (const [k, n] of held) assert.equal(n, sent.get(k), k)

  // Mended, the same files again: the patients taken in before are unchanged, the rest made.
  last.birthDate = born
  patients[patients.length - 1] = JSON.stringify(last)
  writeFileSync(join(files, 'Patient.ndjson'), patients.join('\n') + '\n')
  const again = regenpath('fhir', 'import', '--db', target, '--in', files, '--lines-per-transaction', '500')
  assert.equal(again.unchanged.Patient, kept)
  assert.equal(again.created.Patient, patients.length - kept)
  assert.equal(regenpath('patient', 'list', '--db', target, '--limit', '1000').length, patients.length)
  // And what it holds exports as what was sent.
  regenpath('fhir', 'export', '--db', target, '--out', join(work, 'big-again'))
  for (const type of ['Patient', 'CarePlan', 'QuestionnaireResponse', 'AdverseEvent']) {
    const a = bag(lines(files, type))
    const b = bag(lines(join(work, 'big-again'), type))
    assert.deepEqual([...a].filter(([k, n]) => b.get(k) !== n).map(([k]) => k).slice(0, 2), [], type)
  }
})

test('an answer set of another system is scored as a native one', () => {
  // One patient of the export, sent again by "another system": its own ids, no Observation,
  // a HOOS whose pain items are all "moderate" (2): HOOS pain = 100 - 2 x 25 = 50.
  const other = join(work, 'other')
  mkdirSync(other)
  const first = join(work, 'first')
  const response = lines(first, 'QuestionnaireResponse').find((q) => q.questionnaire.startsWith('urn:regenpath:questionnaire:hoos|'))
  const patientRef = response.subject.reference
  const planRef = response.basedOn[0].reference
  const send = (type, keep) => {
    const rs = lines(first, type).filter(keep).map((r) => {
      const copy = structuredClone(r)
      delete copy.meta
      copy.meta = { source: 'urn:other-his:1' }
      return copy
    })
    writeFileSync(join(other, `${type}.ndjson`), rs.map((r) => JSON.stringify(r)).join('\n') + '\n')
  }
  const patient = lines(first, 'Patient').find((p) => `Patient/${p.id}` === patientRef)
  send('Organization', (o) => `Organization/${o.id}` === patient.managingOrganization.reference)
  send('Patient', (p) => p === p && `Patient/${p.id}` === patientRef)
  send('Condition', (c) => `Condition/${planRef.split('/')[1]}` === `Condition/${c.id}`)
  send('CarePlan', (c) => `CarePlan/${c.id}` === planRef)
  send('Procedure', (p) => p.basedOn?.[0]?.reference === planRef)
  const moderate = structuredClone(response)
  moderate.id = 'his-answers-1'
  moderate.meta = { source: 'urn:other-his:1' }
  for (const group of moderate.item) if (group.linkId === 'pain') for (const i of group.item) i.answer = [{ valueCoding: { system: 'urn:regenpath:answer', code: '2' } }]
  delete moderate.extension  // another system does not name the protocol's time point: found from the day
  writeFileSync(join(other, 'QuestionnaireResponse.ndjson'), JSON.stringify(moderate) + '\n')
  const target = join(work, 'other.db')
  execFileSync(binary, ['db', 'migrate', '--db', target], { stdio: 'ignore' })
  const taken = regenpath('fhir', 'import', '--db', target, '--in', other)
  assert.equal(taken.created.QuestionnaireResponse, 1)
  regenpath('fhir', 'export', '--db', target, '--out', join(work, 'other-out'))
  const pain = lines(join(work, 'other-out'), 'Observation').find((o) => o.code.coding.some((c) => c.code === '72097-9'))
  assert.equal(pain.valueQuantity.value, 50)
  const qr = lines(join(work, 'other-out'), 'QuestionnaireResponse')[0]
  assert.equal(qr.extension[0].valueCode, response.extension[0].valueCode, 'the time point found from the day')
  // What came from the other system says so: one Provenance naming the records it became
  // and each resource as the sender named it; valid, every target in the export.
  const [provenance, ...more] = lines(join(work, 'other-out'), 'Provenance')
  assert.equal(more.length, 0)
  assert.deepEqual(validate(provenance), [])
  const targets = provenance.target.map((t) => t.reference)
  assert.ok(targets.includes(`QuestionnaireResponse/${qr.id}`), targets.join(' '))
  assert.ok(targets.some((t) => t.startsWith('Patient/')) && targets.some((t) => t.startsWith('CarePlan/')), targets.join(' '))
  const sent = provenance.entity.map((e) => `${e.what.identifier.system} ${e.what.identifier.value}`)
  assert.ok(sent.includes('urn:other-his:1 QuestionnaireResponse/his-answers-1'), sent.join(' '))
  assert.ok(sent.includes(`urn:other-his:1 ${patientRef}`))
  const exported = new Set(['Patient', 'CarePlan', 'Condition', 'QuestionnaireResponse'].flatMap((t) => lines(join(work, 'other-out'), t).map((r) => `${t}/${r.id}`)))
  for (const t of targets) assert.ok(exported.has(t), t)
  // The demo clinic's own export has none: nothing of it was imported.
  assert.throws(() => lines(first, 'Provenance'))
})
