// The patient's messages on the staff's patient page: the demo's planned messages listed
// with what, when (the clinic's day and time) and state; a coordinator cancels one with a
// reason and sends it again, each read back from the server; in Persian the section is
// right to left with Jalali dates in Persian digits and no Latin text but the item codes.
// A message that did not reach its patient waits on the worklist (on a desktop in English,
// on a phone in Persian) until sent again. A questionnaire invitation's link opens its time
// point in the portal once the patient signs in.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { startServer, launch, loginStaff, apiSession, checkA11y, shot } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'

let server
before(async () => {
  server = await startServer()
})
after(async () => {
  await server?.stop()
})

const JALALI_MONTHS = /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/

// A patient of the centre with a message still to go, and that message.
async function pendingMessage(api) {
  for (const p of (await api.get('/api/v1/patients')).json) {
    if (!p.consent.contact) continue
    const { messages } = (await api.get(`/api/v1/patients/${p.id}/messages`)).json
    const message = messages.find((m) => m.state === 'pending')
    if (message) return { patientId: p.id, message }
  }
  assert.fail('the demo planned messages for a patient of the centre')
}

test('a coordinator sees a patient\'s messages, cancels one with why and sends it again', async () => {
  const api = await apiSession(server, 'coordinator.tehran-1')
  const { patientId, message } = await pendingMessage(api)

  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.goto(`${server.url}/patients/${patientId}`)
    const section = page.getByTestId('patient-messages')
    const row = section.locator(`tr[data-message="${message.id}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-state'), 'pending')
    assert.match(await row.textContent(), /Waiting/)
    assert.match(await row.textContent(), new RegExp(message.item_id))

    await row.getByTestId('message-cancel').click()
    const form = section.getByTestId('message-action-form')
    await form.getByTestId('message-action-submit').click()
    await form.locator('.error-text').first().waitFor() // a reason is required
    assert.equal((await api.get(`/api/v1/patients/${patientId}/messages`)).json.messages.find((m) => m.id === message.id).state, 'pending')
    await form.getByTestId('message-reason').fill('the patient asked by phone')
    await form.getByTestId('message-action-submit').click()
    await section.locator(`tr[data-message="${message.id}"][data-state=cancelled]`).waitFor()
    let now = (await api.get(`/api/v1/patients/${patientId}/messages`)).json.messages.find((m) => m.id === message.id)
    assert.equal(now.state, 'cancelled')
    assert.equal(now.cancel_reason, 'the patient asked by phone')

    await section.locator(`tr[data-message="${message.id}"]`).getByTestId('message-resend').click()
    await section.getByTestId('message-reason').fill('the patient asked again')
    await section.getByTestId('message-action-submit').click()
    await section.locator(`tr[data-message="${message.id}"][data-state=pending]`).waitFor()
    now = (await api.get(`/api/v1/patients/${patientId}/messages`)).json.messages.find((m) => m.id === message.id)
    assert.equal(now.state, 'pending')
    await checkA11y(page, 'messages en')

    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    const due = await section.locator(`tr[data-message="${message.id}"] time`).first().textContent()
    assert.match(due, JALALI_MONTHS)
    assert.doesNotMatch(due, /[0-9]/)
    assert.match(await section.textContent(), /پیام‌ها به بیمار/)
    await assertPersianOnly(page, 'messages fa', '[data-testid=patient-messages]')
    await checkA11y(page, 'messages fa')
    await shot(page, 'staff-patient-messages-fa')
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('a message that did not reach its patient waits on the worklist until sent again, in English and Persian', async () => {
  const api = await apiSession(server, 'coordinator.tehran-1')
  const { message } = await pendingMessage(api)
  // Every try failed, as the scheduler leaves a message whose gateway kept refusing it.
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(server.data, 'demo.db'),
    `UPDATE messages SET state = 'failed', attempts = 5, last_detail = 'the gateway answered 503' WHERE id = ${message.id}`])
  const listed = (await api.get('/api/v1/worklist')).json.undelivered_messages
  assert.deepEqual(listed.map((m) => m.message_id), [message.id])

  for (const viewport of [{ lang: 'en' }, { lang: 'fa', viewport: { width: 390, height: 844 }, mobile: true }]) {
    const b = await launch(viewport)
    try {
      const { page } = b
      await loginStaff(page, server, 'coordinator.tehran-1')
      await page.goto(`${server.url}/worklist`)
      const section = page.getByTestId('wl-undelivered')
      const row = section.locator(`tr[data-message="${message.id}"]`)
      await row.waitFor()
      assert.equal(await row.getAttribute('data-state'), 'failed')
      if (viewport.lang === 'en') {
        assert.match(await section.textContent(), /Messages that did not reach the patient/)
        assert.match(await row.textContent(), /Failed/)
        await checkA11y(page, 'worklist undelivered en')
        await shot(page, 'staff-worklist-undelivered-en')
      } else {
        assert.match(await section.textContent(), /پیام‌هایی که به بیمار نرسید/)
        await assertPersianOnly(page, 'worklist undelivered fa', '[data-testid=wl-undelivered]')
        await checkA11y(page, 'worklist undelivered fa phone')
        await shot(page, 'staff-worklist-undelivered-fa-phone')
      }
      b.assertClean()
    } finally {
      await b.close()
    }
  }

  // Sent again from the patient's page, it leaves the worklist.
  const resent = await api.post(`/api/v1/messages/${message.id}/resend`, { reason: 'checked the number with the patient' })
  assert.equal(resent.status, 200)
  assert.deepEqual((await api.get('/api/v1/worklist')).json.undelivered_messages, [])

  // More than the worklist lists (100): the heading counts them all and says how many show.
  const sql = (q) => execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(server.data, 'demo.db'), q]).toString()
  const ids = sql("SELECT id FROM messages WHERE centre_id = 'tehran-1' AND state = 'pending' ORDER BY id LIMIT 101")
    .trim().split('\n').join(',')
  assert.equal(ids.split(',').length, 101, 'the demo has 101 pending messages at the centre')
  sql(`UPDATE messages SET state = 'failed' WHERE id IN (${ids})`)
  try {
    const w = (await api.get('/api/v1/worklist')).json
    assert.equal(w.undelivered_messages.length, 100)
    assert.equal(w.undelivered_total, 101)
    const b = await launch({ lang: 'fa', viewport: { width: 390, height: 844 }, mobile: true })
    try {
      const { page } = b
      await loginStaff(page, server, 'coordinator.tehran-1')
      await page.goto(`${server.url}/worklist`)
      const section = page.getByTestId('wl-undelivered')
      await section.getByTestId('wl-undelivered-shown').waitFor()
      assert.match(await section.locator('h2').textContent(), /۱۰۱/)
      assert.match(await section.getByTestId('wl-undelivered-shown').textContent(), /۱۰۰ از ۱۰۱/)
      await assertPersianOnly(page, 'worklist undelivered shown fa', '[data-testid=wl-undelivered]')
      b.assertClean()
    } finally {
      await b.close()
    }
  } finally {
    sql(`UPDATE messages SET state = 'pending' WHERE id IN (${ids})`)
  }
})

// One link for a whole time point: the link in a questionnaire's invitation opens, on the
// patient's phone, the portal's sign-in, and after the code by SMS the time point itself.
test('a questionnaire invitation\'s link signs the patient in and opens its time point', async () => {
  const api = await apiSession(server, 'coordinator.tehran-1')
  let found
  for (const p of (await api.get('/api/v1/patients')).json) {
    if (!p.consent.contact) continue
    const { messages } = (await api.get(`/api/v1/patients/${p.id}/messages`)).json
    const invite = messages.find((m) => m.state === 'pending' && m.template === 'questionnaire_invite')
    if (invite) {
      found = { patientId: p.id, invite, mobile: (await api.get(`/api/v1/patients/${p.id}`)).json.mobile }
      break
    }
  }
  assert.ok(found, 'the demo planned a questionnaire invitation')
  const link = found.invite.body.match(/https?:\/\/\S+\/portal\/questionnaire\/\d+\/[\w-]+/)?.[0]
  assert.ok(link, `a time point link in: ${found.invite.body}`)
  const target = new URL(link)
  assert.equal(target.origin, new URL(server.url).origin)
  assert.equal(target.pathname, `/portal/questionnaire/${found.invite.episode_id}/${found.invite.item_id}`)

  const b = await launch({ viewport: { width: 390, height: 844 }, mobile: true, lang: 'fa' })
  try {
    const { page } = b
    await page.goto(link)
    await page.waitForURL(/\/portal\/login/)
    await page.locator('input[name=mobile]').fill(found.mobile)
    await page.locator('form button[type=submit]').tap()
    await page.getByTestId('code-sent').waitFor()
    let code
    for (let i = 0; i < 50 && !code; i++) {
      try {
        code = server.codeFor(found.patientId)
      } catch {
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    await page.locator('input[name=code]').fill(code)
    await page.locator('form button[type=submit]').tap()
    await page.waitForURL((u) => u.pathname === target.pathname)
    await page.getByTestId('sitting').waitFor()
    await shot(page, 'portal-time-point-from-message-fa-phone')
    b.assertClean()
  } finally {
    await b.close()
  }
})
