// Imaging through a real Orthanc, judged from outside (run inside a private network
// namespace by tests/imaging/in_netns.sh: Orthanc binds every interface). DICOM files made
// with dcmtk's dump2dcm are uploaded for a demo patient (a work-up X-ray and MRI, a control
// X-ray at 3 months), beside a patient whose ID only starts like theirs and one with their
// name under another ID. Staff find the patient by record number, link them, see the
// studies against the work-up and control imaging items with the viewer's links, grade
// the baseline X-ray (the episode takes its grade) with the archive's date, and are
// refused a study that is not the patient's. Another centre sees nothing. With Orthanc
// stopped, and with an archive that accepts connections and never answers, the panel's
// read still answers, with the grades, and says why the studies are missing. The command
// line reads the same studies.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { binary, freePort, staffLogin, startDemo } from '../demo_server.mjs'

const work = mkdtempSync(join(tmpdir(), 'rp-imaging-'))
let orthanc
let orthancUrl
let server
let patient
let episode
let other // the patient's record at the Tehran centre, for the other centre's refusal

const days = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400000).toISOString().slice(0, 10)
const dicomDate = (iso) => iso.replaceAll('-', '')

// One DICOM instance as dump2dcm reads a dump: the tags Orthanc indexes and a study's own.
let instance = 0
function dicom({ patientId, name, birth, study, date, modality, description }) {
  instance += 1
  const dump = join(work, `i${instance}.dump`)
  const file = join(work, `i${instance}.dcm`)
  writeFileSync(
    dump,
    [
      '(0008,0016) UI =SecondaryCaptureImageStorage',
      `(0008,0018) UI [${study}.1.${instance}]`,
      `(0008,0020) DA [${dicomDate(date)}]`,
      `(0008,0060) CS [${modality}]`,
      `(0008,1030) LO [${description}]`,
      `(0010,0010) PN [${name}]`,
      `(0010,0020) LO [${patientId}]`,
      `(0010,0030) DA [${birth}]`,
      '(0010,0040) CS [F]',
      `(0020,000d) UI [${study}]`,
      `(0020,000e) UI [${study}.1]`,
      '',
    ].join('\n'),
  )
  execFileSync('dump2dcm', ['--write-xfer-little', dump, file])
  return readFileSync(file)
}

async function upload(bytes) {
  const r = await fetch(`${orthancUrl}/instances`, { method: 'POST', body: bytes })
  assert.equal(r.status, 200, 'Orthanc took the instance')
}

async function startOrthanc(port) {
  const dir = join(work, 'orthanc')
  execFileSync('mkdir', ['-p', dir])
  const config = join(work, 'orthanc.json')
  writeFileSync(
    config,
    JSON.stringify({
      Name: 'imaging-test', StorageDirectory: dir, IndexDirectory: dir, HttpPort: port, DicomServerEnabled: false,
      RemoteAccessAllowed: false, AuthenticationEnabled: false, Plugins: [],
    }),
  )
  const child = spawn('Orthanc', [`--logdir=${work}`, config], { stdio: 'ignore' })
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/system`)).ok) return child
    } catch {}
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('Orthanc did not start')
}

async function signedIn(username) {
  const { cookie, csrf: csrf_token } = await staffLogin(server, username)
  return async (method, path, body) => {
    const a = await fetch(server.url + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf_token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await a.text()
    return { status: a.status, body: text ? JSON.parse(text) : undefined }
  }
}

before(async () => {
  const port = await freePort()
  orthancUrl = `http://127.0.0.1:${port}`
  orthanc = await startOrthanc(port)
  server = await startDemo({ prefix: 'rp-imaging-demo-', env: { REGENPATH_ORTHANC_URL: orthancUrl } })
  const coordinator = await signedIn('coordinator.tehran-1')
  const list = await coordinator('GET', '/api/v1/patients?state=follow_up&limit=50')
  const found = list.body.find((p) => p.centre === 'tehran-1')
  patient = (await coordinator('GET', `/api/v1/patients/${found.id}`)).body
  episode = patient.episodes.find((e) => e.injection_date && e.harvest_date)
  assert.ok(episode, 'a treated episode')
  other = found
  const name = 'PATIENT^IMAGING'
  const birth = '19600501'
  // The work-up, ordered 28 days before the harvest: an X-ray and an MRI two days later.
  const xray = days(episode.harvest_date, -26)
  const mri = days(episode.harvest_date, -24)
  const control = days(episode.injection_date, 92)
  await upload(dicom({ patientId: patient.mrn, name, birth, study: '1.2.826.0.1.3680043.10.1', date: xray, modality: 'CR', description: 'HIP AP' }))
  await upload(dicom({ patientId: patient.mrn, name, birth, study: '1.2.826.0.1.3680043.10.2', date: mri, modality: 'MR', description: 'HIP MRI' }))
  await upload(dicom({ patientId: patient.mrn, name, birth, study: '1.2.826.0.1.3680043.10.3', date: control, modality: 'DX', description: 'HIP AP 3M' }))
  // Not this patient: an ID that starts like theirs, and their name under another ID.
  await upload(dicom({ patientId: patient.mrn + '0', name, birth, study: '1.2.826.0.1.3680043.10.4', date: xray, modality: 'CR', description: 'OTHER' }))
  await upload(dicom({ patientId: 'SOMEONE-ELSE', name, birth, study: '1.2.826.0.1.3680043.10.5', date: xray, modality: 'CR', description: 'OTHER' }))
})

after(async () => {
  orthanc?.kill('SIGTERM')
  await server?.stop()
  rmSync(work, { recursive: true, force: true })
})

test('staff find the patient by record number, never by name, and link them explicitly', async () => {
  const coordinator = await signedIn('coordinator.tehran-1')
  const found = await coordinator('GET', `/api/v1/patients/${patient.id}/imaging/candidates`)
  assert.equal(found.status, 200)
  assert.equal(found.body.archive, 'available')
  assert.equal(found.body.asked[0], patient.mrn)
  assert.deepEqual(found.body.candidates.map((c) => c.dicom_patient_id), [patient.mrn], 'exactly the record number')
  assert.equal(found.body.candidates[0].name, 'PATIENT^IMAGING')
  assert.equal(found.body.candidates[0].birth_date, '1960-05-01')
  assert.equal(found.body.candidates[0].studies, 3)
  assert.equal(found.body.link, undefined)
  // Before the link the panel lists no studies, though the archive has them.
  const before = await coordinator('GET', `/api/v1/episodes/${episode.id}/imaging`)
  assert.equal(before.status, 200)
  assert.deepEqual(before.body.studies, [])
  // An id the archive lacks is refused, naming the field; nothing is linked.
  const missing = await coordinator('PUT', `/api/v1/patients/${patient.id}/imaging/link`, { dicom_patient_id: 'NO-SUCH-ID' })
  assert.equal(missing.status, 422)
  assert.equal(missing.body.error.field, 'dicom_patient_id')
  assert.equal(missing.body.error.reason, 'imaging_patient_not_in_archive')
  const bad = await coordinator('PUT', `/api/v1/patients/${patient.id}/imaging/link`, { dicom_patient_id: 'A\\B' })
  assert.equal(bad.body.error.reason, 'dicom_patient_id_shape')
  const linked = await coordinator('PUT', `/api/v1/patients/${patient.id}/imaging/link`, { dicom_patient_id: patient.mrn })
  assert.equal(linked.status, 200)
  assert.equal(linked.body.changed, true)
  assert.equal(linked.body.linked_by, 'coordinator.tehran-1')
  const again = await coordinator('PUT', `/api/v1/patients/${patient.id}/imaging/link`, { dicom_patient_id: patient.mrn })
  assert.equal(again.body.changed, false)
})

test('the studies show against the work-up and control imaging items, with the viewer', async () => {
  const surgeon = await signedIn('surgeon.tehran-1')
  const r = await surgeon('GET', `/api/v1/episodes/${episode.id}/imaging`)
  assert.equal(r.status, 200)
  assert.equal(r.body.archive, 'available')
  assert.equal(r.body.link.dicom_patient_id, patient.mrn)
  const byUid = Object.fromEntries(r.body.studies.map((s) => [s.study_uid, s]))
  assert.deepEqual(Object.keys(byUid).sort(), ['1.2.826.0.1.3680043.10.1', '1.2.826.0.1.3680043.10.2', '1.2.826.0.1.3680043.10.3'])
  assert.equal(byUid['1.2.826.0.1.3680043.10.1'].item_id, 'workup-xray')
  assert.deepEqual(byUid['1.2.826.0.1.3680043.10.1'].modalities, ['CR'])
  assert.equal(byUid['1.2.826.0.1.3680043.10.2'].item_id, 'workup-mri')
  assert.equal(byUid['1.2.826.0.1.3680043.10.3'].item_id, 'imaging-3m')
  assert.equal(byUid['1.2.826.0.1.3680043.10.1'].date, days(episode.harvest_date, -26))
  const viewer = byUid['1.2.826.0.1.3680043.10.3'].viewer_url
  assert.ok(viewer.startsWith(orthancUrl + '/app/explorer.html#study?uuid='), viewer)
  // The viewer's link opens the study in Orthanc itself.
  const study = await fetch(`${orthancUrl}/studies/${byUid['1.2.826.0.1.3680043.10.3'].archive_id}`)
  assert.equal((await study.json()).MainDicomTags.StudyInstanceUID, '1.2.826.0.1.3680043.10.3')
})

test('the surgeon grades the baseline X-ray with the archive\'s date and the episode takes its grade', async () => {
  const surgeon = await signedIn('surgeon.tehran-1')
  const path = `/api/v1/episodes/${episode.id}/imaging/grades`
  const notTheirs = await surgeon('POST', path, { study_uid: '1.2.826.0.1.3680043.10.4', kl_grade: 2 })
  assert.equal(notTheirs.status, 422)
  assert.equal(notTheirs.body.error.reason, 'imaging_study_not_of_patient')
  const wrongDate = await surgeon('POST', path, { study_uid: '1.2.826.0.1.3680043.10.1', study_date: '2020-01-01', kl_grade: 2 })
  assert.equal(wrongDate.body.error.reason, 'study_date_not_the_archives')
  const tooFine = await surgeon('POST', path, { study_uid: '1.2.826.0.1.3680043.10.1', joint_space_mm: 3.55 })
  assert.equal(tooFine.body.error.field, 'joint_space_mm')
  const baselineKl = episode.kl_grade === 3 ? 2 : 3
  const graded = await surgeon('POST', path, { study_uid: '1.2.826.0.1.3680043.10.1', kl_grade: baselineKl, tonnis_grade: 2, joint_space_mm: 2.5 })
  assert.equal(graded.status, 200, JSON.stringify(graded.body))
  assert.equal(graded.body.grade.baseline, true)
  assert.equal(graded.body.grade.study_date, days(episode.harvest_date, -26), 'the archive\'s date')
  assert.equal(graded.body.grade.joint_space_mm, 2.5)
  assert.equal(graded.body.episode.kl_grade, baselineKl)
  assert.equal(graded.body.episode.tonnis_grade, 2)
  // The control X-ray is graded too; the episode keeps its baseline.
  const control = await surgeon('POST', path, { study_uid: '1.2.826.0.1.3680043.10.3', kl_grade: 4 })
  assert.equal(control.body.grade.baseline, false)
  assert.equal(control.body.episode.kl_grade, baselineKl)
  const shown = await surgeon('GET', `/api/v1/episodes/${episode.id}/imaging`)
  const baseline = shown.body.studies.find((s) => s.study_uid === '1.2.826.0.1.3680043.10.1')
  assert.equal(baseline.grade.kl_grade, baselineKl)
  assert.equal(baseline.grade.baseline, true)
  assert.equal(shown.body.grades.length, 2)
  // The coordinator links patients but does not read films.
  const coordinator = await signedIn('coordinator.tehran-1')
  assert.equal((await coordinator('POST', path, { study_uid: '1.2.826.0.1.3680043.10.1', kl_grade: 1 })).status, 403)
})

test('another centre sees neither the studies nor the patient\'s archive', async () => {
  const elsewhere = await signedIn('surgeon.mashhad-1')
  assert.equal((await elsewhere('GET', `/api/v1/episodes/${episode.id}/imaging`)).status, 404)
  assert.equal((await elsewhere('GET', `/api/v1/patients/${other.id}/imaging/candidates`)).status, 404)
  assert.equal((await elsewhere('POST', `/api/v1/episodes/${episode.id}/imaging/grades`, { study_uid: '1.2.826.0.1.3680043.10.1', kl_grade: 1 })).status, 404)
})

test('the command line reads the same studies', () => {
  const out = JSON.parse(
    execFileSync(binary, ['imaging', 'show', '--db', join(server.data, 'demo.db'), '--episode', String(episode.id)], {
      encoding: 'utf8',
      env: { ...process.env, REGENPATH_ORTHANC_URL: orthancUrl },
    }),
  )
  assert.equal(out.archive, 'available')
  assert.equal(out.studies.length, 3)
  assert.equal(out.grades.length, 2)
})

test('an archive that never answers, then one that is down: the grades still show and the panel says why', async () => {
  // A listener that takes connections and says nothing: the server's timeout ends the wait.
  const silent = createServer(() => {})
  await new Promise((r) => silent.listen(0, '127.0.0.1', r))
  const silentUrl = `http://127.0.0.1:${silent.address().port}`
  const slow = await startDemo({ prefix: 'rp-imaging-slow-', env: { REGENPATH_ORTHANC_URL: silentUrl } })
  try {
    const { cookie, csrf: csrf_token } = await staffLogin(slow, 'coordinator.tehran-1')
    const first = (await (await fetch(`${slow.url}/api/v1/patients?state=follow_up&limit=1`, { headers: { Cookie: cookie } })).json())[0]
    const record = await (await fetch(`${slow.url}/api/v1/patients/${first.id}`, { headers: { Cookie: cookie } })).json()
    // Staff's choice is kept while the archive cannot confirm it.
    const link = await fetch(`${slow.url}/api/v1/patients/${first.id}/imaging/link`, {
      method: 'PUT',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf_token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ dicom_patient_id: record.mrn }),
    })
    assert.equal(link.status, 200)
    const started = Date.now()
    const r = await fetch(`${slow.url}/api/v1/episodes/${record.episodes[0].id}/imaging`, { headers: { Cookie: cookie } })
    const body = await r.json()
    assert.equal(r.status, 200)
    assert.equal(body.archive, 'unavailable')
    assert.match(body.archive_error, /did not answer/)
    assert.ok(Date.now() - started < 30_000, 'the read ends at the archive timeout')
    // The timeline itself never waits on the archive.
    assert.equal((await fetch(`${slow.url}/api/v1/episodes/${record.episodes[0].id}/timeline`, { headers: { Cookie: cookie } })).status, 200)
  } finally {
    await slow.stop()
    silent.close()
  }
  orthanc.kill('SIGTERM')
  await new Promise((r) => orthanc.once('exit', r))
  const surgeon = await signedIn('surgeon.tehran-1')
  const down = await surgeon('GET', `/api/v1/episodes/${episode.id}/imaging`)
  assert.equal(down.status, 200)
  assert.equal(down.body.archive, 'unavailable')
  assert.deepEqual(down.body.studies, [])
  assert.equal(down.body.grades.length, 2, 'the grades recorded still show')
})
