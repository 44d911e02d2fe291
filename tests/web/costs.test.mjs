// The costs page: the admin of a centre edits its price list on a desktop in English (a
// step priced wrong is refused beside its field; the saved version is read back from the
// server and the one before is kept), and a coordinator on a phone in Persian estimates a
// treatment with a supplementary insurer and instalments: amounts in tomans in Persian
// digits, the insurer's and the patient's shares summing to the total the server gives,
// Jalali due dates, no Latin text, and a print view holding the estimate alone. A patient
// on the portal, on a phone in Persian, sees their own treatment's cost with their insurer.
// And the public directory of centres: a centre's admin lists its services, address and
// map link (a link that is not https refused beside its field), the licensing registry
// suspends another centre and dates a licence's last day, and anyone, signed in or not,
// reads the centres with their licences on a phone in Persian, the suspended one saying
// it books no new harvest or injection. A patient past the 12-week visit rates the
// treatment on a phone in Persian; the centre's admin approves the comment, and the
// directory shows it beside the ratings' count and mean. The centre's education pages: a
// coordinator writes a FAQ answer on a desktop in English (a claim's figure written as a
// fact refused beside its field; the preview shows the centre's measured figure), the admin
// publishes it, and a patient reads the centre's pages and FAQ on a phone in Persian, each
// claim beside what the centre measured or that it is not yet known. A coordinator on a
// phone in Persian agrees a patient's payment plan (refused beside the field without a
// first due day) and, months on, finds it overdue on the worklist and records the payment
// (more than the balance refused beside the amount), after which the worklist drops it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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
// The text of the PDF a button saves (pdftotext: what a reader of the sheet sees).
async function savedPdfText(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
  const file = await download.path()
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-')
  assert.match(download.suggestedFilename(), /\.pdf$/)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString()
}
const toLatin = (s) => String(s).replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)))

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

    // Saved as the server's A4 PDF in Persian: the same figures on the sheet.
    const sheet = await savedPdfText(page, result.getByTestId('estimate-sheet'))
    assert.ok(sheet.includes(tomans(asked.patient_rials)), `the share on the sheet: ${sheet}`)
    assert.ok(sheet.includes(tomans(share)), `the insurer's share on the sheet: ${sheet}`)

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
    const sheet = await savedPdfText(page, section.getByTestId('estimate-sheet'))
    assert.ok(sheet.includes(tomans(clinic.patient_rials)), `the share on the sheet: ${sheet}`)
    await assertPersianOnly(page, 'portal cost fa', '[data-testid=my-cost]')
    await checkA11y(page, 'portal cost fa')
    await section.scrollIntoViewIfNeeded()
    await shot(page, 'portal-cost-fa-phone')
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('the admin lists the centre\'s services and address; the registry suspends another centre', async () => {
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/admin#admin-centres')
    await page.locator('[data-testid=centres-table] tr[data-centre=tehran-1] button').click()
    const form = page.getByTestId('centre-form')
    await form.waitFor()
    await form.locator('input[name=address_en]').fill('14 Kargar Street, Tehran')
    await form.locator('input[name=services][value=fluoroscopy]').uncheck()
    await form.locator('input[name=map_url]').fill('http://maps.example/tehran')
    await form.locator('button[type=submit]').click()
    const mapField = form.locator('.field:has(input[name=map_url])')
    await mapField.locator('.error-text').waitFor()
    assert.match(await mapField.locator('.error-text').textContent(), /https/)
    await form.locator('input[name=map_url]').fill('https://www.openstreetmap.org/?mlat=35.7041&mlon=51.3891')
    await form.locator('button[type=submit]').click()
    await page.getByTestId('save-status').getByText('Saved.').waitFor()
    const listed = async (id) => (await (await fetch(server.url + '/api/v1/directory/centres')).json()).centres.find((c) => c.id === id)
    const tehran = await listed('tehran-1')
    assert.equal(tehran.address_en, '14 Kargar Street, Tehran')
    assert.equal(tehran.map_url, 'https://www.openstreetmap.org/?mlat=35.7041&mlon=51.3891')
    assert.deepEqual(tehran.services, ['bone_marrow', 'adipose', 'expansion_lab', 'ultrasound'])
    await page.locator('header button.link-button').click()
    await page.waitForURL(/\/login/)

    // The registry suspends Mashhad's licence and records who issued it and its last day.
    await loginStaff(page, server, 'registry.licensing')
    await page.waitForURL(/\/admin/)
    const row = page.locator('[data-testid=centres-table] tr[data-centre=mashhad-1]')
    await row.getByTestId('licence-open').click()
    const licence = page.getByTestId('licence-form')
    await licence.locator('select[name=licence_status]').selectOption('suspended')
    await licence.locator('input[name=licence_issuer]').fill('Ministry of Health and Medical Education')
    await licence.getByTestId('licence-expires').fill('2027-06-30')
    await licence.getByTestId('licence-submit').click()
    await page.getByTestId('save-status').getByText('Saved.').waitFor()
    assert.match(await row.getByTestId('centre-licence-expires').textContent(), /2027/)
    const mashhad = await listed('mashhad-1')
    assert.equal(mashhad.licence_standing, 'suspended')
    assert.equal(mashhad.licence_expires, '2027-06-30')
    assert.equal(mashhad.books_procedures, false)
    await checkA11y(page, 'registry licence form')
    b.assertClean()
  } catch (e) {
    await shot(page, 'directory-admin-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('anyone reads the centres and their licences without signing in, on a phone in Persian', async () => {
  const b = await launch({ mobile: true, lang: 'fa' })
  const { page } = b
  try {
    await page.goto(server.url + '/portal/login')
    await page.getByTestId('directory-link').click()
    const directory = page.getByTestId('centre-directory')
    await directory.locator('article[data-centre]').first().waitFor()
    assert.equal(await directory.locator('article[data-centre]').count(), 3)
    const tehran = directory.locator('article[data-centre=tehran-1]')
    assert.match(await tehran.locator('h2').textContent(), /مرکز سلول‌درمانی تهران/)
    assert.equal(await tehran.getByTestId('centre-services').locator('li').count(), 4)
    assert.match(await tehran.getByTestId('centre-services').textContent(), /برداشت از مغز استخوان/)
    assert.match(await tehran.getByTestId('centre-licence').textContent(), /دارای مجوز/)
    assert.match(await tehran.getByTestId('centre-expires').textContent(), /[۰-۹]{4}/)
    assert.equal(await tehran.getByTestId('centre-map').getAttribute('href'), 'https://www.openstreetmap.org/?mlat=35.7041&mlon=51.3891')
    assert.equal(await tehran.getByTestId('centre-not-booking').count(), 0)
    // The centre the registry suspended says so, and that it books nothing new.
    const mashhad = directory.locator('article[data-centre=mashhad-1]')
    assert.match(await mashhad.getByTestId('centre-licence').textContent(), /مجوز تعلیق‌شده/)
    assert.match(await mashhad.getByTestId('centre-not-booking').textContent(), /نوبت نمی‌دهد/)
    assert.match(await directory.locator('article[data-centre=shiraz-1]').getByTestId('centre-licence').textContent(), /در انتظار مجوز/)
    await assertPersianOnly(page, 'the directory of centres', '[data-testid=centre-directory]')
    await checkA11y(page, 'directory fa phone')
    await shot(page, 'directory-fa-phone')
    b.assertClean()
  } catch (e) {
    await shot(page, 'directory-fa-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('a patient rates the treatment on a phone in Persian; the admin approves the comment and the directory shows it', async () => {
  const made = await injectedPatient(server, { mrn: 'RATE-1', mobile: '09125550411' })
  // Twelve weeks on: the visit done, as the clinic records it then.
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(server.data, 'demo.db'),
    `UPDATE schedule_items SET status = 'done', done_on = '${made.today}' WHERE episode_id = ${made.episodeId} AND item_id = 'visit-12w'`])
  const comment = 'درد رانم در راه رفتن کمتر شده است.'
  const b = await launch({ mobile: true, lang: 'fa' })
  try {
    const { page } = b
    await portalSignIn(page, server, { mobile: made.mobile, patientId: made.patientId })
    const card = page.getByTestId('my-rating')
    await card.waitFor()
    await card.getByTestId('rating-submit').click()
    assert.match(await card.locator('.banner.error').textContent(), /۱ تا ۵/)
    await card.locator('input[name=stars][value="4"]').check()
    await card.locator('textarea[name=comment]').fill(comment)
    await card.getByTestId('rating-submit').click()
    await card.getByTestId('rating-saved').waitFor()
    assert.match(await card.getByTestId('rating-comment-status').textContent(), /در انتظار تأیید/)
    await assertPersianOnly(page, 'the rating card', '[data-testid=my-rating]')
    await checkA11y(page, 'portal rating fa phone')
    await shot(page, 'rating-fa-phone')
    b.assertClean()
  } catch (e) {
    await shot(b.page, 'rating-fa-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
  const publicRatings = async () => (await fetch(server.url + '/api/v1/directory/centres/tehran-1/ratings')).json()
  assert.ok(!(await publicRatings()).comments.some((c) => c.comment === comment), 'a comment waits for the admin')

  const a = await launch({ lang: 'en' })
  try {
    const { page } = a
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/admin#admin-ratings')
    const waiting = page.getByTestId('ratings-panel').locator('li', { hasText: comment })
    await waiting.getByTestId('rating-approve').click()
    await page.getByTestId('ratings-notice').getByText('approved').waitFor()
    assert.equal(await waiting.count(), 0)
    await checkA11y(page, 'admin ratings')
    a.assertClean()
  } catch (e) {
    await shot(a.page, 'rating-admin-failure').catch(() => {})
    throw e
  } finally {
    await a.close()
  }
  const shown = await publicRatings()
  assert.ok(shown.comments.some((c) => c.comment === comment && c.stars === 4))
  assert.ok(shown.ratings.count >= 1)
  assert.equal(shown.ratings.distribution.reduce((x, y) => x + y, 0), shown.ratings.count)

  // The directory, on a phone in Persian, shows it with the centre's ratings.
  const c = await launch({ mobile: true, lang: 'fa' })
  try {
    const { page } = c
    await page.goto(server.url + '/centres')
    const ratings = page.locator('article[data-centre=tehran-1]').getByTestId('centre-ratings')
    await ratings.getByTestId('ratings-comments').waitFor()
    assert.match(await ratings.getByTestId('ratings-comments').textContent(), new RegExp(comment))
    assert.match(await ratings.getByTestId('ratings-mean').textContent(), /از ۵/)
    await assertPersianOnly(page, 'the directory with ratings', '[data-testid=centre-directory]')
    await shot(page, 'directory-ratings-fa-phone')
    c.assertClean()
  } finally {
    await c.close()
  }
})

test('a coordinator writes a FAQ answer on a desktop in English, a claimed figure refused beside its field; the admin publishes it', async () => {
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/pages')
    const editorPage = page.getByTestId('pages-editor-page')
    await editorPage.locator('[data-testid=page-row][data-page=how-soon]').waitFor()
    assert.equal(await page.getByTestId('page-publish').count(), 0, 'the coordinator does not publish')
    // The demo's draft of one answer waits with its version and the one the public reads.
    assert.match(await editorPage.locator('[data-page=is-it-painful] [data-testid=page-status]').textContent(), /draft version 2; the public reads version 1/)
    await page.getByTestId('page-new').click()
    const form = page.getByTestId('page-editor')
    await form.locator('input[name=slug]').fill('how-many-visits')
    await form.locator('select[name=kind]').selectOption('faq')
    await form.locator('input[name=position]').fill('70')
    await form.locator('input[name=title_en]').fill('How many visits will I have?')
    await form.locator('input[name=title_fa]').fill('چند بار باید به مرکز بیایم؟')
    await form.locator('textarea[name=body_en]').fill('Three visits and two scans. Our success rate is 85 %.')
    await form.locator('textarea[name=body_fa]').fill('سه ویزیت و دو تصویربرداری.')
    await form.getByTestId('page-save').click()
    const bodyField = form.locator('.field:has(textarea[name=body_en])')
    await bodyField.locator('.error-text').waitFor()
    assert.match(await bodyField.locator('.error-text').textContent(), /success-75-85/)
    await form.locator('textarea[name=body_en]').fill('Three visits and two scans.\n\n{{claim:success-75-85}}')
    // The Persian text gets its figure from the list of the protocol's claims.
    await form.getByTestId('claim-choice').selectOption('pain-relief-80-6m')
    await form.getByTestId('insert-claim-fa').click()
    assert.equal(await form.locator('textarea[name=body_fa]').inputValue(), 'سه ویزیت و دو تصویربرداری.\n\n{{claim:pain-relief-80-6m}}')
    await form.getByTestId('page-save').click()
    await page.getByTestId('pages-notice').getByText('Version 1 saved as a draft.').waitFor()
    const row = editorPage.locator('[data-testid=page-row][data-page=how-many-visits]')
    assert.match(await row.getByTestId('page-status').textContent(), /draft, never published/)
    // The preview shows the claim as a claim beside what the centre measured.
    const figure = row.locator('[data-testid=claim-figure][data-claim=success-75-85]')
    await figure.waitFor()
    assert.match(await figure.textContent(), /The clinic’s article claims/)
    await checkA11y(page, 'education editor')
    await shot(page, 'pages-editor-en')
    b.assertClean()
  } catch (e) {
    await shot(page, 'pages-editor-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
  const published = async () => (await (await fetch(server.url + '/api/v1/directory/centres/tehran-1/pages')).json()).pages
  assert.ok(!(await published()).some((p) => p.slug === 'how-many-visits'), 'a draft is not public')

  // The admin publishes it on a phone, in Persian.
  const a = await launch({ mobile: true, lang: 'fa' })
  try {
    const { page } = a
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/pages')
    const row = page.locator('[data-testid=page-row][data-page=how-many-visits]')
    assert.match(await row.locator('h2').textContent(), /چند بار باید به مرکز بیایم؟/)
    await row.getByTestId('page-publish').click()
    await page.getByTestId('pages-notice').getByText('نسخهٔ ۱ منتشر شد').waitFor()
    assert.match(await row.getByTestId('page-status').textContent(), /نسخهٔ ۱، منتشرشده/)
    await assertPersianOnly(page, 'the education pages editor', '[data-testid=pages-editor-page]')
    await checkA11y(page, 'education editor fa phone')
    await shot(page, 'pages-editor-fa-phone')
    a.assertClean()
  } catch (e) {
    await shot(a.page, 'pages-publish-failure').catch(() => {})
    throw e
  } finally {
    await a.close()
  }
  const visits = (await published()).find((p) => p.slug === 'how-many-visits')
  assert.equal(visits.version, 1)
  assert.deepEqual(visits.blocks.en.map((x) => x.claim ?? x.text), ['Three visits and two scans.', 'success-75-85'])
  assert.deepEqual(visits.blocks.fa.map((x) => x.claim ?? x.text), ['سه ویزیت و دو تصویربرداری.', 'pain-relief-80-6m'])

  // Anyone reads it from the directory, on a desktop in English, without signing in.
  const c = await launch({ lang: 'en' })
  try {
    const { page } = c
    await page.goto(server.url + '/centres')
    await page.locator('article[data-centre=tehran-1]').getByTestId('centre-learn').click()
    const entry = page.locator('details[data-page=how-many-visits]')
    await entry.locator(':scope > summary').click()
    assert.match(await entry.textContent(), /Three visits and two scans\./)
    const figure = entry.locator('[data-testid=claim-figure][data-claim=success-75-85]')
    assert.match(await figure.textContent(), /The clinic’s article claims:/)
    assert.match(await figure.textContent(), /Not yet known at this centre|Measured at this centre/)
    await checkA11y(page, 'learn en desktop')
    c.assertClean()
  } finally {
    await c.close()
  }

  // The admin takes it down on a desktop in English: a reason is required; the public then
  // reads none of it, and the editor's list says why.
  const d = await launch({ lang: 'en' })
  try {
    const { page } = d
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/pages')
    const row = page.locator('[data-testid=page-row][data-page=how-many-visits]')
    await row.getByTestId('page-withdraw').click()
    const form = row.getByTestId('page-withdraw-form')
    await form.getByTestId('page-withdraw-submit').click()
    await form.locator('.field:has(input[name=reason]) .error-text').waitFor()
    assert.ok((await published()).some((p) => p.slug === 'how-many-visits'), 'refused: still public')
    await form.locator('input[name=reason]').fill('The visits changed this year.')
    await form.getByTestId('page-withdraw-submit').click()
    await page.getByTestId('pages-notice').getByText('Page withdrawn').waitFor()
    assert.match(await row.getByTestId('page-status').textContent(), /withdrawn: The visits changed this year\./)
    assert.ok(!(await published()).some((p) => p.slug === 'how-many-visits'), 'no longer public')
    await checkA11y(page, 'education editor withdrawn en')
    d.assertClean()
  } finally {
    await d.close()
  }
})

test('a patient reads their centre\'s information and FAQ with its measured figures on a phone in Persian', async () => {
  const made = await injectedPatient(server, { mrn: 'LEARN-1', mobile: '09125550412' })
  const b = await launch({ mobile: true, lang: 'fa' })
  const { page } = b
  try {
    await portalSignIn(page, server, { mobile: made.mobile, patientId: made.patientId })
    await page.getByTestId('learn-link').click()
    const learn = page.getByTestId('learn-page')
    await learn.getByTestId('learn-article').first().waitFor()
    assert.match(await learn.getByTestId('learn-centre').textContent(), /مرکز سلول‌درمانی تهران/)
    const faq = learn.getByTestId('faq-entry')
    assert.ok((await faq.count()) >= 6, 'the seed article\'s questions')
    // Each claim the pages name shows as a claim, then the centre's figure or that it is not yet known.
    const measured = learn.locator('[data-page=what-we-measure] [data-testid=claim-figure][data-claim=success-75-85]')
    assert.match(await measured.textContent(), /مقالهٔ درمانگاه ادعا می‌کند/)
    assert.match(await measured.textContent(), /هنوز در این مرکز معلوم نیست|سنجیده در این مرکز/)
    assert.match(await measured.getByTestId('figure-as-of').textContent(), /[۰-۹]{4}/, 'the day its data are from')
    // Beside it, what published trials found on the same claim: none supports it with a randomised trial.
    const evidence = measured.getByTestId('claim-evidence')
    assert.equal(await evidence.getAttribute('data-supported'), 'no')
    assert.match(await evidence.getByTestId('evidence-support').textContent(), /هیچ کارآزمایی تصادفی/)
    await evidence.locator('details summary').click()
    assert.match(await evidence.locator('[data-testid=evidence-entry][data-id=miles-2023]').textContent(), /کورتون/)
    const sideEffects = learn.locator('details[data-page=side-effects]')
    await sideEffects.locator(':scope > summary').click()
    await sideEffects.locator('[data-testid=claim-figure]').waitFor()
    // The demo's newer draft of an answer is not what the public reads.
    const painful = learn.locator('details[data-page=is-it-painful]')
    await painful.locator(':scope > summary').click()
    assert.doesNotMatch(await painful.textContent(), /استامینوفن بخواهید/)
    const noScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
    assert.ok(noScroll, 'no sideways scrolling on a phone')
    await assertPersianOnly(page, 'the centre\'s information and FAQ', '[data-testid=learn-page]')
    await checkA11y(page, 'learn fa phone')
    await shot(page, 'learn-fa-phone')
    b.assertClean()
  } catch (e) {
    await shot(page, 'learn-fa-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('a coordinator agrees a payment plan and records an overdue payment on a phone in Persian; the worklist lists it until paid', async () => {
  const made = await injectedPatient(server, { mrn: 'PAY-1', mobile: '09125550413' })
  const b = await launch({ mobile: true, lang: 'fa' })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(`${server.url}/patients/${made.patientId}?episode=${made.episodeId}`)
    const fold = page.locator('[data-fold=payments]')
    await fold.locator('[data-fold-toggle]').click()
    const form = fold.getByTestId('plan-form')
    await form.waitFor()
    await form.locator('input[name=months]').fill('۴')
    await form.locator('input[name=down]').fill('۳٬۰۰۰٬۰۰۰')
    // Two insurers, as on the estimate: a basic one and a supplementary one insured a year.
    await form.locator('select[name=insurer_1] option[value=supplementary-example-30]').waitFor({ state: 'attached' })
    await form.locator('select[name=insurer_0]').selectOption('social-security')
    await form.locator('select[name=insurer_1]').selectOption('supplementary-example-30')
    await form.locator('input[name=months_insured_1]').fill('۱۲')
    await form.getByTestId('plan-agree').click()
    // No first due date: refused beside its field, in Persian.
    await form.locator('.field:has(input[name=first_due]) .error-text').waitFor()
    const nextMonth = (await (await apiSession(server, 'coordinator.tehran-1')).get('/api/v1/worklist')).json.date_jalali
    const [y, m] = nextMonth.split(/\D/).map(Number)
    const due = m === 12 ? `${y + 1}/01/10` : `${y}/${String(m + 1).padStart(2, '0')}/10`
    await form.locator('input[name=first_due]').fill(persianDigits(due))
    await form.getByTestId('plan-agree').click()
    const standing = fold.getByTestId('plan-standing')
    await standing.waitFor()
    assert.equal(await standing.getByTestId('plan-instalment').count(), 5)
    assert.match(await standing.locator('[data-n="0"]').textContent(), /پیش‌پرداخت/)
    // The estimate as agreed is kept with the plan: each step, both insurers, the share.
    const agreed = (await (await apiSession(server, 'coordinator.tehran-1')).get(`/api/v1/episodes/${made.episodeId}/payment-plan`)).json.plan
    assert.deepEqual(agreed.payers.map((p) => p.insurer), ['social-security', 'supplementary-example-30'])
    assert.ok(agreed.payers[1].amount_rials > 0, 'the supplementary insurer pays its share')
    assert.equal(agreed.lines.reduce((sum, l) => sum + l.amount_rials, 0), agreed.total_rials)
    const estimate = standing.getByTestId('plan-agreed')
    await estimate.locator('summary').click()
    assert.equal(await estimate.locator('[data-item]').count(), agreed.lines.length)
    assert.equal(await estimate.locator('[data-payer]').count(), 2)
    assert.match(await estimate.locator('[data-payer=social-security]').textContent(), /تأمین اجتماعی/)
    assert.equal(toLatin(await estimate.getByTestId('estimate-patient').textContent()).replace(/\D/g, ''), String(agreed.patient_rials / 10))
    // The plan prints as a PDF from the link beside it, in the screen's language.
    const sheet = await page.request.get(server.url + (await fold.getByTestId('plan-sheet').getAttribute('href')))
    assert.equal(sheet.status(), 200)
    assert.equal(sheet.headers()['content-type'], 'application/pdf')
    assert.match((await fold.getByTestId('plan-sheet').getAttribute('href')) ?? '', /lang=fa/)
    await assertPersianOnly(page, 'the payment plan', '[data-fold=payments]')
    await checkA11y(page, 'payment plan fa phone')
    b.assertClean()
  } catch (e) {
    await shot(page, 'payments-plan-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }

  // Three months on, as the clinic would find it: the plan agreed and due 90 days earlier, nothing paid.
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(server.data, 'demo.db'),
    `UPDATE plan_instalments SET due = date(due, '-90 days') WHERE plan_id = (SELECT id FROM payment_plans WHERE episode_id = ${made.episodeId});
     UPDATE payment_plans SET agreed_on = date(agreed_on, '-90 days') WHERE episode_id = ${made.episodeId}`])
  const c = await launch({ mobile: true, lang: 'fa' })
  try {
    const { page } = c
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/worklist')
    const row = page.locator(`[data-testid=overdue-payment][data-episode="${made.episodeId}"]`)
    await row.waitFor()
    assert.match(await row.textContent(), /تومان/)
    await shot(page, 'worklist-overdue-payments-fa-phone')
    await row.locator('a').first().click()
    const fold = page.locator('[data-fold=payments]')
    await fold.locator('[data-fold-toggle]').click()
    const overdue = await (await apiSession(server, 'coordinator.tehran-1')).get(`/api/v1/episodes/${made.episodeId}/payment-plan`)
    const owed = overdue.json.plan.overdue_rials
    assert.ok(owed > 0)
    assert.match(await fold.getByTestId('plan-overdue').textContent(), /تومان/)
    const pay = fold.getByTestId('payment-form')
    // A payment typed wrong (a thousand tomans) is reversed with why: kept, struck
    // through, counting for nothing; the reason is required.
    await pay.locator('input[name=amount]').fill(persianDigits(1000))
    await pay.getByTestId('payment-submit').click()
    const wrong = fold.locator('[data-testid=payments-list] li[data-reversed=no]').first()
    await wrong.waitFor()
    await wrong.getByTestId('payment-reverse').click()
    const reversal = wrong.getByTestId('reversal-form')
    await reversal.getByTestId('reversal-submit').click()
    await reversal.locator('.field:has(input[name=reason]) .error-text').waitFor()
    await reversal.locator('input[name=reason]').fill('مبلغ اشتباه وارد شد')
    await reversal.getByTestId('reversal-submit').click()
    const reversed = fold.locator('[data-testid=payments-list] li[data-reversed=yes]')
    await reversed.waitFor()
    assert.match(await reversed.getByTestId('payment-reversed').textContent(), /مبلغ اشتباه وارد شد/)
    assert.equal(await reversed.locator('s').count(), 1)
    const afterReversal = (await (await apiSession(server, 'coordinator.tehran-1')).get(`/api/v1/episodes/${made.episodeId}/payment-plan`)).json.plan
    assert.equal(afterReversal.overdue_rials, owed, 'the reversed payment counts for nothing')
    // More than the balance: refused beside the amount.
    await pay.locator('input[name=amount]').fill(persianDigits(overdue.json.plan.balance_rials / 10 + 1000))
    await pay.getByTestId('payment-submit').click()
    await pay.locator('.field:has(input[name=amount]) .error-text').waitFor()
    await pay.locator('input[name=amount]').fill(persianDigits(owed / 10))
    await pay.locator('select[name=method]').selectOption('transfer')
    await pay.locator('input[name=reference]').fill('TR-5521')
    await pay.getByTestId('payment-submit').click()
    // The list had the reversed payment already: wait for the one that counts.
    await fold.locator('[data-testid=payments-list] li[data-reversed=no]').waitFor()
    assert.equal(await fold.getByTestId('plan-overdue').count(), 0)
    assert.match(await fold.getByTestId('payments-list').textContent(), /حوالهٔ بانکی/)
    await assertPersianOnly(page, 'the payments', '[data-fold=payments]')
    c.assertClean()
  } catch (e) {
    await shot(c.page, 'payments-record-failure').catch(() => {})
    throw e
  } finally {
    await c.close()
  }
  const after = (await (await apiSession(server, 'coordinator.tehran-1')).get('/api/v1/worklist')).json
  assert.ok(!after.overdue_payments.some((p) => p.episode_id === made.episodeId), 'paid: off the worklist')
})
