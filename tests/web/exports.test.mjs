// The spreadsheet exports page as its users work it: the centre's admin asks for the
// centre's records as an Excel workbook, watches it being made and downloads the file the
// browser saves (a zip that openpyxl reads, with the rows the page counts); the analyst
// sees only the de-identified kind, may pick a centre, and deletes an export. In Persian
// on a phone the page shows no Latin letter (file names aside) and fits the screen; a
// refusal shows in the user's language. An export that fails (the server's temporary folder
// is gone) says why in the reader's language: in Persian with no Latin letter, in English
// with the server's own words beneath.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, launch, loginStaff, checkA11y, shot, overflowing, repo } from './support.mjs'
import { assertPersianOnly } from './persian.mjs'

let server
before(async () => {
  server = await startServer({ patients: 24 })
})
after(async () => {
  await server?.stop()
})

async function doneRow(page) {
  const row = page.locator('[data-testid=export-row]').first()
  await page.locator('[data-testid=export-row][data-state=done]').first().waitFor({ timeout: 60000 })
  return row
}

test('the admin makes the records workbook and downloads it; openpyxl reads it', async () => {
  const b = await launch({ lang: 'en' })
  const { page } = b
  try {
    await loginStaff(page, server, 'admin.tehran-1')
    await page.getByRole('link', { name: 'Exports' }).click()
    await page.getByTestId('exports-page').waitFor()
    await page.getByTestId('exports-kind-records').check()
    await page.getByTestId('exports-format').selectOption('xlsx')
    await page.getByTestId('exports-layout').selectOption('wide')
    await page.getByTestId('exports-submit').click()
    await page.getByTestId('exports-notice').waitFor()
    const row = await doneRow(page)
    const summary = await row.getByTestId('export-summary').textContent()
    const patients = Number(summary.match(/(\d+) patients/)[1])
    assert.ok(patients > 0, summary)
    const link = row.getByTestId('export-file')
    assert.equal((await link.textContent()).trim(), 'records.xlsx')
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    assert.equal(download.suggestedFilename(), 'records.xlsx')
    // Saved under its own name: openpyxl reads a workbook by its extension.
    const saved = mkdtempSync(join(tmpdir(), 'rp-web-exports-'))
    const file = join(saved, download.suggestedFilename())
    await download.saveAs(file)
    assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'a zip, as XLSX is')
    const book = JSON.parse(execFileSync('/usr/bin/python3', [join(repo, 'tests/cli/records_xlsx.py'), file], { encoding: 'utf8' }))
    assert.equal(book.rows.patients, patients, "the workbook's patients are the page's count")
    assert.ok(book.sheets.includes('scores_wide'))
    rmSync(saved, { recursive: true, force: true })
    await checkA11y(page, 'exports page (en)')
    b.assertClean()
  } catch (e) {
    await shot(page, 'exports-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('the analyst in Persian on a phone: de-identified only, a centre to pick, no Latin letter, fits; deletes', async () => {
  const b = await launch({ lang: 'fa', viewport: { width: 360, height: 740 }, mobile: true })
  const { page } = b
  try {
    await loginStaff(page, server, 'analyst.tehran-1')
    await page.goto(server.url + '/exports')
    await page.getByTestId('exports-page').waitFor()
    assert.equal(await page.getByTestId('exports-kind-records').count(), 0, 'no identified records for an analyst')
    await page.locator('[data-testid=exports-centre] option[value="mashhad-1"]').waitFor({ state: 'attached' })
    const centres = await page.getByTestId('exports-centre').locator('option').allTextContents()
    assert.ok(centres.length > 2, centres.join())
    await page.getByTestId('exports-centre').selectOption('mashhad-1')
    await page.getByTestId('exports-submit').click()
    const row = await doneRow(page)
    assert.match(await row.getByTestId('export-state').textContent(), /آماده/)
    assert.match(await row.getByTestId('export-summary').textContent(), /[۰-۹]+ بیمار/)
    assert.ok((await row.getByTestId('export-file').allTextContents()).includes('patients.csv'))
    await assertPersianOnly(page, 'exports page', '[data-testid=exports-page]')
    assert.deepEqual(await overflowing(page, '[data-testid=exports-page]'), [], 'the exports page fits 360px')
    await checkA11y(page, 'exports page on a phone (fa)')
    await row.getByTestId('export-delete').tap()
    await page.getByTestId('exports-none').waitFor()
    b.assertClean()
  } catch (e) {
    await shot(page, 'exports-fa-failure').catch(() => {})
    throw e
  } finally {
    await b.close()
  }
})

test('an export that fails says why in the reader\'s language; the server\'s words only in English', async () => {
  // TMPDIR naming a file, not a folder: the server cannot make the export's working folder,
  // as when a clinic's temporary disk is gone; the rest of the server works on.
  const work = mkdtempSync(join(tmpdir(), 'rp-web-exports-fail-'))
  const notAFolder = join(work, 'not-a-folder')
  writeFileSync(notAFolder, '')
  const broken = await startServer({ patients: 4, env: { TMPDIR: notAFolder } })
  const fa = await launch({ lang: 'fa', viewport: { width: 360, height: 740 }, mobile: true })
  const en = await launch({ lang: 'en' })
  try {
    await loginStaff(fa.page, broken, 'admin.tehran-1')
    await fa.page.goto(broken.url + '/exports')
    await fa.page.getByTestId('exports-kind-records').check()
    await fa.page.getByTestId('exports-submit').click()
    const failed = fa.page.locator('[data-testid=export-row][data-state=failed]').first()
    await failed.waitFor({ timeout: 60000 })
    const error = failed.getByTestId('export-error')
    assert.equal(await error.getAttribute('data-code'), 'could_not_make')
    assert.match(await error.textContent(), /ساخته نشد/)
    assert.equal(await failed.getByTestId('export-error-detail').count(), 0, "the server's English words stay off the Persian screen")
    await assertPersianOnly(fa.page, 'a failed export', '[data-testid=exports-page]')
    assert.deepEqual(await overflowing(fa.page, '[data-testid=exports-page]'), [], 'the failed export fits 360px')

    await loginStaff(en.page, broken, 'admin.tehran-1')
    await en.page.goto(broken.url + '/exports')
    const row = en.page.locator('[data-testid=export-row][data-state=failed]').first()
    await row.waitFor()
    assert.match(await row.getByTestId('export-error').textContent(), /could not be made/)
    assert.match(await row.getByTestId('export-error-detail').textContent(), /temp/i, 'the server names the folder it could not use')
    await checkA11y(en.page, 'a failed export (en)')
    fa.assertClean()
    en.assertClean()
  } catch (e) {
    await shot(fa.page, 'exports-failed-fa').catch(() => {})
    await shot(en.page, 'exports-failed-en').catch(() => {})
    throw e
  } finally {
    await fa.close()
    await en.close()
    await broken.stop()
    rmSync(work, { recursive: true, force: true })
  }
})
