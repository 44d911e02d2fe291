// Spreadsheet exports over HTTP, judged from outside on a running demo server: a centre's
// admin asks for the centre's records, polls the export until it is done and downloads
// each file (one of several mebibyte parts), which is byte for byte what `regenpath export records` writes, read by R's
// read.csv (CSV) and by openpyxl (XLSX) with the rows the export's summary counts; an
// analyst takes the de-identified tables, byte for byte `regenpath export deidentified`'s
// (and the registry's NDJSON answer, sent from temporary files part by part, its lines);
// each role reaches only what it may, a bad ask names its field, and a delete removes it.
import assert from 'node:assert/strict'
import { get } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { binary, repo, staffLogin, startDemo } from '../demo_server.mjs'

const work = mkdtempSync(join(tmpdir(), 'rp-sheets-http-'))
let server
before(async () => {
  // A clinic large enough that a centre's visits take more than one of the store's
  // mebibyte parts: the download goes on across parts.
  server = await startDemo({ prefix: 'rp-sheets-http-demo-', args: ['--patients', '1500'] })
})
after(async () => {
  await server?.stop()
  rmSync(work, { recursive: true, force: true })
})

async function signedIn(username) {
  const { cookie, csrf } = await staffLogin(server, username)
  return (path, { method = 'GET', body, headers = {} } = {}) =>
    fetch(server.url + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
}

// Asks for an export and polls it until it is done (its progress shown meanwhile).
async function exported(as, ask) {
  const kick = await as('/api/v1/exports', { method: 'POST', body: ask })
  assert.equal(kick.status, 202, await kick.clone().text())
  const begun = await kick.json()
  assert.match(begun.id, /^[0-9a-f]{32}$/)
  assert.equal(begun.state, 'running')
  for (let i = 0; i < 600; i++) {
    const r = await as(`/api/v1/exports/${begun.id}`)
    assert.equal(r.status, 200)
    const st = await r.json()
    if (st.state === 'done') return st
    assert.equal(st.state, 'running', st.error)
    await new Promise((ok) => setTimeout(ok, 100))
  }
  throw new Error('the export was not done in a minute')
}

// Every file of a done export into `dir`, each answer's length and type checked.
async function download(as, st, dir) {
  mkdirSync(dir, { recursive: true })
  for (const f of st.files) {
    const r = await as(f.url)
    assert.equal(r.status, 200, f.url)
    assert.equal(Number(r.headers.get('content-length')), f.bytes)
    assert.match(r.headers.get('content-disposition'), new RegExp(`attachment; filename="${f.name}"`))
    assert.match(r.headers.get('content-type'), f.name.endsWith('.xlsx') ? /spreadsheetml/ : /^text\/csv/)
    const bytes = Buffer.from(await r.arrayBuffer())
    assert.equal(bytes.length, f.bytes)
    writeFileSync(join(dir, f.name), bytes)
  }
}

const db = () => join(server.data, 'demo.db')

test("the admin's records as CSV: the command line's files byte for byte, read by R", async () => {
  const admin = await signedIn('admin.tehran-1')
  const st = await exported(admin, { kind: 'records', format: 'csv' })
  assert.equal(st.centre, 'tehran-1')
  const got = join(work, 'records-http')
  await download(admin, st, got)
  const cli = join(work, 'records-cli')
  execFileSync(binary, ['export', 'records', '--db', db(), '--out', cli, '--centre', 'tehran-1'], { stdio: 'ignore' })
  assert.ok(st.files.some((f) => f.bytes > 1 << 20), 'a file of more than one part')
  assert.deepEqual(readdirSync(got).sort(), readdirSync(cli).sort())
  for (const name of readdirSync(cli)) assert.ok(readFileSync(join(got, name)).equals(readFileSync(join(cli, name))), name)

  const r = JSON.parse(execFileSync('Rscript', [join(repo, 'tests/cli/records_csv.R'), got], { encoding: 'utf8' }))
  assert.deepEqual(r.rows, st.summary.rows, "R's rows are the export's")
  assert.ok(st.summary.patients > 0 && st.summary.rows.scores > 0)
  assert.equal(r.rows.patients, st.summary.patients)
  assert.deepEqual(r.jalali_mismatches ?? [], [])
})

test("the admin's records as one XLSX workbook, wide: openpyxl reads every row", async () => {
  const admin = await signedIn('admin.mashhad-1')
  const st = await exported(admin, { kind: 'records', format: 'xlsx', layout: 'wide' })
  assert.deepEqual(st.files.map((f) => f.name), ['records.xlsx'])
  const got = join(work, 'records-xlsx')
  await download(admin, st, got)
  const book = JSON.parse(
    execFileSync('/usr/bin/python3', [join(repo, 'tests/cli/records_xlsx.py'), join(got, 'records.xlsx')], { encoding: 'utf8' }),
  )
  assert.ok(book.sheets.includes('scores_wide') && book.sheets.includes('dictionary'), book.sheets.join())
  for (const [table, rows] of Object.entries(st.summary.rows)) assert.equal(book.rows[table], rows, table)
  // Only the centre's patients: the Mashhad admin's workbook has no Tehran record number.
  assert.equal(book.rows.patients, st.summary.patients)
})

test("the analyst's de-identified tables: the command line's byte for byte, no identifier", async () => {
  const analyst = await signedIn('analyst.tehran-1')
  const st = await exported(analyst, { kind: 'deidentified', format: 'csv' })
  assert.equal(st.centre, '', 'every centre')
  const got = join(work, 'deid-http')
  await download(analyst, st, got)
  const cli = join(work, 'deid-cli')
  execFileSync(binary, ['export', 'deidentified', '--db', db(), '--out', cli, '--format', 'csv'], { stdio: 'ignore' })
  for (const name of readdirSync(got).filter((n) => n !== 'data-dictionary.csv'))
    assert.ok(readFileSync(join(got, name)).equals(readFileSync(join(cli, name))), name)
  const header = readFileSync(join(got, 'patients.csv'), 'utf8').split('\n')[0]
  for (const identifier of ['name', 'national_id', 'mobile', 'mrn']) assert.ok(!header.split(',').includes(identifier), header)
  assert.ok(st.summary.patients > 0)
})

test("GET /api/v1/registry/export: the command line's NDJSON tables, table after table, sent from files part by part", async () => {
  const analyst = await signedIn('analyst.tehran-1')
  const r = await analyst('/api/v1/registry/export?format=ndjson', { headers: { 'Accept-Encoding': 'identity' } })
  assert.equal(r.status, 200)
  assert.match(r.headers.get('content-type'), /^application\/x-ndjson/)
  assert.equal(r.headers.get('content-encoding'), null)
  assert.match(r.headers.get('vary') ?? '', /Accept-Encoding/)
  const body = Buffer.from(await r.arrayBuffer())
  assert.equal(Number(r.headers.get('content-length')), body.length)
  assert.ok(body.length > 3 * 1024 * 1024, `${body.length} bytes: more than three of the server's mebibyte parts`)
  const cli = join(work, 'deid-ndjson-cli')
  const summary = JSON.parse(execFileSync(binary, ['export', 'deidentified', '--db', db(), '--out', cli, '--format', 'ndjson'], { encoding: 'utf8' }))
  // The body is each table's file of the command line, each row tagged with its table, in
  // the dictionary's order (the order of the summary's files).
  let expected = ''
  for (const f of summary.files.filter((f) => f.file.endsWith('.ndjson'))) {
    const table = f.file.replace(/\.ndjson$/, '')
    const rows = readFileSync(join(cli, f.file), 'utf8').split('\n').filter(Boolean)
    assert.equal(rows.length, f.rows, f.file)
    for (const row of rows) expected += `{"table":${JSON.stringify(table)},"row":${row}}\n`
  }
  assert.ok(body.equals(Buffer.from(expected)), 'the same lines in the same order')
  assert.equal(summary.patients, body.toString('utf8').split('\n').filter((l) => l.startsWith('{"table":"patients"')).length)
  // Asked as a browser or curl --compressed asks: one gzip member of the same lines, each
  // table compressed apart as its rows came, its length what Content-Length says.
  const { cookie } = await staffLogin(server, 'analyst.tehran-1')
  const raw = await new Promise((resolve, reject) => {
    get(`${server.url}/api/v1/registry/export?format=ndjson`, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip, deflate' } }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ headers: res.headers, status: res.statusCode, body: Buffer.concat(chunks) }))
    }).on('error', reject)
  })
  assert.equal(raw.status, 200)
  assert.equal(raw.headers['content-encoding'], 'gzip')
  assert.equal(Number(raw.headers['content-length']), raw.body.length)
  assert.ok(raw.body.length * 5 < body.length, `${raw.body.length} bytes compressed of ${body.length}`)
  assert.ok(gunzipSync(raw.body).equals(body), 'the same lines, compressed')
})

test('each role reaches only what it may; a bad ask names its field; a delete removes the export', async () => {
  const analyst = await signedIn('analyst.tehran-1')
  const records = await analyst('/api/v1/exports', { method: 'POST', body: { kind: 'records' } })
  assert.equal(records.status, 403, 'an analyst takes no identified records')
  const surgeon = await signedIn('surgeon.tehran-1')
  assert.equal((await surgeon('/api/v1/exports', { method: 'POST', body: { kind: 'deidentified' } })).status, 403)
  assert.equal((await surgeon('/api/v1/exports')).status, 403)
  const admin = await signedIn('admin.tehran-1')
  for (const [body, field] of [
    [{ kind: 'everything' }, 'kind'],
    [{ kind: 'records', format: 'pdf' }, 'format'],
    [{ kind: 'records', layout: 'diagonal' }, 'layout'],
    [{ kind: 'records', centre: 'mashhad-1' }, 'centre'],
    [{ format: 'csv' }, 'kind'],
  ]) {
    const r = await admin('/api/v1/exports', { method: 'POST', body })
    assert.ok([403, 422].includes(r.status), JSON.stringify(body))
    assert.equal((await r.json()).error.field, field, JSON.stringify(body))
  }
  const st = await exported(admin, { kind: 'deidentified', format: 'xlsx' })
  assert.deepEqual(st.files.map((f) => f.name), ['registry.xlsx'])
  // Another user (the analyst): not found.
  const other = await signedIn('analyst.tehran-1')
  assert.equal((await other(`/api/v1/exports/${st.id}`)).status, 404)
  assert.equal((await other(st.files[0].url)).status, 404)
  assert.equal((await admin(`/api/v1/exports/${st.id}/files/9`)).status, 404)
  assert.equal((await admin(`/api/v1/exports/${st.id}/files/../../etc/passwd`)).status, 404)
  const mine = await (await admin('/api/v1/exports')).json()
  assert.ok(mine.exports.some((e) => e.id === st.id))
  assert.equal((await admin(`/api/v1/exports/${st.id}`, { method: 'DELETE' })).status, 200)
  assert.equal((await admin(`/api/v1/exports/${st.id}`)).status, 404)
  assert.equal((await admin(st.files[0].url)).status, 404)
  // The audit log names each step.
  const audit = execFileSync(binary, ['audit', 'search', '--db', db(), '--user', 'admin.tehran-1', '--limit', '200'], { encoding: 'utf8' })
  for (const step of ['begun', 'downloaded', 'deleted']) assert.match(audit, new RegExp(`spreadsheet export ${st.id}[^\\n]*${step}`))
})
