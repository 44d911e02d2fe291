// The answer checker itself (answers.mjs) on the binary's own document: an answer as the
// document describes it passes; one with a field the schema does not name, or a field of
// another type, or an undocumented status, is refused. Without this a checker that let
// everything through would leave the contract test green.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import SwaggerParser from '@apidevtools/swagger-parser'
import { binary } from './server.mjs'
import { answerChecker } from './answers.mjs'

const document = await SwaggerParser.dereference(JSON.parse(execFileSync(binary, ['openapi'], { maxBuffer: 64 << 20 })))
const checker = answerChecker(document)
const json = 'application/json'
// A refusal every staff route documents (the error schema), as the server sends it.
const refusal = { status: 401, type: json, body: { error: { code: 'unauthorized', message: 'sign in first', field: 'session' } } }

test('an answer as documented passes', () => {
  assert.deepEqual(checker.check('GET', '/api/v1/patients', refusal), [])
  assert.deepEqual(checker.check('GET', '/api/v1/patients', { ...refusal, body: { error: { ...refusal.body.error, field: null } } }), [])
})

test('a field the schema does not name is refused', () => {
  const extra = { ...refusal, body: { error: { ...refusal.body.error, hint: 'try again' } } }
  const problems = checker.check('GET', '/api/v1/patients', extra)
  assert.ok(problems.some((p) => p.includes("'hint'")), problems.join('\n'))
})

test('a field of another type is refused', () => {
  const numeric = { ...refusal, body: { error: { ...refusal.body.error, code: 401 } } }
  const problems = checker.check('GET', '/api/v1/patients', numeric)
  assert.ok(problems.some((p) => p.includes('/error/code') && p.includes('string')), problems.join('\n'))
})

test('an operation or status the document does not have is refused', () => {
  assert.notDeepEqual(checker.check('GET', '/api/v1/no-such-route', refusal), [])
  const ops = Object.entries(document.paths).flatMap(([path, m]) => Object.entries(m).map(([method, op]) => ({ path, method, op })))
  const closed = ops.find(({ op }) => op.responses && !op.responses.default && !Object.keys(op.responses).some((k) => k.startsWith('4')))
  if (closed) assert.notDeepEqual(checker.check(closed.method.toUpperCase(), closed.path, refusal), [])
})
