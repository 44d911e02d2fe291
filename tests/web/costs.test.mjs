// The costs page: the admin of a centre edits its price list on a desktop in English (a
// step priced wrong is refused beside its field; the saved version is read back from the
// server and the one before is kept), and a coordinator on a phone in Persian estimates a
// treatment with a supplementary insurer and instalments: amounts in tomans in Persian
// digits, the insurer's and the patient's shares summing to the total the server gives,
// Jalali due dates, no Latin text, and a print view holding the estimate alone. A patient
// on the portal, on a phone in Persian, sees their own treatment's cost with their insurer.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, injectedPatient, portalSignIn } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'

let server
before(async () => {
  server = await startServer({ patients: 12 })
})
after(async () => {
  await server?.stop()
})

const persianDigits = (n) => String(n).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d])

test('the admin writes the next version of the centre\'s price list', async () => {
  const api = await apiSession(server, 'admin.tehran-1')
  const [demo] = (await api.get('/api/v1/centres/tehran-1/price-lists')).json.price_lists
  assert.ok(demo, 'the demo priced its centres')
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/costs')
    const panel = page.getByTestId('price-lists')
    await panel.locator(`th[data-list="${demo.id}"]`).waitFor()
    assert.match(await panel.locator('tr[data-item=consultation]').textContent(), /1,600,000/)
    await panel.getByTestId(`price-next-${demo.id}`).click()
    const form = panel.getByTestId('price-form')
    assert.equal(await form.locator('input[name=amount_consultation]').inputValue(), '1,600,000')
    await form.locator('input[name=amount_consultation]').fill('one million')
    await form.getByTestId('price-submit').click()
    await form.locator('.error-text').first().waitFor()
    assert.match(await form.textContent(), /Not an amount in tomans/)
    await form.locator('input[name=amount_consultation]').fill('1,800,000')
    await form.locator('input[name=note]').fill('consultation up from Farvardin')
    await checkA11y(page, 'price list form en')
    await shot(page, 'costs-price-list-form-en')
    await form.getByTestId('price-submit').click()
    await page.getByTestId('price-lists-notice').filter({ hasText: 'version 2' }).waitFor()
    const [now] = (await api.get('/api/v1/centres/tehran-1/price-lists')).json.price_lists
    assert.equal(now.version, 2)
    assert.equal(now.series_id, demo.series_id)
    assert.equal(now.lines.find((l) => l.item === 'consultation').amount_rials, 18000000)
    assert.equal(now.note, 'consultation up from Farvardin')
    const history = (await api.get('/api/v1/centres/tehran-1/price-lists?history=true')).json.price_lists
    assert.equal(history.length, 2)
    assert.ok(history.find((l) => l.id === demo.id).superseded_at)
    await panel.locator('tr[data-item=consultation]').filter({ hasText: '1,800,000' }).waitFor()
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('a coordinator estimates a treatment with insurance and instalments on a phone in Persian', async () => {
  const api = await apiSession(server, 'coordinator.tehran-1')
  const [list] = (await api.get('/api/v1/centres/tehran-1/price-lists')).json.price_lists
  const year = list.valid_to_year
  const b = await launch({ viewport: { width: 390, height: 844 }, mobile: true, lang: 'fa' })
  try {
    const { page } = b
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/costs')
    const form = page.getByTestId('estimate-form')
    await form.locator('select[name=insurer_0] option[value=health-insurance]').waitFor({ state: 'attached' })
    await form.locator('input[name=year]').fill(persianDigits(year))
    await form.locator('select[name=cell_source]').selectOption('adipose')
    await form.locator('input[name=expansion]').check()
    await form.locator('select[name=insurer_0]').selectOption('health-insurance')
    await form.locator('select[name=insurer_1]').selectOption('supplementary-example-30')
    await form.locator('input[name=months_insured_1]').fill('۱۲')
    await form.locator('input[name=months]').fill('۶')
    await form.locator('input[name=down]').fill('۲٬۰۰۰٬۰۰۰')
    await form.locator('input[name=first_due]').fill(`${persianDigits(year)}/۰۷/۱۵`)
    await form.getByTestId('estimate-submit').click()
    const result = page.getByTestId('estimate-result')
    await result.waitFor()

    // The same estimate from the server: the screen shows its figures.
    const asked = (await api.post('/api/v1/centres/tehran-1/estimates', {
      year,
      cell_source: 'adipose',
      expansion: true,
      guidance: 'ultrasound',
      insurers: [{ insurer: 'health-insurance', months_insured: 0 }, { insurer: 'supplementary-example-30', months_insured: 12 }],
      down_rials: 20000000,
      months: 6,
      first_due_jalali: `${year}/07/15`,
    })).json
    const share = asked.payers[1].amount_rials
    assert.ok(share > 0, 'the supplementary insurer pays after its waiting period')
    assert.equal(asked.payers[0].amount_rials + share + asked.patient_rials, asked.total_rials)
    const tomans = (rials) => new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 }).format(rials / 10)
    assert.match(await page.getByTestId('estimate-total').textContent(), new RegExp(tomans(asked.total_rials)))
    assert.match(await page.getByTestId('estimate-patient').textContent(), new RegExp(tomans(asked.patient_rials)))
    assert.match(await result.locator('tr[data-payer=supplementary-example-30]').textContent(), new RegExp(tomans(share)))
    assert.match(await result.locator('tr[data-payer=health-insurance]').textContent(), /چیزی نمی‌پردازد/)
    const plan = result.getByTestId('estimate-plan')
    assert.equal(await plan.locator('tbody tr').count(), 6)
    assert.match(await plan.locator('tbody tr').first().textContent(), /مهر/)
    assert.doesNotMatch(await result.textContent(), /[0-9]/)
    await assertPersianOnly(page, 'costs fa', '[data-testid=estimate]')
    await checkA11y(page, 'estimate fa')
    await shot(page, 'costs-estimate-fa-phone')

    // Printed, the estimate stands alone.
    await page.emulateMedia({ media: 'print' })
    assert.equal(await form.isVisible(), false)
    assert.equal(await result.isVisible(), true)
    assert.equal(await page.getByTestId('price-lists').isVisible(), false)
    await shot(page, 'costs-estimate-fa-print')
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('a patient sees what their treatment costs on the portal, on a phone in Persian', async () => {
  const made = await injectedPatient(server, { mrn: 'COST-7001', mobile: '09125557001' })
  const coordinator = await apiSession(server, 'coordinator.tehran-1')
  const episode = (await coordinator.get(`/api/v1/episodes/${made.episodeId}`)).json
  const b = await launch({ viewport: { width: 390, height: 844 }, mobile: true, lang: 'fa' })
  try {
    const { page } = b
    await portalSignIn(page, server, made)
    const section = page.getByTestId('my-cost')
    await section.waitFor()
    await section.locator('select[name=insurer_1] option[value=supplementary-example-30]').waitFor({ state: 'attached' })
    await section.locator('select[name=insurer_0]').selectOption('social-security')
    await section.locator('select[name=insurer_1]').selectOption('supplementary-example-30')
    await section.locator('input[name=months_insured_1]').fill('۲۴')
    // Nothing wider than the phone: an insurer's long name wraps or truncates in its list.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
    await section.getByTestId('my-cost-submit').tap()
    await section.getByTestId('estimate-result').waitFor()

    // What the clinic's own estimate for the same treatment says.
    const year = Number(new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', timeZone: 'UTC' }).format(new Date(episode.harvest_date + 'T12:00:00Z')).replace(/\D/g, ''))
    const clinic = (await coordinator.post('/api/v1/centres/tehran-1/estimates', {
      year,
      cell_source: episode.cell_source ?? 'bone_marrow',
      guidance: episode.guidance ?? 'ultrasound',
      insurers: [{ insurer: 'social-security', months_insured: 0 }, { insurer: 'supplementary-example-30', months_insured: 24 }],
    })).json
    const tomans = (rials) => new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 }).format(rials / 10)
    assert.match(await section.getByTestId('estimate-patient').textContent(), new RegExp(tomans(clinic.patient_rials)))
    assert.match(await section.locator('tr[data-payer=supplementary-example-30]').textContent(), new RegExp(tomans(clinic.payers[1].amount_rials)))
    await assertPersianOnly(page, 'portal cost fa', '[data-testid=my-cost]')
    await checkA11y(page, 'portal cost fa')
    await section.scrollIntoViewIfNeeded()
    await shot(page, 'portal-cost-fa-phone')
    b.assertClean()
  } finally {
    await b.close()
  }
})
