// The cell products in a browser: the lab's view by state and a product's page with its
// chain (English, then Persian with no Latin text but the codes), the bedside check with
// a keyboard-wedge scan (a line typed fast and Enter) of a released demo product beside
// its donor's wristband (green) and another patient's (red, wrong_patient, nothing
// injected), and the injection through it (the product used, the episode injected), on a
// tablet in Persian; the bedside on a phone without sideways scrolling. What the browser
// did is read back through the API.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, addDays } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'

let server
// A centre with a released product: its lab and surgeon, the product, and another patient there.
let site
before(async () => {
  server = await startServer()
  for (const centre of ['tehran-1', 'mashhad-1', 'shiraz-1']) {
    const lab = await apiSession(server, `lab.${centre}`)
    const all = (await lab.get('/api/v1/products')).json
    const released = all.find((p) => p.state === 'released')
    const other = all.find((p) => released && p.patient.id !== released.patient.id)
    if (released && other) {
      site = { centre, lab, surgeon: await apiSession(server, `surgeon.${centre}`), all, released, otherMrn: other.patient.mrn }
      break
    }
  }
  assert.ok(site, 'the demo has a centre with a released product and another patient')
})
after(async () => {
  await server?.stop()
})

// The line a scanner types for a DIN's ISBT 128 barcode: '=' + the 13 characters + the flag.
const scanned = (p) => '=' + p.din.slice(0, 13) + p.flag

// A scan as the keyboard-wedge scanner makes it: a line typed fast into the field that has
// the focus, then Enter. The screen puts the focus where the next scan goes: the DIN's
// field on opening and after a verdict, the wristband's after the DIN.
async function typeScan(page, testid, line) {
  await page.waitForFunction((id) => document.activeElement?.dataset.testid === id, testid)
  await page.keyboard.type(line, { delay: 5 })
  await page.keyboard.press('Enter')
}

test('the lab view lists the centre’s products by state, and a product page shows its chain', async () => {
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, `lab.${site.centre}`)
    await page.getByRole('link', { name: 'Products' }).click()
    await page.waitForURL(/\/staff\/products$/)
    const rows = page.getByTestId('product-row')
    await rows.first().waitFor()
    assert.deepEqual(
      (await rows.evaluateAll((rs) => rs.map((r) => r.dataset.din))).sort(),
      site.all.map((p) => p.din).sort(),
    )
    // the check character boxed apart from the 13 characters
    const row = page.locator(`[data-testid=product-row][data-din="${site.released.din}"]`)
    assert.equal(await row.getByTestId('din-check').textContent(), site.released.din[13])
    assert.match(await row.textContent(), new RegExp(site.released.patient.mrn))
    assert.match(await row.getByTestId('product-expiry').textContent(), /\d+ (h|d)/)
    // one state: only its products
    await page.locator('[data-testid=product-tabs] a[data-state=released]').click()
    await page.waitForSelector('[data-testid=product-list][data-state=released]')
    const states = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.state))
    assert.deepEqual(states, site.all.filter((p) => p.state === 'released').map(() => 'released'))
    await checkA11y(page, 'lab view')
    // the product's page: its fields and its chain in order
    await row.getByRole('link').first().click()
    await page.getByTestId('custody-chain').waitFor()
    assert.equal(await page.getByTestId('product-state').getAttribute('data-value'), 'released')
    const kinds = await page.getByTestId('custody-event').evaluateAll((es) => es.map((e) => e.dataset.kind))
    const chain = (await site.lab.get('/api/v1/products/' + site.released.din)).json
    assert.deepEqual(kinds, chain.events.map((e) => e.kind))
    assert.ok(kinds.includes('release'), kinds.join())
    await checkA11y(page, 'product page')
    // the label for the printer, a PDF read with the page's own session; the print joins the chain
    const label = await page.request.get(server.url + (await page.getByTestId('print-label').getAttribute('href')))
    assert.equal(label.status(), 200)
    assert.equal(label.headers()['content-type'], 'application/pdf')
    assert.equal((await label.body()).subarray(0, 5).toString(), '%PDF-')
    await page.reload()
    const printed = page.locator('[data-testid=custody-event][data-kind=label_printed]')
    await printed.waitFor()
    assert.match(await printed.textContent(), /Label printed.*PDF label in English/s)
    b.assertClean()
  } catch (e) {
    await shot(page, 'products-lab-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('the release refused: the criteria the product fails, in words, and the product still awaiting release', async () => {
  let found
  for (const centre of ['tehran-1', 'mashhad-1', 'shiraz-1']) {
    const lab = await apiSession(server, `lab.${centre}`)
    const waiting = (await lab.get('/api/v1/products?state=awaiting_release')).json
    if (waiting.length) found = { centre, lab, product: waiting[0] }
    if (found) break
  }
  assert.ok(found, 'the demo has a product awaiting release')
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    // the lab's second person, who did not process it (the demo's lab.<centre> did)
    await loginStaff(page, server, `qa.${found.centre}`)
    await page.goto(server.url + '/staff/products/' + encodeURIComponent(found.product.din))
    const form = page.getByTestId('release-form')
    await form.getByTestId('release-submit').click()
    const failed = form.getByTestId('release-failed')
    await failed.waitFor()
    // the demo's product waits for its sterility result
    const criteria = await failed.locator('li').evaluateAll((ls) => ls.map((l) => l.dataset.criterion))
    assert.ok(criteria.includes('sterility'), criteria.join())
    assert.match(await failed.textContent(), /not met.*sterility.*surgeon may record an exception/s)
    const after = (await found.lab.get('/api/v1/products/' + found.product.din)).json
    assert.equal(after.state, 'awaiting_release')
    assert.ok(!after.events.some((e) => e.kind === 'release'))
    b.assertClean()
  } catch (e) {
    await shot(page, 'products-release-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('Persian: the lab view and an injected product’s chain show no Latin text but the codes', async () => {
  const b = await launch({ lang: 'fa' })
  const { page } = b
  try {
    await loginStaff(page, server, `lab.${site.centre}`)
    await page.goto(server.url + '/staff/products')
    await page.getByTestId('product-row').first().waitFor()
    await assertPersianOnly(page, 'lab view')
    assert.match(await page.getByTestId('product-tabs').textContent(), /آزادشده/)
    const used = site.all.find((p) => p.state === 'used')
    if (used) {
      await page.goto(server.url + '/staff/products/' + encodeURIComponent(used.din))
      await page.locator('[data-testid=custody-event][data-kind=bedside_check]').waitFor()
      await assertPersianOnly(page, 'an injected product’s page')
    }
    await shot(page, 'products-lab-fa')
    // the lab's forms on a product awaiting release: QC, release, setting aside
    const waiting = await demoProduct((p) => p.state === 'awaiting_release')
    await loginStaff(page, server, `lab.${waiting.centre}`)
    await page.goto(server.url + '/staff/products/' + encodeURIComponent(waiting.product.din))
    await page.getByTestId('release-form').waitFor()
    await assertPersianOnly(page, 'a product awaiting release, with the lab’s forms')
    b.assertClean()
  } catch (e) {
    await shot(page, 'products-fa-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('the bedside: a scanned released product and its donor’s wristband are green, another patient’s red, and nothing is injected', async () => {
  const b = await launch({ lang: 'en' })
  const { page } = b
  const p = site.released
  try {
    await loginStaff(page, server, `surgeon.${site.centre}`)
    // the episode's injection step points to the bedside check
    await page.goto(`${server.url}/patients/${p.patient.id}?episode=${p.episode_id}`)
    const panel = page.getByTestId('transition-panel')
    await panel.waitFor({ state: 'attached' })
    await page.locator('[data-fold=transition] > .fold-head button[aria-expanded=false]').click().catch(() => {})
    await page.getByTestId('inject-at-bedside').waitFor()
    const options = await panel.locator('[data-testid=transition-to] option').evaluateAll((os) => os.map((o) => o.value))
    assert.ok(!options.includes('injected'), options.join())

    await page.getByRole('link', { name: 'Bedside check' }).first().click()
    await page.waitForURL(/\/staff\/bedside$/)
    // the scanner types into the DIN's field, which has the focus, then the wristband's
    await typeScan(page, 'scan-din', scanned(p))
    await typeScan(page, 'scan-mrn', p.patient.mrn)
    const verdict = page.getByTestId('verdict')
    await verdict.waitFor()
    assert.equal(await verdict.getAttribute('data-verdict'), 'ok')
    assert.match(await verdict.textContent(), /Verified/)
    const green = await verdict.evaluate((el) => getComputedStyle(el).backgroundColor)
    assert.match(green, /rgb\(230, 244, 234\)/)
    await page.getByTestId('inject-form').waitFor()
    await checkA11y(page, 'bedside green')

    // a new scan starts over: the product typed with its check character, another wristband
    await typeScan(page, 'scan-din', p.din)
    await page.getByTestId('inject-form').waitFor({ state: 'detached' })
    await typeScan(page, 'scan-mrn', site.otherMrn)
    await page.waitForSelector('[data-testid=verdict][data-verdict=wrong_patient]')
    assert.match(await verdict.textContent(), /Do not inject.*another patient/s)
    assert.equal(await page.getByTestId('inject-form').count(), 0)
    await shot(page, 'products-bedside-red')

    // a DIN with a wrong check character names the DIN
    const wrongCheck = p.din.slice(0, 13) + (p.din[13] === 'A' ? 'B' : 'A')
    await typeScan(page, 'scan-din', wrongCheck)
    await typeScan(page, 'scan-mrn', p.patient.mrn)
    await page.waitForSelector('[data-testid=verdict][data-field=din]')
    assert.match(await verdict.textContent(), /DIN is not valid/)

    // nothing was injected
    const after = (await site.surgeon.get('/api/v1/products/' + p.din)).json
    assert.equal(after.state, 'released')
    assert.equal((await site.surgeon.get(`/api/v1/episodes/${p.episode_id}`)).json.state, 'product_released')
    // the checks are in the chain, the refusal with its verdict
    const checks = after.events.filter((e) => e.kind === 'bedside_check').map((e) => `${e.verified}: ${e.detail}`)
    assert.ok(checks.includes(`din ${p.din}, wristband ${site.otherMrn}: wrong_patient`), checks.join(' | '))
    assert.ok(!after.events.some((e) => e.kind === 'injection'), 'no injection event')
    b.assertClean()
  } catch (e) {
    await shot(page, 'products-bedside-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('the injection through the bedside check, in Persian on a tablet: the product used, the episode injected', async () => {
  const b = await launch({ lang: 'fa', viewport: { width: 820, height: 1180 }, mobile: true })
  const { page } = b
  const p = site.released
  try {
    await loginStaff(page, server, `surgeon.${site.centre}`)
    await page.goto(server.url + '/staff/bedside')
    await page.getByTestId('scan-din').waitFor()
    await typeScan(page, 'scan-din', scanned(p))
    await typeScan(page, 'scan-mrn', p.patient.mrn)
    await page.waitForSelector('[data-testid=verdict][data-verdict=ok]')
    await assertPersianOnly(page, 'bedside green')
    const form = page.getByTestId('inject-form')
    await form.getByTestId('guidance-ultrasound').tap()
    await form.locator('input[name=dose_cells]').fill('۴۰۰۰۰۰۰۰')
    await form.locator('input[name=location]').fill('اتاق تزریق ۲')
    await form.getByTestId('inject-submit').tap()
    await page.getByTestId('injected').waitFor()
    await assertPersianOnly(page, 'bedside injected')
    await shot(page, 'products-bedside-injected-fa')

    const product = (await site.surgeon.get('/api/v1/products/' + p.din)).json
    assert.equal(product.state, 'used')
    const injection = product.events.find((e) => e.kind === 'injection')
    assert.ok(injection, 'an injection event')
    assert.equal(injection.location, 'اتاق تزریق ۲')
    assert.match(injection.detail, /40000000/)
    assert.equal((await site.surgeon.get(`/api/v1/episodes/${p.episode_id}`)).json.state, 'injected')

    // the same product again: red, already injected
    await typeScan(page, 'scan-din', scanned(p))
    await typeScan(page, 'scan-mrn', p.patient.mrn)
    await page.waitForSelector('[data-testid=verdict][data-verdict=used]')
    await assertPersianOnly(page, 'bedside red')
    // its chain in Persian: every check, the refusals' verdicts and the injection in words
    await page.goto(server.url + '/staff/products/' + encodeURIComponent(p.din))
    await page.locator('[data-testid=custody-event][data-kind=injection]').waitFor()
    await assertPersianOnly(page, 'the injected product’s chain')
    assert.match(await page.getByTestId('custody-chain').textContent(), /از آنِ بیمار دیگری/)
    b.assertClean()
  } catch (e) {
    await shot(page, 'products-inject-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('the bedside check fits a phone: no sideways scrolling', async () => {
  const b = await launch({ lang: 'en', viewport: { width: 360, height: 740 }, mobile: true })
  const { page } = b
  try {
    await loginStaff(page, server, `surgeon.${site.centre}`)
    await page.goto(server.url + '/staff/bedside')
    await typeScan(page, 'scan-din', scanned(site.released))
    await typeScan(page, 'scan-mrn', site.otherMrn)
    await page.getByTestId('verdict').waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`)
    const check = await page.getByTestId('bedside-check').boundingBox()
    assert.ok(check.height >= 44, `a touch target of ${check.height}px`)
    // a scan made while nothing typeable has the focus still lands in the DIN's field, and starts over
    await page.getByRole('heading', { name: 'Bedside check' }).click()
    await page.keyboard.type(site.released.din, { delay: 5 })
    assert.equal(await page.getByTestId('scan-din').inputValue(), site.released.din)
    assert.equal(await page.getByTestId('verdict').count(), 0)
    await shot(page, 'products-bedside-phone')
    b.assertClean()
  } finally {
    await b.close()
  }
})

// The first demo product, at any centre, for which `pick` holds, with that centre's lab.
async function demoProduct(pick) {
  for (const centre of ['tehran-1', 'mashhad-1', 'shiraz-1']) {
    const lab = await apiSession(server, `lab.${centre}`)
    const product = (await lab.get('/api/v1/products')).json.find(pick)
    if (product) return { centre, lab, product }
  }
  assert.fail('no demo product for this step')
}

test('the lab’s steps in the browser: receipt, processing with its passages, storage readings, QC with the ISCT panel, freeze and thaw, the release by a second person only', async () => {
  const found = await demoProduct((p) => p.state === 'received' && !p.receipt.at)
  const { centre, lab, product } = found
  // a second person of the lab, made by the centre's administrator
  const admin = await apiSession(server, `admin.${centre}`)
  const second = { username: `labtwo.${centre.replace(/-\d+$/, '')}`, password: 'second-person-7391' }
  const made = await admin.post('/api/v1/accounts', { ...second, role: 'lab' })
  assert.ok(made.status < 300, JSON.stringify(made.json))
  server.accounts.set(second.username, second.password)

  const b = await launch({ lang: 'en' })
  const { page } = b
  const url = server.url + '/staff/products/' + encodeURIComponent(product.din)
  const trace = async () => (await lab.get('/api/v1/products/' + product.din)).json
  const state = async () => (await trace()).product
  try {
    await loginStaff(page, server, `lab.${centre}`)
    await page.goto(url)
    const receive = page.getByTestId('receive-form')
    await receive.locator('input[name=temperature_c]').fill('4.5')
    await receive.getByTestId('receive-submit').click()
    const process = page.getByTestId('process-form')
    await process.waitFor()
    assert.equal((await state()).receipt.temperature_c, 4.5)
    await process.locator('select[name=method]').selectOption('culture_expansion')
    await process.getByTestId('process-submit').click()
    assert.match(await process.textContent(), /Passages.*Required/s) // culture expansion asks how many
    await process.locator('input[name=passages]').fill('3')
    await process.getByTestId('process-submit').click()
    const qc = page.getByTestId('qc-form')
    await qc.waitFor()
    let p = await state()
    assert.equal(p.state, 'processing')
    assert.equal(p.processing.passages, 3)

    // The passages, a row each: the second seeded on the first's harvest (offered), then
    // harvested before it was seeded, which the server refuses beside that day; then running.
    const today = new Date().toISOString().slice(0, 10)
    const passages = page.getByTestId('passages-form')
    const rows = passages.getByTestId('passage-row')
    await rows.nth(0).locator('input[name=passage_seeded_on]').fill(addDays(today, -12))
    await rows.nth(0).locator('input[name=passage_harvested_on]').fill(addDays(today, -5))
    await passages.getByTestId('passage-add').click()
    await rows.nth(1).locator('input[name=passage_harvested_on]').fill(addDays(today, -6))
    await passages.getByTestId('passages-submit').click()
    const refusal = rows.nth(1).locator('.error-text[data-field="passages[1].harvested_on"]')
    await refusal.waitFor()
    assert.ok((await refusal.textContent()).trim().length > 10, 'the server’s rule, in words')
    assert.equal(await rows.nth(1).locator('input[name=passage_harvested_on]').getAttribute('aria-invalid'), 'true')
    assert.deepEqual((await trace()).passages, [])
    await rows.nth(1).locator('input[name=passage_harvested_on]').fill('')
    await passages.getByTestId('passages-submit').click()
    await page.locator('[data-testid=custody-event][data-kind=passages]').waitFor()
    assert.deepEqual((await trace()).passages, [
      { n: 1, seeded_on: addDays(today, -12), harvested_on: addDays(today, -5) },
      { n: 2, seeded_on: addDays(today, -5), harvested_on: null },
    ])

    // A storage reading, in the table and read back.
    const reading = page.getByTestId('reading-form')
    await reading.locator('input[name=reading_temperature_c]').fill('4.5')
    await reading.locator('input[name=reading_location]').fill('Lab fridge 1')
    // read at midnight's minute in Tehran: today's, and never ahead of the server's clock
    await reading.locator('input[name=reading_at]').fill('00:00')
    await reading.getByTestId('reading-submit').click()
    await page.getByTestId('reading').first().waitFor()
    const readings = (await trace()).readings
    assert.equal(readings.length, 1)
    assert.equal(readings[0].temperature_c, 4.5)
    assert.equal(readings[0].location, 'Lab fridge 1')
    assert.equal(readings[0].excursion, false)
    const tehranToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date())
    assert.equal(readings[0].at, new Date(`${tehranToday}T00:00:00+03:30`).toISOString())
    assert.equal(await page.getByTestId('reading').first().getAttribute('data-excursion'), 'false')

    // The page with its new sections in Persian: no Latin text but the codes (the markers').
    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    await page.locator('[data-testid=custody-event][data-kind=storage]').waitFor()
    assert.equal(await qc.locator('label[for=isct-cd105] [translate=no][dir=ltr]').textContent(), 'CD105')
    await assertPersianOnly(page, 'a culture expansion with its passages, storage and ISCT panel')
    await shot(page, 'products-lab-forms-fa')
    // and on a phone: the new sections fit without sideways scrolling
    await page.setViewportSize({ width: 360, height: 740 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the product page is ${overflow}px wider than the phone`)
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByTestId('lang').selectOption('en')
    await page.waitForFunction(() => document.documentElement.dir === 'ltr')

    // QC with the ISCT panel marker by marker: the verdict follows from the figures.
    await qc.locator('input[name=total_nucleated_cells]').fill('150000000')
    await qc.locator('input[name=viability_percent]').fill('120')
    await qc.getByTestId('qc-submit').click()
    assert.match(await qc.textContent(), /Out of range/) // refused before it is sent
    await qc.locator('input[name=viability_percent]').fill('85')
    const panel = { cd105: 98, cd73: 99, cd90: 97.5, cd45: 1, cd34: 0.5, cd14_or_cd11b: 1.5, cd79a_or_cd19: 0, hla_dr: 1 }
    for (const [m, v] of Object.entries(panel)) await qc.locator(`input[name=isct_${m}]`).fill(String(v))
    assert.equal(await qc.locator('select[name=isct_markers_met]').count(), 0, 'no verdict alone beside the figures')
    for (const t of ['sterility', 'endotoxin', 'mycoplasma']) await qc.locator(`select[name=${t}]`).selectOption('passed')
    await qc.locator('input[name=complete]').check()
    await qc.getByTestId('qc-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=awaiting_release]')
    p = await state()
    assert.equal(p.counts.viability_percent, 85)
    assert.equal(p.qc.sterility.result, 'passed')
    assert.deepEqual(p.counts.isct_markers, panel)
    assert.equal(p.counts.isct_markers_met, true)
    assert.equal(await page.locator('[data-testid=isct-figures] [data-marker=cd90]').getAttribute('data-value'), '97.5')

    // Freeze, then thaw, each confirmed first: the expiry then counts from the thaw.
    await page.getByTestId('freeze-open').click()
    const freeze = page.getByTestId('freeze-form')
    assert.match(await freeze.textContent(), /Freeze this product\?/)
    await freeze.locator('input[name=move_location]').fill('Tank 2')
    await freeze.getByTestId('freeze-confirm').click()
    await page.getByTestId('thaw-open').click()
    p = await state()
    assert.ok(p.storage.frozen_at, 'frozen')
    assert.equal(p.storage.thawed_at, null)
    assert.equal(await page.getByTestId('frozen-at').getAttribute('data-value'), p.storage.frozen_at)
    await page.getByTestId('thaw-confirm').click()
    await page.locator('[data-testid=thawed-at][data-value^="2"]').waitFor()
    p = await state()
    assert.ok(p.storage.thawed_at >= p.storage.frozen_at)
    const left = Date.parse(p.expires_at) - Date.parse(p.storage.thawed_at)
    assert.ok(left > 0 && left <= 4 * 3600_000, `${left} ms from the thaw to the expiry`)
    assert.match(await page.getByTestId('product-expiry').textContent(), /Expires in: [34] h/)
    assert.equal(await page.getByTestId('storage-move').count(), 0, 'nothing to freeze or thaw once thawed')
    // the person who processed it may not release it
    await page.getByTestId('release-submit').click()
    await page.getByTestId('release-error').waitFor()
    assert.match(await page.getByTestId('release-error').textContent(), /second person/)
    assert.equal((await state()).state, 'awaiting_release')
    await checkA11y(page, 'product page, lab forms')

    await loginStaff(page, server, second.username)
    await page.goto(url)
    await page.getByTestId('release-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=released]')
    p = await state()
    assert.equal(p.release.by, second.username)
    const kinds = (await lab.get('/api/v1/products/' + product.din)).json.events.map((e) => e.kind)
    assert.deepEqual(kinds.slice(-8), ['receipt', 'processing', 'passages', 'storage', 'qc', 'freeze', 'thaw', 'release'])
    b.assertClean()
  } catch (e) {
    await shot(page, 'products-lab-steps-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('a surgeon’s exception releases a product that fails a criterion, with the reason kept; the lab takes it back from theatre unused, clears it, and sets another aside', async () => {
  const waiting = await demoProduct((p) => p.state === 'awaiting_release' && p.qc.sterility.result === 'pending')
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, `surgeon.${waiting.centre}`)
    await page.goto(server.url + '/staff/products/' + encodeURIComponent(waiting.product.din))
    const form = page.getByTestId('release-form')
    await form.getByTestId('release-submit').click()
    assert.match(await form.textContent(), /Give the reason/) // the reason is asked for first
    await form.locator('textarea[name=exception_reason]').fill('Sterility culture negative at 48 h; the patient cannot return')
    await form.getByTestId('release-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=released]')
    const p = (await waiting.lab.get('/api/v1/products/' + waiting.product.din)).json.product
    assert.equal(p.release.exception_by, `surgeon.${waiting.centre}`)
    assert.deepEqual(p.release.exception_criteria, ['sterility'])
    assert.match(await page.getByTestId('release-exception').textContent(), /sterility.*cannot return/s)

    // back from theatre unused and warm, taken in by the lab: the reason asked for first,
    // then quarantined, the reading an excursion marked in red
    await loginStaff(page, server, `lab.${waiting.centre}`)
    await page.goto(server.url + '/staff/products/' + encodeURIComponent(waiting.product.din))
    const back = page.getByTestId('return-form')
    await back.getByTestId('return-submit').click()
    assert.match(await back.textContent(), /Why it came back.*Required/s)
    await back.locator('textarea[name=return_reason]').fill('Injection postponed: the patient was unwell')
    await back.locator('input[name=return_temperature_c]').fill('31')
    await back.getByTestId('return-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=quarantined]')
    const warm = page.locator('[data-testid=reading][data-excursion=true]')
    await warm.waitFor()
    assert.equal(await warm.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor), 'rgb(253, 232, 232)')
    assert.match(await warm.textContent(), /31 °C.*outside the limits/s)
    const returned = (await waiting.lab.get('/api/v1/products/' + waiting.product.din)).json
    assert.equal(returned.events.at(-1).kind, 'return')
    // the demo's fridge readings before it, this one last
    assert.deepEqual(returned.readings.map((r) => [r.temperature_c, r.excursion]).at(-1), [31, true])
    assert.ok(returned.readings.slice(0, -1).every((r) => !r.excursion), 'the fridge readings before it were within limits')
    // the lab clears it with what it checked: it awaits release again
    const clearing = page.getByTestId('set-aside-form')
    await clearing.locator('select[name=action]').selectOption('clear')
    await clearing.locator('textarea[name=reason]').fill('Temperature log and bag seal checked')
    await clearing.getByTestId('set-aside-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=awaiting_release]')
    assert.equal((await waiting.lab.get('/api/v1/products/' + waiting.product.din)).json.events.at(-1).kind, 'clearance')

    // the lab quarantines an open product, with why
    const open = await demoProduct((x) => x.state === 'qc_pending' || x.state === 'processing')
    await loginStaff(page, server, `lab.${open.centre}`)
    await page.goto(server.url + '/staff/products/' + encodeURIComponent(open.product.din))
    const aside = page.getByTestId('set-aside-form')
    await aside.locator('select[name=action]').selectOption('quarantine')
    await aside.getByTestId('set-aside-submit').click()
    assert.match(await aside.textContent(), /Why.*Required/s)
    assert.equal((await open.lab.get('/api/v1/products/' + open.product.din)).json.state, open.product.state)
    await aside.locator('textarea[name=reason]').fill('Bag seal found loose on inspection')
    await aside.getByTestId('set-aside-submit').click()
    await page.waitForSelector('[data-testid=product-state][data-value=quarantined]')
    const events = (await open.lab.get('/api/v1/products/' + open.product.din)).json.events
    assert.equal(events.at(-1).kind, 'quarantine')
    // the chain says why, in the words written
    const quarantine = page.locator('[data-testid=custody-event][data-kind=quarantine]')
    await quarantine.waitFor()
    assert.match(await quarantine.getByTestId('custody-reason').textContent(), /Why: Bag seal found loose on inspection/)
    b.assertClean()
  } catch (e) {
    await shot(page, 'products-exception-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})
