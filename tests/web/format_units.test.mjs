// The web app's date and number formatting, run as written (web/src/format/*.ts bundled
// by the web app's own esbuild) in node's ICU: Persian long dates in the Persian order
// with Persian digits, day-month-year in English in either calendar, typed dates read in
// any digits and order, month arithmetic that clamps, and the calendar grid.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { repo } from './support.mjs'

let dir, m
before(async () => {
  const webRequire = createRequire(join(repo, 'web/package.json'))
  const esbuild = webRequire('esbuild')
  dir = mkdtempSync(join(tmpdir(), 'rp-format-'))
  const out = join(dir, 'format.mjs')
  await esbuild.build({
    stdin: {
      contents: `export * from './format/calendar'
export * from './format/dates'
export * from './format/numbers'
export * from './format/sentences'
export { diagnosisNameIn } from './features/staff/diagnosisNames'
export { instrumentTitle } from './features/staff/instrumentNames'
export { prefs } from './i18n/prefs'`,
      resolveDir: join(repo, 'web/src'),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: out,
    nodePaths: [join(repo, 'web/node_modules')],
    logLevel: 'error',
  })
  m = await import(pathToFileURL(out).href)
})
after(() => rmSync(dir, { recursive: true, force: true }))

function as(lang, calendar = 'gregorian') {
  m.prefs.lang = lang
  m.prefs.calendar = calendar
}

test('Persian long dates read weekday, day, month, year in Persian digits', () => {
  as('fa')
  assert.equal(m.formatWeekdayDate('2026-12-03'), 'پنجشنبه ۱۲ آذر ۱۴۰۵')
  assert.equal(m.formatDate('2026-12-03'), '۱۲ آذر ۱۴۰۵')
  assert.equal(m.formatDate('2026-12-03', 'short'), '۱۴۰۵/۰۹/۱۲')
  // Persian is always Jalali, whatever the English calendar choice was
  as('fa', 'gregorian')
  assert.match(m.formatDate('2026-03-21'), /^۱ فروردین ۱۴۰۵$/)
  assert.doesNotMatch(m.formatDateTime('2026-12-03T11:05:00Z'), /[0-9A-Za-z]/)
})

test('English dates are day, month, year, in the chosen calendar', () => {
  as('en', 'gregorian')
  assert.equal(m.formatDate('2026-12-03'), '3 December 2026')
  assert.equal(m.formatDate('2026-12-03', 'short'), '03/12/2026')
  assert.equal(m.formatWeekdayDate('2026-12-03'), 'Thursday 3 December 2026')
  assert.match(m.formatDateTime('2026-12-03T11:05:00Z'), /^3 Dec 2026, 14:35$/) // Tehran is UTC+3:30
  as('en', 'jalali')
  assert.equal(m.formatDate('2026-12-03'), '12 Azar 1405 AP')
  assert.equal(m.formatWeekdayDate('2026-12-03'), 'Thursday 12 Azar 1405 AP')
  assert.equal(m.monthName('jalali', 1405, 9), 'Azar')
  as('fa')
  assert.equal(m.monthName('jalali', 1405, 1), 'فروردین')
})

test('a date field shows the day in the user’s order and digits', () => {
  assert.equal(m.typedDate('2026-12-03', 'jalali', 'fa'), '۱۴۰۵/۰۹/۱۲')
  assert.equal(m.typedDate('2026-12-03', 'jalali', 'en'), '12/09/1405')
  assert.equal(m.typedDate('2026-12-03', 'gregorian', 'en'), '03/12/2026')
  assert.equal(m.typedDate('not a date', 'gregorian', 'en'), '')
})

test('typed dates are read in any digits and order, and refused when no real day', () => {
  const read = m.readTypedDate
  assert.equal(read('۱۴۰۵/۰۹/۱۲', 'jalali'), '2026-12-03')
  assert.equal(read('١٤٠٥-٩-١٢', 'jalali'), '2026-12-03') // Arabic-Indic digits, dashes, no padding
  assert.equal(read('12/09/1405', 'jalali'), '2026-12-03') // day first, as English writes it
  assert.equal(read('03/12/2026', 'gregorian'), '2026-12-03') // day first: never the US month first
  assert.equal(read('3.12.2026', 'gregorian'), '2026-12-03')
  assert.equal(read('2026-12-03', 'gregorian'), '2026-12-03')
  assert.equal(read('2026-12-03', 'jalali'), '2026-12-03') // ISO is Gregorian in any field
  assert.equal(read('1405/12/30', 'jalali'), null) // 1405 is not a leap year
  assert.equal(read('1403/12/30', 'jalali'), '2025-03-20') // 1403 is
  assert.equal(read('31/02/2026', 'gregorian'), null)
  assert.equal(read('12/31/2026', 'gregorian'), null) // a US date is no day, not 12 July
  assert.equal(read('1347/01/23', 'gregorian'), null) // a Jalali year in a Gregorian field
  assert.equal(read('03/12/2026', 'jalali'), null) // a Gregorian year in a Jalali field
  assert.equal(read('12/09/05', 'jalali'), null) // no four-digit year
  assert.equal(read('tomorrow', 'gregorian'), null)
})

test('months move and clamp in each calendar', () => {
  assert.equal(m.addMonths('2026-01-31', 1, 'gregorian'), '2026-02-28')
  assert.equal(m.addMonths('2024-01-31', 1, 'gregorian'), '2024-02-29')
  assert.equal(m.addMonths('2026-12-03', -12, 'gregorian'), '2025-12-03')
  // 31 Shahrivar 1405 → 30 Mehr 1405 (the first half-year has 31-day months, the second 30)
  const shahrivar31 = m.isoFrom('jalali', 1405, 6, 31)
  assert.deepEqual(m.partsOf(m.addMonths(shahrivar31, 1, 'jalali'), 'jalali'), { y: 1405, m: 7, d: 30 })
  // Esfand 1405 → Farvardin 1406 across the year
  assert.deepEqual(m.partsOf(m.addMonths(m.isoFrom('jalali', 1405, 12, 10), 1, 'jalali'), 'jalali'), { y: 1406, m: 1, d: 10 })
  assert.equal(m.monthLength('jalali', 1403, 12), 30)
  assert.equal(m.monthLength('jalali', 1405, 12), 29)
})

test('a month’s grid starts on Saturday in Jalali and Monday in English Gregorian', () => {
  // 1 Azar 1405 is Sunday 22 November 2026: one blank (Saturday) before it
  const azar = m.monthGrid('jalali', 'en', 1405, 9)
  assert.equal(azar[0][0], null)
  assert.equal(azar[0][1], '2026-11-22')
  // 1 Dey 1405 is Tuesday 22 December 2026: three blanks
  assert.deepEqual(m.monthGrid('jalali', 'fa', 1405, 10)[0].slice(0, 4), [null, null, null, '2026-12-22'])
  assert.equal(azar.flat().filter(Boolean).length, 30)
  assert.ok(azar.every((w) => w.length === 7))
  // 1 December 2026 is a Tuesday: one blank (Monday) first
  const december = m.monthGrid('gregorian', 'en', 2026, 12)
  assert.equal(december[0][0], null)
  assert.equal(december[0][1], '2026-12-01')
  assert.equal(december.flat().filter(Boolean).length, 31)
})

test('numbers and codes in Persian digits on a Persian screen', () => {
  as('fa')
  assert.equal(m.localDigits('M16.11'), 'M۱۶.۱۱')
  assert.equal(m.localDigits(7), '۷')
  assert.equal(m.formatNumber(1234.5), '۱٬۲۳۴٫۵')
  assert.equal(m.calendarNumber(1405), '۱۴۰۵')
  as('en')
  assert.equal(m.localDigits('+989125550101'), '+989125550101')
  assert.equal(m.calendarNumber(1405), '1405')
})

test('a server message naming its field reads as a whole sentence', () => {
  as('en')
  assert.equal(m.asSentence('Date of birth', 'must not be in the future'), 'Date of birth must not be in the future.')
  assert.equal(m.asSentence('Name in Persian', 'is required'), 'Name in Persian is required.')
  assert.equal(m.asSentence('National id', 'A national id has exactly 10 digits.'), 'A national id has exactly 10 digits.')
  assert.equal(m.asSentence('Mobile', 'the number is in use'), 'The number is in use.')
  // a message shown alone, in a banner
  assert.equal(m.asSentence('', 'wrong username or password'), 'Wrong username or password.')
  assert.equal(m.asSentence('', 'is required'), 'Is required.')
  as('fa')
  assert.equal(m.asSentence('تاریخ تولد', 'نباید در آینده باشد'), 'تاریخ تولد نباید در آینده باشد.')
  assert.equal(m.asSentence('نام به فارسی', 'الزامی است'), 'نام به فارسی الزامی است.')
  assert.equal(m.asSentence('کد ملی', 'کد ملی باید ۱۰ رقم باشد.'), 'کد ملی باید ۱۰ رقم باشد.')
})

test('diagnosis codes have names in both languages; instruments have Persian names', () => {
  assert.equal(m.diagnosisNameIn('M16.11', 'fa'), 'آرتروز اولیهٔ یک‌طرفهٔ مفصل ران راست')
  assert.equal(m.diagnosisNameIn('M16.11', 'en'), 'Unilateral primary osteoarthritis of the right hip')
  assert.equal(m.diagnosisNameIn('M16.10', 'en'), 'Unilateral primary osteoarthritis of the hip, unspecified side')
  assert.equal(m.diagnosisNameIn('M16.0', 'fa'), 'آرتروز اولیهٔ دوطرفهٔ مفصل ران')
  assert.equal(m.diagnosisNameIn('M16.9', 'en'), 'Unspecified osteoarthritis of the hip')
  // knee codes have no dysplasia: M17.3 is post-traumatic, M17.32 of the left knee
  assert.equal(m.diagnosisNameIn('M17.32', 'fa'), 'آرتروز یک‌طرفهٔ پس از آسیب مفصل زانو چپ')
  assert.equal(m.diagnosisNameIn('M17.5', 'en'), 'Other secondary osteoarthritis of the knee')
  assert.equal(m.diagnosisNameIn('M16.8', 'fa'), null)
  assert.equal(m.diagnosisNameIn('M16.13', 'fa'), null)
  assert.equal(m.diagnosisNameIn('S72.0', 'en'), null)
  as('fa')
  assert.equal(m.instrumentTitle({ key: 'nrs', title: 'Hip pain in the last week (0-10)' }), 'درد مفصل ران در هفتهٔ گذشته (۰ تا ۱۰)')
  assert.equal(m.instrumentTitle({ key: 'unknown-one', title: 'Something' }), 'Something')
  as('en')
  assert.equal(m.instrumentTitle({ key: 'nrs', title: 'Hip pain in the last week (0-10)' }), 'Hip pain in the last week (0-10)')
})
