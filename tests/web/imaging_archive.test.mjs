// The imaging panel against a real Orthanc archive, in the browser. Orthanc binds every
// interface (../shared/DESIGN.md's pitfalls), so this file runs itself again inside a
// private network namespace holding only loopback, with the archive, the server and the
// browser all in it; it is skipped where no namespace can be made or Orthanc is missing.
// A surgeon finds the patient in the archive (by record number and national id: two of the
// archive's patients answer, and nothing is linked until one is chosen), links the one
// that is theirs, sees the studies against the work-up and control imaging items with the
// viewer's links, and grades the work-up X-ray without typing its date: it becomes the
// baseline and the episode takes its grade. In Persian, on a phone, the panel shows no
// Latin letter outside the archive's own words and fits the screen.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, unfold, addDays } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'
import { freePort } from '../demo_server.mjs'

const ORTHANC = process.env.RP_ORTHANC || '/usr/sbin/Orthanc'
const inside = process.env.RP_WEB_IN_NETNS === '1'

if (!inside) {
  // Outside: this file again, in a namespace of its own.
  test('the imaging panel against a real archive (in a private network namespace)', (t) => {
    if (!existsSync(ORTHANC)) return t.skip(`no Orthanc at ${ORTHANC}`)
    if (spawnSync('unshare', ['--net', 'true']).status !== 0) return t.skip('cannot make a private network namespace here (needs root and unshare)')
    // A run of its own, not a child of this one (node:test marks its children and they skip).
    const { NODE_TEST_CONTEXT, ...rest } = process.env
    const inner = { ...rest, RP_WEB_IN_NETNS: '1' }
    const run = spawnSync(
      'unshare',
      ['--net', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh', process.execPath, '--test', '--test-reporter=spec', fileURLToPath(import.meta.url)],
      { env: inner, stdio: 'inherit', timeout: 540_000 },
    )
    assert.equal(run.status, 0, 'the tests inside the namespace pass')
  })
} else {
  const work = mkdtempSync(join(tmpdir(), 'rp-web-orthanc-'))
  let orthanc
  let archiveUrl
  let server
  let patient
  let episode
  const XRAY = '1.2.826.0.1.3680043.8.498.501'
  const MRI = '1.2.826.0.1.3680043.8.498.502'
  const CONTROL = '1.2.826.0.1.3680043.8.498.503'

  // One instance made by Orthanc itself from its tags (Force: the study's own UID).
  async function study({ patientId, name, birth, uid, date, modality, description }) {
    const r = await fetch(`${archiveUrl}/tools/create-dicom`, {
      method: 'POST',
      body: JSON.stringify({
        Force: true,
        Tags: {
          PatientID: patientId,
          PatientName: name,
          PatientBirthDate: birth.replaceAll('-', ''),
          PatientSex: 'F',
          StudyInstanceUID: uid,
          StudyDate: date.replaceAll('-', ''),
          Modality: modality,
          StudyDescription: description,
        },
      }),
    })
    assert.equal(r.status, 200, `Orthanc made the study: ${await r.text()}`)
  }

  before(async () => {
    const port = await freePort()
    archiveUrl = `http://127.0.0.1:${port}`
    const store = join(work, 'orthanc')
    mkdirSync(store)
    const config = join(work, 'orthanc.json')
    writeFileSync(
      config,
      JSON.stringify({ Name: 'rp-web', StorageDirectory: store, IndexDirectory: store, HttpPort: port, DicomServerEnabled: false, RemoteAccessAllowed: false, AuthenticationEnabled: false, Plugins: [] }),
    )
    orthanc = spawn(ORTHANC, [`--logdir=${work}`, config], { stdio: 'ignore' })
    let up = false
    for (let i = 0; i < 150 && !up; i++) {
      up = await fetch(`${archiveUrl}/system`).then((r) => r.ok, () => false)
      if (!up) await new Promise((r) => setTimeout(r, 200))
    }
    assert.ok(up, 'Orthanc started')
    server = await startServer({ env: { REGENPATH_ORTHANC_URL: archiveUrl } })
    const surgeon = await apiSession(server, 'surgeon.tehran-1')
    for (const p of (await surgeon.get('/api/v1/patients?state=follow_up')).json) {
      const record = (await surgeon.get(`/api/v1/patients/${p.id}`)).json
      const e = record.episodes.find((x) => x.state === 'follow_up' && x.harvest_date && x.injection_date)
      if (e && record.national_id) {
        patient = record
        episode = (await surgeon.get(`/api/v1/episodes/${e.id}`)).json
        break
      }
    }
    assert.ok(episode, 'a follow-up episode whose patient has a national id')
    const birth = patient.birth_date
    // The work-up X-ray and MRI before the harvest, the control X-ray at 3 months; and under
    // the patient's national id, someone else of the archive.
    await study({ patientId: patient.mrn, name: 'PATIENT^IMAGING', birth, uid: XRAY, date: addDays(episode.harvest_date, -26), modality: 'CR', description: 'HIP AP' })
    await study({ patientId: patient.mrn, name: 'PATIENT^IMAGING', birth, uid: MRI, date: addDays(episode.harvest_date, -24), modality: 'MR', description: 'HIP MRI' })
    await study({ patientId: patient.mrn, name: 'PATIENT^IMAGING', birth, uid: CONTROL, date: addDays(episode.injection_date, 92), modality: 'DX', description: '' })
    await study({ patientId: patient.national_id, name: 'SOMEONE^ELSE', birth: '1990-01-01', uid: '1.2.826.0.1.3680043.8.498.599', date: addDays(episode.harvest_date, -26), modality: 'CR', description: 'OTHER' })
  })

  after(async () => {
    await server?.stop()
    orthanc?.kill()
    rmSync(work, { recursive: true, force: true })
  })

  test('a surgeon finds and links the patient in the archive, and grades the work-up X-ray', async () => {
    const surgeon = await apiSession(server, 'surgeon.tehran-1')
    const kl = episode.kl_grade === 3 ? 2 : 3
    const b = await launch({ lang: 'en' })
    const { page } = b
    try {
      await loginStaff(page, server, 'surgeon.tehran-1')
      await page.goto(`${server.url}/patients/${patient.id}?episode=${episode.id}`)
      await page.getByTestId('episode-panel').waitFor()
      await unfold(page, 'imaging', 'details')
      const panel = page.getByTestId('imaging')
      await panel.getByTestId('imaging-not-linked').waitFor()
      assert.match(await page.locator('[data-fold=imaging] [data-fold-summary]').textContent(), /Not linked to the archive/)

      // Both ids asked; both of the archive's patients shown, with what tells them apart.
      const find = panel.getByTestId('imaging-find')
      await find.getByTestId('imaging-find-default').click()
      await find.getByTestId('imaging-candidates').waitFor()
      const asked = await find.getByTestId('imaging-asked').textContent()
      assert.ok(asked.includes(patient.mrn) && asked.includes(patient.national_id), asked)
      const mine = find.locator(`li[data-dicom-id="${patient.mrn}"]`)
      assert.equal(await find.locator('li[data-dicom-id]').count(), 2)
      assert.match(await mine.textContent(), /PATIENT IMAGING/)
      assert.match(await mine.textContent(), /Female/)
      assert.equal(await mine.locator('time').getAttribute('datetime'), patient.birth_date)
      assert.match(await mine.textContent(), /Studies3/)
      assert.match(await find.locator(`li[data-dicom-id="${patient.national_id}"]`).textContent(), /SOMEONE ELSE/)
      assert.equal((await surgeon.get(`/api/v1/episodes/${episode.id}/imaging`)).json.link, undefined, 'nothing linked by finding')
      await checkA11y(page, 'imaging candidates')
      await mine.getByTestId('imaging-link').click()

      // Linked: the studies against their items, each with the viewer's link.
      await panel.getByTestId('imaging-studies').waitFor()
      assert.equal(await panel.getByTestId('imaging-linked-id').textContent(), patient.mrn)
      const studies = panel.locator('[data-testid=imaging-studies] li[data-study]')
      assert.deepEqual(await studies.evaluateAll((els) => els.map((e) => [e.dataset.study, e.dataset.item ?? ''])), [
        [XRAY, 'workup-xray'],
        [MRI, 'workup-mri'],
        [CONTROL, 'imaging-3m'],
      ])
      const xray = panel.locator(`[data-testid=imaging-studies] li[data-study="${XRAY}"]`)
      assert.match(await xray.textContent(), /X-ray/)
      assert.match(await xray.textContent(), /HIP AP/)
      assert.doesNotMatch(await xray.getByTestId('imaging-study-item').textContent(), /workup-xray/, 'the item by its title')
      const viewer = xray.getByTestId('imaging-viewer')
      assert.ok((await viewer.getAttribute('href')).startsWith(archiveUrl), await viewer.getAttribute('href'))
      assert.equal(await viewer.getAttribute('target'), '_blank')
      assert.equal(await viewer.getAttribute('rel'), 'noopener')
      assert.equal(await panel.getByTestId('imaging-study-date').count(), 0, 'the archive dates its studies: no date to type')

      // Graded with the archive's date: the baseline, whose grade the episode takes.
      await xray.getByTestId('imaging-grade-open').click()
      const form = xray.getByTestId('imaging-grade-form')
      await form.getByTestId('imaging-kl').fill(String(kl))
      await form.getByTestId('imaging-joint-space').fill('2.5')
      await form.getByTestId('imaging-grade-submit').click()
      await panel.getByTestId('imaging-saved').waitFor()
      await xray.getByTestId('imaging-baseline').waitFor()
      assert.match(await xray.textContent(), new RegExp(`KL ${kl} · 2.5 mm`))
      const row = panel.locator(`[data-testid=imaging-grades] li[data-study="${XRAY}"]`)
      assert.equal(await row.getAttribute('data-baseline'), 'yes')
      assert.equal(await row.locator('time').getAttribute('datetime'), addDays(episode.harvest_date, -26))
      await page.waitForFunction((v) => document.querySelector('[data-testid=details] input[name=kl_grade]')?.value === v, String(kl))
      assert.equal((await surgeon.get(`/api/v1/episodes/${episode.id}`)).json.kl_grade, kl)
      await checkA11y(page, 'imaging studies')
      await shot(page, 'imaging-archive-en')
      b.assertClean()
    } catch (e) {
      await shot(page, 'imaging-archive-failure').catch(() => {})
      throw e
    } finally {
      await b.close()
    }
  })

  test('the archive’s studies in Persian, on a phone', async () => {
    const b = await launch({ lang: 'fa', viewport: { width: 360, height: 740 }, mobile: true })
    const { page } = b
    try {
      await loginStaff(page, server, 'surgeon.tehran-1')
      await page.goto(`${server.url}/patients/${patient.id}?episode=${episode.id}`)
      await page.getByTestId('episode-panel').waitFor()
      await unfold(page, 'imaging')
      const panel = page.getByTestId('imaging')
      await panel.locator('[data-testid=imaging-studies] li[data-study]').first().waitFor()
      await panel.locator('[data-testid=imaging-studies] [data-testid=imaging-grade-open]').first().click()
      await assertPersianOnly(page, 'imaging studies', '[data-fold=imaging]')
      assert.match(await panel.getByTestId('imaging-studies').textContent(), /رادیوگرافی/)
      const overflow = await page.evaluate(() => {
        const width = document.documentElement.clientWidth
        return [...document.querySelectorAll('[data-fold=imaging] *')]
          .filter((el) => el.getBoundingClientRect().width > 1 && (el.getBoundingClientRect().right > width + 1 || el.getBoundingClientRect().left < -1))
          .map((el) => el.tagName + '.' + el.className)
          .concat(document.documentElement.scrollWidth > width ? ['the page'] : [])
      })
      assert.deepEqual(overflow, [], 'the imaging panel fits 360px')
      await checkA11y(page, 'imaging studies fa phone')
      await shot(page, 'imaging-archive-fa-phone')
      b.assertClean()
    } catch (e) {
      await shot(page, 'imaging-archive-fa-failure').catch(() => {})
      throw e
    } finally {
      await b.close()
    }
  })
}
