// A tour of the whole API on the demo data, as the clinic would use it: an administrator
// and the registry set up, a coordinator registers two patients who share a mobile number
// and one is taken along the pathway to an injection (surgeon, lab), a questionnaire is
// answered at the clinic, from a link and from the portal, a red flag is raised and
// handled, items whose window closed are closed and reopened, analysts read the reports,
// an administrator reads the audit log; then a few refusals (401, 403, 404, 409, 422).
// Every call is handed to `observe(step, answer)` with the operation's path template;
// calls that only set something up for the next step are still calls, and are checked.
import assert from 'node:assert/strict'
import { client, deliveryToken } from './server.mjs'

const centre = 'tehran-1'
const today = () => new Date().toISOString().slice(0, 10)

// A valid national id of its own for a record number (as tests/web/support.mjs makes them).
function nationalIdFor(mrn) {
  let h = 11
  for (const ch of mrn) h = (h * 31 + ch.codePointAt(0)) % 1000000000
  const nine = String(h).padStart(9, '0')
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i)
  const r = sum % 11
  return nine + String(r < 2 ? r : 11 - r)
}

// /api/v1/patients/{patient_id} with {patient_id: 7} → /api/v1/patients/7
const fill = (path, params = {}) =>
  path.replace(/\{(\w+)\}/g, (_, name) => {
    if (params[name] === undefined) throw new Error(`${path}: no value for ${name}`)
    return encodeURIComponent(String(params[name]))
  })

const query = (q) => (q ? '?' + new URLSearchParams(q).toString() : '')

export async function tour(server, observe) {
  const sessions = new Map()
  // A signed-in client for a staff role at the centre (signing in is itself a checked call).
  async function as(role, where = centre) {
    const username = `${role}.${where}`
    if (!sessions.has(username)) {
      const c = client(server)
      const step = { method: 'POST', path: '/api/v1/auth/login', as: 'public', expect: 200 }
      observe(step, await c.call('POST', step.path, { username, password: server.accounts.get(username) }))
      c.role = role
      sessions.set(username, c)
    }
    return sessions.get(username)
  }
  // One checked call; answers the body.
  async function call(who, method, path, { params, q, body, expect, headers } = {}) {
    const target = fill(path, params) + query(q)
    const answer = path === '/api/v1/events' ? await who.head(target) : await who.call(method, target, body, headers)
    observe({ method, path, as: who.role || 'public', expect }, answer)
    return answer.body
  }
  const key = () => ({ 'Idempotency-Key': crypto.randomUUID() })
  const nobody = client(server)

  // Health, metrics and the document itself.
  await call(nobody, 'GET', '/healthz', { expect: 200 })
  await call(nobody, 'GET', '/metrics', { expect: 200 })
  await call(nobody, 'GET', '/api/v1/openapi.json', { expect: 200 })

  // Administration: accounts and centres; the registry sets a licence.
  const admin = await as('admin')
  await call(admin, 'GET', '/api/v1/auth/me', { expect: 200 })
  await call(admin, 'GET', '/api/v1/accounts', { expect: 200 })
  const account = await call(admin, 'POST', '/api/v1/accounts', {
    body: { username: 'contract.coordinator', role: 'coordinator', password: 'Contract-pass-2026' },
    headers: key(),
    expect: 201,
  })
  await call(admin, 'POST', '/api/v1/accounts/{account_id}/password', { params: { account_id: account.id }, body: { password: 'Another-pass-2027' }, expect: 200 })
  await call(admin, 'PATCH', '/api/v1/accounts/{account_id}', { params: { account_id: account.id }, body: { disabled: true }, expect: 200 })
  const centres = await call(admin, 'GET', '/api/v1/centres', { expect: 200 })
  const own = centres.find((c) => c.id === centre)
  assert.ok(own, `the demo has centre ${centre}`)
  await call(admin, 'PUT', '/api/v1/centres/{centre_id}', { params: { centre_id: centre }, body: { name_en: own.name_en, name_fa: own.name_fa, facility_code: '0BAD' }, expect: 422 })
  // The centre's ISBT 128 facility code: the DINs of its harvests begin with it.
  await call(admin, 'PUT', '/api/v1/centres/{centre_id}', { params: { centre_id: centre }, body: { name_en: own.name_en, name_fa: own.name_fa, facility_code: 'T1RPL', address_en: '1 Test Street', map_url: 'https://www.openstreetmap.org/', services: ['bone_marrow', 'ultrasound'] }, expect: 200 })
  const registry = await as('registry', 'licensing')
  await call(registry, 'PUT', '/api/v1/centres/{centre_id}/licence', {
    params: { centre_id: centre },
    body: { licence_status: 'licensed', licence_number: 'LIC-1', licence_issuer: 'Ministry of Health', licence_expires: '2099-12-31' },
    expect: 200,
  })
  await call(registry, 'PUT', '/api/v1/centres/{centre_id}/licence', { params: { centre_id: centre }, body: { licence_status: 'licensed', licence_expires: '2099-02-30' }, expect: 422 })
  // The public directory, read without signing in.
  await call(nobody, 'GET', '/api/v1/directory/centres', { expect: 200 })
  // Prices: the admin writes the centre's list for a year, and its staff estimate a
  // treatment's cost with the patient's insurers.
  const ownCentre = { centre_id: centre }
  const priceLines = ['consultation', 'tests', 'harvest_bone_marrow', 'processing', 'injection_ultrasound'].map((item, i) => ({ item, amount_rials: 10000000 * (i + 1) }))
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/price-lists', { params: ownCentre, body: { valid_from_year: 1490, valid_to_year: 1490, lines: [] }, headers: key(), expect: 422 })
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/price-lists', { params: ownCentre, body: { valid_from_year: 1490, valid_to_year: 1490, lines: priceLines }, headers: key(), expect: 201 })
  await call(admin, 'GET', '/api/v1/centres/{centre_id}/price-lists', { params: ownCentre, q: { history: 'true' }, expect: 200 })
  const insurers = await call(admin, 'GET', '/api/v1/insurers', { expect: 200 })
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/estimates', {
    params: ownCentre,
    body: { year: 1490, cell_source: 'bone_marrow', guidance: 'ultrasound', insurers: [{ insurer: insurers.insurers[0].id, months_insured: 12 }], months: 3, first_due_jalali: '1490/01/01' },
    expect: 200,
  })
  // The same estimate printed (a PDF in Persian); a language it does not speak is refused.
  const estimateBody = { year: 1490, cell_source: 'bone_marrow', guidance: 'ultrasound', insurers: [{ insurer: insurers.insurers[0].id, months_insured: 12 }], months: 3, first_due_jalali: '1490/01/01' }
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/estimates/sheet', { params: ownCentre, q: { lang: 'fa' }, body: estimateBody, expect: 200 })
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/estimates/sheet', { params: ownCentre, q: { lang: 'de' }, body: estimateBody, expect: 422 })
  // The published evidence beside the claims: the clinical lead writes an entry, anyone
  // reads it, a bad link is refused, the entry is withdrawn.
  const evidenceBody = { protocol: 'hip-msc-v1', claims: ['success-75-85'], citation: 'A trial', year: 2023, design: 'randomised_trial', n: 40, stance: 'contradicts', finding_en: 'No better than a steroid.', finding_fa: 'بهتر از کورتون نبود.', link: 'https://example.org/trial' }
  await call(admin, 'PUT', '/api/v1/evidence/{evidence_id}', { params: { evidence_id: 'tour-trial' }, body: evidenceBody, expect: 200 })
  await call(admin, 'PUT', '/api/v1/evidence/{evidence_id}', { params: { evidence_id: 'tour-trial' }, body: { ...evidenceBody, link: 'http://x' }, expect: 422 })
  await call(admin, 'GET', '/api/v1/protocols/{protocol_id}/evidence', { params: { protocol_id: 'hip-msc-v1' }, expect: 200 })
  await call(admin, 'POST', '/api/v1/evidence/{evidence_id}/withdrawal', { params: { evidence_id: 'tour-trial' }, body: { reason: 'a test entry' }, expect: 200 })
  await call(admin, 'GET', '/api/v1/protocols', { expect: 200 })
  await call(admin, 'GET', '/api/v1/protocols/{protocol_id}', { params: { protocol_id: 'hip-msc-v1' }, expect: 200 })

  // A coordinator registers two patients sharing a mobile number.
  const coordinator = await as('coordinator')
  const surgeon = await as('surgeon')
  const lab = await as('lab')
  const mobile = '09127770011'
  const register = (mrn, sex) =>
    call(coordinator, 'POST', '/api/v1/patients', {
      body: {
        mrn,
        name_fa: 'بیمار قرارداد',
        name_latin: 'Contract Patient',
        sex,
        birth_date: '1962-05-04',
        mobile,
        national_id: nationalIdFor(mrn),
        consent: { treatment: true, registry: true, contact: true },
      },
      headers: key(),
      expect: 201,
    })
  const patient = await register('CONTRACT-1', 'female')
  const sibling = await register('CONTRACT-2', 'male')
  await call(coordinator, 'GET', '/api/v1/patients', { q: { q: 'CONTRACT' }, expect: 200 })
  await call(coordinator, 'PATCH', '/api/v1/patients/{patient_id}', { params: { patient_id: sibling.id }, body: { name_latin: 'Contract Sibling', reason: 'spelling' }, expect: 200 })
  await call(coordinator, 'GET', '/api/v1/patients/{patient_id}', { params: { patient_id: patient.id }, expect: 200 })

  // The pathway to an injection today.
  const openEpisode = (patient_id, side, code, kl_grade) =>
    call(coordinator, 'POST', '/api/v1/patients/{patient_id}/episodes', {
      params: { patient_id },
      body: { protocol: 'hip-msc-v1', side, diagnosis: { system: 'http://hl7.org/fhir/sid/icd-10-cm', code }, kl_grade },
      headers: key(),
      expect: 201,
    })
  const mover = (params) => (who, to) => call(who, 'POST', '/api/v1/episodes/{episode_id}/transitions', { params, body: { to }, expect: 200 })
  const episode = await openEpisode(patient.id, 'right', 'M16.11', 3)
  const ep = { episode_id: episode.id }
  const move = mover(ep)
  await move(coordinator, 'screening')
  const findings = { kl_grade: 3, bmi: 26.5, weeks_since_intra_articular_steroid: 30 }
  for (const f of ['active_infection', 'malignancy', 'bleeding_disorder', 'pregnancy', 'inflammatory_arthritis', 'anticoagulant_use', 'diabetes'])
    findings[f] = false
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/eligibility', { params: ep, body: { findings }, expect: 200 })
  await move(surgeon, 'eligible')
  await move(surgeon, 'workup')
  const day = (await call(coordinator, 'GET', '/api/v1/worklist', { expect: 200 })).date || today()
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/plan', { params: ep, body: { harvest: day, injection: day }, expect: 200 })
  await move(surgeon, 'scheduled')
  await call(surgeon, 'PATCH', '/api/v1/episodes/{episode_id}', { params: ep, body: { cell_source: 'bone_marrow' }, expect: 200 })
  // The harvest, the release and the injection are the product's steps, each with its scan:
  // moving the episode there by hand is refused. The wristband scanned in theatre, the lab's
  // receipt, processing and QC, the release by the lab's second person (qa.<centre>).
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/transitions', { params: ep, body: { to: 'harvested' }, expect: 409 })
  const walked = await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/harvest', { params: ep, body: { mrn: patient.mrn, source: 'bone_marrow' }, expect: 200 })
  const walkedDin = { din: walked.products[0].din }
  await call(lab, 'POST', '/api/v1/products/{din}/receive', { params: walkedDin, body: { temperature_c: 4 }, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/process', { params: walkedDin, body: { method: 'density_gradient' }, expect: 200 })
  const passedTest = { result: 'passed' }
  const passingQc = { total_nucleated_cells: 2e8, viability_percent: 90, sterility: passedTest, endotoxin: passedTest, mycoplasma: passedTest, complete: true }
  await call(lab, 'POST', '/api/v1/products/{din}/qc', { params: walkedDin, body: passingQc, expect: 200 })
  const qa = await as('qa')
  qa.role = 'lab' // the lab's second person: a lab account
  await call(qa, 'POST', '/api/v1/products/{din}/release', { params: walkedDin, body: {}, expect: 200 })
  // Who may be named as the injecting operator, then the one who injected.
  const operators = await call(coordinator, 'GET', '/api/v1/episodes/{episode_id}/operators', { params: ep, expect: 200 })
  assert.ok(operators.usernames.includes(`surgeon.${centre}`), 'the centre\'s surgeon may be named')
  await call(surgeon, 'PATCH', '/api/v1/episodes/{episode_id}', { params: ep, body: { injected_by: 'nobody.here' }, expect: 422 })
  await call(surgeon, 'PATCH', '/api/v1/episodes/{episode_id}', { params: ep, body: { guidance: 'ultrasound', injected_by: `surgeon.${centre}` }, expect: 200 })
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/transitions', { params: ep, body: { to: 'injected' }, expect: 409 })
  await call(surgeon, 'POST', '/api/v1/products/{din}/inject', { params: walkedDin, body: { mrn: patient.mrn, guidance: 'ultrasound' }, expect: 200 })
  await call(surgeon, 'GET', '/api/v1/episodes/{episode_id}', { params: ep, expect: 200 })
  await call(surgeon, 'GET', '/api/v1/episodes/{episode_id}/timeline', { params: ep, expect: 200 })
  const schedule = await call(coordinator, 'GET', '/api/v1/episodes/{episode_id}/schedule', { params: ep, expect: 200 })
  const items = Array.isArray(schedule) ? schedule : schedule.items || schedule.schedule
  const visit = items.find((i) => i.kind === 'visit')
  assert.ok(visit, 'the schedule has a visit')
  await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/schedule/{item_id}', { params: { ...ep, item_id: visit.id }, body: { status: 'done', on: day }, expect: 200 })

  // The cell products, at the demo centre with products released: the lab's list, a
  // product's chain, the bedside check (a wrong wristband is refused with its verdict) and
  // the injection through it.
  const productCentre = 'mashhad-1'
  const productLab = await as('lab', productCentre)
  const productSurgeon = await as('surgeon', productCentre)
  const releasedProducts = await call(productLab, 'GET', '/api/v1/products', { q: { state: 'released' }, expect: 200 })
  assert.ok(releasedProducts.length > 0, `the demo's ${productCentre} has a released product`)
  const product = releasedProducts[0]
  const din = { din: product.din }
  await call(productLab, 'GET', '/api/v1/products/{din}', { params: din, expect: 200 })
  // Its label for the screen and for the printer, a DIN that is not one, and the donor's wristband.
  await call(productLab, 'GET', '/api/v1/products/{din}/label', { params: din, expect: 200 })
  await call(productLab, 'GET', '/api/v1/products/{din}/label', { params: din, q: { format: 'pdf', lang: 'fa' }, expect: 200 })
  await call(productLab, 'GET', '/api/v1/products/{din}/label', { params: { din: 'NOT-A-DIN' }, expect: 422 })
  await call(productLab, 'GET', '/api/v1/patients/{patient_id}/wristband', { params: { patient_id: product.patient.id }, q: { lang: 'fa' }, expect: 200 })
  await call(productSurgeon, 'POST', '/api/v1/products/verify', { body: { din: product.din, mrn: product.patient.mrn }, expect: 200 })
  await call(productSurgeon, 'POST', '/api/v1/products/verify', { body: { din: product.din, mrn: `${product.patient.mrn}-X` }, expect: 409 })
  await call(productSurgeon, 'POST', '/api/v1/products/{din}/inject', { params: din, body: { mrn: product.patient.mrn, guidance: 'ultrasound' }, expect: 200 })

  // The lab's steps at the tour's centre: a product registered at its harvest but whose
  // receipt the lab has not recorded is not processed (409); one awaiting release is
  // released (or refused with the criterion it fails).
  const receivedProducts = await call(lab, 'GET', '/api/v1/products', { q: { state: 'received' }, expect: 200 })
  assert.ok(receivedProducts.length > 0, 'the demo centre has a received product')
  await call(lab, 'POST', '/api/v1/products/{din}/process', { params: { din: receivedProducts[0].din }, body: { method: 'density_gradient' }, expect: 409 })
  const awaiting = await call(lab, 'GET', '/api/v1/products', { q: { state: 'awaiting_release' }, expect: 200 })
  assert.ok(awaiting.length > 0, 'the demo centre has a product awaiting release')
  await call(lab, 'POST', '/api/v1/products/{din}/release', { params: { din: awaiting[0].din } })

  // Every step of the lab from a harvest: the sibling's episode walked to its harvest,
  // which is split in three, each product received, processed and counted; one failing
  // its viability is released on the surgeon's exception and injected, one quarantined and
  // discarded, one expired. A wrong wristband, a temperature sent as text and the lab's
  // release despite failed criteria are refused.
  const ep2 = { episode_id: (await openEpisode(sibling.id, 'left', 'M16.12', 2)).id }
  const move2 = mover(ep2)
  await move2(coordinator, 'screening')
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/eligibility', { params: ep2, body: { findings: { ...findings, kl_grade: 2 } }, expect: 200 })
  await move2(surgeon, 'eligible')
  await move2(surgeon, 'workup')
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/plan', { params: ep2, body: { harvest: day, injection: day }, expect: 200 })
  await move2(surgeon, 'scheduled')
  const harvest = {
    mrn: 'CONTRACT-2',
    source: 'adipose',
    side: 'left',
    volume_ml: 120.5,
    anaesthesia: 'local',
    started_at: new Date(Date.now() - 3600 * 1000).toISOString(),
    ended_at: new Date(Date.now() - 1800 * 1000).toISOString(),
    products: 3,
    location: 'theatre 1',
  }
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/harvest', { params: ep2, body: { ...harvest, mrn: 'CONTRACT-1' }, expect: 409 })
  const harvested = await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/harvest', { params: ep2, body: harvest, expect: 200 })
  assert.equal(harvested.products.length, 3, 'the harvest is split in three')
  assert.ok(harvested.products.every((p) => p.din.startsWith('T1RPL')), 'the DINs take the centre\'s facility code')
  const [kept, doubted, late] = harvested.products.map((p) => ({ din: p.din }))
  await call(lab, 'POST', '/api/v1/products/{din}/receive', { params: kept, body: { temperature_c: '4' }, expect: 422 })
  for (const p of [kept, doubted, late]) await call(lab, 'POST', '/api/v1/products/{din}/receive', { params: p, body: { temperature_c: 4.5, location: 'lab' }, expect: 200 })
  for (const p of [kept, doubted]) await call(lab, 'POST', '/api/v1/products/{din}/process', { params: p, body: { method: 'enzymatic_svf' }, expect: 200 })
  const qc = { total_nucleated_cells: 1.5e8, viability_percent: 62.5, cfu_f: 40, sterility: { result: 'passed' }, mycoplasma: { result: 'pending', due: day }, complete: true }
  await call(lab, 'POST', '/api/v1/products/{din}/qc', { params: kept, body: qc, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/release', { params: kept, body: {}, expect: 409 })
  await call(surgeon, 'POST', '/api/v1/products/{din}/release', { params: kept, body: { exception: { reason: 'no second harvest possible' } }, expect: 200 })
  await call(surgeon, 'POST', '/api/v1/products/{din}/inject', { params: kept, body: { mrn: 'CONTRACT-2', guidance: 'ultrasound', dose_cells: 30000000, volume_ml: 3.5 }, expect: 200 })
  // A late result completes the injected product's pending mycoplasma test.
  await call(lab, 'POST', '/api/v1/products/{din}/qc', { params: kept, body: { mycoplasma: { result: 'passed' } }, expect: 200 })
  // The doubted product is released, comes back from theatre unused, is cleared, then set aside.
  await call(lab, 'POST', '/api/v1/products/{din}/qc', { params: doubted, body: { ...qc, viability_percent: 88, mycoplasma: { result: 'passed' } }, expect: 200 })
  await call(qa, 'POST', '/api/v1/products/{din}/release', { params: doubted, body: {}, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/return', { params: doubted, body: { reason: 'list ran late', temperature_c: 18.5 }, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/clear', { params: doubted, body: { reason: 'seal intact' }, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/quarantine', { params: doubted, body: { reason: 'label torn' }, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/discard', { params: doubted, body: { reason: 'bag leaking' }, expect: 200 })
  // The late product is stored, expanded in culture with its passages and ISCT panel, frozen and thawed.
  await call(lab, 'POST', '/api/v1/products/{din}/storage', { params: late, body: { temperature_c: 4.5, location: 'fridge 1' }, expect: 200 })
  await call(lab, 'PUT', '/api/v1/products/{din}/passages', { params: kept, body: { passages: [] }, expect: 409 })
  await call(lab, 'POST', '/api/v1/products/{din}/process', { params: late, body: { method: 'culture_expansion' }, expect: 200 })
  await call(lab, 'PUT', '/api/v1/products/{din}/passages', { params: late, body: { passages: [{ seeded_on: day }] }, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/qc', { params: late, body: { isct_markers: { cd105: 98, cd73: 99, cd90: 97, cd45: 1, cd34: 0.5, cd14_or_cd11b: 0.2, cd79a_or_cd19: 0.1, hla_dr: 1.5 } }, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/freeze', { params: late, body: { location: 'tank 1', temperature_c: -160 }, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/thaw', { params: late, body: {}, expect: 200 })
  await call(lab, 'POST', '/api/v1/products/{din}/expire', { params: late, body: { reason: 'past its time' }, expect: 200 })

  // Questionnaires: at the clinic, from a link, from the portal.
  await call(coordinator, 'GET', '/api/v1/instruments', { expect: 200 })
  const nrs = { pain_rest: 3, pain_activity: 5 }
  await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/questionnaires', { params: ep, body: { instrument: 'nrs', answers: nrs }, headers: key(), expect: 201 })
  await call(coordinator, 'GET', '/api/v1/episodes/{episode_id}/questionnaires', { params: ep, expect: 200 })
  const link = await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/questionnaire-links', { params: ep, body: { instrument: 'nrs' }, headers: key(), expect: 201 })
  await call(nobody, 'GET', '/api/v1/q/{token}', { params: { token: link.token }, expect: 200 })
  await call(nobody, 'POST', '/api/v1/q/{token}', { params: { token: link.token }, body: { instrument: 'nrs', answers: nrs }, expect: 201 })
  await call(admin, 'POST', '/api/v1/instrument-wordings', {
    body: {
      questionnaire: {
        resourceType: 'Questionnaire',
        version: 'contract-1',
        title: 'Global',
        item: [
          {
            linkId: 'global',
            type: 'integer',
            text: 'How are you doing?',
            extension: [
              { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
              { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 100 },
            ],
          },
        ],
      },
    },
    headers: key(),
  })

  // Adverse events, recorded and graded by the surgeon.
  const event = await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/adverse-events', { params: ep, body: { category: 'swelling', severity: 'mild' }, headers: key(), expect: 201 })
  await call(surgeon, 'GET', '/api/v1/episodes/{episode_id}/adverse-events', { params: ep, expect: 200 })
  await call(surgeon, 'PATCH', '/api/v1/adverse-events/{event_id}', { params: { event_id: event.id }, body: { ctcae_grade: 1, reason: 'graded at the visit' }, expect: 200 })

  // Imaging with no archive configured: the coordinator links the patient to the archive's
  // Patient ID all the same, and the surgeon records the grades read on a study, with its
  // date (refused without one, since no archive can say it).
  const pid = { patient_id: patient.id }
  await call(coordinator, 'GET', '/api/v1/patients/{patient_id}/imaging/candidates', { params: pid, q: { dicom_patient_id: 'PACS-CONTRACT-1' }, expect: 200 })
  await call(coordinator, 'PUT', '/api/v1/patients/{patient_id}/imaging/link', { params: pid, body: { dicom_patient_id: 'PACS-CONTRACT-1' }, expect: 200 })
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/imaging/grades', { params: ep, body: { study_uid: '1.2.840.1', kl_grade: 2 }, expect: 422 })
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/imaging/grades', { params: ep, body: { study_uid: '1.2.840.1', study_date: '2026-01-10', kl_grade: 2, tonnis_grade: 1, joint_space_mm: 3.5 }, expect: 200 })
  await call(surgeon, 'GET', '/api/v1/episodes/{episode_id}/imaging', { params: ep, expect: 200 })

  // The patient signs in on the shared number, picks who they are, and uses the portal.
  const portal = client(server)
  portal.role = 'patient'
  const anon = (path, body, expect) => call(Object.assign(portal, { role: 'public' }), 'POST', path, { body, expect })
  await anon('/api/v1/patient-auth/code', { mobile }, 202)
  const code = await server.codeFor(patient.id)
  const choice = await anon('/api/v1/patient-auth/login', { mobile, code }, 200)
  assert.ok(choice.choose_patient, 'a shared number asks who is signing in')
  await anon('/api/v1/patient-auth/choose', { choice: choice.choose_patient.choice, patient_id: patient.id }, 200)
  portal.role = 'patient'
  await call(portal, 'GET', '/api/v1/me/record', { expect: 200 })
  await call(portal, 'POST', '/api/v1/me/episodes/{episode_id}/questionnaires', { params: ep, body: { instrument: 'nrs', item_id: link.item_id, answers: nrs }, headers: key() })
  const flag = await call(portal, 'POST', '/api/v1/me/episodes/{episode_id}/red-flags', { params: ep, body: { category: 'swelling', severity: 'moderate', description: 'since yesterday' }, headers: key(), expect: 201 })
  await call(portal, 'GET', '/api/v1/me/red-flags', { expect: 200 })

  // The calendar: the patient makes their private link and a calendar app reads it without
  // signing in; the coordinator makes a new one (the old stops working) and revokes it.
  // What the treatment costs the patient at their centre (the year the admin priced above).
  await call(portal, 'POST', '/api/v1/me/estimates', { body: { year: 1490, cell_source: 'bone_marrow', guidance: 'ultrasound', insurers: [] }, expect: 200 })
  await call(portal, 'POST', '/api/v1/me/estimates/sheet', { body: { year: 1490, cell_source: 'bone_marrow', guidance: 'ultrasound', insurers: [] }, expect: 200 })
  // The coordinator agrees the patient's payment plan and records a payment; the patient reads it.
  await call(coordinator, 'GET', '/api/v1/episodes/{episode_id}/payment-plan', { params: ep, expect: 200 })
  const planBody = { year: 1490, cell_source: 'bone_marrow', guidance: 'ultrasound', insurers: [], down_rials: 10000000, months: 3, first_due_jalali: '1490/02/01' }
  await call(coordinator, 'PUT', '/api/v1/episodes/{episode_id}/payment-plan', { params: ep, body: { ...planBody, months: 0 }, expect: 422 })
  const agreed = await call(coordinator, 'PUT', '/api/v1/episodes/{episode_id}/payment-plan', { params: ep, body: planBody, expect: 200 })
  await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/payments', { params: ep, body: { amount_rials: 10000000, paid_on: agreed.agreed_on, method: 'card', reference: 'slip 1' }, expect: 200 })
  // A payment recorded twice is reversed (kept, counting for nothing); twice is a conflict.
  const twice = await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/payments', { params: ep, body: { amount_rials: 10000000, paid_on: agreed.agreed_on, method: 'card', reference: 'slip 1' }, expect: 200 })
  const reversal = { params: { ...ep, payment_id: twice.payments[1].id }, body: { reason: 'recorded twice' } }
  await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/payments/{payment_id}/reversal', { ...reversal, expect: 200 })
  await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/payments/{payment_id}/reversal', { ...reversal, expect: 409 })
  await call(portal, 'GET', '/api/v1/me/episodes/{episode_id}/payment-plan', { params: ep, expect: 200 })
  await call(coordinator, 'GET', '/api/v1/episodes/{episode_id}/payment-plan/sheet', { params: ep, q: { lang: 'fa' }, expect: 200 })
  await call(coordinator, 'GET', '/api/v1/episodes/{episode_id}/payment-plan/sheet', { params: ep, q: { lang: 'de' }, expect: 422 })
  await call(portal, 'GET', '/api/v1/me/episodes/{episode_id}/payment-plan/sheet', { params: ep, expect: 200 })
  // Rating the treatment waits for the 12-week visit; the admin's list and the public
  // summary answer with none.
  await call(portal, 'GET', '/api/v1/me/episodes/{episode_id}/rating', { params: ep, expect: 200 })
  await call(portal, 'PUT', '/api/v1/me/episodes/{episode_id}/rating', { params: ep, body: { stars: 5, comment: 'Less pain.' }, expect: 409 })
  await call(admin, 'GET', '/api/v1/centres/{centre_id}/ratings', { params: { centre_id: centre }, q: { pending: 'true' }, expect: 200 })
  await call(admin, 'POST', '/api/v1/ratings/{rating_id}/moderation', { params: { rating_id: '999999' }, body: { decision: 'approve' }, expect: 404 })
  await call(nobody, 'GET', '/api/v1/directory/centres/{centre_id}/ratings', { params: { centre_id: centre }, expect: 200 })
  // An education page: the coordinator writes it with a measured figure, the admin
  // publishes it, anyone reads it; a claim's figure written as a fact is refused.
  const pageAt = { centre_id: centre, slug: 'tour-page' }
  const pageBody = { kind: 'faq', position: 90, title_en: 'How soon?', title_fa: 'چه زود؟', body_en: 'Visits at 2 weeks.\n\n{{claim:success-75-85}}', body_fa: 'ویزیت در هفتهٔ ۲.' }
  const written = await call(coordinator, 'PUT', '/api/v1/centres/{centre_id}/pages/{slug}', { params: pageAt, body: pageBody, expect: 200 })
  await call(coordinator, 'PUT', '/api/v1/centres/{centre_id}/pages/{slug}', { params: pageAt, body: { ...pageBody, body_en: 'Success is 85 %.' }, expect: 422 })
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/pages/{slug}/publication', { params: pageAt, body: { version: written.version }, expect: 200 })
  await call(coordinator, 'GET', '/api/v1/centres/{centre_id}/pages', { params: { centre_id: centre }, expect: 200 })
  await call(coordinator, 'GET', '/api/v1/centres/{centre_id}/pages/{slug}/versions', { params: pageAt, expect: 200 })
  await call(nobody, 'GET', '/api/v1/directory/centres/{centre_id}/pages', { params: { centre_id: centre }, expect: 200 })
  // The centre's treatment consent: the surgeon writes it, a claim's figure as a fact is
  // refused, the admin publishes it.
  const consentAt = { centre_id: centre, kind: 'treatment' }
  const consentBody = { title_en: 'Consent', title_fa: 'رضایت', sections: [{ heading: { en: 'Risks', fa: 'خطرها' }, body: { en: 'Pain for two days.\n\n{{claim:success-75-85}}', fa: 'درد تا دو روز.' } }], questions: [{ prompt: { en: 'Proven?', fa: 'اثبات‌شده؟' }, options: [{ en: 'Yes', fa: 'بله' }, { en: 'No', fa: 'نه' }], correct: 1 }] }
  const surgeonOf = await as('surgeon')
  const consentWritten = await call(surgeonOf, 'PUT', '/api/v1/centres/{centre_id}/consent-documents/{kind}', { params: consentAt, body: consentBody, expect: 200 })
  await call(surgeonOf, 'PUT', '/api/v1/centres/{centre_id}/consent-documents/{kind}', { params: consentAt, body: { ...consentBody, title_en: 'It works in 85 % of cases' }, expect: 422 })
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/consent-documents/{kind}/publication', { params: consentAt, body: { version: consentWritten.version }, expect: 200 })
  await call(admin, 'GET', '/api/v1/centres/{centre_id}/consent-documents', { params: { centre_id: centre }, expect: 200 })
  // The patient reads it filled with the centre's figures and signs it for the episode; the
  // surgeon sees it and countersigns; both download the signed copy.
  // (The tour's episode is past its harvest: the list asks for the consent only before one.)
  await call(portal, 'GET', '/api/v1/me/consents', { q: { lang: 'fa' }, expect: 200 })
  const signingBody = { episode: Number(ep.episode_id), language: 'fa', answers: [{ option: 1 }], name: 'بیمار آزمون', signature: '0.1 0.5,0.4 0.6,0.7 0.4' }
  await call(portal, 'POST', '/api/v1/me/consents/{kind}/signature', { params: { kind: 'treatment' }, body: { ...signingBody, answers: [{ option: 0 }] }, expect: 422 })
  const signedConsent = await call(portal, 'POST', '/api/v1/me/consents/{kind}/signature', { params: { kind: 'treatment' }, body: signingBody, headers: key(), expect: 201 })
  const signatureOf = { signature_id: signedConsent.id }
  await call(portal, 'GET', '/api/v1/me/consent-signatures/{signature_id}/pdf', { params: signatureOf, expect: 200 })
  await call(surgeonOf, 'GET', '/api/v1/patients/{patient_id}/consents', { params: { patient_id: patient.id }, expect: 200 })
  // The read-only FHIR endpoint: what it offers, the patient, all of the record, one type of it.
  await call(nobody, 'GET', '/fhir/r4/metadata', { expect: 200 })
  await call(surgeonOf, 'GET', '/fhir/r4/Patient/{patient_id}', { params: { patient_id: patient.id }, expect: 200 })
  await call(surgeonOf, 'GET', '/fhir/r4/Patient/{patient_id}/$everything', { params: { patient_id: patient.id }, expect: 200 })
  await call(surgeonOf, 'GET', '/fhir/r4/{resource_type}', { params: { resource_type: 'Observation' }, q: { patient: patient.id }, expect: 200 })
  await call(surgeonOf, 'GET', '/fhir/r4/{resource_type}', { params: { resource_type: 'Observation' }, expect: 422 })
  // The Bulk Data export: the admin kicks it off (asynchronously only), polls the status URL
  // it is given until the manifest comes, takes a file, and deletes it.
  const prefer = { Prefer: 'respond-async' }
  await call(admin, 'GET', '/fhir/r4/$export', { expect: 422 })
  const kicked = await admin.call('GET', '/fhir/r4/$export?_type=Patient', undefined, prefer)
  observe({ method: 'GET', path: '/fhir/r4/$export', as: admin.role, expect: 202 }, kicked)
  const exportOf = { export_id: kicked.headers.get('content-location').split('/').pop() }
  let exported
  for (let i = 0; i < 300 && exported?.status !== 200; i++) {
    exported = await admin.call('GET', fill('/fhir/r4/$export-status/{export_id}', exportOf))
    observe({ method: 'GET', path: '/fhir/r4/$export-status/{export_id}', as: admin.role }, exported)
    if (exported.status === 202) await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal(exported.status, 200, 'the export finished')
  await call(admin, 'GET', '/fhir/r4/$export-file/{export_id}/{file}', { params: { ...exportOf, file: '1' }, expect: 200 })
  await call(admin, 'GET', '/fhir/r4/$export-file/{export_id}/{file}', { params: { ...exportOf, file: '99' }, expect: 404 })
  await call(admin, 'DELETE', '/fhir/r4/$export-status/{export_id}', { params: exportOf, expect: 202 })
  await call(admin, 'GET', '/fhir/r4/$export-status/{export_id}', { params: exportOf, expect: 404 })
  const patientKick = await admin.call('GET', '/fhir/r4/Patient/$export?_type=Spaceship', undefined, prefer)
  observe({ method: 'GET', path: '/fhir/r4/Patient/$export', as: admin.role, expect: 422 }, patientKick)
  await call(surgeonOf, 'POST', '/api/v1/consent-signatures/{signature_id}/countersignature', { params: signatureOf, expect: 200 })
  await call(surgeonOf, 'GET', '/api/v1/consent-signatures/{signature_id}/pdf', { params: signatureOf, expect: 200 })
  await call(surgeonOf, 'POST', '/api/v1/consent-signatures/{signature_id}/withdrawal', { params: signatureOf, body: { reason: '' }, expect: 422 })
  await call(portal, 'POST', '/api/v1/me/consent-signatures/{signature_id}/withdrawal', { params: { signature_id: '999999' }, body: { reason: 'changed my mind' }, expect: 404 })
  // Taken down with why; twice is a conflict.
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/pages/{slug}/withdrawal', { params: pageAt, body: { reason: 'a test page' }, expect: 200 })
  await call(admin, 'POST', '/api/v1/centres/{centre_id}/pages/{slug}/withdrawal', { params: pageAt, body: { reason: 'again' }, expect: 409 })
  await call(portal, 'GET', '/api/v1/me/calendar-feed', { expect: 200 })
  const feed = await call(portal, 'POST', '/api/v1/me/calendar-feed', { expect: 201 })
  await call(nobody, 'GET', '/calendar/{feed}', { params: { feed: feed.token + '.ics' }, q: { lang: 'fa' }, expect: 200 })
  const feedOf = { patient_id: patient.id }
  await call(coordinator, 'POST', '/api/v1/patients/{patient_id}/calendar-feed', { params: feedOf, expect: 201 })
  await call(nobody, 'GET', '/calendar/{feed}', { params: { feed: feed.token + '.ics' }, expect: 404 })
  await call(coordinator, 'DELETE', '/api/v1/patients/{patient_id}/calendar-feed', { params: feedOf, expect: 200 })

  // The outbox: the demo planned its patients' messages (none sent yet); the coordinator
  // reads a patient's, cancels one still pending with why, then sends it again.
  let pending
  for (const p of await call(coordinator, 'GET', '/api/v1/patients', { expect: 200 })) {
    if (!p.consent.contact) continue
    const { messages } = await call(coordinator, 'GET', '/api/v1/patients/{patient_id}/messages', { params: { patient_id: p.id }, expect: 200 })
    pending = messages.find((m) => m.state === 'pending')
    if (pending) break
  }
  assert.ok(pending, 'the demo planned its patients\' messages')
  const messageOf = { message_id: pending.id }
  const cancelled = await call(coordinator, 'POST', '/api/v1/messages/{message_id}/cancel', { params: messageOf, body: { reason: 'the patient asked by phone' }, expect: 200 })
  assert.equal(cancelled.state, 'cancelled')
  const resent = await call(coordinator, 'POST', '/api/v1/messages/{message_id}/resend', { params: messageOf, body: { reason: 'the patient asked again' }, expect: 200 })
  assert.equal(resent.state, 'pending')
  // The SMS provider calls back with a delivery: refused without the shared token; with
  // it, read (a message id no message of this server was sent with changes nothing).
  const report = { messageid: '9900001', status: '10' }
  await call(nobody, 'POST', '/api/v1/messaging/sms-delivery', { body: report, expect: 401 })
  const delivery = await call(nobody, 'POST', '/api/v1/messaging/sms-delivery', {
    body: report,
    headers: { Authorization: `Bearer ${deliveryToken}` },
    expect: 200,
  })
  assert.deepEqual(delivery, { status: 'unknown', applied: false })

  // The clinic sees the red flag, acknowledges and triages it; the alert stream opens.
  await call(surgeon, 'GET', '/api/v1/events', { expect: 200 })
  await call(coordinator, 'GET', '/api/v1/red-flags', { expect: 200 })
  await call(coordinator, 'POST', '/api/v1/red-flags/{event_id}/acknowledge', { params: { event_id: flag.id }, body: { action: 'called', note: 'rest and ice' }, expect: 200 })
  await call(surgeon, 'POST', '/api/v1/red-flags/{event_id}/triage', { params: { event_id: flag.id }, body: { decision: 'not_adverse_event', reason: 'expected after the injection' }, expect: 200 })

  // The worklist: an item whose window closed, closed as missed and reopened; then every
  // such item before today closed at once.
  const worklist = await call(coordinator, 'GET', '/api/v1/worklist', { q: { limit: 50 }, expect: 200 })
  const lapsed = (worklist.window_closed || []).find((row) => row.item && row.episode_id)
  assert.ok(lapsed, 'the demo has an item whose window closed')
  const item = { episode_id: lapsed.episode_id, item_id: lapsed.item.id }
  await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/schedule/{item_id}/close-missed', { params: item, body: { reason: 'declined' }, expect: 200 })
  await call(coordinator, 'GET', '/api/v1/worklist/closed', { expect: 200 })
  await call(coordinator, 'POST', '/api/v1/episodes/{episode_id}/schedule/{item_id}/reopen', { params: item, body: { reason: 'the patient called back' }, expect: 200 })
  await call(coordinator, 'POST', '/api/v1/worklist/close-missed', { body: { before: day, reason: 'patient_unreachable' }, expect: 200 })

  // Reports.
  const analyst = await as('analyst')
  await call(analyst, 'GET', '/api/v1/reports/outcomes', { q: { protocol: 'hip-msc-v1' }, expect: 200 })
  await call(analyst, 'GET', '/api/v1/registry/summary', { expect: 200 })
  await call(analyst, 'GET', '/api/v1/registry/export', { q: { format: 'ndjson' }, expect: 200 })
  // The registry's de-identified FHIR Bulk Data export: kicked off, polled until its
  // manifest comes, a file taken, deleted.
  const registryKick = await analyst.call('GET', '/fhir/r4/Group/registry/$export?_type=Patient', undefined, prefer)
  observe({ method: 'GET', path: '/fhir/r4/Group/registry/$export', as: analyst.role, expect: 202 }, registryKick)
  const registryOf = { export_id: registryKick.headers.get('content-location').split('/').pop() }
  let registryStatus
  for (let i = 0; i < 300 && registryStatus?.status !== 200; i++) {
    registryStatus = await analyst.call('GET', fill('/fhir/r4/Group/registry/$export-status/{export_id}', registryOf))
    observe({ method: 'GET', path: '/fhir/r4/Group/registry/$export-status/{export_id}', as: analyst.role }, registryStatus)
    if (registryStatus.status === 202) await new Promise((r) => setTimeout(r, 100))
  }
  assert.equal(registryStatus.status, 200, 'the registry export finished')
  await call(analyst, 'GET', '/fhir/r4/Group/registry/$export-file/{export_id}/{file}', { params: { ...registryOf, file: '1' }, expect: 200 })
  await call(analyst, 'DELETE', '/fhir/r4/Group/registry/$export-status/{export_id}', { params: registryOf, expect: 202 })
  // Spreadsheet exports: the analyst asks for the de-identified tables as a workbook, polls
  // until it is made, downloads its file and deletes it; identified records are refused.
  await call(analyst, 'POST', '/api/v1/exports', { body: { kind: 'records' }, headers: key(), expect: 403 })
  await call(analyst, 'POST', '/api/v1/exports', { body: { kind: 'deidentified', format: 'pdf' }, headers: key(), expect: 422 })
  const sheetExport = await call(analyst, 'POST', '/api/v1/exports', { body: { kind: 'deidentified', format: 'xlsx' }, headers: key(), expect: 202 })
  const sheetOf = { export_id: sheetExport.id }
  let sheet = sheetExport
  for (let i = 0; i < 300 && sheet.state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 100))
    sheet = await call(analyst, 'GET', '/api/v1/exports/{export_id}', { params: sheetOf, expect: 200 })
  }
  assert.equal(sheet.state, 'done', sheet.error)
  await call(analyst, 'GET', '/api/v1/exports', { expect: 200 })
  await call(analyst, 'GET', '/api/v1/exports/{export_id}/files/{file}', { params: { ...sheetOf, file: '1' }, expect: 200 })
  await call(analyst, 'GET', '/api/v1/exports/{export_id}/files/{file}', { params: { ...sheetOf, file: '9' }, expect: 404 })
  await call(analyst, 'DELETE', '/api/v1/exports/{export_id}', { params: sheetOf, expect: 200 })
  await call(analyst, 'GET', '/api/v1/exports/{export_id}', { params: sheetOf, expect: 404 })

  // The audit log.
  await call(admin, 'GET', '/api/v1/audit/verify', { expect: 200 })
  await call(admin, 'GET', '/api/v1/audit/who-saw', { q: { patient: patient.id }, expect: 200 })
  await call(admin, 'GET', '/api/v1/audit/rows', { expect: 200 })
  await call(admin, 'GET', '/api/v1/audit/rows.csv', { expect: 200 })

  // Refusals, each answered with the documented error.
  await call(nobody, 'GET', '/api/v1/patients', { expect: 401 })
  await call(lab, 'GET', '/api/v1/accounts', { expect: 403 })
  await call(coordinator, 'GET', '/api/v1/patients/{patient_id}', { params: { patient_id: 999999 }, expect: 404 })
  await call(surgeon, 'POST', '/api/v1/episodes/{episode_id}/transitions', { params: ep, body: { to: 'screening' }, expect: 409 })
  await call(coordinator, 'POST', '/api/v1/patients', { body: { mrn: '' }, expect: 422 })

  // Signing out ends the session: last.
  await call(coordinator, 'POST', '/api/v1/auth/logout', { expect: 200 })
}
