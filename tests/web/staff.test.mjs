// The clinic staff screens, clicked through as the roles do it: a coordinator registers a
// patient and opens an episode, a surgeon screens and plans it and records the harvest,
// the lab releases the product, the surgeon records the injection and enters a
// questionnaire; the worklist shows an overdue item and a patient's red flag within
// seconds; Persian is right-to-left with Jalali dates in Persian digits; another centre
// cannot open the patient. Every step is checked against the server's own state.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, patientSession, injectedPatient, unfold, nationalIdFor } from './support.mjs'

let server
before(async () => {
  server = await startServer()
})
after(async () => {
  await server?.stop()
})

const MRN = 'WEB-7301'
const NAME_FA = 'نرگس مرادی'
const NAME_LATIN = 'Narges Moradi'
const MOBILE = '0912 555 0101'
const NATIONAL_ID = '0012345679' // check digit valid

const PERSIAN_DIGIT = /[\u06F0-\u06F9]/
const JALALI_MONTHS = /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/

function addDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z')
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

async function fillPatient(form, mrn) {
  await form.locator('input[name=mrn]').fill(mrn)
  await form.locator('input[name=name_fa]').fill(NAME_FA)
  await form.locator('input[name=name_latin]').fill(NAME_LATIN)
  await form.locator('select[name=sex]').selectOption('female')
  await form.locator('input[name=birth_date]').fill('1968-04-12')
  await form.locator('input[name=mobile]').fill(MOBILE)
  await form.locator('input[name=national_id]').fill(NATIONAL_ID)
  await form.locator('input[name=consent_treatment]').check()
  await form.locator('input[name=consent_registry]').check()
}

async function signOut(page) {
  await page.locator('header button.link-button').click()
  await page.waitForURL(/\/login/)
}

async function openPatient(page, id) {
  await page.goto(`${server.url}/patients/${id}`)
  await page.getByTestId('episode-panel').waitFor()
  await unfold(page)
}

// Moves the selected episode one step through the transition form and waits for the state.
async function step(page, to, extra = async () => {}) {
  await unfold(page, 'transition')
  const panel = page.getByTestId('transition-panel')
  await panel.getByTestId('transition-to').selectOption(to)
  await extra(panel)
  await panel.getByTestId('transition-submit').click()
  await page.waitForFunction((s) => document.querySelector('[data-testid=episode-state]')?.getAttribute('data-value') === s, to)
}

// The schedule rows' ISO dates, by item id, as the page shows them.
async function scheduleStarts(page) {
  return page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('[data-testid=timeline] tr[data-item]')].map((r) => [r.dataset.item, r.dataset.start])),
  )
}

test('staff click through the pathway in English and Persian', async () => {
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    const coordinatorApi = await apiSession(server, 'coordinator.tehran-1')
    const today = (await coordinatorApi.get('/api/v1/worklist')).json.date
    assert.match(today, /^\d{4}-\d{2}-\d{2}$/)

    // --- coordinator: register a patient, validated as typed, the server's message beside its field
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/patients')
    await page.getByTestId('patient-results').waitFor()
    await checkA11y(page, 'patients en')
    await shot(page, 'staff-patients-en')
    await page.getByTestId('register-open').click()
    let form = page.getByTestId('register-form')
    await form.locator('input[name=national_id]').fill('12345')
    assert.match(await form.locator('.field', { has: page.locator('input[name=national_id]') }).textContent(), /exactly 10 digits/)
    await form.locator('input[name=mobile]').fill('0812')
    assert.match(await form.locator('.field', { has: page.locator('input[name=mobile]') }).textContent(), /Iranian mobile number/)
    await fillPatient(form, MRN)
    await checkA11y(page, 'register form en')
    await form.getByTestId('register-submit').click()
    await page.getByTestId('registered').waitFor()
    const found = (await coordinatorApi.get('/api/v1/patients?q=' + MRN)).json
    assert.equal(found.length, 1)
    const patientId = found[0].id
    assert.equal(found[0].mobile, '+989125550101')
    assert.deepEqual(found[0].consent, { treatment: true, registry: true, contact: false })
    assert.equal(found[0].language, 'fa') // Persian unless the form says otherwise

    // found by record number and by the Persian name
    await page.locator(`tr[data-mrn="${MRN}"]`).waitFor()
    await page.getByTestId('patient-search').fill('نرگس')
    await page.getByTestId('patient-search').press('Enter')
    await page.waitForFunction(() => /نرگس/.test(document.querySelector('[data-testid=patient-results]')?.textContent ?? ''))
    assert.equal(await page.locator(`tr[data-mrn="${MRN}"]`).count(), 1)
    await page.getByTestId('patient-search').fill(MRN)
    await page.getByTestId('patient-search').press('Enter')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=patient-results] tbody tr').length === 1)
    assert.match(await page.getByTestId('patient-results').textContent(), new RegExp(NAME_LATIN))
    // the mobile number typed the way people say it finds the patient too
    await page.getByTestId('patient-search').fill('۰۹۱۲۵۵۵۰۱۰۱')
    await page.getByTestId('patient-search').press('Enter')
    await page.waitForFunction((m) => !!document.querySelector(`tr[data-mrn="${m}"]`) && document.querySelectorAll('[data-testid=patient-results] tbody tr').length === 1, MRN)

    // the same person registered again: the server's message beside the national id, naming
    // the record the person already has
    await page.getByTestId('register-open').click()
    form = page.getByTestId('register-form')
    await fillPatient(form, MRN)
    await form.getByTestId('register-submit').click()
    const idError = form.locator('.field', { has: page.locator('input[name=national_id]') }).locator('.error-text')
    await idError.waitFor()
    assert.match(await idError.textContent(), new RegExp(`already registered here \\(record ${MRN}\\)`))
    assert.equal((await coordinatorApi.get('/api/v1/patients?q=' + MRN)).json.length, 1)
    await form.getByRole('button', { name: 'Cancel' }).click()

    // --- open an episode for the right hip
    await page.locator(`tr[data-mrn="${MRN}"] a`).first().click()
    await page.getByTestId('patient-page').waitFor()
    await page.getByTestId('new-episode-open').click()
    const ep = page.getByTestId('new-episode-form')
    await ep.locator('select[name=side]').selectOption('right')
    assert.equal(await ep.locator('select[name=diagnosis_code]').inputValue(), 'M16.11')
    await ep.locator('input[name=kl_grade]').fill('7')
    assert.match(await ep.textContent(), /Out of range/)
    await ep.locator('input[name=kl_grade]').fill('3')
    await ep.getByTestId('new-episode-submit').click()
    await page.getByTestId('episode-panel').waitFor()
    const record = (await coordinatorApi.get(`/api/v1/patients/${patientId}`)).json
    assert.equal(record.episodes.length, 1)
    const episodeId = record.episodes[0].id
    assert.equal(record.episodes[0].state, 'referred')
    assert.equal(record.episodes[0].diagnosis.code, 'M16.11')
    await step(page, 'screening')

    // a mistyped mobile number corrected: the reason is asked for, the record reads back
    // corrected, the other details stay as they were
    await page.getByTestId('correct-open').click()
    const fix = page.getByTestId('correct-form')
    assert.equal(await fix.locator('input[name=mrn]').inputValue(), MRN)
    await fix.locator('input[name=mobile]').fill('۰۹۱۲ ۵۵۵ ۰۲۰۲')
    // she reads English: her reminders will be written in it
    await fix.locator('select[name=language]').selectOption('en')
    // and would rather have them by e-mail: chosen with no address, the form says what is missing
    await fix.locator('select[name=preferred_channel]').selectOption('email')
    await fix.getByTestId('correct-submit').click()
    assert.match(await fix.locator('.field', { has: page.locator('select[name=preferred_channel]') }).textContent(), /Record the e-mail address/)
    await fix.locator('input[name=email]').fill('maryam at example')
    await fix.getByTestId('correct-submit').click()
    assert.match(await fix.locator('.field', { has: page.locator('input[name=email]') }).textContent(), /Not an e-mail address/)
    await fix.locator('input[name=email]').fill(' Maryam.Rezaei@Example.IR ')
    await fix.getByTestId('correct-submit').click()
    assert.match(await fix.locator('.field', { has: page.locator('textarea[name=reason]') }).textContent(), /Required/)
    await fix.locator('textarea[name=reason]').fill('The patient gave a new number')
    await checkA11y(page, 'correct details en')
    await shot(page, 'staff-correct-details-en')
    await fix.getByTestId('correct-submit').click()
    await page.getByTestId('corrected').waitFor()
    const fixed = (await coordinatorApi.get(`/api/v1/patients/${patientId}`)).json
    assert.equal(fixed.mobile, '+989125550202')
    assert.equal(fixed.language, 'en')
    assert.equal(fixed.email, 'Maryam.Rezaei@example.ir')
    assert.equal(fixed.preferred_channel, 'email')
    assert.equal(fixed.name_latin, NAME_LATIN)
    assert.deepEqual(fixed.consent, { treatment: true, registry: true, contact: false })
    await page.waitForFunction(() => /555 ?0202|5550202|۵۵۵۰۲۰۲/.test(document.querySelector('[data-testid=demographics]')?.textContent ?? ''))
    assert.equal((await page.getByTestId('language').textContent()).trim(), 'English')
    assert.equal((await page.getByTestId('email').textContent()).trim(), 'Maryam.Rezaei@example.ir')
    assert.equal((await page.getByTestId('preferred-channel').textContent()).trim(), 'E-mail')
    await signOut(page)

    // --- surgeon: screen eligible with the reasons shown, plan, schedule, record the harvest
    await loginStaff(page, server, 'surgeon.tehran-1')
    await openPatient(page, patientId)
    const elig = page.getByTestId('eligibility-form')
    await elig.locator('[data-finding=kl_grade]').fill('3')
    await elig.locator('[data-finding=bmi]').fill('26.5')
    await elig.locator('[data-finding=weeks_since_intra_articular_steroid]').fill('30')
    for (const f of ['active_infection', 'malignancy', 'bleeding_disorder', 'pregnancy', 'inflammatory_arthritis', 'anticoagulant_use', 'diabetes'])
      await elig.locator(`[data-finding=${f}]`).selectOption('false')
    await elig.getByTestId('eligibility-submit').click()
    await page.locator('[data-testid=eligibility-decision][data-decision=eligible]').waitFor()
    assert.match(await page.getByTestId('eligibility-reasons').textContent(), /Mild to moderate hip osteoarthritis/)
    await step(page, 'eligible')
    await step(page, 'workup')

    // planned: harvest today, injection in a week; the follow-up visits fall 2, 6 and 12 weeks after it
    const plannedInjection = addDays(today, 7)
    await page.getByTestId('plan-harvest').fill(today)
    await page.getByTestId('plan-injection').fill(plannedInjection)
    await page.getByTestId('plan-submit').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=timeline] tr[data-item]').length > 10)
    let starts = await scheduleStarts(page)
    assert.equal(starts['visit-2w'], addDays(plannedInjection, 14))
    assert.equal(starts['visit-6w'], addDays(plannedInjection, 42))
    assert.equal(starts['visit-12w'], addDays(plannedInjection, 84))
    assert.equal(starts['hold-blood-thinner'], addDays(today, -14))
    const visitRow = page.locator('[data-testid=timeline] tr[data-item=visit-2w]')
    const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
      new Date(addDays(plannedInjection, 14) + 'T00:00:00Z'),
    )
    assert.match(await visitRow.textContent(), new RegExp(shown))
    assert.match(await page.locator('[data-testid=timeline] tr[data-item=hold-blood-thinner]').textContent(), /prescribing doctor must approve/)
    assert.equal(await page.locator('[data-testid=timeline] table[data-phase]').count(), 4)
    await step(page, 'scheduled')
    // --- theatre: the harvest is the product's, recorded with the wristband scanned (never a plain step)
    await unfold(page, 'transition')
    const panel = page.getByTestId('transition-panel')
    assert.ok(!(await panel.locator('[data-testid=transition-to] option').evaluateAll((os) => os.map((o) => o.value))).includes('harvested'))
    const harvestForm = panel.getByTestId('harvest-form')
    await harvestForm.locator('input[name=mrn]').fill('MRN-1000') // another patient's wristband: nothing harvested
    await harvestForm.getByTestId('harvest-submit').click()
    await harvestForm.getByTestId('harvest-wristband-error').waitFor()
    assert.match(await harvestForm.getByTestId('harvest-wristband-error').textContent(), /wristband/)
    const surgeonApi = await apiSession(server, 'surgeon.tehran-1')
    let episode = (await surgeonApi.get(`/api/v1/episodes/${episodeId}`)).json
    assert.equal(episode.state, 'scheduled')
    await harvestForm.locator('input[name=mrn]').fill(MRN)
    await harvestForm.locator('input[name=volume_ml]').fill('60')
    await harvestForm.getByTestId('harvest-anaesthesia').selectOption('sedation')
    // began and ended as the theatre's clock said, today in Tehran (unless that was yesterday)
    const theatre = (minutesAgo) => {
      const at = new Date(Date.now() - minutesAgo * 60000)
      const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).split(':')
      const day = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(d)
      const tehranToday = day(new Date())
      return day(at) === tehranToday ? { hhmm: `${h}:${m}`, iso: new Date(`${tehranToday}T${h}:${m}:00+03:30`).toISOString() } : null
    }
    const began = theatre(90), ended = theatre(45)
    if (began && ended) {
      await harvestForm.locator('input[name=started_at]').fill('7:61') // not a time: named, nothing sent
      await harvestForm.getByTestId('harvest-submit').click()
      await harvestForm.locator('input[name=started_at][aria-invalid=true]').waitFor()
      await harvestForm.locator('input[name=started_at]').fill(began.hhmm)
      await harvestForm.locator('input[name=ended_at]').fill(ended.hhmm.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d])) // Persian digits read too
    }
    await harvestForm.getByTestId('harvest-submit').click()
    await page.waitForFunction(() => document.querySelector('[data-testid=episode-state]')?.getAttribute('data-value') === 'harvested')
    episode = (await surgeonApi.get(`/api/v1/episodes/${episodeId}`)).json
    assert.equal(episode.cell_source, 'bone_marrow')
    assert.equal(episode.harvest_date, today)
    const [product] = (await surgeonApi.get('/api/v1/products')).json.filter((p) => p.episode_id === episodeId)
    assert.equal(product.state, 'received')
    assert.equal(product.harvest.anaesthesia, 'sedation')
    if (began && ended) {
      assert.equal(product.harvest.started_at, began.iso)
      assert.equal(product.harvest.ended_at, ended.iso)
    }
    // the surgeon may not release the product: the lab does, on the product's page
    await page.getByTestId('release-in-lab').waitFor()
    await signOut(page)

    // --- lab: the product waits on the worklist by its DIN; receipt, processing and QC on its page
    await loginStaff(page, server, 'lab.tehran-1')
    await page.goto(server.url + '/worklist')
    await page.locator(`[data-testid=wl-product][data-din="${product.din}"]`).waitFor()
    await openPatient(page, patientId)
    // the lab knows the patient by record number, name and birth date: no national id, no mobile
    const facts = await page.getByTestId('demographics').textContent()
    assert.match(facts, new RegExp(MRN))
    assert.doesNotMatch(facts, /National id|کد ملی|Mobile|تلفن همراه/)
    await page.goto(server.url + '/worklist')
    await page.locator(`[data-testid=wl-product][data-din="${product.din}"] a:has(.din)`).click()
    await page.waitForURL(/\/staff\/products\//)
    await page.getByTestId('receive-form').locator('input[name=temperature_c]').fill('4')
    await page.getByTestId('receive-submit').click()
    const processing = page.getByTestId('process-form')
    await processing.waitFor()
    await processing.locator('select[name=method]').selectOption('density_gradient')
    await processing.getByTestId('process-submit').click()
    const qc = page.getByTestId('qc-form')
    await qc.waitFor()
    await qc.locator('input[name=total_nucleated_cells]').fill('200000000')
    await qc.locator('input[name=viability_percent]').fill('90')
    for (const name of ['sterility', 'endotoxin', 'mycoplasma']) await qc.locator(`select[name=${name}]`).selectOption('passed')
    await qc.locator('input[name=complete]').check()
    await qc.getByTestId('qc-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=awaiting_release]')
    await signOut(page)
    // the lab's second person, who did not process it, releases it
    await loginStaff(page, server, 'qa.tehran-1')
    await page.goto(server.url + '/staff/products/' + encodeURIComponent(product.din))
    await page.getByTestId('release-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=released]')
    assert.equal((await surgeonApi.get(`/api/v1/episodes/${episodeId}`)).json.state, 'product_released')
    await signOut(page)

    // --- surgeon: the injection at the bedside check, the product and the wristband scanned; the visits move with it
    await loginStaff(page, server, 'surgeon.tehran-1')
    await openPatient(page, patientId)
    await unfold(page, 'transition')
    await page.getByTestId('inject-at-bedside').getByRole('link').click()
    await page.waitForURL(/\/staff\/bedside$/)
    await page.getByTestId('scan-din').fill(product.din)
    await page.getByTestId('scan-din').press('Enter')
    await page.getByTestId('scan-mrn').fill(MRN)
    await page.getByTestId('scan-mrn').press('Enter')
    const inject = page.getByTestId('inject-form')
    await inject.waitFor()
    await inject.getByTestId('guidance-ultrasound').click()
    await inject.getByTestId('inject-submit').click()
    await page.getByTestId('injected').waitFor()
    await openPatient(page, patientId)
    episode = (await surgeonApi.get(`/api/v1/episodes/${episodeId}`)).json
    assert.equal(episode.injection_date, today)
    assert.equal(episode.guidance, 'ultrasound')
    assert.equal(episode.injected_by, 'surgeon.tehran-1')
    await page.getByTestId('history-injected-by').waitFor({ state: 'attached' })
    assert.match(await page.getByTestId('history-injected-by').textContent(), /Injected by: surgeon\.tehran-1/)
    assert.match(await page.getByTestId('injected-by').textContent(), /surgeon\.tehran-1/)
    await page.waitForFunction((d) => document.querySelector('[data-testid=timeline] tr[data-item=visit-2w]')?.dataset.start === d, addDays(today, 14))
    starts = await scheduleStarts(page)
    assert.equal(starts['visit-6w'], addDays(today, 42))
    assert.equal(starts['visit-12w'], addDays(today, 84))
    const history = await page.getByTestId('transition-history').textContent()
    assert.match(history, /surgeon\.tehran-1/)
    assert.match(history, /qa\.tehran-1/)

    // --- the worklist: the baseline questionnaire (a week before the harvest) is overdue
    await page.goto(server.url + '/worklist')
    const overdue = page.locator(`[data-testid=wl-today] tr[data-item=prom-baseline][data-status=overdue]`, { hasText: MRN })
    await overdue.waitFor()
    await checkA11y(page, 'worklist en')
    await shot(page, 'staff-worklist-en')

    // --- a questionnaire entered by staff, scored, with its trajectory chart
    await openPatient(page, patientId)
    const qf = page.getByTestId('questionnaire-form')
    await qf.getByTestId('q-time-point').selectOption('prom-baseline')
    await qf.getByTestId('q-instrument').selectOption('nrs')
    await qf.locator('[data-answer=pain_rest]').fill('14')
    assert.match(await qf.textContent(), /Out of range/)
    await qf.locator('[data-answer=pain_rest]').fill('4')
    await qf.locator('[data-answer=pain_activity]').fill('7')
    await qf.getByTestId('q-submit').click()
    await qf.getByTestId('q-saved').waitFor()
    const responses = (await surgeonApi.get(`/api/v1/episodes/${episodeId}/questionnaires`)).json
    assert.equal(responses.length, 1)
    assert.equal(responses[0].scores.scores.pain, 7)
    assert.equal(responses[0].item_id, 'prom-baseline')
    const results = page.locator('[data-testid=questionnaires] [data-instrument=nrs]')
    await results.waitFor()
    assert.ok((await results.locator('svg[role=img]').count()) >= 2, 'a chart per score')
    assert.match(await results.locator('figcaption').first().textContent(), /Lower is better/)

    // a link for the patient to answer at home
    const link = page.getByTestId('questionnaire-link')
    await link.getByTestId('link-instrument').selectOption('hoos')
    await link.getByTestId('link-submit').click()
    const url = await link.getByTestId('link-url').inputValue()
    assert.match(url, new RegExp('^' + server.url + '/q/[0-9a-f]{32}$'))
    assert.equal((await fetch(url.replace('/q/', '/api/v1/q/'))).status, 200)

    // an adverse event, recorded and listed
    const ae = page.getByTestId('event-form')
    await ae.locator('select[name=category]').selectOption('injection_site_pain')
    await ae.locator('select[name=severity]').selectOption('mild')
    await ae.getByTestId('event-submit').click()
    await page.getByTestId('adverse-events').locator('tbody tr').first().waitFor()
    const events = (await surgeonApi.get(`/api/v1/episodes/${episodeId}/adverse-events`)).json
    assert.equal(events.length, 1)
    assert.equal(events[0].severity, 'mild')
    await checkA11y(page, 'patient en')
    await shot(page, 'staff-patient-en')

    // --- Persian: right to left, Jalali dates in Persian digits
    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl')
    const birth = await page.locator('[data-testid=demographics] time').first().textContent()
    assert.match(birth, PERSIAN_DIGIT)
    assert.match(birth, /فروردین|اردیبهشت/) // 12 April 1968 is 23 Farvardin 1347
    assert.match(birth, /۱۳۴۷/)
    const visitFa = await page.locator('[data-testid=timeline] tr[data-item=visit-2w] td.date').first().textContent()
    assert.match(visitFa, PERSIAN_DIGIT)
    assert.match(visitFa, JALALI_MONTHS)
    assert.doesNotMatch(visitFa, /[0-9]/)
    assert.match(await page.getByTestId('timeline').textContent(), /ویزیت پیگیری ۲ هفته/)
    assert.equal((await page.getByTestId('preferred-channel').textContent()).trim(), 'ایمیل')
    assert.equal(await page.getByTestId('email').getAttribute('translate'), 'no') // an address, left as typed
    await checkA11y(page, 'patient fa')
    await shot(page, 'staff-patient-fa')
    await page.goto(server.url + '/worklist')
    await page.getByTestId('wl-today').waitFor()
    assert.match(await page.locator('h1').textContent(), /کارهای امروز/)
    await checkA11y(page, 'worklist fa')
    await shot(page, 'staff-worklist-fa')
    await page.goto(server.url + '/patients')
    await page.getByTestId('patient-results').waitFor()
    // dates are typed in Jalali, in Persian or Latin digits
    await page.getByTestId('register-open').click()
    const birthFa = page.getByTestId('register-form').locator('input[name=birth_date]')
    await birthFa.fill('۱۳۴۷/۱۳/۰۱')
    assert.match(await page.getByTestId('register-form').textContent(), /تاریخ معتبر نیست/)
    await birthFa.fill('۱۳۴۷/۰۱/۲۳')
    assert.doesNotMatch(await page.getByTestId('register-form').textContent(), /تاریخ معتبر نیست/)
    await page.getByTestId('register-form').locator('input[name=email]').fill('مریم')
    assert.match(await page.getByTestId('register-form').textContent(), /نشانی ایمیل درست نیست/)
    assert.match(await page.getByTestId('register-form').locator('select[name=preferred_channel]').textContent(), /پیامک/)
    await checkA11y(page, 'patients fa')
    await shot(page, 'staff-patients-fa')
    b.assertClean()

    // --- another centre: no access to the Tehran patient, in the page or the API
    await signOut(page)
    await loginStaff(page, server, 'coordinator.shiraz-1')
    await page.goto(`${server.url}/patients/${patientId}`)
    await page.getByTestId('patient-denied').waitFor()
    assert.match(await page.getByTestId('patient-denied').textContent(), /دسترسی ندارید|یافت نشد/)
    assert.equal(await page.getByTestId('demographics').count(), 0)
    const shiraz = await apiSession(server, 'coordinator.shiraz-1')
    assert.ok([403, 404].includes((await shiraz.get(`/api/v1/patients/${patientId}`)).status))
    assert.ok([403, 404].includes((await shiraz.get(`/api/v1/episodes/${episodeId}/timeline`)).status))
    assert.equal((await shiraz.get('/api/v1/patients?q=' + MRN)).json.length, 0)
    b.assertClean()
  } catch (e) {
    await shot(page, 'staff-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

// A patient reports a red flag from the portal; the worklist shows it at the top within
// seconds (it polls), and a clinician acknowledges it: it stays, marked acknowledged, until
// someone triages it (adverse_events.test.mjs).
test('a red flag reaches the worklist within seconds and is acknowledged', async () => {
  const coordinatorApi = await apiSession(server, 'coordinator.tehran-1')
  // an injected patient of the demo, who can report
  const injected = (await coordinatorApi.get('/api/v1/patients?state=follow_up')).json[0]
  assert.ok(injected, 'the demo has a patient in follow-up')
  const record = (await coordinatorApi.get(`/api/v1/patients/${injected.id}`)).json
  const episode = record.episodes.find((e) => e.state === 'follow_up')

  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/worklist')
    await page.getByTestId('red-flags').waitFor()
    const openBefore = await page.locator('[data-testid=red-flag][data-status=open]').count()

    // the patient signs in with mobile + one-time code and reports swelling
    const portal = await patientSession(server, injected.id, injected.mobile)
    const reported = await portal.post(`/api/v1/me/episodes/${episode.id}/red-flags`, {
      category: 'swelling',
      severity: 'moderate',
      description: 'Hip swollen since last night',
    })
    assert.equal(reported.status, 201)
    const flag = reported.json

    // shown within the poll interval, newest first, count in the heading
    const t0 = Date.now()
    const shown = page.locator(`[data-testid=red-flag][data-flag="${flag.id}"]`)
    await shown.waitFor({ timeout: 15_000 })
    assert.ok(Date.now() - t0 < 15_000)
    assert.match(await shown.textContent(), /Swelling/)
    assert.match(await shown.textContent(), /Hip swollen since last night/)
    assert.match(await shown.textContent(), new RegExp(injected.mrn))
    // open flags first, each group newest first
    const reportedAt = new Map((await coordinatorApi.get('/api/v1/worklist')).json.red_flags.map((f) => [String(f.red_flag.id), f.red_flag]))
    const order = await page.getByTestId('red-flag').evaluateAll((els) => els.map((e) => e.dataset.flag))
    const rows = order.map((id) => reportedAt.get(id))
    assert.ok(rows.every(Boolean), 'every flag shown is on the server’s worklist')
    for (let i = 1; i < rows.length; i++) {
      const [a, c] = [rows[i - 1], rows[i]]
      assert.ok(a.status === 'open' || c.status !== 'open', 'open flags come first')
      if (a.status === c.status) assert.ok(a.reported_at >= c.reported_at, 'newest first')
    }
    assert.match(await page.locator('#red-flags-heading').textContent(), new RegExp(`: ${openBefore + 1}$`))
    await checkA11y(page, 'worklist with red flag')
    await shot(page, 'staff-worklist-red-flag')

    // the card has the patient's number to call; acknowledging says what was done
    assert.equal(await shown.getByTestId('flag-phone').getAttribute('href'), 'tel:' + injected.mobile.replace(/[^\d+]/g, ''))
    await shown.getByTestId('ack-open').click()
    await shown.locator('input[data-action=called]').check()
    await shown.getByTestId('ack-submit').click()
    await page.locator(`[data-testid=red-flag][data-flag="${flag.id}"][data-status=acknowledged]`).waitFor()
    assert.match(await page.locator('#red-flags-heading').textContent(), new RegExp(`: ${openBefore}$`))
    assert.match(await shown.getByTestId('acknowledged-by').textContent(), /coordinator\.tehran-1/)
    const open = (await coordinatorApi.get('/api/v1/red-flags')).json
    assert.ok(!open.some((e) => e.id === flag.id), 'acknowledged on the server')
    const listed = (await coordinatorApi.get('/api/v1/worklist')).json.red_flags.find((f) => f.red_flag.id === flag.id)
    assert.equal(listed?.red_flag.status, 'acknowledged', 'still on the worklist until triaged')
    b.assertClean()
  } finally {
    await b.close()
  }
})

// From the patient page: the new-episode form names the protocols and offers the chosen
// joint's codes; a hip whose course ended after its injection gets a repeat course (same
// side, repeat_of) and the other hip its own episode (bilateral_with), each from a
// pre-filled form. A joint has one open episode: no repeat while the first is followed up.
test('a repeat treatment and the other hip are opened from the patient page', async () => {
  const made = await injectedPatient(server, { mrn: 'WEB-7302', mobile: '09125550303' })
  const b = await launch({ lang: 'en' })
  const { page } = b
  const episodesOf = async () => (await made.coordinator.get(`/api/v1/patients/${made.patientId}`)).json.episodes
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await openPatient(page, made.patientId)
    let first = page.locator(`[data-testid=episodes] tr[data-episode="${made.episodeId}"]`)
    await first.waitFor()
    assert.equal(await first.getByTestId('repeat-open').count(), 0, 'no repeat while the injected course is open')
    for (const to of ['follow_up', 'completed']) {
      const r = await made.coordinator.post(`/api/v1/episodes/${made.episodeId}/transitions`, { to })
      assert.equal(r.status, 200, JSON.stringify(r.json))
    }
    await openPatient(page, made.patientId)
    first = page.locator(`[data-testid=episodes] tr[data-episode="${made.episodeId}"]`)

    // the plain form: protocol titles, and the codes follow the protocol's joint
    await page.getByTestId('new-episode-open').click()
    let ep = page.getByTestId('new-episode-form')
    const titles = await ep.locator('select[name=protocol] option').allTextContents()
    assert.ok(titles.includes('Autologous cell injection for hip osteoarthritis'), titles.join())
    assert.ok(titles.includes('Test knee protocol (platelet-rich plasma)'), titles.join())
    await ep.locator('select[name=protocol]').selectOption('knee-prp-test')
    let codes = await ep.locator('select[name=diagnosis_code] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean))
    assert.ok(codes.length > 5 && codes.every((c) => c.startsWith('M17')), codes.join())
    await ep.locator('select[name=side]').selectOption('left')
    assert.equal(await ep.locator('select[name=diagnosis_code]').inputValue(), 'M17.12')
    await ep.locator('select[name=protocol]').selectOption('hip-msc-v1')
    codes = await ep.locator('select[name=diagnosis_code] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean))
    assert.ok(codes.every((c) => c.startsWith('M16')), codes.join())
    assert.equal(await ep.locator('select[name=diagnosis_code]').inputValue(), 'M16.12')
    await ep.getByRole('button', { name: 'Cancel' }).click()

    // a repeat course of the injected right hip
    await first.getByTestId('repeat-open').click()
    ep = page.getByTestId('new-episode-form')
    assert.match(await ep.getByTestId('new-episode-repeat').textContent(), new RegExp(`Repeat of episode ${made.episodeId}`))
    assert.equal(await ep.locator('select[name=protocol]').inputValue(), 'hip-msc-v1')
    assert.equal(await ep.locator('select[name=side]').inputValue(), 'right')
    assert.equal(await ep.locator('select[name=diagnosis_code]').inputValue(), 'M16.11')
    await checkA11y(page, 'repeat episode form en')
    await shot(page, 'staff-repeat-episode-en')
    await ep.getByTestId('new-episode-submit').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=episodes] tbody tr').length === 2)
    let episodes = await episodesOf()
    const repeat = episodes.find((e) => e.id !== made.episodeId)
    assert.equal(repeat.repeat_of, made.episodeId)
    assert.equal(repeat.side, 'right')
    assert.equal(repeat.diagnosis.code, 'M16.11')
    await page.waitForURL(new RegExp(`episode=${repeat.id}`))
    // the new course is not injected: it offers no repeat of its own
    assert.equal(await page.locator(`[data-testid=episodes] tr[data-episode="${repeat.id}"] [data-testid=repeat-open]`).count(), 0)

    // the other hip
    assert.equal((await first.getByTestId('other-side-open').textContent()).trim(), 'Open the other hip')
    await first.getByTestId('other-side-open').click()
    ep = page.getByTestId('new-episode-form')
    assert.match(await ep.getByTestId('new-episode-bilateral').textContent(), new RegExp(`other side of episode ${made.episodeId}`))
    assert.equal(await ep.locator('select[name=side]').inputValue(), 'left')
    assert.equal(await ep.locator('select[name=diagnosis_code]').inputValue(), 'M16.12')
    await ep.getByTestId('new-episode-submit').click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=episodes] tbody tr').length === 3)
    episodes = await episodesOf()
    const left = episodes.find((e) => e.side === 'left')
    assert.equal(left.bilateral_with, made.episodeId)
    assert.equal(await page.getByTestId('other-side-open').count(), 0, 'both hips have an episode')

    // The repeat is the right hip's open course now: no second repeat beside it.
    assert.equal(await first.getByTestId('repeat-open').count(), 0, 'one open episode per joint')
    // Persian: the repeat form, from the repeat's own course once it too has ended.
    for (const to of ['screening', 'withdrawn']) {
      const r = await made.coordinator.post(`/api/v1/episodes/${repeat.id}/transitions`, { to, reason: 'patient chose to wait' })
      assert.equal(r.status, 200, JSON.stringify(r.json))
    }
    await openPatient(page, made.patientId)
    first = page.locator(`[data-testid=episodes] tr[data-episode="${made.episodeId}"]`)
    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    assert.equal((await first.getByTestId('repeat-open').textContent()).trim(), 'درمان تکراری')
    await first.getByTestId('repeat-open').click()
    assert.match(await page.getByTestId('new-episode-repeat').textContent(), /تکرار دورهٔ درمان/)
    await checkA11y(page, 'repeat episode form fa')
    await shot(page, 'staff-repeat-episode-fa')
    b.assertClean()
  } catch (e) {
    await shot(page, 'staff-repeat-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

// A name shared by more patients than a page holds: the list shows the first 50 in id
// order, says more may match and fetches the next page after the last one shown, on a
// desktop in English and on a phone in Persian.
test('a long list of patients comes a page at a time, in English and Persian', async () => {
  const coordinatorApi = await apiSession(server, 'coordinator.tehran-1')
  const ids = []
  for (let i = 0; i < 53; i++) {
    const mrn = `PAGE-${7400 + i}`
    const r = await coordinatorApi.post('/api/v1/patients', {
      mrn,
      name_fa: 'پگاه صفحه‌نژاد',
      name_latin: 'Pegah Safhenejad',
      sex: 'female',
      birth_date: '1961-05-06',
      mobile: '0912 555 0177',
      national_id: nationalIdFor(mrn),
      consent: { treatment: true, registry: true, contact: false },
    })
    assert.equal(r.status, 201, JSON.stringify(r.json))
    ids.push(r.json.id)
  }
  const firstPage = (await coordinatorApi.get('/api/v1/patients?q=Safhenejad')).json
  assert.deepEqual(firstPage.map((p) => p.id), ids.slice(0, 50), 'the API answers a page of 50 by default, in id order')
  const nextPage = (await coordinatorApi.get(`/api/v1/patients?q=Safhenejad&after=${ids[49]}`)).json
  assert.deepEqual(nextPage.map((p) => p.id), ids.slice(50))
  const refused = await coordinatorApi.get('/api/v1/patients?q=Safhenejad&after=-3')
  assert.equal(refused.status, 422)
  assert.equal(refused.json.error.field, 'after')

  const rowsShown = (page) => page.locator('[data-testid=patient-results] tbody tr').count()
  for (const [lang, options, typed, soFar, more] of [
    ['en', {}, 'Safhenejad', /Patients shown so far: 50/, 'Show more'],
    ['fa', { viewport: { width: 390, height: 844 }, mobile: true }, 'صفحه‌نژاد', /بیماران نمایش‌داده‌شده تاکنون: ۵۰/, 'نمایش بیشتر'],
  ]) {
    const b = await launch({ ...options, lang })
    const { page } = b
    try {
      await loginStaff(page, server, 'coordinator.tehran-1')
      await page.goto(server.url + '/patients?q=' + encodeURIComponent(typed))
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=patient-results] tbody tr').length === 50)
      assert.match(await page.locator('#results-heading').textContent(), soFar)
      if (options.mobile) {
        // On a phone each patient is a card, each cell beside its column's name: the list
        // does not scroll sideways.
        const wide = await page.$eval('[data-testid=patient-results]', (t) => t.parentElement.scrollWidth - t.parentElement.clientWidth)
        assert.ok(wide <= 1, `the results scroll sideways by ${wide}px on a phone`)
        const card = page.locator('[data-testid=patient-results] tbody tr').first()
        assert.equal(await card.evaluate((tr) => getComputedStyle(tr).display), 'block')
        assert.equal(await card.locator('td').first().evaluate((td) => getComputedStyle(td, '::before').content), '"شمارهٔ پرونده"')
      }
      const button = page.getByTestId('patients-more')
      assert.equal((await button.textContent()).trim(), more)
      await checkA11y(page, `patients paged ${lang}`)
      await shot(page, `staff-patients-paged-${lang}`)
      await button.click()
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=patient-results] tbody tr').length === 53)
      assert.equal(await page.getByTestId('patients-more').count(), 0, 'a short page ends the list')
      assert.equal(await rowsShown(page), 53)
      assert.equal(await page.locator('tr[data-mrn="PAGE-7452"]').count(), 1)
      b.assertClean()
    } catch (e) {
      await shot(page, `staff-patients-paged-failure-${lang}`).catch(() => {})
      throw e
    } finally {
      await b.close()
    }
  }
})
