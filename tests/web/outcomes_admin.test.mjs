// Outcomes and administration screens against the real server: the analyst's outcome
// report (survival curve with CI band and number at risk, claims audit equal to the API,
// nothing identifying, no access to patients or administration), the admin's accounts,
// centre, audit check and protocol view, both in English and in Persian.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { assertPersianOnly } from './persian.mjs'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, injectedPatient } from './support.mjs'

let server
before(async () => {
  // Enough patients that the analyst's centre has a survival curve of 5 events or more,
  // and still claims of fewer than 5 patients, which the analyst reads suppressed.
  server = await startServer({ patients: 400 })
})
after(async () => {
  await server?.stop()
})

const verdictWords = {
  consistent: 'Not contradicted',
  contradicted: 'Contradicted',
  insufficient_data: 'Insufficient data',
  not_measurable: 'Not measurable yet',
  not_testable: 'Not testable here',
}
const phone = { viewport: { width: 390, height: 844 }, mobile: true }
const persianDigits = (n) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + +d))
const jalaliLong = (iso) => {
  const [y, m, d] = iso.split('-').map(Number)
  return new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  )
}

// Every identifying value of every centre's patients, read by each centre's admin.
async function identifyingValues() {
  const values = new Set()
  for (const centre of ['tehran-1', 'mashhad-1', 'shiraz-1']) {
    const admin = await apiSession(server, `admin.${centre}`)
    const res = await admin.get('/api/v1/patients?limit=500')
    assert.equal(res.status, 200)
    for (const p of res.json) for (const v of [p.name_latin, p.name_fa, p.mrn, p.national_id, p.mobile]) if (v) values.add(v)
  }
  assert.ok(values.size > 20, 'the demo has patients to look for')
  return values
}

test('analyst: outcome report and claims audit equal the API, de-identified, in English and Persian', async () => {
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await loginStaff(page, server, 'analyst.tehran-1')
    await page.waitForURL(/\/outcomes/)
    const analyst = await apiSession(server, 'analyst.tehran-1')
    const report = (await analyst.get('/api/v1/reports/outcomes')).json
    const scope = report.scopes.find((s) => s.centre === 'tehran-1')
    assert.ok(scope, 'the report has the analyst’s centre')

    // The analyst's own centre is shown by default, with its cohort size and data date.
    await page.getByTestId('survival-chart').waitFor()
    assert.equal(await page.getByTestId('scope').inputValue(), 'tehran-1')
    assert.equal(Number(await page.getByTestId('cohort').getAttribute('data-n')), scope.injected)
    assert.equal(await page.getByTestId('as-of').getAttribute('data-iso'), report.as_of)
    assert.match(await page.getByTestId('caveat').textContent(), /claims being tested/)

    // Survival: an SVG image with a name, a closed CI band, the step line, and the
    // number at risk at each of the report's days.
    const svg = page.getByTestId('survival-chart')
    assert.equal(await svg.getAttribute('role'), 'img')
    assert.equal(report.survival_end_point.title.en, 'Free of total hip replacement')
    assert.equal((await svg.locator('title').textContent()).trim(), report.survival_end_point.title.en)
    assert.equal((await page.getByTestId('survival-title').textContent()).trim(), report.survival_end_point.title.en)
    assert.equal(await page.getByTestId('protocol').inputValue(), 'hip-msc-v1')
    assert.match(await page.getByTestId('survival-ci-band').getAttribute('d'), /^M[\d.,LM]+Z$/)
    assert.match(await page.getByTestId('survival-line').getAttribute('d'), /^M[\d.,L]+$/)
    const atRisk = page.getByTestId('at-risk')
    assert.equal(await atRisk.count(), scope.survival.at.length)
    assert.equal(Number(await atRisk.first().getAttribute('data-n')), scope.survival.at[0].n_risk)
    assert.equal((await atRisk.first().textContent()).trim(), String(scope.survival.at[0].n_risk))
    assert.ok(await page.getByTestId('at-risk-row').locator('text', { hasText: 'At risk' }).count())
    // A tick for every day someone's follow-up ended without a replacement, as the API lists them.
    assert.ok(scope.survival.censored.length > 0, 'the demo has censored follow-up')
    const marks = page.getByTestId('survival-censor-marks')
    assert.equal(Number(await marks.getAttribute('data-count')), scope.survival.censored.length)
    assert.equal((await marks.getAttribute('d')).match(/M/g).length, scope.survival.censored.length)

    // The other charts exist, each with its table alternative.
    for (const tr of scope.trajectories) await page.getByTestId('prom-' + tr.measure).waitFor()
    for (const def of new Set(scope.responders.map((r) => r.definition))) await page.getByTestId('responders-' + def).waitFor()
    await page.getByTestId('completeness-chart').waitFor()
    assert.ok((await page.locator('figure details summary').count()) >= 3)

    // Claims: one row per claim of the API, in order, with its n and verdict.
    const rows = page.getByTestId('claim-row')
    assert.equal(await rows.count(), scope.claims.length)
    for (let i = 0; i < scope.claims.length; i++) {
      const c = scope.claims[i]
      const row = rows.nth(i)
      assert.equal(await row.getAttribute('data-claim'), c.id)
      assert.equal(await row.getAttribute('data-verdict'), c.verdict)
      assert.equal((await row.getByTestId('claim-verdict').textContent()).trim(), verdictWords[c.verdict])
      assert.equal((await row.getByTestId('claim-n').textContent()).trim(), c.n === null ? '—' : String(c.n))
      assert.equal((await row.getByTestId('claim-missing').textContent()).trim(), c.missing === null ? '—' : String(c.missing))
      // A count of fewer than 5 patients is a dash that says so, never the number.
      const dash = row.getByTestId('claim-n').getByTestId('suppressed')
      assert.equal(await dash.count(), c.n === null ? 1 : 0, c.id)
      if (c.n === null) assert.equal(await dash.getAttribute('title'), 'fewer than 5 patients')
      assert.match(await row.textContent(), /The article says:/)
      // a claim these data cannot test says why in its own note
      if (c.verdict === 'not_testable') assert.ok((await row.getByTestId('claim-why').textContent()).includes(report.claims.find((d) => d.id === c.id).note.en))
    }
    assert.ok(scope.claims.some((c) => c.verdict === 'not_testable'), 'the hip claims include not-testable ones')
    // The demo's small claims (fewer than 5 patients) are suppressed for the analyst, and
    // the page says what its dashes stand for.
    assert.ok(report.suppressed && scope.claims.some((c) => c.suppressed && c.n === null), 'the analyst reads small cells suppressed')
    assert.match(await page.getByTestId('suppressed-legend').textContent(), /fewer than 5 patients/)
    // each section says what it counts, in the report's own words
    for (const k of ['treated', 'survival', 'trajectories', 'responders', 'completeness', 'adverse_events', 'serious_rate'])
      assert.equal((await page.getByTestId('definition-' + k).textContent()).includes(report.definitions[k].en), true, k)

    // Beside each claim, the published evidence the clinic keeps, as the API answers it.
    const evidence = (await analyst.get(`/api/v1/protocols/${report.protocol.id}/evidence`)).json
    assert.ok(evidence.entries.length >= 5, 'the demo imports the shipped evidence')
    for (const c of evidence.claims) {
      const beside = page.locator(`[data-testid=claim-row][data-claim="${c.claim}"] [data-testid=claim-evidence]`)
      assert.equal(await beside.getAttribute('data-supported'), c.randomised_support ? 'yes' : 'no', c.claim)
    }
    const success = page.locator('[data-testid=claim-row][data-claim="success-75-85"]')
    assert.match(await success.getByTestId('evidence-support').textContent(), /No randomised trial or systematic review supports this claim/)
    await success.locator('[data-testid=claim-evidence] details summary').click()
    assert.equal(await success.getByTestId('evidence-entry').count(), evidence.entries.filter((e) => e.claims.includes('success-75-85')).length)
    assert.match(await success.locator('[data-testid=evidence-entry][data-id=miles-2023]').textContent(), /corticosteroid/)

    // Nothing identifying: no patient's name, record number, national id or mobile.
    const text = await page.locator('body').innerText()
    for (const v of await identifyingValues()) assert.ok(!text.includes(v), `the outcomes page shows ${v}`)

    await checkA11y(page, 'outcomes en')
    await shot(page, 'outcomes-en')

    // The analyst may not open the patient list or the administration.
    const nav = await page.getByRole('navigation', { name: 'Main' }).innerText()
    assert.ok(!/Administration/.test(nav) && !/Patients/.test(nav))
    for (const path of ['/admin', '/patients']) {
      await page.goto(server.url + path)
      await page.getByRole('heading', { name: 'Your role cannot open this page.' }).waitFor()
    }

    // Persian: right to left, Persian digits on the charts' axes and at-risk row, Jalali
    // date; the time axis still runs left to right.
    await page.goto(server.url + '/outcomes')
    await page.getByTestId('survival-chart').waitFor()
    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    await page.getByTestId('at-risk').first().waitFor()
    const ticks = await page.getByTestId('survival-chart').getByTestId('x-tick').allTextContents()
    assert.ok(ticks.length > 2)
    for (const tk of ticks) assert.match(tk.trim(), /^[۰-۹]+$/)
    const xs = await page
      .getByTestId('survival-chart')
      .getByTestId('x-tick')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('x'))))
    assert.deepEqual(
      xs,
      [...xs].sort((a, c) => a - c),
      'time runs left to right',
    )
    assert.equal((await page.getByTestId('at-risk').first().textContent()).trim(), persianDigits(scope.survival.at[0].n_risk))
    assert.ok((await page.getByTestId('as-of').textContent()).includes(jalaliLong(report.as_of)))
    assert.equal((await page.getByTestId('claim-verdict').first().textContent()).trim().length > 0, true)
    assert.match(await page.getByTestId('claims-table').textContent(), /مقاله می‌گوید/)
    assert.match(await page.locator('[data-claim="success-75-85"] [data-testid=evidence-support]').textContent(), /هیچ کارآزمایی تصادفی/)
    assert.match(await page.getByTestId('suppressed-legend').textContent(), /کمتر از ۵ بیمار/)
    assert.equal(await page.getByTestId('claims-table').getByTestId('suppressed').first().getAttribute('title'), 'کمتر از ۵ بیمار')
    await checkA11y(page, 'outcomes fa')
    await shot(page, 'outcomes-fa')
    b.assertClean()
  } finally {
    await b.close()
  }
})

// What the outcome page shows of one scope's trajectories: points too small for an
// interval say so, the others show one.
async function checkTooSmall(page, scope) {
  for (const tr of scope.trajectories) {
    const cells = page.locator('figure', { has: page.getByTestId('prom-' + tr.measure) }).locator('td[data-interval]')
    const shown = await cells.evaluateAll((tds) => tds.map((td) => td.dataset.interval))
    assert.deepEqual(shown, tr.points.map((p) => p.interval), tr.measure)
    const small = tr.points.filter((p) => p.interval === 'n_too_small').length
    const figure = page.locator('figure', { has: page.getByTestId('prom-' + tr.measure) })
    assert.equal(await figure.getByTestId('n-too-small').count(), small ? 1 : 0, tr.measure)
    assert.equal(await figure.locator('td[data-interval=n_too_small]', { hasText: 'n too small' }).count(), small, tr.measure)
  }
}

test('the knee test protocol’s report: chosen from the list, its own survival title, no claims, in English, Persian and on a phone', async () => {
  const analyst = await apiSession(server, 'analyst.tehran-1')
  const protocols = (await analyst.get('/api/v1/protocols')).json
  assert.deepEqual(protocols.map((p) => p.id).sort(), ['hip-msc-v1', 'knee-prp-test'])
  const knee = (await analyst.get('/api/v1/reports/outcomes?protocol=knee-prp-test')).json
  assert.equal(knee.claims, null, 'the knee test protocol has no claims file')
  assert.equal(knee.survival_end_point.title.en, 'Free of total knee replacement')
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await loginStaff(page, server, 'analyst.tehran-1')
    await page.waitForURL(/\/outcomes/)
    await page.getByTestId('claims-section').waitFor()
    const options = await page.getByTestId('protocol').locator('option').allTextContents()
    assert.ok(options.some((o) => o.includes('Test knee protocol (platelet-rich plasma)')))

    await page.getByTestId('protocol').selectOption('knee-prp-test')
    await page.waitForURL(/protocol=knee-prp-test/)
    await page.locator('[data-testid=report-protocol][data-id=knee-prp-test]').waitFor()
    const scope = knee.scopes.find((s) => s.centre === 'tehran-1')
    assert.equal((await page.getByTestId('survival-title').textContent()).trim(), 'Free of total knee replacement')
    assert.equal(await page.getByTestId('claims-section').count(), 0, 'no claims section')
    assert.equal(await page.getByTestId('claim-row').count(), 0)
    assert.equal(Number(await page.getByTestId('cohort').getAttribute('data-n')), scope.injected)
    assert.ok((await page.getByTestId('definition-survival').textContent()).includes(knee.definitions.survival.en))
    assert.ok((await page.getByTestId('definition-serious_rate').textContent()).includes(knee.definitions.serious_rate.en))
    assert.equal(Number(await page.getByTestId('ae-treated').getAttribute('data-n')), scope.adverse_events.treated)
    assert.match(await page.getByTestId('serious-line').textContent(), new RegExp(`followed at least ${scope.adverse_events.followed_days} days`))
    assert.equal(await page.getByTestId('funnel').count(), knee.funnel ? 1 : 0)
    assert.equal(Number(await page.getByTestId('repeats').getAttribute('data-n')), scope.repeats.repeated)
    await checkTooSmall(page, scope)
    for (const section of ['survival-h', 'resp-h', 'prom-h', 'compl-h'])
      assert.doesNotMatch(await page.locator(`[aria-labelledby=${section}]`).innerText(), /hip replacement/i, `no hip wording in ${section}`)
    await checkA11y(page, 'outcomes knee en')
    await shot(page, 'outcomes-knee-en')

    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    assert.equal((await page.getByTestId('survival-title').textContent()).trim(), knee.survival_end_point.title.fa)
    assert.ok((await page.getByTestId('definition-survival').textContent()).includes(knee.definitions.survival.fa))
    assert.equal(await page.getByTestId('claims-section').count(), 0)
    await checkA11y(page, 'outcomes knee fa')
    await shot(page, 'outcomes-knee-fa')
    b.assertClean()
  } finally {
    await b.close()
  }

  // On a phone, in Persian, from a shared address: nothing wider than the screen.
  const p = await launch({ ...phone, lang: 'fa' })
  try {
    const { page } = p
    await loginStaff(page, server, 'analyst.tehran-1')
    await page.goto(server.url + '/outcomes?protocol=knee-prp-test')
    await page.locator('[data-testid=report-protocol][data-id=knee-prp-test]').waitFor()
    assert.equal(await page.getByTestId('protocol').inputValue(), 'knee-prp-test')
    assert.equal((await page.getByTestId('survival-title').textContent()).trim(), knee.survival_end_point.title.fa)
    assert.equal(await page.getByTestId('claims-section').count(), 0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`)
    await checkA11y(page, 'outcomes knee phone fa')
    await shot(page, 'outcomes-knee-phone-fa')
    p.assertClean()
  } finally {
    await p.close()
  }
})

test('admin: accounts, centre, audit check and protocol, in English and Persian', async () => {
  const b = await launch({ lang: 'en' })
  try {
    const { page, browser } = b
    const admin = await apiSession(server, 'admin.tehran-1')
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/admin')
    await page.getByTestId('accounts-table').locator('tr[data-username="admin.tehran-1"]').waitFor()

    // A weak password is refused with the server's own message beside the field.
    const weak = await admin.post('/api/v1/accounts', { username: 'probe.tehran-1', role: 'coordinator', password: 'short1' })
    assert.ok(weak.status >= 400 && weak.status < 500)
    assert.equal(weak.json.error.field, 'password')
    const form = page.getByTestId('create-account')
    await form.locator('input[name=new-username]').fill('nurse.tehran-1')
    await form.locator('select[name=new-role]').selectOption('coordinator')
    await form.locator('input[name=new-password]').fill('short1')
    await form.locator('button[type=submit]').click()
    const passwordField = form.locator('.field', { has: page.locator('input[name=new-password]') })
    await passwordField.locator('.error-text').waitFor()
    // the server's rule beside the field, as a sentence that starts with the field's label
    const label = (await passwordField.locator('label').textContent()).replace('*', '').trim()
    assert.equal((await passwordField.locator('.error-text').textContent()).trim(), `${label} ${weak.json.error.message}.`)
    assert.equal(await form.locator('input[name=new-password]').getAttribute('aria-invalid'), 'true')

    // A good password creates it; the server lists it; it can sign in.
    const password = 'Kavir7Sahel2048'
    await form.locator('input[name=new-password]').fill(password)
    await form.locator('button[type=submit]').click()
    await page.getByTestId('accounts-table').locator('tr[data-username="nurse.tehran-1"]').waitFor()
    assert.match(await page.getByTestId('accounts-notice').textContent(), /nurse\.tehran-1 created/)
    const listed = (await admin.get('/api/v1/accounts')).json.find((a) => a.username === 'nurse.tehran-1')
    assert.equal(listed?.role, 'coordinator')
    assert.equal(listed?.centre, 'tehran-1')
    server.accounts.set('nurse.tehran-1', password)
    const fresh = await browser.newContext()
    try {
      const p2 = await fresh.newPage()
      await loginStaff(p2, server, 'nurse.tehran-1')
      await p2.getByTestId('who').waitFor()
      assert.match(await p2.getByTestId('who').textContent(), /nurse\.tehran-1/)
    } finally {
      await fresh.close()
    }

    // Disabled from its row: the row says so, and the account's open session has ended.
    const nurse = await apiSession(server, 'nurse.tehran-1')
    assert.equal((await nurse.get('/api/v1/patients')).status, 200)
    assert.equal(
      await page.getByTestId('accounts-table').locator('tr[data-username="admin.tehran-1"] [data-testid=change-account-open]').count(),
      0,
      'an admin is not offered a change to their own account',
    )
    const nurseRow = page.getByTestId('accounts-table').locator('tr[data-username="nurse.tehran-1"]')
    await nurseRow.getByTestId('change-account-open').click()
    const change = page.getByTestId('change-account')
    await change.getByLabel('Disabled').check()
    await change.locator('button[type=submit]').click()
    await page.getByTestId('accounts-notice').filter({ hasText: 'sessions have ended' }).waitFor()
    assert.match(await nurseRow.textContent(), /Disabled/)
    assert.equal((await nurse.get('/api/v1/patients')).status, 401)
    const after = (await admin.get('/api/v1/accounts')).json.find((a) => a.username === 'nurse.tehran-1')
    assert.equal(after.disabled, true)

    // The centre's phone, edited and read back from the server.
    const row = page.getByTestId('centres-table').locator('tr[data-centre="tehran-1"]')
    await row.getByRole('button', { name: /Edit/ }).click()
    const centreForm = page.getByTestId('centre-form')
    await centreForm.locator('input[name=phone]').fill('+982188776655')
    // and the on-call clinician's mobile, typed in Persian digits, which red flags reach by SMS
    await centreForm.locator('input[name=on_call_mobile]').fill('۰۹۱۲ ۷۷۷ ۶۶۵۵')
    await centreForm.locator('button[type=submit]').click()
    await page.getByTestId('centres-notice').filter({ hasText: 'saved' }).waitFor()
    assert.equal((await row.getByTestId('centre-phone').textContent()).trim(), '+982188776655')
    const centre = (await admin.get('/api/v1/centres')).json.find((c) => c.id === 'tehran-1')
    assert.equal(centre.phone, '+982188776655')
    assert.equal(centre.on_call_mobile, '+989127776655')
    assert.equal(centre.name_en, 'Tehran Cell Therapy Centre', 'the other fields are kept')

    // The centre's ISBT 128 facility code: one starting with O refused beside its field in the
    // server's words (and nothing saved), a good one typed in lower case saved upper case,
    // read back, and the DIN of a product harvested after it begins with it.
    const refused = await admin.put('/api/v1/centres/tehran-1', { name_en: centre.name_en, name_fa: centre.name_fa, facility_code: 'O1234' })
    assert.equal(refused.status, 422)
    assert.equal(refused.json.error.field, 'facility_code')
    await row.getByRole('button', { name: /Edit/ }).click()
    const facility = centreForm.locator('input[name=facility_code]')
    await facility.fill('O1234')
    await centreForm.locator('button[type=submit]').click()
    const facilityError = centreForm.locator('.field', { has: page.locator('input[name=facility_code]') }).locator('.error-text')
    await facilityError.waitFor()
    assert.ok((await facilityError.textContent()).includes(refused.json.error.message.slice(1)), await facilityError.textContent())
    assert.equal(await facility.getAttribute('aria-invalid'), 'true')
    assert.equal((await admin.get('/api/v1/centres')).json.find((c) => c.id === 'tehran-1').facility_code, centre.facility_code)
    await facility.fill('w4k21')
    await centreForm.locator('button[type=submit]').click()
    await page.getByTestId('centres-notice').filter({ hasText: 'saved' }).waitFor()
    await centreForm.waitFor({ state: 'detached' })
    assert.equal((await row.getByTestId('centre-facility').textContent()).trim(), 'W4K21')
    assert.equal((await admin.get('/api/v1/centres')).json.find((c) => c.id === 'tehran-1').facility_code, 'W4K21')
    const harvested = await injectedPatient(server, { mrn: 'FAC-8101', mobile: '09125550801' })
    const dins = (await harvested.surgeon.get('/api/v1/products')).json.filter((p) => p.patient.id === harvested.patientId).map((p) => p.din)
    assert.equal(dins.length, 1)
    assert.match(dins[0], /^W4K21\d{8}.$/)

    // The audit chain check.
    await page.getByTestId('audit-check').click()
    await page.locator('[data-testid=audit-result][data-intact=true]').waitFor()
    assert.match(await page.getByTestId('audit-result').textContent(), /intact/)

    // The protocol, read-only: the 14-day drug hold before harvest and the YAML text.
    const holds = page.getByTestId('protocol-hold')
    await holds.waitFor()
    const blood = holds.locator('tr[data-item="hold-blood-thinner"]')
    assert.match(await blood.getByTestId('item-when').textContent(), /from 14 days before cell harvest until the day of cell harvest/)
    assert.match(await blood.textContent(), /prescriber/)
    assert.match(await page.getByTestId('protocol-yaml').textContent(), /id: hip-msc-v1/)

    await checkA11y(page, 'admin en')
    await shot(page, 'admin-en')

    // Persian.
    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    assert.match(await blood.getByTestId('item-when').textContent(), /۱۴ روز پیش از برداشت سلول/)
    assert.equal((await row.getByTestId('centre-phone').textContent()).trim(), '+۹۸۲۱۸۸۷۷۶۶۵۵')
    assert.equal(await row.getByTestId('centre-facility').locator('[translate=no][dir=ltr]').textContent(), 'W4K21')
    await row.getByRole('button', { name: /ویرایش/ }).click()
    await facility.waitFor()
    assert.equal(await facility.inputValue(), 'W4K21')
    await assertPersianOnly(page, 'the centre’s facility code', '[data-testid=centre-form] .field:has(input[name=facility_code])')
    await centreForm.locator('button.secondary').click()
    await form.locator('input[name=new-username]').fill('physio2.tehran-1')
    await form.locator('input[name=new-password]').fill('short1')
    await form.locator('button[type=submit]').click()
    await passwordField.locator('.error-text').waitFor()
    assert.equal((await passwordField.locator('.error-text').textContent()).trim(), 'گذرواژه باید دست‌کم ۱۲ نویسه باشد.')
    await checkA11y(page, 'admin fa')
    await shot(page, 'admin-fa')
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('the surgeon writes published evidence on a desktop in English, a bad link refused beside its field; it stands beside the claim in Persian on a phone until withdrawn', async () => {
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await loginStaff(page, server, 'surgeon.tehran-1')
    await page.goto(server.url + '/evidence')
    await page.getByTestId('evidence-claim').first().waitFor()
    await page.getByTestId('evidence-add').click()
    const form = page.getByTestId('evidence-form')
    await form.locator('input[name=id]').fill('web-test-trial')
    await form.locator('input[name=claims][value="daily-activities-90-2w"]').check()
    await form.locator('input[name=citation]').fill('An invented trial for the browser test, 2024')
    await form.locator('input[name=year]').fill('2024')
    await form.locator('select[name=design]').selectOption('randomised_trial')
    await form.locator('input[name=n]').fill('60')
    await form.locator('select[name=stance]').selectOption('supports')
    await form.locator('textarea[name=finding_en]').fill('Most patients were back to their daily activities within two weeks.')
    await form.locator('textarea[name=finding_fa]').fill('بیشتر بیماران در دو هفته به کارهای روزانه برگشتند.')
    await form.locator('input[name=link]').fill('http://example.org/trial')
    await form.getByTestId('evidence-submit').click()
    // A link that is not https: refused beside its field, nothing written.
    await form.locator('.field:has(input[name=link]) .error-text').waitFor()
    const surgeon = await apiSession(server, 'surgeon.tehran-1')
    const before = (await surgeon.get('/api/v1/protocols/hip-msc-v1/evidence')).json
    assert.ok(!before.entries.some((e) => e.id === 'web-test-trial'))
    await form.locator('input[name=link]').fill('https://example.org/trial')
    await form.getByTestId('evidence-submit').click()
    await page.getByTestId('evidence-notice').waitFor()
    const claim = page.locator('[data-testid=evidence-claim][data-claim="daily-activities-90-2w"] [data-testid=claim-evidence]')
    assert.equal(await claim.getAttribute('data-supported'), 'yes')
    const after = (await surgeon.get('/api/v1/protocols/hip-msc-v1/evidence')).json
    const written = after.entries.find((e) => e.id === 'web-test-trial')
    assert.equal(written.n, 60)
    assert.equal(written.written_by, 'surgeon.tehran-1')
    await checkA11y(page, 'evidence en')
    await shot(page, 'evidence-en')
    b.assertClean()
  } finally {
    await b.close()
  }

  const c = await launch({ ...phone, lang: 'fa' })
  try {
    const { page } = c
    await loginStaff(page, server, 'surgeon.tehran-1')
    await page.goto(server.url + '/outcomes')
    const beside = page.locator('[data-testid=claim-row][data-claim="daily-activities-90-2w"] [data-testid=claim-evidence]')
    await beside.waitFor()
    assert.equal(await beside.getAttribute('data-supported'), 'yes')
    assert.match(await beside.getByTestId('evidence-support').textContent(), /شواهد تصادفی‌شده/)
    await beside.locator('details summary').click()
    assert.match(await beside.locator('[data-id=web-test-trial]').textContent(), /بیشتر بیماران در دو هفته/)
    // Withdrawn with why, on the phone: the claim rests on no controlled evidence again.
    await page.goto(server.url + '/evidence')
    const row = page.locator('[data-testid=evidence-row][data-id=web-test-trial]')
    await row.getByTestId('evidence-withdraw').click()
    await row.getByTestId('withdraw-submit').click()
    await row.locator('.field:has(input[name=reason]) .error-text').waitFor()
    await row.locator('input[name=reason]').fill('آزمون مرورگر تمام شد')
    await row.getByTestId('withdraw-submit').click()
    await page.getByTestId('evidence-notice').waitFor()
    assert.equal(await page.locator('[data-testid=evidence-row][data-id=web-test-trial]').count(), 0)
    assert.equal(await page.locator('[data-testid=evidence-claim][data-claim="daily-activities-90-2w"] [data-testid=claim-evidence]').getAttribute('data-supported'), 'no')
    await assertPersianOnly(page, 'evidence fa', '[data-testid=evidence-page]')
    await checkA11y(page, 'evidence fa phone')
    await shot(page, 'evidence-fa-phone')
    c.assertClean()
  } finally {
    await c.close()
  }
})

test('the surgeon writes the treatment consent on a desktop in English, a claimed figure refused beside its field; the admin publishes it on a phone in Persian', async () => {
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await loginStaff(page, server, 'surgeon.tehran-1')
    await page.goto(server.url + '/consent')
    const kind = page.locator('[data-testid=consent-kind][data-kind=treatment]')
    await kind.getByTestId('consent-write').click()
    const form = kind.getByTestId('consent-form')
    await form.locator('input[name=title_en]').fill('Consent to the stem-cell treatment')
    await form.locator('input[name=title_fa]').fill('رضایت به درمان با سلول بنیادی')
    await form.locator('input[name=heading_en_0]').fill('What the results are')
    await form.locator('input[name=heading_fa_0]').fill('نتیجه‌ها چیست')
    await form.locator('textarea[name=body_en_0]').fill('The article says it works in 85 % of patients.')
    await form.locator('textarea[name=body_fa_0]').fill('نتیجه در این مرکز سنجیده می‌شود.\n\n{{claim:success-75-85}}')
    await form.getByTestId('consent-add-question').click()
    await form.locator('input[name=prompt_en_0]').fill('Is the treatment proven?')
    await form.locator('input[name=prompt_fa_0]').fill('آیا درمان اثبات‌شده است؟')
    await form.locator('input[name=option_en_0_0]').fill('Yes')
    await form.locator('input[name=option_fa_0_0]').fill('بله')
    await form.locator('input[name=option_en_0_1]').fill('No: it is being studied')
    await form.locator('input[name=option_fa_0_1]').fill('نه: در حال بررسی است')
    await form.locator('input[name=correct_0][value="1"]').check()
    await form.getByTestId('consent-submit').click()
    // A claim's figure written as a fact: refused beside the text that says it.
    await form.locator('.field:has(textarea[name=body_en_0]) .error-text').waitFor()
    await form.locator('textarea[name=body_en_0]').fill('What this centre measured stands below.\n\n{{claim:success-75-85}}')
    await form.getByTestId('consent-submit').click()
    await page.getByTestId('consent-notice').getByText('Saved: version 1.').waitFor()
    assert.match(await kind.getByTestId('consent-status').textContent(), /version 1, draft/)
    const surgeon = await apiSession(server, 'surgeon.tehran-1')
    const saved = (await surgeon.get('/api/v1/centres/tehran-1/consent-documents')).json.documents.find((d) => d.kind === 'treatment')
    assert.equal(saved.questions[0].correct, 1)
    assert.equal(saved.written_by, 'surgeon.tehran-1')
    assert.equal(await kind.getByTestId('consent-publish').count(), 0, 'the surgeon does not publish')
    await checkA11y(page, 'consent editor en')
    b.assertClean()
  } finally {
    await b.close()
  }

  const c = await launch({ ...phone, lang: 'fa' })
  try {
    const { page } = c
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/consent')
    const kind = page.locator('[data-testid=consent-kind][data-kind=treatment]')
    await kind.getByTestId('consent-publish').click()
    await page.getByTestId('consent-notice').getByText('نسخهٔ ۱ منتشر شد.').waitFor()
    assert.match(await kind.getByTestId('consent-status').textContent(), /نسخهٔ ۱، منتشرشده/)
    assert.match(await kind.getByTestId('consent-status').textContent(), /رضایت به درمان با سلول بنیادی/)
    await assertPersianOnly(page, 'consent documents fa', '[data-testid=consent-page]')
    await checkA11y(page, 'consent documents fa phone')
    await shot(page, 'consent-documents-fa-phone')
    c.assertClean()
  } finally {
    await c.close()
  }
})
