// The shell: served by regenpath under its CSP, signs a coordinator in, switches to
// Persian (right-to-left, remembered after reload) and back, passes axe.
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
