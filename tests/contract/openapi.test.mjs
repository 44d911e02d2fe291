// The API's contract, checked against the live server: the OpenAPI document the server
// serves validates with an independent validator (@apidevtools/swagger-parser), and every
// operation it lists is called for real (tour.mjs: real bodies, the demo's accounts, a
// role the operation names) with each answer, success or refusal, checked against the
// schema documented for its status (answers.mjs, ajv, objects closed). An operation the
// tour does not call fails the test: a new route needs its step.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import SwaggerParser from '@apidevtools/swagger-parser'
import { startServer, client } from './server.mjs'
import { answerChecker } from './answers.mjs'
import { tour } from './tour.mjs'

let server
let served // the document as served
before(async () => {
  server = await startServer()
  const r = await client(server).call('GET', '/api/v1/openapi.json')
  assert.equal(r.status, 200)
  served = r.body
})
after(async () => {
  await server?.stop()
})

test('the served OpenAPI document validates with an independent validator', async () => {
  // validate() parses, resolves every $ref and checks the document against the OpenAPI 3.0
  // schema and its rules (unique operation ids, path parameters declared, ...).
  const api = await SwaggerParser.validate(structuredClone(served))
  assert.match(api.openapi, /^3\./)
  assert.ok(Object.keys(api.paths).length > 40, 'the document lists the routes')
})

test('every operation answers as documented, for every status it was called to give', async (t) => {
  const document = await SwaggerParser.dereference(structuredClone(served))
  const checker = answerChecker(document)
  const operations = new Set()
  for (const [path, methods] of Object.entries(document.paths))
    for (const method of Object.keys(methods)) if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) operations.add(`${method.toUpperCase()} ${path}`)

  const called = new Set()
  const problems = [] // the tour's own: an operation, role or status other than expected
  const mismatches = [] // answers that do not match their documented schema
  const untyped = new Set()
  // Each call of the tour goes through here: the caller's role must be one the operation
  // names, and the answer must match the document.
  const observe = (step, answer) => {
    const op = `${step.method} ${step.path}`
    if (!operations.has(op)) problems.push(`${op}: not in the document`)
    called.add(op)
    const roles = document.paths[step.path]?.[step.method.toLowerCase()]?.['x-roles'] || []
    const refusal = step.expect >= 400 // a refusal is called as a role that may not, on purpose
    if (!refusal && step.as !== 'public' && !roles.includes(step.as) && !roles.includes('public'))
      problems.push(`${op}: called as ${step.as}, which the document does not list (${roles.join(', ')})`)
    if (step.expect !== undefined && answer.status !== step.expect)
      problems.push(`${op}: answered ${answer.status}, the tour expected ${step.expect}: ${JSON.stringify(answer.body).slice(0, 300)}`)
    // An operation the document marks as not typed (x-untyped-answer) fails below; every
    // answer must match its schema.
    const declaredUntyped = document.paths[step.path]?.[step.method.toLowerCase()]?.['x-untyped-answer'] === true
    if (declaredUntyped && answer.status < 300) untyped.add(op)
    mismatches.push(...checker.check(step.method, step.path, answer))
    if (answer.status < 300 && answer.type.startsWith('application/json') && !checker.typed(step.method, step.path, answer.status)) untyped.add(op)
  }
  await tour(server, observe)

  const missed = [...operations].filter((op) => !called.has(op))
  assert.equal(missed.length, 0, 'operations the tour does not call (add a step for each):\n' + missed.join('\n'))
  assert.equal(problems.length, 0, 'the tour went otherwise than expected:\n' + [...new Set(problems)].join('\n'))
  await t.test('every answer matches the schema documented for its status', () => {
    assert.equal(mismatches.length, 0, 'answers that do not match the document:\n' + [...new Set(mismatches)].join('\n'))
  })
  // The success answers whose JSON body the document gives no schema for: each one would be
  // an answer the web app's generated client cannot type. Every operation is typed now.
  await t.test('every JSON success answer has a documented schema', () => {
    assert.deepEqual([...untyped].sort(), [])
  })
})
