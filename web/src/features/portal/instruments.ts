// Questionnaire forms for the portal, from GET /api/v1/instruments: the server builds
// each form from the wording in use (the clinic's loaded wording, else the project's
// short labels in instruments/; question id = the answer id the API scores; Persian from
// the FHIR translation extension). `languages` lists the languages every text of the form
// is worded in: a form is offered only in those, so a Persian reader never meets an
// English question. Read once per page load; the route is public because a questionnaire
// link is answered without signing in.
import { answer, http } from '../../api/client'
import type { Schema } from '../../api/contract'
import type { Bilingual } from './portalApi'

type MaybeBilingual = Schema<'FormText'>
type ApiQuestion = Schema<'FormQuestion'>
type ApiForm = Schema<'InstrumentForm'>
type ApiInstrument = Schema<'Instrument'>

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
  languages: string[] // the languages every text is worded in
  version: string // the wording's "url|version", kept with the answers
}

// A missing translation stays empty, never English in its place: a form is offered only
// in the languages it is fully worded in (offeredIn).
function bilingual(t: MaybeBilingual | undefined): Bilingual {
  return { en: t?.en ?? '', fa: t?.fa ?? '' }
}

function formItem(q: ApiQuestion, sections: Map<string, Bilingual>): FormItem {
  const choices: AnswerChoice[] = (q.options ?? []).map((o) => ({ value: o.value, label: bilingual(o.label) }))
  const min = q.min ?? 0
  const max = q.max ?? 0
  let kind: FormItem['kind'] = 'choice'
  if (q.type === 'integer' || q.type === 'decimal') kind = max - min <= 10 ? 'scale' : 'number'
  else if (q.type === 'open-choice' || q.type === 'date') kind = 'dateOrCode'
  const section = q.group ? (sections.get(q.group) ?? null) : null
  return { linkId: q.id, text: bilingual(q.text), section, kind, min, max, choices }
}

export function formFromApi(key: string, f: ApiForm): QuestionnaireForm {
  const sections = new Map(f.groups.map((g) => [g.id, bilingual(g.text)]))
  return {
    key,
    title: bilingual(f.title),
    items: f.questions.map((q) => formItem(q, sections)),
    languages: f.languages,
    version: f.version,
  }
}

export const offeredIn = (form: QuestionnaireForm, lang: string) => form.languages.includes(lang)

// An answer label such as "0 - none / never": its number and its words apart, so that
// each is isolated and the number stays first in right-to-left text too ("۰ - هیچ").
export function answerParts(label: string): { code: string | null; words: string } {
  const m = /^\s*(\d+)\s*(?:-\s*(.*))?$/.exec(label)
  return m ? { code: m[1], words: m[2] ?? '' } : { code: null, words: label }
}

let all: Promise<ApiInstrument[]> | null = null

function instruments(): Promise<ApiInstrument[]> {
  all ??= answer<ApiInstrument[]>(http.GET('/api/v1/instruments')).catch((e) => {
    all = null // a failed read is tried again next time
    throw e
  })
  return all
}

// The form a patient fills for an instrument key (nrs, hoos, …); null for an instrument
// a patient does not fill (a clinician's form, a score derived from other answers).
export async function loadForm(key: string): Promise<QuestionnaireForm | null> {
  const found = (await instruments()).find((i) => i.key === key)
  return found?.form && found.patient_fillable ? formFromApi(key, found.form) : null
}

// The forms of several instruments, in the order given, leaving out those a patient does
// not fill.
export async function loadForms(keys: string[]): Promise<QuestionnaireForm[]> {
  const forms = await Promise.all(keys.map(loadForm))
  return forms.filter((f): f is QuestionnaireForm => f !== null)
}
