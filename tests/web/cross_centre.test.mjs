// The outcomes page's comparison of centres adjusted for case mix, against the real
// server: each centre's observed / expected ratio on the page is the API's, in English and
// in Persian digits; the comparison by injecting operator is never in the analyst's view.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, launch, loginStaff, apiSession, shot } from './support.mjs'

let server
before(async () => {
  // Enough joints in every centre for the case-mix models to be fitted.
  server = await startServer({ patients: 400 })
})
after(async () => {
  await server?.stop()
})

const formatted = (lang, v, digits) =>
  v === null ? '—' : new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', { maximumFractionDigits: digits }).format(v)

for (const lang of ['en', 'fa']) {
  test(`analyst (${lang}): the adjusted comparison shows the API's figures, no operators`, async () => {
    const analyst = await apiSession(server, 'analyst.tehran-1')
    const report = (await analyst.get('/api/v1/reports/outcomes')).json
    assert.ok(report.cross_centre, 'the demo protocol names a funnel, so the report compares centres')
    assert.equal(report.by_operator, null, 'the analyst never sees the comparison by operator')
    assert.ok(report.cross_centre.responders.adjusted, JSON.stringify(report.cross_centre.responders.warnings))
    const b = await launch({ lang })
    try {
      const { page } = b
      await loginStaff(page, server, 'analyst.tehran-1')
      await page.waitForURL(/\/outcomes/)
      const section = page.getByTestId('cross-centre')
      await section.waitFor()
      for (const part of ['responders', 'survival']) {
        const figures = report.cross_centre[part]
        const block = section.getByTestId(`adjusted-centres-${part}`)
        // The joints used, in the reader's digits.
        assert.match(await block.locator('p').first().innerText(), new RegExp(formatted(lang, figures.n, 0)))
        if (!figures.adjusted) {
          assert.ok(figures.warnings.length > 0, 'no adjusted figure without a reason')
          assert.equal(await block.locator('.warning').count(), figures.warnings.length)
          continue
        }
        const ratios = await block.getByTestId('oe').allInnerTexts()
        assert.deepEqual(
          ratios,
          figures.units.map((u) => formatted(lang, u.ratio, 2)),
        )
        // The funnel plot draws every unit the API gives a ratio (none it suppresses), at its
        // expected count and observed / expected, inside the four limit lines.
        const points = await block.getByTestId('funnel-point').evaluateAll((gs) =>
          gs.map((g) => ({ label: g.dataset.label, expected: Number(g.dataset.expected), ratio: Number(g.dataset.ratio) })),
        )
        assert.deepEqual(
          points,
          figures.units.filter((u) => !u.suppressed && u.ratio !== null && u.expected !== null).map((u) => ({ label: u.label, expected: u.expected, ratio: u.ratio })),
        )
        assert.ok(points.length > 0, 'the demo has centres to plot')
        assert.equal(await block.getByTestId('funnel-limit').count(), 4)
      }
      assert.equal(await page.getByTestId('by-operator').count(), 0)
      await shot(page, `cross-centre-${lang}`)
    } finally {
      await b.close()
    }
  })
}

// A centre's surgeon reads their own centre's comparison by injecting operator (the demo
// names each centre's surgeon as the injector); another centre's operators never appear.
test('surgeon: the comparison by operator of their own centre, on the page as in the API', async () => {
  const surgeon = await apiSession(server, 'surgeon.tehran-1')
  const report = (await surgeon.get('/api/v1/reports/outcomes')).json
  assert.ok(report.by_operator, 'a centre’s surgeon reads its operators')
  assert.equal(report.by_operator.centre, 'tehran-1')
  const units = report.by_operator.figures.responders.units
  assert.ok(units.length > 0)
  for (const u of units) assert.ok(u.label === 'surgeon.tehran-1' || u.label === 'unknown', u.label)
  const n = units.reduce((sum, u) => sum + u.n, 0)
  const own = report.cross_centre.responders.units.find((u) => u.own)
  assert.equal(n, own.n, 'every joint of the centre, each under its operator')
  assert.equal(report.by_operator.cusums.reduce((sum, c) => sum + c.value.length, 0), own.n)
  const b = await launch({ lang: 'en' })
  try {
    const { page } = b
    await loginStaff(page, server, 'surgeon.tehran-1')
    await page.goto(`${server.url}/outcomes`)
    await page.getByTestId('by-operator').waitFor()
    const ratios = await page.getByTestId('adjusted-operators-responders').getByTestId('oe').allInnerTexts()
    assert.deepEqual(
      ratios,
      units.map((u) => formatted('en', u.ratio, 2)),
    )
    // One CUSUM chart per operator, its line through 0 and each result of the API's chart.
    const lines = await page.getByTestId('cusum-line').evaluateAll((ps) => ps.map((p) => Number(p.dataset.points)))
    assert.deepEqual(
      lines,
      report.by_operator.cusums.map((c) => c.value.length + 1),
    )
    assert.equal(await page.getByTestId('cusum-signal').count(), report.by_operator.cusums.reduce((sum, c) => sum + c.signals.length, 0))
  } finally {
    await b.close()
  }
})
