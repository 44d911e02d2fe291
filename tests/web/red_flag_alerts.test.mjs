// A red flag sent from the portal reaches a clinician wherever they are: on a staff page
// that is not the worklist, the badge in the header counts it within 2 s (the server
// pushes it over Server-Sent Events), the tab's title carries the count, and the badge's
// list shows the flag with the patient's number to call. The clinician acknowledges it
// saying what was done, and the patient's portal then shows it was seen, when, and by
// which role, never by whom. In English and in Persian.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { checkA11y, injectedPatient, launch, loginStaff, shot, startServer } from './support.mjs'

let server
before(async () => {
  server = await startServer()
})
after(async () => {
  await server?.stop()
})

const phone = { viewport: { width: 390, height: 844 }, mobile: true }
const words = {
  en: {
    category: 'Swelling',
    severity: 'Moderate',
    seen: /Seen by the clinic’s coordinator at .+; they called you/,
    waiting: /Not seen yet/,
    call: /Call \+98912/,
    done: /Acknowledged/,
  },
  fa: {
    category: 'تورم',
    severity: 'متوسط',
    seen: /دیده‌شده به دست هماهنگ‌کننده مرکز درمانی در .+؛ با شما تماس گرفتند/,
    waiting: /هنوز دیده نشده است/,
    call: /تماس با \+۹۸۹۱۲/,
    done: /تأیید شد/,
  },
}
const persianDigits = (n) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + +d))

for (const [lang, mobile] of [
  ['en', '09125557101'],
  ['fa', '09125557102'],
]) {
  test(`a portal red flag raises the badge on a page that is not the worklist, and the portal shows who saw it (${lang})`, async () => {
    const w = words[lang]
    const made = await injectedPatient(server, { mrn: `ALERT-${lang.toUpperCase()}-1`, mobile })
    const staff = await launch({ lang })
    const patient = await launch({ ...phone, lang })
    try {
      // The coordinator works on the patient list, not the worklist.
      const page = staff.page
      await loginStaff(page, server, 'coordinator.tehran-1')
      await page.goto(server.url + '/patients')
      const badge = page.getByTestId('alert-badge')
      await badge.waitFor()
      // Connected and counted: the count of the flags already open at the centre.
      await page.locator('[data-testid=alert-badge][data-loaded=true]').waitFor()
      const before = Number(await badge.getAttribute('data-count'))
      const openNow = (await made.coordinator.get('/api/v1/red-flags')).json.length
      assert.equal(before, openNow, 'the badge counts the open flags')

      // The patient reports swelling from the portal on their phone.
      const p = patient.page
      await p.goto(server.url + '/portal/login')
      await p.locator('input[name=mobile]').fill(made.mobile)
      await p.locator('form button[type=submit]').tap()
      await p.getByTestId('code-sent').waitFor()
      await p.locator('input[name=code]').fill(server.codeFor(made.patientId))
      await p.locator('form button[type=submit]').tap()
      await p.getByTestId('red-flag-button').waitFor()
      await p.getByTestId('red-flag-button').tap()
      await p.getByRole('radio', { name: w.category }).check()
      await p.getByRole('radio', { name: w.severity }).check()
      await p.getByTestId('red-flag-send').tap()
      await p.getByTestId('red-flag-sent').waitFor()
      const sentAt = Date.now()
      // Within 2 s the badge on the patient list counts it, and the title carries the count.
      await page.locator(`[data-testid=alert-badge][data-count="${before + 1}"]`).waitFor({ timeout: 2000 })
      assert.ok(Date.now() - sentAt <= 2000, `badge raised ${Date.now() - sentAt} ms after the portal's send`)
      assert.equal(new URL(page.url()).pathname, '/patients', 'still on the patient list')
      const shown = lang === 'fa' ? persianDigits(before + 1) : String(before + 1)
      assert.ok((await badge.textContent()).includes(shown), 'the badge shows the count in the page’s digits')
      assert.ok((await page.title()).startsWith(`(${shown}) `), 'the tab title leads with the count: ' + (await page.title()))
      // What the portal promises is what happens: the team is alerted; no "right now".
      const promise = await p.getByTestId('red-flag-sent').textContent()
      assert.doesNotMatch(promise, /right now|همین حالا آن را می‌بیند/)
      assert.match(promise, lang === 'en' ? /alerted/ : /هشدار داده شد/)
      assert.match(promise, /115|۱۱۵/)
      await p.getByTestId('report-waiting').waitFor()
      assert.match(await p.getByTestId('report-waiting').first().textContent(), w.waiting)

      // The badge's list: the new flag, with the patient's number as a tel: link.
      const flag = (await made.coordinator.get('/api/v1/red-flags')).json.find((f) => f.patient.patient_id === made.patientId)
      assert.ok(flag, 'the flag is open at the clinic')
      await badge.click()
      const card = page.locator(`[data-testid=alert-flag][data-flag="${flag.id}"]`)
      await card.waitFor()
      const tel = card.getByTestId('flag-phone')
      assert.equal(await tel.getAttribute('href'), 'tel:' + made.mobile.replace(/[^\d+]/g, ''))
      assert.match(await tel.textContent(), w.call)
      assert.match(await card.textContent(), new RegExp(w.category))
      await checkA11y(page, `alert panel ${lang}`)
      await shot(page, `alerts-panel-${lang}`)

      // Acknowledged with what was done; refused first without an action.
      await card.getByTestId('alert-ack-open').click()
      await card.getByTestId('ack-submit').click()
      await card.locator('.error-text').waitFor()
      await card.locator('input[data-action=called]').check()
      await card.locator('textarea[name=note]').fill(lang === 'fa' ? 'فردا صبح می‌آید' : 'Comes in tomorrow morning')
      await card.getByTestId('ack-submit').click()
      await page.getByTestId('ack-done').waitFor()
      assert.match(await page.getByTestId('ack-done').textContent(), w.done)
      await page.locator(`[data-testid=alert-badge][data-count="${before}"]`).waitFor({ timeout: 5000 })
      await card.waitFor({ state: 'detached' })
      // On a phone-sized screen the list stays within the screen, in either direction.
      await page.setViewportSize({ width: 390, height: 844 })
      const box = await page.getByTestId('alert-panel').boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the list fits the phone: ' + JSON.stringify(box))
      await shot(page, `alerts-panel-phone-${lang}`)
      await page.setViewportSize({ width: 1280, height: 900 })
      const listed = (await made.coordinator.get('/api/v1/worklist')).json.red_flags.find((f) => f.red_flag.id === flag.id)
      assert.equal(listed.red_flag.status, 'acknowledged')
      assert.equal(listed.red_flag.ack_action, 'called')
      assert.equal(listed.red_flag.acknowledged_role, 'coordinator')

      // The portal shows it was seen, by the role, what was done; never the person.
      await p.reload()
      const seen = p.getByTestId('report-seen').first()
      await seen.waitFor()
      const text = await seen.textContent()
      assert.match(text, w.seen)
      assert.doesNotMatch(text, /tehran-1|coordinator\./)
      if (lang === 'fa') assert.doesNotMatch(await p.getByTestId('my-reports').textContent(), /[A-Za-z]/, 'no Latin letter')
      await checkA11y(p, `portal reports ${lang}`)
      await shot(p, `alerts-portal-seen-${lang}`)
      staff.assertClean()
      patient.assertClean()
    } catch (e) {
      await shot(staff.page, `alerts-failure-staff-${lang}`).catch(() => {})
      await shot(patient.page, `alerts-failure-portal-${lang}`).catch(() => {})
      throw e
    } finally {
      await staff.close()
      await patient.close()
    }
  })
}
