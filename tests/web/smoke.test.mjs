// The shell: served by regenpath under its CSP (its bundles gzip, as the browser asks),
// signs a coordinator in, switches to Persian (right-to-left, remembered after reload)
// and back, passes axe.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, checkA11y, shot } from './support.mjs'

let server
before(async () => {
  server = await startServer()
})
after(async () => {
  await server?.stop()
})

test('the app loads under the server CSP, signs in, and switches language', async () => {
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    const res = await page.goto(server.url + '/')
    assert.equal(res.status(), 200)
    assert.match(res.headers()['content-security-policy'] ?? '', /script-src 'self'/)
    await page.waitForURL(/\/login/)
    // The main bundle came compressed and unpacked to what the server holds.
    const bundles = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => /\/assets\/.*\.js$/.test(e.name))
        .map((e) => ({ name: e.name, wire: e.encodedBodySize, size: e.decodedBodySize })))
    const main = bundles.reduce((a, e) => (e.size > a.size ? e : a), { size: 0 })
    assert.ok(main.size > 10000, `a main bundle was loaded: ${JSON.stringify(bundles)}`)
    assert.ok(main.wire * 2 < main.size, `the bundle came gzip: ${JSON.stringify(main)}`)
    await checkA11y(page, 'login en')
    await page.locator('input[name=username]').fill('coordinator.tehran-1')
    await page.locator('input[name=password]').fill('wrong-password-1')
    await page.locator('form button[type=submit]').click()
    await page.getByTestId('login-error').waitFor()
    await loginStaff(page, server, 'coordinator.tehran-1')
    await page.getByTestId('who').waitFor()
    assert.match(await page.getByTestId('who').textContent(), /coordinator\.tehran-1/)
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr')
    await page.getByTestId('lang').selectOption('fa')
    await page.waitForFunction(() => document.documentElement.dir === 'rtl')
    await page.reload()
    await page.getByTestId('who').waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fa')
    assert.match(await page.getByTestId('who').textContent(), /هماهنگ‌کننده/)
    await checkA11y(page, 'shell fa')
    await shot(page, 'smoke-shell-fa')
    b.assertClean()
  } finally {
    await b.close()
  }
})

test('keyboard only: skip link, sign-in form and the navigation work without a mouse', async () => {
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await page.goto(server.url + '/login')
    await page.locator('input[name=username]').waitFor()
    // The first Tab reaches the skip link, which moves focus to the page's main region.
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => location.hash === '#main')
    // Tab order through the form: username, password, the submit button; Enter signs in.
    await page.locator('input[name=username]').focus()
    await page.keyboard.type('coordinator.tehran-1')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password')
    await page.keyboard.type(server.accounts.get('coordinator.tehran-1'))
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'submit')
    await page.keyboard.press('Enter')
    await page.getByTestId('who').waitFor()
    // After the page changed, focus is on the new page's main region; the navigation
    // before it is reached with Shift+Tab and opens a page with Enter.
    await page.waitForFunction(() => document.activeElement?.id === 'main')
    const navLinks = await page.locator('nav.main-nav a').count()
    assert.ok(navLinks >= 2, 'a coordinator has at least the worklist and patients')
    let reached = null
    for (let i = 0; i < 20 && reached === null; ++i) {
      await page.keyboard.press('Shift+Tab')
      const href = await page.evaluate(() => document.activeElement?.closest('nav.main-nav') ? document.activeElement.getAttribute('href') : null)
      if (href === '/patients') reached = href
    }
    assert.equal(reached, '/patients', 'Tab reaches the Patients link')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/patients$/)
    b.assertClean()
  } finally {
    await b.close()
  }
})
