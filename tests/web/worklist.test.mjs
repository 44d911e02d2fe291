// The worklist of a working morning, as a coordinator uses it in a browser: today's and
// overdue items at the top, a work-up test among them, items whose window closed folded
// below and closed as missed with a reason (a note required with Other; the server's
// refusal shown beside the field), the closed item reopened; filters by patient and kind;
// the patient's phone as a tel: link. In English on a desktop and in Persian on a phone
// (right to left, Persian digits). Every patient here is made by the test through the API.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, addDays, nationalIdFor } from './support.mjs'

const persianDigits = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + +d))

const PERSIAN_DIGIT = /[\u06F0-\u06F9]/

let server
before(async () => {
  server = await startServer()
})
after(async () => {
  await server?.stop()
})

// A patient whose episode was planned with the harvest 30 days ago and the injection 16
// days ago: the 2-week visit is overdue, the work-up tests' windows closed weeks ago.
async function latePatient(mrn, mobile, nameLatin) {
  const coordinator = await apiSession(server, 'coordinator.tehran-1')
  const ok = (r, what) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json
  }
  const today = ok(await coordinator.get('/api/v1/worklist?limit=1'), 'worklist').date
  const patient = ok(
    await coordinator.post('/api/v1/patients', {
      mrn,
      name_fa: 'بیمار فهرست',
      name_latin: nameLatin,
      sex: 'male',
      birth_date: '1962-05-01',
      mobile,
      national_id: nationalIdFor(mrn),
      consent: { treatment: true, registry: true, contact: true },
    }),
    'register',
  )
  const episode = ok(
    await coordinator.post(`/api/v1/patients/${patient.id}/episodes`, {
      protocol: 'hip-msc-v1',
      side: 'left',
      diagnosis: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M16.12' },
    }),
    'episode',
  )
  ok(
    await coordinator.post(`/api/v1/episodes/${episode.id}/plan`, {
      harvest: addDays(today, -30),
      injection: addDays(today, -16),
      reason: 'entered from the paper file',
    }),
    'plan',
  )
  return { patientId: patient.id, episodeId: episode.id, today, coordinator }
}

async function setLang(page, lang) {
  await page.getByTestId('lang').selectOption(lang)
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}

async function filterByPatient(page, text) {
  await page.getByTestId('wl-filter-patient').fill(text)
  // Every row left on the day's list is the patient's.
  await page.waitForFunction(
    (mrn) => {
      const rows = [...document.querySelectorAll('[data-testid=wl-today] tbody tr[data-item], [data-testid=wl-upcoming] tbody tr[data-item]')]
      return rows.length > 0 && rows.every((r) => r.dataset.mrn === mrn)
    },
    text,
  )
}

test('a coordinator on a desktop, in English: filters, closes an item as missed with a reason, reopens it', async () => {
  const MRN = 'WL-7101'
  const made = await latePatient(MRN, '09125557101', 'Worklist Desktop')
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/worklist')
    await page.getByTestId('wl-filters').waitFor()
    await setLang(page, 'en')

    // The day's list starts with today's and overdue items; nothing on it had its window close.
    const groups = await page.$$eval('[data-testid=wl-today] tbody tr[data-item]', (rows) => rows.map((r) => r.dataset.group))
    assert.ok(groups.length > 0)
    assert.ok(groups.every((g) => g === 'today' || g === 'overdue'), groups.join())
    const firstOverdue = groups.indexOf('overdue')
    if (firstOverdue >= 0) assert.ok(groups.slice(firstOverdue).every((g) => g === 'overdue'), 'today before overdue')

    // This patient's overdue visit, clearly marked, with the phone to call.
    await filterByPatient(page, MRN)
    const visit = page.locator('[data-testid=wl-today] tr[data-item=visit-2w][data-group=overdue]')
    await visit.waitFor()
    assert.match(await visit.getByTestId('overdue-note').textContent(), /Overdue/)
    assert.equal(await visit.getByTestId('wl-phone').getAttribute('href'), 'tel:+989125557101')
    assert.equal((await visit.getByTestId('wl-phone').textContent()).trim(), '+989125557101')

    // Filtered by kind: only questionnaires.
    await page.getByTestId('wl-filter-kind').selectOption('questionnaire')
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid=wl-today] tbody tr[data-item]')]
      return rows.length > 0 && rows.every((r) => r.dataset.kind === 'questionnaire')
    })
    await page.getByTestId('wl-filter-kind').selectOption('')

    // The work-up's window closed: folded below, closed as missed from there.
    await page.getByTestId('wl-window-closed-fold').locator('summary').click()
    const mri = page.locator('[data-testid=wl-window-closed] tr[data-item=workup-mri]', { hasText: MRN })
    await mri.waitFor()
    await mri.getByTestId('close-open').click()
    const form = page.getByTestId('close-missed-form')
    await form.getByTestId('close-reason').selectOption('other')
    await form.getByTestId('close-submit').click()
    assert.match(await form.textContent(), /Required/)
    await form.getByTestId('close-note').fill('MRI done at another hospital; report not sent')
    await form.getByTestId('close-submit').click()
    await page.getByTestId('close-done').waitFor()
    await mri.waitFor({ state: 'detached' })
    const closed = (await made.coordinator.get('/api/v1/worklist/closed?patient=' + MRN)).json
    assert.equal(closed.length, 1)
    assert.equal(closed[0].item.id, 'workup-mri')
    assert.equal(closed[0].closure.reason, 'other')
    assert.equal(closed[0].closure.by, 'coordinator.tehran-1')
    await checkA11y(page, 'worklist close en')
    await shot(page, 'worklist-closed-en')

    // Reopened with why: back among the items whose window closed.
    await page.getByTestId('wl-closed').locator('summary').click()
    const row = page.locator('[data-testid=wl-closed] tr[data-item=workup-mri]', { hasText: MRN })
    await row.waitFor()
    assert.match(await row.textContent(), /Other/)
    assert.match(await row.textContent(), /another hospital/)
    await row.getByTestId('reopen-open').click()
    await page.getByTestId('reopen-submit').click()
    assert.match(await page.getByTestId('reopen-form').textContent(), /Required/)
    await page.getByTestId('reopen-reason').fill('the report arrived; to be recorded')
    await page.getByTestId('reopen-submit').click()
    await page.getByTestId('reopen-done').waitFor()
    await mri.waitFor()
    assert.equal((await made.coordinator.get('/api/v1/worklist/closed?patient=' + MRN)).json.length, 0)
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('a coordinator on a phone, in Persian: right to left, Persian digits, closes a work-up test as missed', async () => {
  const MRN = 'WL-7202'
  const made = await latePatient(MRN, '09125557202', 'Worklist Phone')
  const b = await launch({ viewport: { width: 390, height: 844 }, mobile: true, lang: 'fa' })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/worklist')
    await page.getByTestId('wl-filters').waitFor()
    await setLang(page, 'fa')
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl')
    await filterByPatient(page, MRN)
    const visit = page.locator('[data-testid=wl-today] tr[data-item=visit-2w][data-group=overdue]')
    await visit.waitFor()
    assert.match(await visit.textContent(), /ویزیت پیگیری ۲ هفته/)
    assert.match(await visit.getByTestId('overdue-note').textContent(), /عقب‌افتاده/)
    const phone = visit.getByTestId('wl-phone')
    assert.equal(await phone.getAttribute('href'), 'tel:+989125557202')
    assert.equal((await phone.textContent()).trim(), '+۹۸۹۱۲۵۵۵۷۲۰۲')
    const due = await visit.locator('time').first().textContent()
    assert.match(due, PERSIAN_DIGIT)
    assert.doesNotMatch(due, /[0-9]/)

    // Work-up tests only, then close one whose window closed.
    await page.getByTestId('wl-filter-kind').selectOption('order')
    await page.getByTestId('wl-window-closed-fold').locator('summary').click()
    // A Persian screen shows the record number in Persian digits.
    const blood = page.locator('[data-testid=wl-window-closed] tr[data-item=workup-blood]', { hasText: persianDigits(MRN) })
    await blood.waitFor()
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=wl-window-closed] tbody tr[data-item]')].every((r) => r.dataset.kind === 'order'),
    )
    assert.match(await blood.textContent(), /آزمایش پیش از درمان/)
    await blood.getByTestId('close-open').click()
    const form = page.getByTestId('close-missed-form')
    assert.match(await form.textContent(), /دسترسی به بیمار ممکن نشد/)
    await form.getByTestId('close-reason').selectOption('patient_unreachable')
    await form.getByTestId('close-submit').click()
    await page.getByTestId('close-done').waitFor()
    assert.match(await page.getByTestId('close-done').textContent(), /ازدست‌رفته/)
    await blood.waitFor({ state: 'detached' })
    const closed = (await made.coordinator.get('/api/v1/worklist/closed?patient=' + MRN)).json
    assert.deepEqual(
      closed.map((c) => [c.item.id, c.closure.reason]),
      [['workup-blood', 'patient_unreachable']],
    )
    // The page fits the phone's width, and no list scrolls sideways inside its box either:
    // each row is a card, every cell under its column's name.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1))
    const boxes = await page.$$eval('section[data-testid^=wl-] .st-cards', (all) =>
      all.map((b) => ({ section: b.closest('section').dataset.testid, wide: b.scrollWidth > b.clientWidth + 1 })),
    )
    assert.ok(boxes.length > 0, 'a list with rows is shown')
    assert.deepEqual(boxes.filter((b) => b.wide), [])
    const card = page.locator('section[data-testid^=wl-] .st-cards tbody tr[data-item]').first()
    assert.equal(await card.evaluate((tr) => getComputedStyle(tr).display), 'block')
    const statusLabel = await card.locator('td').last().evaluate((td) => getComputedStyle(td, '::before').content)
    assert.equal(statusLabel, '"وضعیت"')
    // The value sits beside its name, on the cell's first line, not on a line under it.
    const offset = await card.locator('td').last().evaluate((td) => {
      const badge = td.firstElementChild.getBoundingClientRect()
      return badge.top - td.getBoundingClientRect().top
    })
    assert.ok(offset < 10, `the status is ${offset}px below its cell's top: beside its name, not under it`)
    await checkA11y(page, 'worklist close fa phone')
    await shot(page, 'worklist-closed-fa-phone')

    // On the phone the navigation is folded behind the Menu button: the header leaves the
    // screen to the page; the language and sign-out stay in sight; opened, every link
    // and who is signed in show; a link taken folds it again, and so does Escape.
    const header = page.locator('header.app-header')
    const nav = page.getByRole('navigation', { name: 'منوی اصلی' })
    const toggle = page.getByTestId('menu-toggle')
    await page.evaluate(() => window.scrollTo(0, 0))
    assert.equal(await nav.isVisible(), false)
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false')
    assert.match(await toggle.textContent(), /منو/)
    assert.ok((await header.boundingBox()).height < 160, `the folded header is ${(await header.boundingBox()).height} px high`)
    assert.ok(await page.getByTestId('lang').isVisible())
    assert.ok(await header.getByRole('button', { name: 'خروج' }).isVisible())
    assert.equal(await page.getByTestId('who').isVisible(), false)
    await toggle.tap()
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
    assert.ok(await nav.isVisible())
    assert.ok(await page.getByTestId('who').isVisible())
    assert.ok((await nav.getByRole('link').count()) >= 3)
    for (const link of await nav.getByRole('link').all()) assert.ok((await link.boundingBox()).height >= 40, 'a link a finger can take')
    await checkA11y(page, 'staff menu open fa phone')
    await shot(page, 'staff-menu-open-fa-phone')
    await nav.getByRole('link', { name: 'بیماران' }).tap()
    await page.waitForURL(/\/patients$/)
    assert.equal(await nav.isVisible(), false)
    await toggle.tap()
    await page.keyboard.press('Escape')
    assert.equal(await nav.isVisible(), false)
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'menu-toggle')
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('a lab account sees no mobile numbers and cannot close items', async () => {
  const MRN = 'WL-7303'
  await latePatient(MRN, '09125557303', 'Worklist Lab')
  const lab = await apiSession(server, 'lab.tehran-1')
  const w = (await lab.get('/api/v1/worklist?patient=' + MRN)).json
  assert.ok(w.items.length > 0)
  assert.ok(w.items.every((r) => !('mobile' in r)))
  const r = await lab.post(`/api/v1/episodes/${w.items[0].episode_id}/schedule/workup-mri/close-missed`, { reason: 'declined' })
  assert.equal(r.status, 403)
  const b = await launch({ lang: 'en' })
  try {
    await loginStaff(b.page, server, 'lab.tehran-1')
    await b.page.goto(server.url + '/worklist')
    await filterByPatient(b.page, MRN)
    assert.equal(await b.page.getByTestId('wl-phone').count(), 0)
    await b.page.getByTestId('wl-window-closed-fold').locator('summary').click()
    await b.page.locator('[data-testid=wl-window-closed] tr[data-item=workup-mri]').first().waitFor()
    assert.equal(await b.page.getByTestId('close-open').count(), 0)
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('the lab sees its products by DIN with the hours to expiry, and a refused bedside check at the top', async () => {
  const lab = await apiSession(server, 'lab.tehran-1')
  const surgeon = await apiSession(server, 'surgeon.tehran-1')
  const inLab = (await lab.get('/api/v1/products?state=awaiting_release')).json
  assert.ok(inLab.length > 0, 'the demo has a product awaiting release at tehran-1')
  // The surgeon scans it beside another patient's wristband: refused, and the lab is told.
  const other = (await surgeon.get('/api/v1/patients?state=follow_up')).json.find((p) => p.id !== inLab[0].patient.id)
  const refused = await surgeon.post('/api/v1/products/verify', { din: inLab[0].din, mrn: other.mrn })
  assert.equal(refused.status, 409)
  const b = await launch({ lang: 'en' })
  try {
    await loginStaff(b.page, server, 'lab.tehran-1')
    await b.page.goto(server.url + '/worklist')
    const alert = b.page.locator(`[data-testid=wl-refusal][data-verdict=wrong_patient]`).filter({ has: b.page.locator(`[data-din="${inLab[0].din}"]`) })
    await alert.first().waitFor()
    assert.match(await alert.first().textContent(), /belongs to another patient/)
    const row = b.page.locator(`[data-testid=wl-product][data-din="${inLab[0].din}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-state'), 'awaiting_release')
    assert.match(await row.getByTestId('wl-product-expiry').textContent(), /^\d+ h$|^\d+ d \d+ h$|^expired$/)
    // every product the lab has not released, and only those
    const shown = await b.page.$$eval('[data-testid=wl-product]', (rows) => rows.map((r) => r.dataset.state))
    assert.ok(shown.length > 0 && shown.every((st) => ['received', 'processing', 'qc_pending', 'awaiting_release', 'quarantined'].includes(st)), shown.join())
    b.assertClean()
  } finally {
    await b.close()
  }
  // On a phone, in Persian: the refusals and the QC results due are cards too, each cell
  // beside its column's name, and neither box scrolls sideways.
  const phone = await launch({ lang: 'fa', viewport: { width: 360, height: 740 }, mobile: true })
  try {
    await loginStaff(phone.page, server, 'lab.tehran-1')
    await phone.page.goto(server.url + '/worklist')
    for (const [box, row, label] of [
      ['wl-refusals', 'wl-refusal', 'شناسهٔ فرآورده'],
      ['wl-qc-due', 'wl-qc', 'شناسهٔ فرآورده'],
    ]) {
      await phone.page.getByTestId(row).first().waitFor()
      const wide = await phone.page.$eval(`[data-testid=${box}] .st-cards`, (b) => b.scrollWidth - b.clientWidth)
      assert.ok(wide <= 1, `${box} scrolls sideways by ${wide}px on a phone`)
      const card = phone.page.getByTestId(row).first()
      assert.equal(await card.evaluate((tr) => getComputedStyle(tr).display), 'block', `${box}: a card per row`)
      const din = await card.locator('td').nth(1).evaluate((td) => getComputedStyle(td, '::before').content)
      assert.match(din, new RegExp(label), `${box}: the product's cell under its name`)
    }
    assert.ok(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1))
    await shot(phone.page, 'worklist-lab-fa-phone')
    phone.assertClean()
  } finally {
    await phone.close()
  }
})

// Rows on the day's list (today's and overdue, then coming up).
const dayRows = (page) =>
  page.$$eval('[data-testid=wl-today] tbody tr[data-item], [data-testid=wl-upcoming] tbody tr[data-item]', (rows) =>
    rows.map((r) => `${r.dataset.mrn}/${r.dataset.item}`),
  )

test('a long day is shown fifty items at a time: "show more" adds the next page, in English and in Persian', async () => {
  const coordinator = await apiSession(server, 'coordinator.tehran-1')
  const total = async () => (await coordinator.get('/api/v1/worklist')).json.items_total
  // Late patients until the day's list is longer than one page.
  for (let n = 0; (await total()) <= 60 && n < 40; n++) {
    await latePatient(`WL-P${7400 + n}`, `0912556${7400 + n}`, `Worklist Page ${n}`)
  }
  const whole = (await coordinator.get('/api/v1/worklist?limit=1000')).json
  assert.ok(whole.items_total > 50, `only ${whole.items_total} items`)
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/worklist')
    await page.getByTestId('wl-filters').waitFor()
    await setLang(page, 'en')
    await page.getByTestId('wl-truncated').waitFor()
    assert.equal((await dayRows(page)).length, 50)
    assert.match(await page.getByTestId('wl-truncated').textContent(), new RegExp(`50 of ${whole.items_total} shown`))

    // In Persian: the count in Persian digits, the button in Persian.
    await setLang(page, 'fa')
    const shown = await page.getByTestId('wl-truncated').textContent()
    assert.match(shown, PERSIAN_DIGIT)
    assert.doesNotMatch(shown, /[0-9A-Za-z]/)
    assert.equal((await page.getByTestId('wl-more').textContent()).trim(), 'نمایش بیشتر')

    // The next page follows the first: the rows are the server's whole list.
    await page.getByTestId('wl-more').click()
    const second = Math.min(100, whole.items_total)
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=wl-today] tbody tr[data-item], [data-testid=wl-upcoming] tbody tr[data-item]').length === n,
      second,
    )
    const expected = whole.items.slice(0, second).map((r) => `${r.mrn}/${r.item.id}`)
    assert.deepEqual((await dayRows(page)).sort(), expected.sort())
    assert.equal(await page.getByTestId('wl-more').count(), whole.items_total > 100 ? 1 : 0)

    // A filter starts again from the first page.
    await page.getByTestId('wl-filter-kind').selectOption('visit')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=wl-today] tbody tr[data-item]')].every((r) => r.dataset.kind === 'visit'),
    )
    assert.ok((await dayRows(page)).length <= 50)
    b.assertClean()
  } finally {
    await b.close()
  }
})
