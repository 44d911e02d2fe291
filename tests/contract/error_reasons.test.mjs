// The web app words a server refusal its own way only by the error catalogue's reason
// (messages/errors.json), never by the server's sentence: every reason it names is a
// catalogue code, the reason type it is checked with (web/src/api/schema.d.ts, made from
// the binary's OpenAPI document) lists exactly the catalogue's codes, and the words it
// gives a reason exist in both languages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = join(dirname(fileURLToPath(import.meta.url)), '../..')
const web = join(repo, 'web/src')
const catalogue = JSON.parse(readFileSync(join(repo, 'messages/errors.json'), 'utf8'))
const codes = new Set(catalogue.errors.map((e) => e.code))

function sources(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...sources(path))
    else if (/\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

// The keys of each object literal typed by reason (`Record<ErrorReason, …>`), and every
// string compared with an error's reason (`e.reason`, `err.reason`, `error.reason`; a
// form's own `reason` field is another thing).
function reasonsNamed(text) {
  const named = []
  for (const m of text.matchAll(/Record<ErrorReason,[^>]*>+\s*=\s*\{([^}]*)\}/g))
    for (const k of m[1].matchAll(/^\s*'?([a-z0-9_]+)'?\s*:/gm)) named.push(k[1])
  for (const m of text.matchAll(/\b(?:e|err|error)\.reason\s*[!=]==?\s*'([^']+)'/g)) named.push(m[1])
  for (const m of text.matchAll(/'([^']+)'\s*[!=]==?\s*(?:e|err|error)\.reason\b/g)) named.push(m[1])
  return named
}

test('every reason the web app names is a code of the error catalogue', () => {
  const all = []
  for (const file of sources(web)) {
    for (const reason of reasonsNamed(readFileSync(file, 'utf8'))) all.push({ file: relative(repo, file), reason })
  }
  assert.ok(all.length >= 6, `the portal's plainer words are found by reason (found ${all.length})`)
  const unknown = all.filter((n) => !codes.has(n.reason))
  assert.deepEqual(unknown, [], 'reasons the catalogue does not have')
})

test('the reason type of the web app lists exactly the catalogue codes', () => {
  const schema = readFileSync(join(web, 'api/schema.d.ts'), 'utf8')
  const m = schema.match(/Error: \{\s*error: \{[\s\S]*?reason\?: ([^;]+);/)
  assert.ok(m, 'schema.d.ts documents the error answer’s reason')
  const typed = new Set([...m[1].matchAll(/"([a-z0-9_]+)"/g)].map((x) => x[1]))
  assert.deepEqual([...codes].filter((c) => !typed.has(c)), [], 'catalogue codes the web app’s type lacks: run scripts/build-web')
  assert.deepEqual([...typed].filter((c) => !codes.has(c)), [], 'reasons the catalogue no longer has: run scripts/build-web')
})

test('the portal’s words for a reason exist in English and Persian', () => {
  const words = readFileSync(join(web, 'features/portal/serverMessages.ts'), 'utf8')
  const keys = [...words.matchAll(/'portal\.errors\.(\w+)'/g)].map((m) => m[1])
  assert.ok(keys.length >= 5)
  const messages = readFileSync(join(web, 'features/portal/messages.ts'), 'utf8')
  const blocks = [...messages.matchAll(/errors: \{([^}]*)\}/g)].map((m) => m[1])
  assert.equal(blocks.length, 2, 'portal/messages.ts has one errors block per language')
  for (const block of blocks)
    for (const key of keys) assert.match(block, new RegExp(`\\b${key}:`), `portal.errors.${key} in both languages`)
})
