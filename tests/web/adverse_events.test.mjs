// Adverse events as clinicians assess them: a coordinator records a serious-sounding event
// without a grade, the outcome report says the serious-event claim cannot be measured
// until it is graded, a surgeon grades it (in Persian) and the claim and the serious
// count move; red flags a patient raised are triaged from the worklist, one as an adverse
// event and one dismissed with a reason, and the patient page shows both decisions.
// Every patient here is made by the test through the API.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, injectedPatient, patientSession, unfold } from './support.mjs'

let server
before(async () => {
  server = await startServer()
})
after(async () => {
  await server?.stop()
})

const SERIOUS_CLAIM = 'serious-side-effects-under-1'

async function signOut(page) {
  await page.locator('header button.link-button').click()
  await page.waitForURL(/\/login/)
}

async function setLang(page, lang) {
  await page.getByTestId('lang').selectOption(lang)
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}

// The tehran-1 scope of the outcome report as the surgeon's page shows it.
async function outcomesScope(page) {
  await page.goto(server.url + '/outcomes')
  await page.getByTestId('serious-line').waitFor()
  assert.equal(await page.getByTestId('scope').inputValue(), 'tehran-1')
  const claim = page.locator(`[data-testid=claim-row][data-claim="${SERIOUS_CLAIM}"]`)
  return {
    verdict: await claim.getAttribute('data-verdict'),
    verdictText: (await claim.getByTestId('claim-verdict').textContent()).trim(),
    why: await claim.getByTestId('claim-why').textContent(),
    serious: Number(await page.getByTestId('serious-line').getAttribute('data-events')),
    withSerious: Number(await page.getByTestId('serious-line').getAttribute('data-k')),
    notAssessed: (await page.getByTestId('ae-not-assessed').count()) ? Number(await page.getByTestId('ae-not-assessed').getAttribute('data-n')) : 0,
  }
}

test('a surgeon grades an ungraded serious-sounding event; the claim and the serious count follow', async () => {
  const made = await injectedPatient(server, { mrn: 'AE-5101', mobile: '09125550301' })
  const { surgeon } = made
  const reportScope = async () => (await surgeon.get('/api/v1/reports/outcomes')).json.scopes.find((s) => s.centre === 'tehran-1')
  // Red flags the demo left waiting at the centre would hold the claim back too: they are
  // triaged first, so that only this test's event can.
  for (const f of (await surgeon.get('/api/v1/worklist')).json.red_flags) {
    const r = await surgeon.post(`/api/v1/red-flags/${f.red_flag.id}/triage`, { decision: 'not_adverse_event', reason: 'Reviewed by phone: settled' })
    assert.equal(r.status, 200, JSON.stringify(r.json))
  }
  const before = await reportScope()
  assert.equal(before.adverse_events.not_assessed, 0)
  assert.equal(before.adverse_events.untriaged_red_flags, 0)
  assert.notEqual(before.claims.find((c) => c.id === SERIOUS_CLAIM).verdict, 'not_measurable')
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    // --- coordinator: severity "serious" as the patient put it, no grade
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(`${server.url}/patients/${made.patientId}?episode=${made.episodeId}`)
    await unfold(page)
    const form = page.getByTestId('event-form')
    await form.waitFor()
    const categories = await form.locator('select[name=category] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean))
    assert.deepEqual(categories, [
      'injection_site_pain', 'swelling', 'effusion', 'flare', 'harvest_site_pain', 'bleeding_haematoma',
      'infection', 'allergic_reaction', 'fever', 'vasovagal', 'other',
    ])
    const grades = await form.locator('select[name=ctcae_grade] option').allTextContents()
    assert.deepEqual(grades.slice(1).map((g) => g.trim()), ['Grade 1: mild', 'Grade 2: moderate', 'Grade 3: severe', 'Grade 4: life-threatening', 'Grade 5: death'])
    assert.equal(await form.locator('input[name=serious_reasons]').count(), 6)
    await form.locator('select[name=category]').selectOption('infection')
    await form.locator('select[name=severity]').selectOption('serious')
    await form.locator('textarea[name=description]').fill('Redness and warmth at the injection site')
    await form.getByTestId('event-submit').click()
    const row = page.locator('[data-testid=event-row][data-kind=adverse_event]').first()
    await row.getByTestId('not-graded').waitFor()
    assert.equal((await row.getByTestId('not-graded').textContent()).trim(), 'Not graded yet')
    assert.equal(await row.getByTestId('grade-open').count(), 0, 'a coordinator does not grade')
    const [event] = (await surgeon.get(`/api/v1/episodes/${made.episodeId}/adverse-events`)).json
    assert.equal(event.severity, 'serious')
    assert.equal(event.assessed, false)
    assert.equal(event.serious, false, 'the patient’s word does not make it serious')
    await checkA11y(page, 'adverse events recorded en')
    await signOut(page)

    // --- the surgeon's outcome page: the serious-event claim waits for the grading
    await loginStaff(page, server, 'surgeon.tehran-1')
    const waiting = await outcomesScope(page)
    assert.equal(waiting.verdict, 'not_measurable')
    assert.equal(waiting.verdictText, 'Not measurable yet')
    assert.match(waiting.why, /grade the events/)
    assert.equal(waiting.notAssessed, before.adverse_events.not_assessed + 1)
    assert.equal(waiting.serious, before.adverse_events.serious_events)
    await checkA11y(page, 'outcomes waiting for grading')

    // --- the grading form in English: grade 5 must mean death
    await page.goto(`${server.url}/patients/${made.patientId}?episode=${made.episodeId}`)
    await unfold(page)
    const gradeRow = page.locator(`[data-testid=event-row][data-event="${event.id}"]`)
    await gradeRow.getByTestId('grade-open').click()
    let grading = page.getByTestId('grade-form')
    assert.equal(await gradeRow.getByTestId('grade-open').getAttribute('aria-expanded'), 'true')
    await grading.locator('select[name=ctcae_grade]').selectOption('5')
    await grading.locator('select[name=outcome]').selectOption('resolved')
    await grading.locator('textarea[name=reason]').fill('Reviewed')
    await grading.getByTestId('grade-submit').click()
    assert.match(await grading.locator('.field', { has: page.locator('select[name=outcome]') }).textContent(), /the outcome is death/)
    await checkA11y(page, 'grading form en')
    await shot(page, 'adverse-event-grade-en')
    await grading.getByRole('button', { name: 'Cancel' }).click()

    // --- in Persian: the reason is required; grade 3, hospitalisation
    await setLang(page, 'fa')
    await gradeRow.getByTestId('grade-open').click()
    grading = page.getByTestId('grade-form')
    assert.match(await grading.textContent(), /درجهٔ CTCAE/)
    assert.match(await grading.textContent(), /معیارهای جدی بودن/)
    assert.equal((await grading.locator('select[name=ctcae_grade] option[value="3"]').textContent()).trim(), 'درجهٔ ۳: شدید')
    await grading.locator('select[name=ctcae_grade]').selectOption('3')
    await grading.getByLabel('بستری شدن یا طولانی شدن بستری').check()
    await grading.locator('select[name=relatedness]').selectOption('injection')
    await grading.locator('select[name=outcome]').selectOption('resolved')
    await grading.getByTestId('grade-submit').click()
    assert.match(await grading.locator('.field', { has: page.locator('textarea[name=reason]') }).textContent(), /دلیل این تغییر را بنویسید/)
    await grading.locator('textarea[name=reason]').fill('بستری دو روزه برای آنتی‌بیوتیک وریدی')
    await checkA11y(page, 'grading form fa')
    await shot(page, 'adverse-event-grade-fa')
    await grading.getByTestId('grade-submit').click()
    await page.getByTestId('events-saved').waitFor()
    assert.match(await page.getByTestId('events-saved').textContent(), /درجه‌بندی ذخیره شد/)
    const assessed = gradeRow.getByTestId('event-assessment')
    await page.waitForFunction((id) => document.querySelector(`[data-event="${id}"] [data-testid=event-assessment]`)?.dataset.assessed === 'true', event.id)
    assert.equal((await assessed.getByTestId('event-grade').textContent()).trim(), 'درجهٔ ۳ (شدید)')
    assert.match(await assessed.getByTestId('event-serious').textContent(), /جدی: بستری شدن/)
    assert.match(await assessed.textContent(), /surgeon\.tehran-1/)
    assert.equal(await gradeRow.getByTestId('not-graded').count(), 0)
    await checkA11y(page, 'patient graded fa')
    const graded = (await surgeon.get(`/api/v1/episodes/${made.episodeId}/adverse-events`)).json.find((e) => e.id === event.id)
    assert.equal(graded.ctcae_grade, 3)
    assert.deepEqual(graded.serious_reasons, ['hospitalisation'])
    assert.equal(graded.serious, true)
    assert.equal(graded.relatedness, 'injection')
    assert.equal(graded.outcome, 'resolved')
    assert.equal(graded.assessed_by, 'surgeon.tehran-1')
    await setLang(page, 'en')

    // --- the outcome page again: the claim is judged, one more serious event and joint
    const after = await outcomesScope(page)
    assert.notEqual(after.verdict, 'not_measurable')
    assert.equal(after.verdict, (await reportScope()).claims.find((c) => c.id === SERIOUS_CLAIM).verdict)
    assert.equal(after.serious, before.adverse_events.serious_events + 1)
    assert.equal(after.withSerious, before.adverse_events.patients_with_serious + 1)
    assert.equal(await page.getByTestId('ae-not-assessed').count(), 0)
    assert.match(await page.getByTestId('ae-by-category').textContent(), /Infection/)
    b.assertClean()
  } catch (e) {
    await shot(page, 'adverse-event-grade-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('red flags from the portal are triaged on the worklist: one an adverse event, one not', async () => {
  const made = await injectedPatient(server, { mrn: 'AE-5102', mobile: '09125550302' })
  const { coordinator } = made
  const portal = await patientSession(server, made.patientId, made.mobile)
  const report = async (body) => {
    const r = await portal.post(`/api/v1/me/episodes/${made.episodeId}/red-flags`, body)
    assert.equal(r.status, 201, JSON.stringify(r.json))
    return r.json
  }
  const pain = await report({ category: 'unusual_pain', severity: 'moderate', description: 'Sharp pain in the groin at night' })
  const redness = await report({ category: 'redness', severity: 'mild', description: 'Small red patch near the plaster' })

  const b = await launch({ lang: 'en' })
  const { page } = b
  const flag = (id) => page.locator(`[data-testid=red-flag][data-flag="${id}"]`)
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/worklist')
    await flag(pain.id).waitFor()
    assert.equal(await flag(pain.id).getAttribute('data-status'), 'open')
    assert.equal(await flag(redness.id).getAttribute('data-status'), 'open')

    // acknowledged: still listed, below the open ones, with who acknowledged it
    await flag(pain.id).getByTestId('ack-open').click()
    await flag(pain.id).locator('input[data-action=asked_to_come_in]').check()
    await flag(pain.id).getByTestId('ack-submit').click()
    await page.locator(`[data-testid=red-flag][data-flag="${pain.id}"][data-status=acknowledged]`).waitFor()
    assert.match(await flag(pain.id).getByTestId('acknowledged-by').textContent(), /Acknowledged by coordinator\.tehran-1.*Asked them to come in/)
    assert.equal(await page.locator(`[data-group=acknowledged] [data-flag="${pain.id}"]`).count(), 1)
    assert.equal(await page.locator(`[data-group=open] [data-flag="${redness.id}"]`).count(), 1)
    assert.match(await page.locator('#red-flags-acknowledged').textContent(), /Acknowledged, awaiting triage/)

    // triaged as an adverse event: the category is required, the severity the patient gave is the default
    await flag(pain.id).getByTestId('triage-open').click()
    let form = flag(pain.id).getByTestId('triage-form')
    await form.locator('input[data-decision=adverse_event]').check()
    assert.equal(await form.locator('select[name=severity]').inputValue(), 'moderate')
    await form.getByTestId('triage-submit').click()
    assert.match(await form.locator('.field', { has: page.locator('select[name=category]') }).textContent(), /Required/)
    await form.locator('select[name=category]').selectOption('injection_site_pain')
    await form.locator('select[name=ctcae_grade]').selectOption('2')
    await form.locator('select[name=relatedness]').selectOption('injection')
    await checkA11y(page, 'worklist triage form en')
    await shot(page, 'worklist-triage-en')
    await form.getByTestId('triage-submit').click()
    await page.getByTestId('triage-done').waitFor()
    await page.waitForFunction((id) => !document.querySelector(`[data-testid=red-flag][data-flag="${id}"]`), pain.id)

    // dismissed: the reason is required
    await flag(redness.id).getByTestId('triage-open').click()
    form = flag(redness.id).getByTestId('triage-form')
    await form.locator('input[data-decision=not_adverse_event]').check()
    assert.equal(await form.locator('select[name=category]').count(), 0)
    await form.getByTestId('triage-submit').click()
    assert.match(await form.locator('.field', { has: page.locator('textarea[name=reason]') }).textContent(), /Say why it is not an adverse event/)
    await form.locator('textarea[name=reason]').fill('Plaster irritation, gone after changing the dressing')
    await form.getByTestId('triage-submit').click()
    await page.waitForFunction((id) => !document.querySelector(`[data-testid=red-flag][data-flag="${id}"]`), redness.id)
    await checkA11y(page, 'worklist after triage')

    // the server's record of both decisions
    const events = (await coordinator.get(`/api/v1/episodes/${made.episodeId}/adverse-events`)).json
    const painFlag = events.find((e) => e.id === pain.id)
    const rednessFlag = events.find((e) => e.id === redness.id)
    const recorded = events.find((e) => e.red_flag_id === pain.id)
    assert.equal(painFlag.triage, 'adverse_event')
    assert.ok(recorded, 'an adverse event linked to the flag')
    assert.equal(recorded.kind, 'adverse_event')
    assert.equal(recorded.category, 'injection_site_pain')
    assert.equal(recorded.severity, 'moderate')
    assert.equal(recorded.ctcae_grade, 2)
    assert.equal(recorded.relatedness, 'injection')
    assert.equal(rednessFlag.triage, 'not_adverse_event')
    assert.equal(rednessFlag.triage_reason, 'Plaster irritation, gone after changing the dressing')
    const worklist = (await coordinator.get('/api/v1/worklist')).json
    assert.ok(!worklist.red_flags.some((f) => [pain.id, redness.id].includes(f.red_flag.id)), 'both left the worklist')

    // the patient page says what was decided
    await page.goto(`${server.url}/patients/${made.patientId}?episode=${made.episodeId}`)
    await unfold(page)
    const table = page.getByTestId('adverse-events')
    await table.locator(`[data-event="${recorded.id}"]`).waitFor()
    assert.match(await table.locator(`[data-event="${recorded.id}"] [data-testid=from-flag]`).textContent(), new RegExp(`Triaged from red flag ${pain.id}`))
    assert.equal(await table.locator(`[data-event="${pain.id}"] [data-testid=flag-triage]`).getAttribute('data-triage'), 'adverse_event')
    const dismissed = table.locator(`[data-event="${redness.id}"] [data-testid=flag-triage]`)
    assert.match(await dismissed.textContent(), /Triaged: not an adverse event/)
    assert.match(await dismissed.textContent(), /Plaster irritation/)
    assert.equal(await table.getByTestId('triage-open').count(), 0, 'nothing left to triage')
    await checkA11y(page, 'patient events after triage en')

    // a third flag triaged from the patient page itself, on a phone-sized screen
    const fever = await report({ category: 'fever', severity: 'severe', description: '38.5 since the morning' })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await unfold(page)
    const feverRow = table.locator(`[data-event="${fever.id}"]`)
    await feverRow.getByTestId('flag-triage').waitFor()
    assert.match(await feverRow.getByTestId('flag-triage').textContent(), /Not triaged yet/)
    await feverRow.getByTestId('triage-open').click()
    form = table.getByTestId('triage-form')
    await form.locator('input[data-decision=adverse_event]').check()
    assert.equal(await form.locator('select[name=category]').inputValue(), 'fever', 'the same word is offered')
    assert.equal(await form.locator('select[name=severity]').inputValue(), 'severe')
    await checkA11y(page, 'patient triage form phone')
    await shot(page, 'patient-triage-phone')
    await form.getByTestId('triage-submit').click()
    await page.waitForFunction((id) => document.querySelector(`[data-event="${id}"] [data-testid=flag-triage]`)?.dataset.triage === 'adverse_event', fever.id)
    const fromFever = (await coordinator.get(`/api/v1/episodes/${made.episodeId}/adverse-events`)).json.find((e) => e.red_flag_id === fever.id)
    assert.equal(fromFever?.category, 'fever')
    b.assertClean()
  } catch (e) {
    await shot(page, 'triage-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})
