// The web app's API types (web/src/api/schema.d.ts, kept in git) are what openapi-typescript
// makes from the built binary's OpenAPI document, with the web app's own settings (its
// `api-types` script): a change of a route's request or answer type that was not carried
// to the web app fails here, and once carried (scripts/build-web writes the file) fails
// the web app's type check wherever the app does not follow it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { binary, repo } from './server.mjs'

test('web/src/api/schema.d.ts is generated from the binary’s OpenAPI document', () => {
  const web = join(repo, 'web')
  assert.ok(existsSync(join(web, 'node_modules/openapi-typescript')), 'the web app’s npm packages are installed (scripts/build-web)')
  const document = execFileSync(binary, ['openapi'], { maxBuffer: 64 << 20 })
  const fresh = execFileSync('npm', ['run', '--silent', 'api-types'], { cwd: web, input: document, maxBuffer: 64 << 20 }).toString()
  const kept = readFileSync(join(web, 'src/api/schema.d.ts'), 'utf8')
  assert.ok(fresh.includes('export interface paths'), 'openapi-typescript made the types')
  assert.ok(fresh === kept, 'web/src/api/schema.d.ts is out of date: run scripts/build-web (it writes the file from the binary) and commit it')
})
