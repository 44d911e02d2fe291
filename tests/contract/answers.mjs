// Checks a live answer against the OpenAPI document: its status must be documented for the
// operation (or fall under `default`), and its JSON body must match the schema documented
// for that status, read by ajv. Objects are closed here: a field the schema does not name
// is an error (unless the schema says what extra fields may hold), because an answer field
// nobody documented is exactly what the web app's generated types would not know.
import Ajv from 'ajv'

// A copy of a dereferenced schema in which every object with named properties refuses
// others. Dereferenced schemas share objects (and may be cyclic): each is copied once.
export function closed(schema, seen = new Map()) {
  if (Array.isArray(schema)) return schema.map((s) => closed(s, seen))
  if (!schema || typeof schema !== 'object') return schema
  if (seen.has(schema)) return seen.get(schema)
  const copy = {}
  seen.set(schema, copy)
  for (const [k, v] of Object.entries(schema)) copy[k] = k === 'example' || k === 'enum' ? v : closed(v, seen)
  const composed = copy.allOf || copy.anyOf || copy.oneOf
  if (copy.properties && !composed && copy.additionalProperties === undefined) copy.additionalProperties = false
  // OpenAPI 3.0's `nullable` (also beside allOf, without a type) as JSON Schema says it.
  if (copy.nullable === true) {
    delete copy.nullable
    const either = { anyOf: [copy, { type: 'null' }] }
    seen.set(schema, either)
    return either
  }
  return copy
}

export function answerChecker(document) {
  // OpenAPI 3.0 schemas (`nullable` made JSON Schema by closed()); `example`, `x-*` and
  // the documentation keywords are words for readers.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false })
  const compiled = new Map()

  function documented(method, path, status) {
    const op = document.paths[path]?.[method.toLowerCase()]
    if (!op) return { problem: `${method} ${path} is not in the document` }
    const responses = op.responses || {}
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k])
    if (!key) return { problem: `${method} ${path}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})` }
    return { key, response: responses[key] }
  }

  // Problems with one answer, as sentences (none: it matches).
  function check(method, path, answer) {
    const { key, response, problem } = documented(method, path, answer.status)
    if (problem) return [problem]
    const content = response.content || {}
    const media = Object.keys(content)
    // Nothing documented beyond the status: nothing to compare (typed() tells such answers).
    if (!media.length) return []
    const mediaType = media.find((m) => answer.type.startsWith(m))
    if (!mediaType) return [`${method} ${path} ${answer.status}: answered as ${answer.type || 'nothing'}, documented as ${media.join(', ')}`]
    const schema = content[mediaType].schema
    if (!schema || !mediaType.startsWith('application/json')) return []
    const id = `${method} ${path} ${key} ${mediaType}`
    if (!compiled.has(id)) compiled.set(id, ajv.compile(closed(schema)))
    const validate = compiled.get(id)
    if (validate(answer.body)) return []
    return validate.errors.map((e) => `${method} ${path} ${answer.status}: ${e.instancePath || '(body)'} ${e.message}${e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : ''}`)
  }

  // Whether the document gives a JSON schema for this status (the answer is then typed):
  // an empty schema ({}, any value) types nothing.
  // The error schema under `default` does not type a success.
  function typed(method, path, status) {
    const { key, response } = documented(method, path, status)
    const schema = key !== 'default' && response?.content?.['application/json']?.schema
    return !!schema && Object.keys(schema).length > 0
  }

  return { check, typed }
}
