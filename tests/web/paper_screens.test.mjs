// Paper and screens, in English and Persian: the staff patient page folded with forms
// opened on demand (an error keeps its form open, a save is announced and the notice
// goes), print styles for the patient page, the patient's schedule, the outcome report
// and the worklist (print media emulated, and a PDF made), the admin's audit viewer with
// its CSV export, the licence status only the licensing registry sets, and the favicon.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, injectedPatient, unfold } from './support.mjs'

let server
let made
before(async () => {
  server = await startServer()
  made = await injectedPatient(server, { mrn: 'PAPER-1', mobile: '09125550301' })
})
after(async () => {
  await server?.stop()
})

const LANGS = ['en', 'fa']
const words = {
  en: { saved: 'Saved.', suspended: 'Suspended', opened: 'Opened the record', fixed: 'Set by the licensing registry' },
  fa: { saved: 'ذخیره شد.', suspended: null, opened: 'پرونده را باز کرد', fixed: 'تعیین‌شده از سوی نهاد ثبت و صدور مجوز' },
}

// What a printed page shows: whether each selector has a box on it.
async function printedBoxes(page, selectors) {
  return page.evaluate((sels) => {
    const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
    return Object.fromEntries(sels.map((s) => [s, [...document.querySelectorAll(s)].some(shown)]))
  }, selectors)
}

// Two frames: media query listeners have run and the app has re-rendered for print.
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))))

// On paper: no navigation, button, form field or form; black text on white; rows whole.
async function assertPaper(page, mustShow, label) {
  await page.emulateMedia({ media: 'print' })
  await settle(page)
  try {
    const hidden = ['header.app-header', 'nav', 'button', 'form', 'input', 'select', 'textarea']
    const boxes = await printedBoxes(page, [...hidden, ...mustShow])
    for (const s of hidden) assert.equal(boxes[s], false, `${label}: ${s} is on paper`)
    for (const s of mustShow) assert.equal(boxes[s], true, `${label}: ${s} is not on paper`)
    const ink = await page.evaluate(() => {
      const cs = getComputedStyle(document.querySelector('main'))
      return { color: cs.color, bg: getComputedStyle(document.body).backgroundColor }
    })
    assert.equal(ink.color, 'rgb(0, 0, 0)', `${label}: black text`)
    assert.ok(['rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)'].includes(ink.bg), `${label}: white paper (${ink.bg})`)
    const rowBreak = await page.evaluate(() => {
      const tr = document.querySelector('main tr')
      return tr ? getComputedStyle(tr).breakInside : 'avoid'
    })
    assert.equal(rowBreak, 'avoid', `${label}: a row is never split by a page break`)
    const pdf = await page.pdf({ format: 'A4', printBackground: false })
    assert.ok(pdf.length > 5000, `${label}: PDF of ${pdf.length} bytes`)
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
    return pdf
  } finally {
    await page.emulateMedia({ media: 'screen' })
  }
}

const patientUrl = () => `${server.url}/patients/${made.patientId}?episode=${made.episodeId}`

for (const lang of LANGS) {
  test(`patient page (${lang}): folded on load, a form opens on demand, keeps its error, saves and says so; printed`, async () => {
    const b = await launch({ lang })
    const { page } = b
    try {
      await loginStaff(page, server, 'surgeon.tehran-1')
      await page.goto(patientUrl())
      await page.locator('[data-fold=history]').waitFor()
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang)
      // Folded: every section a closed disclosure button with its summary, and short.
      const folds = page.locator('[data-fold] > .fold-head button')
      assert.ok((await folds.count()) >= 7)
      for (const f of await folds.all()) assert.equal(await f.getAttribute('aria-expanded'), 'false')
      assert.equal(await page.getByTestId('transition-panel').isVisible(), false)
      const summary = await page.locator('[data-fold=transition] [data-fold-summary]').textContent()
      assert.match(summary, lang === 'fa' ? /تزریق انجام شد/ : /Injected/)
      const height = await page.evaluate(() => document.documentElement.scrollHeight)
      assert.ok(height < 2200, `patient page is ${height} px tall on load`)
      await checkA11y(page, `patient folded ${lang}`)
      await shot(page, `paper-patient-folded-${lang}`)

      // The details form opens on demand; a bad grade keeps it open.
      const toggle = page.locator('[data-fold=details] > .fold-head button')
      await toggle.click()
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
      const details = page.getByTestId('details')
      await details.locator('input[name=kl_grade]').fill('9')
      await details.getByTestId('details-submit').click()
      await details.locator('.field.invalid').first().waitFor()
      await toggle.click()
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'a form with an error stays open')
      assert.equal(await details.isVisible(), true)

      // Fixed and saved: the server has it, a polite status says so, and the next edit clears it.
      await details.locator('input[name=kl_grade]').fill('2')
      await details.getByTestId('details-submit').click()
      const status = page.getByTestId('save-status')
      assert.equal(await status.getAttribute('aria-live'), 'polite')
      await status.getByText(words[lang].saved).waitFor()
      assert.equal((await made.surgeon.get(`/api/v1/episodes/${made.episodeId}`)).json.kl_grade, 2)
      // Re-read after the save, the section stays open (remembered while on the page).
      await page.waitForFunction(() => /2/.test(document.querySelector('[data-fold=details] [data-fold-summary]')?.textContent ?? '') || /۲/.test(document.querySelector('[data-fold=details] [data-fold-summary]')?.textContent ?? ''))
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
      await details.locator('input[name=tonnis_grade]').fill('1')
      await page.waitForFunction(() => !document.querySelector('[data-testid=save-status]')?.textContent?.trim())
      // ... and it goes by itself after a few seconds.
      await details.getByTestId('details-submit').click()
      await status.getByText(words[lang].saved).waitFor()
      await page.waitForFunction(() => !document.querySelector('[data-testid=save-status]')?.textContent?.trim(), null, { timeout: 9000 })

      // Printed: every section open under its heading, nothing to click.
      await assertPaper(page, ['h1', '[data-testid=demographics]', '[data-testid=timeline] table', '[data-testid=transition-history]', '#fold-timeline'], `patient ${lang}`)
      b.assertClean()
    } catch (e) {
      await shot(page, `paper-patient-failure-${lang}`).catch(() => {})
      throw e
    } finally {
      await b.close()
    }
  })
}

test('the schedule a patient takes home prints with name, record number, the centre’s contact and hold dates, in Persian and English', async () => {
  const b = await launch({ lang: 'fa', viewport: { width: 390, height: 844 }, mobile: true })
  const { page } = b
  try {
    await page.goto(server.url + '/portal/login')
    await page.evaluate(async (mobile) => {
      await fetch('/api/v1/patient-auth/code', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mobile }) })
    }, made.mobile)
    let code
    for (let i = 0; i < 50 && !code; i++) {
      try {
        code = server.codeFor(made.patientId)
      } catch {
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    const status = await page.evaluate(
      async ({ mobile, code }) =>
        (await fetch('/api/v1/patient-auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ mobile, code }) })).status,
      { mobile: made.mobile, code },
    )
    assert.equal(status, 200)
    for (const lang of ['fa', 'en']) {
      await page.goto(server.url + '/portal')
      await page.getByTestId('my-schedule').waitFor()
      if ((await page.evaluate(() => document.documentElement.lang)) !== lang) {
        await page.getByTestId('lang').selectOption(lang)
        await page.waitForFunction((l) => document.documentElement.lang === l, lang)
      }
      // On screen: a print button, no paper-only heading.
      await page.getByTestId('print-schedule').waitFor()
      assert.equal(await page.getByTestId('print-heading').count(), 0)
      await page.emulateMedia({ media: 'print' })
      await page.getByTestId('print-heading').waitFor()
      const heading = await page.getByTestId('print-heading').textContent()
      assert.match(heading, lang === 'fa' ? /بیمار آزمون/ : /Test Patient/)
      assert.match(heading, /PAPER/)
      assert.equal((await page.getByTestId('print-mrn').textContent()).trim(), 'PAPER-' + (lang === 'fa' ? '۱' : '1'))
      assert.match(await page.getByTestId('print-phone').textContent(), lang === 'fa' ? /[۰-۹]{6}/ : /\d{6}/)
      assert.ok((await page.getByTestId('print-centre').textContent()).trim().length > 2)
      await page.emulateMedia({ media: 'screen' })
      await assertPaper(
        page,
        ['[data-testid=print-heading]', '[data-testid=drug-holds]', '[data-testid=my-schedule]', '[data-testid=next-appointment]', '[data-testid=centre-contact]'],
        `schedule ${lang}`,
      )
      // No red-flag button or questionnaire links on paper.
      await page.emulateMedia({ media: 'print' })
      const boxes = await printedBoxes(page, ['[data-testid=red-flag]', '[data-testid=questionnaires-due]'])
      assert.deepEqual(Object.values(boxes), [false, false])
      assert.match(await page.getByTestId('drug-holds').textContent(), lang === 'fa' ? /[۰-۹]/ : /\d/)
      await shot(page, `paper-schedule-print-${lang}`)
      await page.emulateMedia({ media: 'screen' })
      assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'fa' ? 'rtl' : 'ltr')
    }
    b.assertClean()
  } catch (e) {
    await shot(page, 'paper-schedule-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

for (const lang of LANGS) {
  test(`outcome report and worklist print (${lang})`, async () => {
    const b = await launch({ lang })
    const { page } = b
    try {
      await loginStaff(page, server, 'analyst.tehran-1')
      await page.goto(server.url + '/outcomes')
      await page.getByTestId('outcomes-meta').waitFor()
      await assertPaper(page, ['h1', '[data-testid=outcomes-meta]', 'main svg', 'main table'], `outcomes ${lang}`)
      await page.locator('header button.link-button').click()
      await page.waitForURL(/\/login/)
      await loginStaff(page, server, 'coordinator.tehran-1')
      await page.goto(server.url + '/worklist')
      await page.getByTestId('worklist-page').waitFor()
      await page.locator('[data-testid=worklist-page] table tbody tr').first().waitFor()
      await assertPaper(page, ['h1', '[data-testid=worklist-page] table'], `worklist ${lang}`)
      b.assertClean()
    } finally {
      await b.close()
    }
  })
}

for (const lang of LANGS) {
  test(`audit viewer (${lang}): who opened a patient's record, filtered, paged and exported as CSV`, async () => {
    // A read to find: the coordinator opens the patient.
    const coordinator = await apiSession(server, 'coordinator.tehran-1')
    assert.equal((await coordinator.get(`/api/v1/patients/${made.patientId}`)).status, 200)
    const b = await launch({ lang })
    const { page } = b
    try {
      await loginStaff(page, server, 'admin.tehran-1')
      await page.goto(server.url + '/admin#admin-auditLog')
      const panel = page.getByTestId('audit-log')
      await panel.waitFor()
      const form = page.getByTestId('audit-log-form')
      await form.locator('input[name=patient]').fill(lang === 'fa' ? 'PAPER-۱' : 'PAPER-1')
      await form.locator('input[name=user]').fill('coordinator.tehran-1')
      await form.getByTestId('audit-log-search').click()
      const table = page.getByTestId('audit-log-table')
      await table.waitFor()
      const rows = table.locator('tbody tr')
      assert.ok((await rows.count()) >= 1)
      for (const actor of await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.actor))) assert.equal(actor, 'coordinator.tehran-1')
      assert.match(await table.textContent(), new RegExp(words[lang].opened))
      await checkA11y(page, `audit viewer ${lang}`)
      await shot(page, `paper-audit-viewer-${lang}`)

      // A day after today finds nothing; an unknown record number says so beside the field.
      const tomorrow = new Date(Date.now() + 86400000 * 2).toISOString().slice(0, 10)
      const api = await apiSession(server, 'admin.tehran-1')
      assert.equal((await api.get(`/api/v1/audit/rows?user=coordinator.tehran-1&from=${tomorrow}`)).json.rows.length, 0)
      await form.locator('input[name=patient]').fill('NO-SUCH-MRN')
      await form.getByTestId('audit-log-search').click()
      await form.locator('.field.invalid').waitFor()

      // The CSV: the same filters, a header row first.
      await form.locator('input[name=patient]').fill('PAPER-1')
      await form.getByTestId('audit-log-search').click()
      await page.waitForFunction(() => !document.querySelector('[data-testid=audit-log-form] .field.invalid'))
      const href = await page.getByTestId('audit-log-csv').getAttribute('href')
      assert.match(href, /^\/api\/v1\/audit\/rows\.csv\?patient=\d+&user=coordinator\.tehran-1$/)
      const csv = await page.evaluate(async (h) => {
        const r = await fetch(h)
        return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), text: await r.text() }
      }, href)
      assert.equal(csv.status, 200)
      assert.equal(csv.type, 'text/csv; charset=utf-8')
      assert.match(csv.disposition, /^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/)
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n')
      assert.equal(lines[0], 'seq,at,actor,role,centre,action,entity,entity_id,via,detail')
      assert.ok(lines.length >= 2)
      assert.ok(lines.slice(1).every((l) => l.split(',')[2] === 'coordinator.tehran-1'))
      // A real download, as a user clicks it.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-log-csv').click()])
      assert.match(download.suggestedFilename(), /^audit-.*\.csv$/)
      b.assertClean()
    } catch (e) {
      await shot(page, `paper-audit-failure-${lang}`).catch(() => {})
      throw e
    } finally {
      await b.close()
    }
  })
}

for (const lang of LANGS) {
  test(`licence status (${lang}): a centre's admin is not offered it and cannot set it; the registry sets it`, async () => {
    const b = await launch({ lang })
    const { page } = b
    try {
      await loginStaff(page, server, 'admin.tehran-1')
      await page.goto(server.url + '/admin#admin-centres')
      const row = page.locator('[data-testid=centres-table] tr[data-centre=tehran-1]')
      await row.locator('button').click()
      const form = page.getByTestId('centre-form')
      await form.waitFor()
      assert.equal(await form.locator('select[name=licence_status]').count(), 0, 'the admin is not offered the status')
      assert.match(await form.getByTestId('licence-fixed').textContent(), new RegExp(words[lang].fixed))
      await form.locator('input[name=phone]').fill(lang === 'fa' ? '۰۲۱۸۸۰۰۱۱۲۲' : '02188001122')
      await form.locator('button[type=submit]').click()
      await page.getByTestId('save-status').getByText(words[lang].saved).waitFor()
      // The server refuses the status from the admin, naming the field, in their language.
      const admin = await apiSession(server, 'admin.tehran-1')
      const centre = (await admin.get('/api/v1/centres')).json.find((c) => c.id === 'tehran-1')
      const refused = await page.evaluate(async (c) => {
        const me = await (await fetch('/api/v1/auth/me')).json()
        const r = await fetch('/api/v1/centres/tehran-1', {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token, 'Accept-Language': document.documentElement.lang },
          body: JSON.stringify({ ...c, id: undefined, licence_status: 'suspended' }),
        })
        return { status: r.status, body: await r.json() }
      }, centre)
      assert.equal(refused.status, 403)
      assert.equal(refused.body.error.field, 'licence_status')
      assert.match(refused.body.error.message, lang === 'fa' ? /نهاد ثبت/ : /set by the registry/)
      assert.equal((await admin.get('/api/v1/centres')).json.find((c) => c.id === 'tehran-1').licence_status, centre.licence_status)
      await page.locator('header button.link-button').click()
      await page.waitForURL(/\/login/)

      // The licensing registry: only the centres, and any centre's licence.
      await loginStaff(page, server, 'registry.licensing')
      await page.waitForURL(/\/admin/)
      await page.getByTestId('centres-table').waitFor()
      assert.equal(await page.getByTestId('audit-log').count(), 0)
      const other = page.locator('[data-testid=centres-table] tr[data-centre=mashhad-1]')
      await other.getByTestId('licence-open').click()
      const licence = page.getByTestId('licence-form')
      const target = lang === 'fa' ? 'pending' : 'suspended'
      await licence.locator('select[name=licence_status]').selectOption(target)
      await licence.getByTestId('licence-submit').click()
      await page.getByTestId('save-status').getByText(words[lang].saved).waitFor()
      assert.equal((await admin.get('/api/v1/centres')).json.find((c) => c.id === 'mashhad-1').licence_status, target)
      if (words[lang].suspended) assert.match(await other.textContent(), new RegExp(words[lang].suspended))
      await checkA11y(page, `registry ${lang}`)
      await shot(page, `paper-registry-${lang}`)
      b.assertClean()
    } catch (e) {
      await shot(page, `paper-licence-failure-${lang}`).catch(() => {})
      throw e
    } finally {
      await b.close()
    }
  })
}

test('the favicon is served with the app and allowed by its CSP', async () => {
  const res = await fetch(server.url + '/favicon.svg')
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'image/svg+xml')
  assert.match(await res.text(), /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  const b = await launch()
  try {
    const seen = []
    b.page.on('response', (r) => {
      if (r.url().endsWith('/favicon.svg')) seen.push(r.status())
    })
    await b.page.goto(server.url + '/login')
    assert.equal(await b.page.locator('link[rel=icon]').getAttribute('href'), '/favicon.svg')
    const loaded = await b.page.evaluate(
      () =>
        new Promise((ok) => {
          const img = new Image()
          img.onload = () => ok(img.naturalWidth > 0)
          img.onerror = () => ok(false)
          img.src = '/favicon.svg'
        }),
    )
    assert.equal(loaded, true, 'the CSP lets the page load the icon')
    b.assertClean()
  } finally {
    await b.close()
  }
})
