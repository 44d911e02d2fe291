// Questionnaire forms for the portal, built from the FHIR R4 Questionnaire resources in
// the repository's instruments/ folder (item linkId = the answer id the API scores;
// Persian through the FHIR translation extension). The JSON files are bundled at build
// time, one lazy chunk each. This is the single place to switch to GET /api/v1/instruments
// once that route carries item texts and answer options.
import type { Bilingual } from './portalApi'

const sources = import.meta.glob<{ default: FhirQuestionnaire }>('../../../../instruments/*.json')

interface FhirExtension {
  url: string
  valueString?: string
  valueCode?: string
  valueInteger?: number
  valueDecimal?: number
  extension?: FhirExtension[]
}
interface FhirTranslatable {
  extension?: FhirExtension[]
}
interface FhirCoding {
  code: string
  display?: string
  _display?: FhirTranslatable
  extension?: FhirExtension[]
}
interface FhirItem {
  linkId: string
  text?: string
  _text?: FhirTranslatable
  type: string
  required?: boolean
  extension?: FhirExtension[]
  answerOption?: { valueCoding: FhirCoding }[]
  item?: FhirItem[]
}
interface FhirQuestionnaire {
  resourceType: 'Questionnaire'
  title?: string
  _title?: FhirTranslatable
  item?: FhirItem[]
}

export interface AnswerChoice {
  value: number | string
  label: Bilingual
}

// One screen of the form. `scale`: a short integer range (0–10) shown as a radio row with
// labelled ends; `number`: a long range (0–100) typed; `choice`: radio buttons; `dateOrCode`:
// a date, or one of the coded choices (such as "not yet").
export interface FormItem {
  linkId: string
  text: Bilingual
  section: Bilingual | null
  kind: 'scale' | 'number' | 'choice' | 'dateOrCode'
  min: number
  max: number
  choices: AnswerChoice[]
}

export interface QuestionnaireForm {
  key: string
  title: Bilingual
  items: FormItem[]
}

function persian(t: FhirTranslatable | undefined): string | undefined {
  for (const e of t?.extension ?? []) {
    if (!e.url.endsWith('/translation')) continue
    const lang = e.extension?.find((x) => x.url === 'lang')?.valueCode
    const content = e.extension?.find((x) => x.url === 'content')?.valueString
    if (lang === 'fa' && content) return content
  }
  return undefined
}

// English is the fallback where no Persian wording is shipped (licensed instruments carry
// short English labels only until the clinic loads its licensed translation).
function bilingual(en: string | undefined, fa: FhirTranslatable | undefined): Bilingual {
  const e = en ?? ''
  return { en: e, fa: persian(fa) ?? e }
}

function extensionNumber(exts: FhirExtension[] | undefined, name: string): number | undefined {
  const e = exts?.find((x) => x.url.endsWith('/' + name))
  return e?.valueInteger ?? e?.valueDecimal
}

function choiceOf(c: FhirCoding): AnswerChoice {
  const ordinal = extensionNumber(c.extension, 'ordinalValue')
  const numeric = /^-?\d+$/.test(c.code) ? Number(c.code) : undefined
  return { value: ordinal ?? numeric ?? c.code, label: bilingual(c.display ?? c.code, c._display) }
}

function formItem(i: FhirItem, section: Bilingual | null): FormItem {
  const choices = (i.answerOption ?? []).map((o) => choiceOf(o.valueCoding))
  const min = extensionNumber(i.extension, 'minValue') ?? 0
  const max = extensionNumber(i.extension, 'maxValue') ?? 0
  let kind: FormItem['kind'] = 'choice'
  if (i.type === 'integer' || i.type === 'decimal') kind = max - min <= 10 ? 'scale' : 'number'
  else if (i.type === 'open-choice' || i.type === 'date') kind = 'dateOrCode'
  return { linkId: i.linkId, text: bilingual(i.text, i._text), section, kind, min, max, choices }
}

function flatten(items: FhirItem[] | undefined, section: Bilingual | null, out: FormItem[]): FormItem[] {
  for (const i of items ?? []) {
    if (i.type === 'group') flatten(i.item, bilingual(i.text, i._text), out)
    else if (i.type !== 'display') out.push(formItem(i, section))
  }
  return out
}

export function formFromFhir(key: string, q: FhirQuestionnaire): QuestionnaireForm {
  return { key, title: bilingual(q.title ?? key, q._title), items: flatten(q.item, null, []) }
}

// The form for an instrument key (nrs, hoos, …); null when regenpath ships no wording for
// it (a clinician-completed or derived instrument).
export async function loadForm(key: string): Promise<QuestionnaireForm | null> {
  const load = sources[`../../../../instruments/${key}.json`]
  if (!load || !/^[a-z0-9-]+$/.test(key)) return null
  const q = (await load()).default
  if (q.resourceType !== 'Questionnaire') return null
  return formFromFhir(key, q)
}

// Instruments a patient completes (the Harris Hip Score is filled in by the clinician).
export const patientInstruments = new Set(['nrs', 'hoos', 'hoos-jr', 'oxford-hip', 'patient-global', 'return-to-activity', 'satisfaction'])
