// Dates, digits and names as the user chose them, clicked through in Chromium: a patient
// registered with only a Latin name and a birth date picked from the Jalali calendar in
// English (mouse and keyboard), another with only a Persian name picked in Persian on a
// phone; each read back from the server's API. Dates show day, month, year in English
// and in the Persian order in Persian; never the browser's own month-first date field.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot, nationalIdFor, repo, unfold } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'

const jalaali = createRequire(join(repo, 'web/package.json'))('jalaali-js')
const isoOfJalali = (jy, jm, jd) => {
  const g = jalaali.toGregorian(jy, jm, jd)
  return `${g.gy}-${String(g.gm).padStart(2, '0')}-${String(g.gd).padStart(2, '0')}`
}

let server, coordinator
before(async () => {
  server = await startServer()
  coordinator = await apiSession(server, 'coordinator.tehran-1')
})
after(async () => {
  await server?.stop()
})

async function registered(mrn) {
  const found = (await coordinator.get('/api/v1/patients?q=' + mrn)).json
  assert.equal(found.length, 1, `one patient ${mrn}`)
  return (await coordinator.get(`/api/v1/patients/${found[0].id}`)).json
}

async function fillRest(form, mrn, mobile) {
  await form.locator('input[name=mrn]').fill(mrn)
  await form.locator('select[name=sex]').selectOption('female')
  await form.locator('input[name=mobile]').fill(mobile)
  await form.locator('input[name=national_id]').fill(nationalIdFor(mrn))
  await form.locator('input[name=consent_treatment]').check()
}

test('English with the Jalali calendar: only a Latin name, a birth date picked from the calendar', async () => {
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/patients')
    await page.getByTestId('calendar').selectOption('jalali')
    await page.getByTestId('register-open').click()
    const form = page.getByTestId('register-form')
    assert.equal(await page.locator('input[type=date]').count(), 0, 'no browser date field')
    assert.match(await form.textContent(), /one of the two is required/)

    // neither name: the form says which rule, as a sentence
    await fillRest(form, 'DD-EN-1', '09125551001')
    await form.getByTestId('register-submit').click()
    assert.match(await form.locator('.field', { has: page.locator('input[name=name_fa]') }).locator('.error-text').textContent(), /Persian or in Latin letters: one of the two is required\./)

    // the birth date from the calendar: 23 Farvardin 1347 by year and month lists, then the day
    const birth = form.locator('input[name=birth_date]')
    assert.equal(await birth.getAttribute('placeholder'), 'dd/mm/yyyy (Jalali)')
    const field = form.locator('.date-input', { has: page.locator('input[name=birth_date]') })
    await field.getByTestId('date-pick').click()
    const popup = page.getByTestId('calendar-popup')
    await popup.waitFor()
    assert.equal(await popup.locator('table').getAttribute('data-calendar'), 'jalali')
    // Saturday first, as the Jalali week runs
    assert.match(await popup.locator('thead th').first().getAttribute('abbr'), /Saturday/)
    await popup.getByTestId('calendar-year').selectOption('1347')
    await popup.getByTestId('calendar-month').selectOption('1')
    assert.equal(await popup.getByTestId('calendar-month').locator('option:checked').textContent(), 'Farvardin')
    await checkA11y(page, 'calendar popup en jalali')
    await shot(page, 'dates-calendar-en-jalali')
    await popup.locator(`button[data-date="${isoOfJalali(1347, 1, 23)}"]`).click()
    await popup.waitFor({ state: 'detached' })
    assert.equal(await birth.inputValue(), '23/01/1347')
    // focus is back on the calendar button
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'date-pick')

    // the keyboard: open, a week on (Arrow Down), a month back (Page Up), a day on (Arrow Right), Enter
    await page.keyboard.press('Enter')
    await popup.waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.date), isoOfJalali(1347, 1, 23))
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('PageUp')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await popup.waitFor({ state: 'detached' })
    // 30 Farvardin 1347; a month back, 30 Esfand 1346 (a leap year); a day on, 1 Farvardin 1347
    assert.equal(await birth.inputValue(), '01/01/1347')
    // End and Home: the ends of the week, which runs Saturday to Friday in Jalali
    // (1 Farvardin 1347 was a Thursday)
    await page.keyboard.press('Enter')
    await popup.waitFor()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    assert.equal(await birth.inputValue(), '02/01/1347')
    await page.keyboard.press('Enter')
    await popup.waitFor()
    await page.keyboard.press('Home')
    await page.keyboard.press('Enter')
    assert.equal(await birth.inputValue(), '26/12/1346')
    // Escape closes without choosing
    await field.getByTestId('date-pick').click()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Escape')
    await popup.waitFor({ state: 'detached' })
    assert.equal(await birth.inputValue(), '26/12/1346')

    // typed day first: 12/09/1350 is 12 Azar 1350
    await birth.fill('12/09/1350')
    await form.locator('input[name=name_latin]').fill('Shirin Tavakoli')
    await form.getByTestId('register-submit').click()
    await page.getByTestId('registered').waitFor()
    const p = await registered('DD-EN-1')
    assert.equal(p.birth_date, isoOfJalali(1350, 9, 12))
    assert.equal(p.name_latin, 'Shirin Tavakoli')
    assert.equal(p.name_fa, '')

    // shown day, month, year: Jalali as chosen, then Gregorian
    await page.goto(`${server.url}/patients/${p.id}`)
    const born = page.locator('[data-testid=demographics] time').first()
    await born.waitFor()
    assert.equal((await born.textContent()).trim(), '12 Azar 1350 AP')
    await page.getByTestId('calendar').selectOption('gregorian')
    const d = new Date(p.birth_date + 'T00:00:00Z')
    const gregorian = `${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${d.getUTCFullYear()}`
    await page.waitForFunction((text) => document.querySelector('[data-testid=demographics] time')?.textContent.trim() === text, gregorian)

    // a Gregorian date field is day first too, and reads what is typed that way
    await page.getByTestId('correct-open').click()
    const fix = page.getByTestId('correct-form')
    const fixBirth = fix.locator('input[name=birth_date]')
    assert.equal(await fixBirth.getAttribute('placeholder'), 'dd/mm/yyyy')
    assert.equal(await fixBirth.inputValue(), `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`)
    await fixBirth.fill('05/03/1971')
    await fix.locator('textarea[name=reason]').fill('Birth date from the identity card')
    await fix.getByTestId('correct-submit').click()
    await page.getByTestId('corrected').waitFor()
    assert.equal((await coordinator.get(`/api/v1/patients/${p.id}`)).json.birth_date, '1971-03-05')
    await checkA11y(page, 'patient en gregorian')
    b.assertClean()
  } catch (e) {
    await shot(page, 'dates-en-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('Persian on a phone: only a Persian name, a Jalali birth date picked in Persian digits', async () => {
  const b = await launch({ lang: 'fa', viewport: { width: 390, height: 844 }, mobile: true })
  const { page } = b
  try {
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/patients')
    await page.getByTestId('register-open').click()
    const form = page.getByTestId('register-form')
    await fillRest(form, 'DD-FA-1', '۰۹۱۲۵۵۵۱۰۰۲')
    await form.locator('input[name=name_fa]').fill('شیرین توکلی')
    const birth = form.locator('input[name=birth_date]')
    const field = form.locator('.date-input', { has: page.locator('input[name=birth_date]') })
    await field.getByTestId('date-pick').tap()
    const popup = page.getByTestId('calendar-popup')
    await popup.waitFor()
    await popup.getByTestId('calendar-year').selectOption('1350')
    await popup.getByTestId('calendar-month').selectOption('9')
    assert.equal((await popup.getByTestId('calendar-year').locator('option:checked').textContent()).trim(), '۱۳۵۰')
    assert.equal((await popup.getByTestId('calendar-month').locator('option:checked').textContent()).trim(), 'آذر')
    assert.match(await popup.locator('thead th').first().getAttribute('abbr'), /^شنبه$/)
    const dayText = await popup.locator('tbody button').allTextContents()
    assert.ok(dayText.every((t) => /^[\u06F0-\u06F9]+$/.test(t.trim())), dayText.join(' '))
    // the calendar stays on the phone's screen
    const box = await popup.boundingBox()
    assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box))
    await checkA11y(page, 'calendar popup fa')
    await shot(page, 'dates-calendar-fa-phone')
    await popup.locator(`button[data-date="${isoOfJalali(1350, 9, 12)}"]`).tap()
    assert.equal(await birth.inputValue(), '۱۳۵۰/۰۹/۱۲')
    // right to left, Arrow Left is the next day
    await field.getByTestId('date-pick').click()
    await popup.waitFor()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('Enter')
    assert.equal(await birth.inputValue(), '۱۳۵۰/۰۹/۱۳')
    await form.getByTestId('register-submit').click()
    await page.getByTestId('registered').waitFor()
    const p = await registered('DD-FA-1')
    assert.equal(p.birth_date, isoOfJalali(1350, 9, 13))
    assert.equal(p.name_fa, 'شیرین توکلی')
    assert.equal(p.name_latin, '')

    // the Persian order, Persian digits: day, month, year
    await page.goto(`${server.url}/patients/${p.id}`)
    const born = page.locator('[data-testid=demographics] time').first()
    await born.waitFor()
    assert.equal((await born.textContent()).trim(), '۱۳ آذر ۱۳۵۰')
    // the correction form shows the date as it is typed in Persian
    await page.getByTestId('correct-open').click()
    assert.equal(await page.getByTestId('correct-form').locator('input[name=birth_date]').inputValue(), '۱۳۵۰/۰۹/۱۳')
    assert.equal(await page.locator('input[type=date]').count(), 0)
    await checkA11y(page, 'patient fa phone')
    await shot(page, 'dates-patient-fa-phone')
    b.assertClean()
  } catch (e) {
    await shot(page, 'dates-fa-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('Persian staff screens show no Latin letter, Latin digit or raw value', async () => {
  const b = await launch({ lang: 'fa' })
  const { page } = b
  try {
    const followUp = (await coordinator.get('/api/v1/patients?state=follow_up')).json[0]
    assert.ok(followUp, 'the demo has a patient in follow-up')
    for (const who of ['coordinator.tehran-1', 'surgeon.tehran-1']) {
      await loginStaff(page, server, who)
      await page.goto(server.url + '/worklist')
      await page.getByTestId('wl-today').waitFor()
      await assertPersianOnly(page, `worklist (${who})`)
      assert.match(await page.getByTestId('who').textContent(), /تهران/) // the centre's name, not tehran-1
      await page.goto(server.url + '/patients')
      await page.getByTestId('patient-results').waitFor()
      await assertPersianOnly(page, `patients (${who})`)
      await page.goto(`${server.url}/patients/${followUp.id}`)
      await page.getByTestId('episode-panel').waitFor()
      await unfold(page) // every section open, so every word of the page is checked
      await page.getByTestId('transition-history').waitFor()
      await assertPersianOnly(page, `patient page (${who})`)
      // the correction form: record number, mobile and national id prefilled in Persian digits
      await page.getByTestId('correct-open').click()
      await page.getByTestId('correct-form').waitFor()
      await assertPersianOnly(page, `correction form (${who})`)
      assert.match(await page.getByTestId('correct-form').locator('input[name=mobile]').inputValue(), /^\+۹۸۹[۰-۹]{9}$/)
      await page.getByTestId('correct-open').click()
      // the new-episode form: protocols by title, each diagnosis code with its Persian name
      await page.getByTestId('new-episode-open').click()
      await page.getByTestId('new-episode-form').waitFor()
      await assertPersianOnly(page, `new-episode form (${who})`)
      await page.getByTestId('new-episode-form').getByRole('button', { name: 'انصراف' }).click()
      // the diagnosis: its code, and its name in Persian
      const diagnosis = await page.getByTestId('diagnosis').textContent()
      assert.match(diagnosis, /M۱[۶۷]\.[۰-۹]+ آرتروز/)
      // the first step of every course is the referral, in words, by the command line here
      const history = await page.getByTestId('transition-history').textContent()
      assert.doesNotMatch(history, /referral|operator|\bcli\b/)
      await page.locator('header button.link-button').click()
      await page.waitForURL(/\/login/)
    }
    // the lab's worklist, the outcomes and the administration
    await loginStaff(page, server, 'lab.tehran-1')
    await page.goto(server.url + '/worklist')
    await page.getByTestId('wl-release').waitFor()
    // the QC results the lab chases (the demo's products wait for their sterility cultures)
    await page.getByTestId('wl-qc-due').waitFor()
    assert.match(await page.getByTestId('wl-qc-due').textContent(), /سترونی/)
    await assertPersianOnly(page, 'worklist (lab)')
    await loginStaff(page, server, 'admin.tehran-1')
    await page.goto(server.url + '/outcomes')
    await page.getByTestId('n-too-small').first().waitFor()
    await assertPersianOnly(page, 'outcomes')
    await page.goto(server.url + '/admin')
    await page.getByTestId('protocol-view').waitFor()
    await assertPersianOnly(page, 'administration')
    // the protocol's rules name the finding in Persian
    assert.match(await page.getByTestId('protocol-view').textContent(), /درجهٔ کلگرن-لارنس ≥ ۲، ≤ ۳/)
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(server.url + '/patients')
    await page.getByTestId('register-open').click()
    await page.getByTestId('register-form').waitFor()
    await assertPersianOnly(page, 'register form')
    await shot(page, 'dates-persian-register')
    b.assertClean()
  } catch (e) {
    await shot(page, 'dates-persian-walk-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})
