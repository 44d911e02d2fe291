// The patient portal on a phone (390×844, touch): a questionnaire answered from the link a
// coordinator issued (one question per screen, kept across a reload, sent once, refused the
// second time), and a patient who signs in with mobile + one-time code, reads the schedule
// in Jalali dates and Persian digits, and raises a red flag that the clinic then sees; on a
// mobile number two patients share, the person picks who they are after the code.
// Every portal screen passes axe in Persian and in English; each is photographed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, apiSession, launch, loginStaff, checkA11y, shot, injectedPatient, nationalIdFor, portalSignIn } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'

const phone = { viewport: { width: 390, height: 844 }, mobile: true }
const persianDigit = /[\u06F0-\u06F9]/
const jalaliMonth = /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/
const toPersianDigits = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + +d))

let server
let coordinator
let patient // a tehran-1 patient in follow-up, with the episode
before(async () => {
  server = await startServer()
  coordinator = await apiSession(server, 'coordinator.tehran-1')
  const list = await coordinator.get('/api/v1/patients')
  assert.equal(list.status, 200)
  for (const p of list.json) {
    const full = await coordinator.get(`/api/v1/patients/${p.id}`)
    const ep = full.json.episodes.find((e) => e.state === 'follow_up' && e.injection_date)
    if (ep && full.json.mobile) {
      patient = { id: p.id, mobile: full.json.mobile, episode: ep.id }
      break
    }
  }
  assert.ok(patient, 'the demo has a tehran-1 patient in follow-up')
})
after(async () => {
  await server?.stop()
})

async function setLang(page, lang) {
  await page.getByTestId('lang').selectOption(lang)
  await page.waitForFunction((l) => document.documentElement.lang === l, lang)
}

// axe in both languages on the screen as it is, then back to the language it was in.
async function a11yBoth(page, label) {
  const start = await page.evaluate(() => document.documentElement.lang)
  for (const lang of start === 'fa' ? ['fa', 'en'] : ['en', 'fa']) {
    await setLang(page, lang)
    await checkA11y(page, `${label} ${lang}`)
    await shot(page, `portal-${label}-${lang}`)
  }
  await setLang(page, start)
}

const visibleQuestions = (page) => page.locator('[data-testid=question-text]:visible').count()

test('a questionnaire link: one question per screen, resumable, sent once, refused the second time', async () => {
  const link = await coordinator.post(`/api/v1/episodes/${patient.episode}/questionnaire-links`, { instrument: 'nrs', item_id: 'prom-6m' })
  assert.equal(link.status, 201, JSON.stringify(link.json))
  const before = await coordinator.get(`/api/v1/episodes/${patient.episode}/questionnaires`)
  const b = await launch({ ...phone, lang: 'fa' })
  try {
    const { page, context } = b
    await page.goto(server.url + link.json.path)
    await page.getByTestId('q-progress').waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl')
    assert.equal((await page.getByTestId('q-progress').textContent()).trim(), 'پرسش ۱ از ۲')
    assert.equal(await visibleQuestions(page), 1)
    assert.match(await page.getByTestId('question-text').textContent(), /استراحت/)
    await a11yBoth(page, 'link-question')

    // 0–10 as radio buttons: choose 6 by touch, move on, come back after a reload.
    await page.locator('.scale-point').nth(6).tap()
    await page.getByTestId('q-next').tap()
    assert.equal((await page.getByTestId('q-progress').textContent()).trim(), 'پرسش ۲ از ۲')
    assert.equal(await visibleQuestions(page), 1)
    assert.match(await page.getByTestId('question-text').textContent(), /فعالیت/)
    await page.reload()
    await page.getByTestId('resumed').waitFor()
    assert.equal((await page.getByTestId('q-progress').textContent()).trim(), 'پرسش ۲ از ۲')
    await page.getByTestId('q-back').tap()
    assert.equal(await page.locator('.scale-point input').nth(6).isChecked(), true, 'the first answer survived the reload')

    // Keyboard: the second scale is operated with the arrow keys alone.
    await page.getByTestId('q-next').click()
    await page.locator('.scale-point input').first().focus()
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown')
    assert.equal(await page.locator('.scale-point input').nth(7).isChecked(), true, 'arrow keys choose an answer')
    await page.getByTestId('q-next').tap()
    await page.getByTestId('q-review').waitFor()
    assert.equal(await page.locator('.review-list li').count(), 2)
    await a11yBoth(page, 'link-review')

    // A second tab on the same link, resumed from this phone's saved answers.
    const other = await context.newPage()
    await other.goto(server.url + link.json.path)
    await other.getByTestId('q-review').waitFor()

    await page.getByTestId('q-submit').tap()
    await page.getByTestId('q-thanks').waitFor()
    const echo = await page.getByTestId('q-echo').textContent()
    assert.match(echo, /۶ از ۱۰/)
    assert.match(echo, /۷ از ۱۰/)
    assert.doesNotMatch(await page.getByTestId('q-thanks').textContent(), /خفیف|متوسط|شدید|پاسخ‌دهنده/, 'no clinical interpretation')
    await a11yBoth(page, 'link-thanks')
    const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('regenpath.portal.draft.')).length)
    assert.equal(drafts, 0, 'the saved answers are cleared after a successful submit')

    // The clinic sees the submission.
    const after = await coordinator.get(`/api/v1/episodes/${patient.episode}/questionnaires`)
    assert.equal(after.status, 200)
    assert.equal(after.json.length, before.json.length + 1)
    const row = after.json.find((q) => !before.json.some((o) => o.id === q.id))
    assert.equal(row.instrument, 'nrs')
    assert.deepEqual(row.answers, { pain_rest: 6, pain_activity: 7 })

    // The spent link: a second submit is refused, and opening it again says so.
    await other.getByTestId('q-submit').tap()
    await other.getByTestId('q-error').waitFor()
    assert.match(await other.getByTestId('q-error').textContent(), /پیش‌تر استفاده شده یا منقضی شده/)
    await page.goto(server.url + link.json.path)
    await page.getByTestId('link-problem').waitFor()
    assert.match(await page.getByTestId('link-problem').textContent(), /پیش‌تر استفاده شده یا منقضی شده/)
    await a11yBoth(page, 'link-spent')
    const again = await coordinator.get(`/api/v1/episodes/${patient.episode}/questionnaires`)
    assert.equal(again.json.length, after.json.length, 'the refused submit stored nothing')
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('a patient signs in with mobile and code, reads the schedule in Jalali, and raises a red flag the clinic sees', async () => {
  const b = await launch({ ...phone, lang: 'fa' })
  try {
    const { page } = b
    await page.goto(server.url + '/portal')
    await page.waitForURL(/\/portal\/login/)
    await a11yBoth(page, 'login')

    // The mobile in Persian digits, national form (09…).
    const national = '0' + patient.mobile.replace(/^\+98/, '')
    await page.locator('input[name=mobile]').fill(toPersianDigits(national))
    await page.locator('form button[type=submit]').tap()
    await page.getByTestId('code-sent').waitFor()
    assert.match(await page.getByTestId('code-sent').textContent(), /اگر این شماره/)
    await a11yBoth(page, 'login-code')

    await page.locator('input[name=code]').fill('000000')
    await page.locator('form button[type=submit]').tap()
    await page.locator('.field.invalid .error-text').waitFor()
    assert.match(await page.locator('.field.invalid .error-text').textContent(), /کد نادرست است/)

    await page.locator('input[name=code]').fill(toPersianDigits(server.codeFor(patient.id)))
    await page.locator('form button[type=submit]').tap()
    await page.waitForURL((u) => u.pathname === '/portal')
    await page.getByTestId('my-schedule').waitFor()

    // Persian: right to left, Jalali month names, Persian digits, Persian titles.
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl')
    const schedule = await page.getByTestId('my-schedule').textContent()
    assert.match(schedule, persianDigit)
    assert.match(schedule, jalaliMonth)
    assert.match(schedule, /پرسشنامه|ویزیت|تصویربرداری/)
    assert.ok((await page.locator('[data-testid=my-schedule] time[datetime]').count()) > 0)
    assert.match(await page.getByTestId('next-appointment').textContent(), jalaliMonth)
    assert.match(await page.getByTestId('thinner-warning').textContent(), /پزشکی است که آن را تجویز کرده/)
    assert.match(await page.getByTestId('drug-holds').textContent(), /رقیق‌کنندهٔ خون|رقیق‌کننده خون/)
    await page.getByTestId('this-week').waitFor()
    await page.getByTestId('centre-contact').waitFor()
    // the demo's centres all have a phone: the patient can call it from here
    assert.match(await page.getByTestId('centre-phone').getAttribute('href'), /^tel:\+?\d+$/)
    await a11yBoth(page, 'home')

    // The private calendar link: made on asking, shown once, in the screen's language;
    // nothing Latin on the Persian screen but the link itself (translate="no", left to right).
    await page.getByTestId('calendar-make').tap()
    const feedUrl = page.getByTestId('calendar-url')
    await feedUrl.waitFor()
    const url = await feedUrl.inputValue()
    assert.match(url, /\/calendar\/[0-9a-f]{64}\.ics\?lang=fa$/)
    assert.ok(url.startsWith(server.url), url)
    assert.equal(await feedUrl.getAttribute('dir'), 'ltr')
    assert.equal(await feedUrl.getAttribute('translate'), 'no')
    await assertPersianOnly(page, 'portal calendar link')
    const feed = await fetch(url)
    assert.equal(feed.status, 200)
    assert.equal(feed.headers.get('content-type'), 'text/calendar; charset=utf-8')
    assert.match(await feed.text(), /SUMMARY:[^\r]*[\u0600-\u06FF]/)

    // English with the Jalali calendar chosen: Latin digits, Jalali months in English.
    await setLang(page, 'en')
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr')
    assert.match(await page.getByTestId('my-schedule').textContent(), /20\d\d/)
    await page.getByTestId('calendar').selectOption('jalali')
    await page.waitForFunction(() => /14\d\d/.test(document.querySelector('[data-testid=my-schedule]').textContent))
    assert.match(await page.getByTestId('my-schedule').textContent(), /Azar|Dey|Bahman|Esfand|Farvardin|Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban/)
    await shot(page, 'portal-home-en-jalali')
    await page.getByTestId('calendar').selectOption('gregorian')
    await setLang(page, 'fa')

    // The red flag.
    await page.getByTestId('red-flag-button').tap()
    await page.getByTestId('red-flag-send').waitFor()
    await page.getByTestId('red-flag-send').tap()
    assert.equal(await page.locator('[data-testid=red-flag] .error-text').count(), 2, 'category and severity are required')
    await a11yBoth(page, 'red-flag-form')
    await page.getByRole('radio', { name: 'تورم' }).check()
    await page.getByRole('radio', { name: 'متوسط' }).check()
    await page.locator('textarea[name=description]').fill('از دیروز ران چپ متورم است')
    await page.getByTestId('red-flag-send').tap()
    await page.getByTestId('red-flag-sent').waitFor()
    assert.match(await page.getByTestId('red-flag-sent').textContent(), /تیم درمان/)
    await a11yBoth(page, 'red-flag-sent')
    b.assertClean()
  } finally {
    await b.close()
  }

  // The clinic sees it: in the API's open red flags and at the top of the staff worklist.
  const flags = await coordinator.get('/api/v1/red-flags')
  assert.equal(flags.status, 200)
  const mine = flags.json.find((f) => f.episode_id === patient.episode && f.description === 'از دیروز ران چپ متورم است')
  assert.ok(mine, 'the red flag is open at the clinic: ' + JSON.stringify(flags.json))
  assert.equal(mine.category, 'swelling')
  assert.equal(mine.severity, 'moderate')
  assert.equal(mine.status, 'open')

  const staff = await launch({ lang: 'en' })
  try {
    await loginStaff(staff.page, server, 'coordinator.tehran-1')
    await staff.page.goto(server.url + '/worklist')
    const shown = staff.page.locator(`[data-testid=red-flag][data-flag="${mine.id}"]`)
    await shown.waitFor()
    assert.equal(await shown.getAttribute('data-status'), 'open')
    assert.match(await shown.textContent(), /Swelling/)
    assert.match(await shown.textContent(), /از دیروز ران چپ متورم است/)
  } finally {
    await staff.close()
  }
})

// A patient of its own, treated today: the baseline questionnaire (a week before the
// harvest) is due, so the portal must offer it.
test('a patient fills a scheduled questionnaire after signing in', async () => {
  const made = await injectedPatient(server, { mrn: 'PORTAL-6101', mobile: '09125550401' })
  const timeline = (await coordinator.get(`/api/v1/episodes/${made.episodeId}/timeline`)).json
  const baseline = timeline.schedule.find((i) => i.id === 'prom-baseline')
  assert.ok(['due', 'overdue'].includes(baseline?.status), 'the baseline questionnaire is due: ' + JSON.stringify(baseline))
  const b = await launch({ ...phone, lang: 'en' })
  try {
    const { page } = b
    await portalSignIn(page, server, made)
    await page.getByTestId('questionnaires-due').waitFor()
    // One button for the whole time point; its first questionnaire is the pain scale.
    const fill = page.locator('[data-testid=fill-time-point][data-time-point=prom-baseline]')
    await fill.waitFor()
    await fill.tap()
    await page.locator('[data-testid=sitting-heading][data-instrument=nrs]').waitFor()
    await page.getByTestId('q-progress').waitFor()
    assert.equal((await page.getByTestId('q-progress').textContent()).trim(), 'Question 1 of 2')
    await a11yBoth(page, 'own-question')
    // Next without an answer is allowed; the review then refuses to send and names the item.
    await page.getByTestId('q-next').tap()
    await page.locator('.scale-point').nth(3).tap()
    await page.getByTestId('q-next').tap()
    await page.getByTestId('q-submit').tap()
    assert.match(await page.getByTestId('q-error').textContent(), /Not answered: 1\./)
    await page.locator('.review-list li.missing button').tap()
    assert.equal((await page.getByTestId('q-progress').textContent()).trim(), 'Question 1 of 2')
    await page.locator('.scale-point').nth(2).tap()
    await page.getByTestId('q-next').tap()
    await page.getByTestId('q-next').tap()
    await page.getByTestId('q-submit').tap()
    // Sent as its own answer set; the sitting goes on with the next questionnaire.
    await page.locator('[data-testid=sitting-heading][data-instrument=hoos]').waitFor()
    const rows = await coordinator.get(`/api/v1/episodes/${made.episodeId}/questionnaires`)
    const latest = rows.json.filter((q) => q.instrument === 'nrs').at(-1)
    assert.deepEqual(latest.answers, { pain_rest: 2, pain_activity: 3 })
    await page.locator('.back-link a').tap()
    await page.getByTestId('questionnaires-due').waitFor()
    assert.equal(await page.locator('[data-instrument-row=nrs] .status-done').count(), 1, 'the sent questionnaire says so')
    assert.match(await page.getByTestId('fill-time-point').textContent(), /3 questionnaires/, 'the sent questionnaire is no longer asked')
    b.assertClean()
  } finally {
    await b.close()
  }
})

// Two patients with one mobile number (a mother and her son): one code for the number,
// and only after the right code does the portal ask who is signing in, by first name and
// record number. Wrong codes typed for the number reach the clinic's worklist.
test('a shared mobile: the portal asks who is signing in after the code, and wrong codes reach the worklist', async () => {
  const family = '09125550777'
  const register = async (mrn, fa, latin) => {
    const r = await coordinator.post('/api/v1/patients', {
      mrn,
      name_fa: fa,
      name_latin: latin,
      sex: 'female',
      birth_date: '1960-01-01',
      mobile: family,
      national_id: nationalIdFor(mrn),
      consent: { treatment: true, registry: true, contact: true },
    })
    assert.equal(r.status, 201, JSON.stringify(r.json))
    return r.json.id
  }
  const mother = await register('FAM-7001', 'مریم احمدی', 'Maryam Ahmadi')
  const son = await register('FAM-7002', 'امیر احمدی', 'Amir Ahmadi')
  const b = await launch({ ...phone, lang: 'fa' })
  try {
    const { page } = b
    await page.goto(server.url + '/portal/login')
    await page.locator('input[name=mobile]').fill(toPersianDigits(family))
    await page.locator('form button[type=submit]').tap()
    await page.getByTestId('code-sent').waitFor()
    let code
    for (let i = 0; i < 50 && !code; i++) {
      try {
        code = server.codeFor(mother)
      } catch {
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    assert.equal(server.codeFor(son), code, 'one code for the number')

    // A wrong code: refused, and nobody on the number is named.
    const wrong = code === '000000' ? '000001' : '000000'
    await page.locator('input[name=code]').fill(wrong)
    await page.locator('form button[type=submit]').tap()
    await page.locator('.field.invalid .error-text').waitFor()
    assert.doesNotMatch(await page.locator('body').textContent(), /مریم|امیر|FAM-/)

    await page.locator('input[name=code]').fill(toPersianDigits(code))
    await page.locator('form button[type=submit]').tap()
    const chooser = page.getByTestId('patient-chooser')
    await chooser.waitFor()
    assert.match(await chooser.textContent(), /چه کسی وارد می‌شود/)
    assert.equal(await page.getByRole('radio', { name: /مریم.*FAM-7001/ }).count(), 1)
    assert.equal(await page.getByRole('radio', { name: /امیر.*FAM-7002/ }).count(), 1)
    assert.doesNotMatch(await chooser.textContent(), /احمدی/, 'first names only')
    await a11yBoth(page, 'login-choose')
    await setLang(page, 'en')
    assert.equal(await page.getByRole('radio', { name: 'Amir (record FAM-7002)' }).count(), 1)
    // Continuing without a choice names what is missing.
    await chooser.locator('button[type=submit]').tap()
    assert.match(await chooser.locator('.error-text').textContent(), /Choose who is signing in/)
    await page.getByRole('radio', { name: /Amir/ }).check()
    await chooser.locator('button[type=submit]').tap()
    await page.waitForURL((u) => u.pathname === '/portal')
    await page.getByTestId('portal-hello').waitFor()
    assert.match(await page.getByTestId('portal-hello').textContent(), /Amir Ahmadi/)
    b.assertClean()
  } finally {
    await b.close()
  }

  // Two more wrong codes for the number (three within the day): the clinic's worklist
  // names both patients on it, with the count.
  for (const guess of ['111111', '222222']) {
    const r = await fetch(server.url + '/api/v1/patient-auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ mobile: family, code: guess }),
    })
    assert.equal(r.status, 401)
  }
  const staff = await launch({ lang: 'fa' })
  try {
    await loginStaff(staff.page, server, 'coordinator.tehran-1')
    await staff.page.goto(server.url + '/worklist')
    const alert = staff.page.getByTestId('wl-code-guesses')
    await alert.waitFor()
    assert.match(await alert.textContent(), /تلاش برای حدس زدن کد ورود بیماران/)
    for (const id of [mother, son]) {
      const row = alert.locator(`[data-testid=code-guess][data-patient="${id}"]`)
      assert.equal(await row.locator('[data-testid=wrong-codes]').textContent(), '۳')
    }
    await checkA11y(staff.page, 'worklist with code guesses fa')
    await shot(staff.page, 'worklist-code-guesses-fa')
    staff.assertClean()
  } finally {
    await staff.close()
  }
})

// Informed consent (issue 21): the centre publishes its treatment and registry consents; a
// Persian patient reads the treatment consent on a phone with the centre's figures and the
// published evidence set apart, a wrong answer is refused naming the question, and they
// sign with their finger; the coordinator sees it on a desktop in English, downloads the
// copy and countersigns; the patient signs the registry consent in English with the keyboard
// alone (the typed name as the signature) and withdraws it.
test('a patient signs the treatment consent on a phone in Persian; the clinic countersigns; the registry consent is signed in English and withdrawn', async () => {
  const surgeon = await apiSession(server, 'surgeon.tehran-1')
  const admin = await apiSession(server, 'admin.tehran-1')
  const doc = (title_en, title_fa) => ({
    title_en,
    title_fa,
    sections: [
      {
        heading: { en: 'What is done', fa: 'چه انجام می‌شود' },
        body: { en: 'Cells are taken from your hip bone.\n\n{{claim:success-75-85}}', fa: 'سلول‌ها از استخوان لگن شما گرفته می‌شود.\n\n{{claim:success-75-85}}' },
      },
    ],
    questions: [{ prompt: { en: 'Is the treatment proven to work?', fa: 'آیا اثر این درمان ثابت شده است؟' }, options: [{ en: 'Yes', fa: 'بله' }, { en: 'No, it is being studied', fa: 'نه، هنوز بررسی می‌شود' }], correct: 1 }],
  })
  for (const [kind, en, fa] of [
    ['treatment', 'Consent to the cell treatment', 'رضایت به درمان با سلول'],
    ['registry', 'Consent to the registry', 'رضایت به سامانهٔ ثبت'],
  ]) {
    const saved = await surgeon.put(`/api/v1/centres/tehran-1/consent-documents/${kind}`, doc(en, fa))
    assert.equal(saved.status, 200, JSON.stringify(saved.json))
    assert.equal((await admin.post(`/api/v1/centres/tehran-1/consent-documents/${kind}/publication`, { version: saved.json.version })).status, 200)
  }
  const mobile = '09125550911'
  const registered = await coordinator.post('/api/v1/patients', {
    mrn: 'CONSENT-1',
    name_fa: 'مریم رضایی',
    name_latin: 'Maryam Rezaei',
    sex: 'female',
    birth_date: '1962-05-01',
    mobile,
    national_id: nationalIdFor('CONSENT-1'),
    consent: { treatment: false, registry: false, contact: true },
  })
  assert.equal(registered.status, 201, JSON.stringify(registered.json))
  const id = registered.json.id
  const episode = await coordinator.post(`/api/v1/patients/${id}/episodes`, {
    protocol: 'hip-msc-v1',
    side: 'left',
    diagnosis: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'M16.12' },
    kl_grade: 2,
  })
  assert.equal(episode.status, 201, JSON.stringify(episode.json))

  const b = await launch({ ...phone, lang: 'fa' })
  try {
    const { page, context } = b
    await portalSignIn(page, server, { mobile, patientId: id })
    await page.waitForURL((u) => u.pathname === '/portal')
    const mine = page.getByTestId('my-consents')
    await mine.waitFor()
    await mine.getByTestId('consent-open-treatment').tap()
    await page.waitForURL(new RegExp(`/portal/consent/treatment/${episode.json.id}$`))
    const article = page.getByTestId('consent-document')
    await article.waitFor()
    assert.equal(await page.locator('h1').textContent(), 'رضایت به درمان با سلول')
    const figures = page.getByTestId('consent-figure')
    assert.ok((await figures.count()) >= 2, 'the embedded claim and the closing section')
    const figure = await figures.first().textContent()
    assert.match(figure, /ادعای مقاله/)
    assert.match(figure, /در این مرکز/)
    assert.match(figure, /MILES/, 'the published evidence as the demo imported it')
    await assertPersianOnly(page, 'the consent in Persian', '[data-testid=consent-document]')

    // A wrong answer: refused, the question named, nothing signed.
    await page.getByTestId('consent-q0-o0').check()
    await page.getByTestId('consent-name').fill('مریم رضایی')
    const draw = async () => {
      await page.getByTestId('signature-pad').scrollIntoViewIfNeeded()
      const pad = await page.getByTestId('signature-pad').boundingBox()
      await page.mouse.move(pad.x + pad.width * 0.1, pad.y + pad.height * 0.6)
      await page.mouse.down()
      for (const [x, y] of [[0.25, 0.3], [0.4, 0.7], [0.6, 0.35], [0.85, 0.55]]) await page.mouse.move(pad.x + pad.width * x, pad.y + pad.height * y, { steps: 4 })
      await page.mouse.up()
    }
    await draw()
    await page.getByTestId('consent-submit').tap()
    const wrong = page.getByTestId('consent-answer-error')
    await wrong.waitFor()
    assert.match(await wrong.textContent(), /پرسش ۱/)
    assert.equal((await coordinator.get(`/api/v1/patients/${id}/consents`)).json.length, 0)
    await shot(page, 'portal-consent-wrong-answer-fa')

    await page.getByTestId('consent-q0-o1').check()
    await page.getByTestId('consent-submit').tap()
    await page.getByTestId('consent-signed').waitFor()
    await a11yBoth(page, 'consent-signed')
    const pdfHref = await page.getByTestId('consent-pdf').getAttribute('href')
    const pdf = await context.request.get(server.url + pdfHref)
    assert.equal(pdf.status(), 200)
    assert.equal(pdf.headers()['content-type'], 'application/pdf')
    assert.equal((await pdf.body()).subarray(0, 4).toString(), '%PDF')

    // The coordinator, on a desktop in English: the signature on the record; countersigned.
    const staff = await launch({ lang: 'en' })
    try {
      await loginStaff(staff.page, server, 'coordinator.tehran-1')
      await staff.page.goto(`${server.url}/patients/${id}`)
      const panel = staff.page.getByTestId('patient-consents')
      await panel.locator('tr[data-signature]').first().waitFor()
      assert.match(await panel.textContent(), /Consent to the treatment · version 1/)
      await checkA11y(staff.page, 'patient consents en')
      await panel.getByTestId('consent-countersign').click()
      await panel.getByText('coordinator.tehran-1').waitFor()
      assert.equal(await panel.getByTestId('consent-countersign').count(), 0)
      const copy = await staff.context.request.get(server.url + (await panel.getByTestId('consent-staff-pdf').getAttribute('href')))
      assert.equal(copy.status(), 200)
      await shot(staff.page, 'staff-patient-consents-en')
    } finally {
      await staff.close()
    }
    const signedRows = (await coordinator.get(`/api/v1/patients/${id}/consents`)).json
    assert.equal(signedRows.length, 1)
    assert.equal(signedRows[0].language, 'fa')
    assert.equal(signedRows[0].witness_by, 'coordinator.tehran-1')
    assert.equal((await coordinator.get(`/api/v1/patients/${id}`)).json.consent.treatment, true, 'signing set the flag')

    // The registry consent, read and signed in English, then withdrawn with why.
    await setLang(page, 'en')
    await page.goto(server.url + '/portal')
    await page.getByTestId('consent-open-registry').tap()
    await page.getByTestId('consent-document').waitFor()
    assert.equal(await page.locator('h1').textContent(), 'Consent to the registry')
    assert.match(await page.getByTestId('consent-figure').first().textContent(), /At this centre/)
    // With the keyboard alone: the typed name as the signature, no drawing.
    await page.getByTestId('consent-q0-o1').focus()
    await page.keyboard.press('Space')
    await page.getByTestId('consent-name').focus()
    await page.keyboard.type('Maryam Rezaei')
    await page.getByTestId('consent-typed-only').focus()
    await page.keyboard.press('Space')
    assert.equal(await page.getByTestId('signature-pad').count(), 0, 'no box to draw in')
    await page.getByTestId('consent-submit').focus()
    await page.keyboard.press('Enter')
    await page.getByTestId('consent-signed').waitFor()
    assert.equal((await coordinator.get(`/api/v1/patients/${id}`)).json.consent.registry, true)
    const registrySigned = (await coordinator.get(`/api/v1/patients/${id}/consents`)).json.find((c) => c.kind === 'registry')
    assert.equal(registrySigned.drawn, false, 'signed with the typed name alone')
    await page.goto(server.url + '/portal')
    const registry = page.locator('[data-testid=own-signature]').filter({ hasText: 'Consent to the registry' })
    await registry.getByTestId('consent-withdraw').tap()
    await registry.getByTestId('consent-withdraw-reason').fill('I would rather my data stay at the clinic')
    await registry.getByTestId('consent-withdraw-submit').tap()
    await registry.getByText('withdrawn on').waitFor()
    await a11yBoth(page, 'consents-home')
    assert.equal((await coordinator.get(`/api/v1/patients/${id}`)).json.consent.registry, false, 'withdrawing cleared the flag')
  } finally {
    await b.close()
  }
})
