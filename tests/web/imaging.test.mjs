// The episode's imaging panel, as a surgeon uses it. On a server with no imaging archive
// the panel says so, and it is read apart from the timeline (the timeline shows while the
// panel still waits); a grade recorded on a study UID and a date before the harvest shows
// as the baseline, and the episode's Kellgren–Lawrence grade becomes the study's. In
// Persian the panel shows no Latin letter or digit, and on a phone it fits the screen. With
// an archive configured that does not answer, the panel says why and still lists the grades.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, unfold, addDays, overflowing } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'
import { freePort } from '../demo_server.mjs'

let server
before(async () => {
  server = await startServer()
})
after(async () => {
  await server?.stop()
})

const UID = '1.2.826.0.1.3680043.8.498.10271'

// A follow-up episode of the demo at tehran-1 with its harvest dated, and its patient.
async function followUpEpisode(api, skip = new Set()) {
  const found = (await api.get('/api/v1/patients?state=follow_up')).json
  for (const p of found) {
    const record = (await api.get(`/api/v1/patients/${p.id}`)).json
    const e = record.episodes.find((x) => x.state === 'follow_up' && x.harvest_date && !skip.has(x.id))
    if (e) return { patient: record, episode: (await api.get(`/api/v1/episodes/${e.id}`)).json }
  }
  throw new Error('the demo has no follow-up episode with a harvest date')
}

// The message shown beside a form's control (by its test id), or null.
async function fieldError(form, testid) {
  const shown = form.locator('.field', { has: form.page().getByTestId(testid) }).locator('.error-text')
  return (await shown.count()) ? shown.textContent() : null
}

async function openEpisode(page, srv, patientId, episodeId) {
  await page.goto(`${srv.url}/patients/${patientId}?episode=${episodeId}`)
  await page.getByTestId('episode-panel').waitFor()
}

test('no archive: the panel says so, waits apart from the timeline, and a grade before the harvest becomes the baseline', async () => {
  const surgeon = await apiSession(server, 'surgeon.tehran-1')
  const { patient, episode } = await followUpEpisode(surgeon)
  const before = (await surgeon.get(`/api/v1/episodes/${episode.id}/imaging`)).json
  assert.equal(before.archive, 'not_configured')
  assert.deepEqual(before.grades, [])
  const kl = episode.kl_grade === 2 ? 1 : 2
  const studyDate = addDays(episode.harvest_date, -21)

  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'surgeon.tehran-1')
    // The imaging answer held back: the schedule shows meanwhile, the panel says it is asking.
    let release
    const held = new Promise((r) => (release = r))
    const route = `**/api/v1/episodes/${episode.id}/imaging`
    await page.route(route, async (r) => {
      await held
      await r.continue()
    })
    await openEpisode(page, server, patient.id, episode.id)
    await unfold(page, 'imaging', 'timeline', 'details')
    await page.locator('[data-testid=timeline] tr[data-item]').first().waitFor()
    const panel = page.getByTestId('imaging')
    await panel.getByTestId('imaging-loading').waitFor()
    assert.match(await panel.getByTestId('imaging-loading').textContent(), /Asking the imaging archive/)
    assert.match(await page.locator('[data-fold=imaging] [data-fold-summary]').textContent(), /Asking the imaging archive/)
    release()
    await page.locator('[data-testid=imaging][data-archive=not_configured]').waitFor()
    await page.unroute(route)

    // No archive: said, no step to find the patient in one, grades recorded with the date.
    assert.match(await panel.getByTestId('imaging-not-configured').textContent(), /No imaging archive is configured: grades are recorded with the study’s date/)
    assert.equal(await panel.getByTestId('imaging-find').count(), 0)
    assert.match(await panel.getByTestId('imaging-grades').textContent(), /No grade recorded yet/)
    assert.match(await page.locator('[data-fold=imaging] [data-fold-summary]').textContent(), /No imaging archive · grades: 0/)
    const details = page.getByTestId('details')
    assert.equal(await details.locator('input[name=kl_grade]').inputValue(), episode.kl_grade === null ? '' : String(episode.kl_grade))
    await checkA11y(page, 'imaging panel, no archive')

    // The form checks as the server does: the UID's shape, a date, at least one grade.
    const form = panel.getByTestId('imaging-grade-form')
    await form.getByTestId('imaging-study-uid').fill('1.2.x')
    await form.getByTestId('imaging-grade-submit').click()
    assert.equal(await fieldError(form, 'imaging-study-uid'), 'Digits and single dots, at most 64 characters.')
    assert.equal(await fieldError(form, 'imaging-study-date'), 'Required.')
    assert.equal(await form.getByTestId('imaging-study-uid').getAttribute('aria-invalid'), 'true')
    await form.getByTestId('imaging-study-uid').fill(UID)
    await form.getByTestId('imaging-study-date').fill(studyDate)
    await form.getByTestId('imaging-grade-submit').click()
    assert.match(await form.locator('[role=alert]').first().textContent(), /Give at least one of the grades or the joint-space width/)
    await form.getByTestId('imaging-joint-space').fill('3.25')
    await form.getByTestId('imaging-kl').fill(String(kl))
    await form.getByTestId('imaging-tonnis').fill('1')
    await form.getByTestId('imaging-grade-submit').click()
    assert.equal(await fieldError(form, 'imaging-joint-space'), 'At most one decimal.')
    await form.getByTestId('imaging-joint-space').fill('3.5')
    await form.getByTestId('imaging-grade-submit').click()

    // Recorded: the grade is the baseline (the only graded study before the harvest).
    await panel.getByTestId('imaging-saved').waitFor()
    assert.match(await panel.getByTestId('imaging-saved').textContent(), /baseline study/)
    const row = panel.locator(`[data-testid=imaging-grades] li[data-study="${UID}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-baseline'), 'yes')
    assert.equal(await row.getByTestId('imaging-baseline').textContent(), 'Baseline')
    assert.equal(await row.locator('time').getAttribute('datetime'), studyDate)
    assert.equal(await row.getByTestId('imaging-grade-values').textContent(), `KL ${kl} · Tönnis 1 · 3.5 mm`)
    assert.match(await row.textContent(), /surgeon\.tehran-1/)
    // The form is empty again for the next study.
    assert.equal(await form.getByTestId('imaging-study-uid').inputValue(), '')

    // The episode reads again: its Kellgren–Lawrence grade is the baseline study's.
    await page.waitForFunction((v) => document.querySelector('[data-testid=details] input[name=kl_grade]')?.value === v, String(kl))
    assert.match(await page.locator('[data-fold=details] [data-fold-summary]').textContent(), new RegExp(`Kellgren–Lawrence ${kl}`))
    assert.match(await page.locator('[data-fold=imaging] [data-fold-summary]').textContent(), /grades: 1/)
    const after = (await surgeon.get(`/api/v1/episodes/${episode.id}`)).json
    assert.equal(after.kl_grade, kl)
    assert.equal(after.tonnis_grade, 1)
    const grades = (await surgeon.get(`/api/v1/episodes/${episode.id}/imaging`)).json.grades
    assert.equal(grades.length, 1)
    assert.deepEqual(
      { study_uid: grades[0].study_uid, study_date: grades[0].study_date, kl: grades[0].kl_grade, width: grades[0].joint_space_mm, baseline: grades[0].baseline },
      { study_uid: UID, study_date: studyDate, kl, width: 3.5, baseline: true },
    )

    // A study dated after today is refused beside its date (the server's rule, checked first here).
    const today = (await surgeon.get('/api/v1/worklist')).json.date
    await form.getByTestId('imaging-study-uid').fill(UID + '.2')
    await form.getByTestId('imaging-study-date').fill(addDays(today, 1))
    await form.getByTestId('imaging-kl').fill('3')
    await form.getByTestId('imaging-grade-submit').click()
    assert.equal(await fieldError(form, 'imaging-study-date'), 'Must not be in the future.')
    await checkA11y(page, 'imaging panel with a grade')
    await shot(page, 'imaging-no-archive-en')
    b.assertClean()
  } catch (e) {
    await shot(page, 'imaging-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('the imaging panel in Persian shows no Latin letter, and fits a phone in both languages', async () => {
  const surgeon = await apiSession(server, 'surgeon.tehran-1')
  const { patient, episode } = await followUpEpisode(surgeon)
  // A grade to list (the first test's, or this one's when run alone).
  const listed = (await surgeon.get(`/api/v1/episodes/${episode.id}/imaging`)).json.grades
  if (!listed.length) {
    const r = await surgeon.post(`/api/v1/episodes/${episode.id}/imaging/grades`, { study_uid: UID, study_date: addDays(episode.harvest_date, -21), kl_grade: 2, joint_space_mm: 3.5 })
    assert.equal(r.status, 200, JSON.stringify(r.json))
  }
  for (const lang of ['fa', 'en']) {
    const b = await launch({ lang, viewport: { width: 360, height: 740 }, mobile: true })
    const { page } = b
    try {
      await loginStaff(page, server, 'surgeon.tehran-1')
      await openEpisode(page, server, patient.id, episode.id)
      await unfold(page, 'imaging')
      const panel = page.getByTestId('imaging')
      await page.locator('[data-testid=imaging][data-archive=not_configured]').waitFor()
      await panel.locator('[data-testid=imaging-grades] li[data-baseline=yes]').first().waitFor()
      if (lang === 'fa') {
        await assertPersianOnly(page, 'imaging panel', '[data-fold=imaging]')
        assert.match(await panel.getByTestId('imaging-not-configured').textContent(), /بایگانی تصویربرداری‌ای تنظیم نشده است/)
        const baseline = panel.locator('[data-testid=imaging-grades] li[data-baseline=yes]').first()
        assert.equal(await baseline.getByTestId('imaging-baseline').textContent(), 'پایه')
        assert.match(await baseline.locator('time').textContent(), /[۰-۹]{4}/) // a Jalali date in Persian digits
        assert.equal(await page.locator('html').getAttribute('dir'), 'rtl')
        // A refusal in Persian too: the form's own check.
        await panel.getByTestId('imaging-grade-submit').click()
        await assertPersianOnly(page, 'imaging form refused', '[data-fold=imaging]')
        assert.equal(await fieldError(panel.getByTestId('imaging-grade-form'), 'imaging-study-uid'), 'شناسهٔ یکتای مطالعه الزامی است.')
      }
      assert.deepEqual(await overflowing(page, '[data-fold=imaging]'), [], `the imaging panel fits 360px (${lang})`)
      await checkA11y(page, `imaging panel on a phone (${lang})`)
      await shot(page, `imaging-phone-${lang}`)
      b.assertClean()
    } catch (e) {
      await shot(page, `imaging-phone-${lang}-failure`).catch(() => {})
      throw e
    } finally {
      await b.close()
    }
  }
})

test('an archive that does not answer: the panel says why, and the grades recorded still show', async () => {
  const silent = await startServer({ env: { REGENPATH_ORTHANC_URL: `http://127.0.0.1:${await freePort()}` } })
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    const surgeon = await apiSession(silent, 'surgeon.tehran-1')
    const coordinator = await apiSession(silent, 'coordinator.tehran-1')
    const { patient, episode } = await followUpEpisode(surgeon)
    await loginStaff(page, silent, 'surgeon.tehran-1')
    await openEpisode(page, silent, patient.id, episode.id)
    await unfold(page, 'imaging')
    const panel = page.getByTestId('imaging')

    // Not linked yet: the step to find the patient in the archive, which does not answer.
    await panel.getByTestId('imaging-not-linked').waitFor()
    const find = panel.getByTestId('imaging-find')
    await find.getByTestId('imaging-find-default').click()
    await find.getByTestId('imaging-find-unavailable').waitFor()
    assert.match(await find.getByTestId('imaging-find-unavailable').textContent(), /The imaging archive did not answer: .+\. Grades recorded are shown/)
    // Asked by the record number and the national id; nothing offered to link.
    const asked = await find.getByTestId('imaging-asked').textContent()
    assert.ok(asked.includes(patient.mrn), asked)
    assert.equal(await find.getByTestId('imaging-link').count(), 0)
    // Another id typed is asked for as typed.
    await find.getByTestId('imaging-other-id').fill('H-0042')
    await find.getByTestId('imaging-look-up').click()
    await find.locator('[data-testid=imaging-asked]', { hasText: 'H-0042' }).waitFor()

    // Linked (staff chose the id; the archive could not confirm it) and a grade recorded by date.
    const linked = await coordinator.put(`/api/v1/patients/${patient.id}/imaging/link`, { dicom_patient_id: 'H-0042' })
    assert.equal(linked.status, 200, JSON.stringify(linked.json))
    const recorded = await surgeon.post(`/api/v1/episodes/${episode.id}/imaging/grades`, { study_uid: UID, study_date: addDays(episode.harvest_date, -10), tonnis_grade: 2 })
    assert.equal(recorded.status, 200, JSON.stringify(recorded.json))
    await page.reload()
    await page.getByTestId('episode-panel').waitFor()
    await unfold(page, 'imaging')
    await page.locator('[data-testid=imaging][data-archive=unavailable]').waitFor()
    assert.match(await panel.getByTestId('imaging-unavailable').textContent(), /The imaging archive did not answer: .+\. Grades recorded are shown; studies will appear when it answers\./)
    assert.equal(await panel.getByTestId('imaging-linked-id').textContent(), 'H-0042')
    assert.equal(await panel.getByTestId('imaging-studies').count(), 0)
    const row = panel.locator(`[data-testid=imaging-grades] li[data-study="${UID}"]`)
    assert.equal(await row.getByTestId('imaging-grade-values').textContent(), 'Tönnis 2')
    // No study can be listed: the surgeon's form asks for the UID and the date.
    await panel.getByTestId('imaging-study-date').waitFor()
    // Asking again asks the archive again.
    await panel.getByTestId('imaging-retry').click()
    await page.locator('[data-testid=imaging][data-archive=unavailable]:not([aria-busy])').waitFor()
    await checkA11y(page, 'imaging panel, archive silent')
    await shot(page, 'imaging-archive-silent-en')
    b.assertClean()
  } catch (e) {
    await shot(page, 'imaging-silent-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
    await silent.stop()
  }
})
