// Questionnaire forms for the portal, from GET /api/v1/instruments: the server builds
// each form from the FHIR R4 Questionnaire in its instruments/ folder (question id = the
// answer id the API scores; Persian from the FHIR translation extension, null where the
// file has none). Read once per page load; the route is public because a questionnaire
// link is answered without signing in.
import { api } from '../../api/client'
import type { Bilingual } from './portalApi'

type MaybeBilingual = { en: string; fa: string | null }
interface ApiQuestion {
  id: string
  group: string | null
  type: string
  text: MaybeBilingual
  required: boolean
  min?: number
  max?: number
  options?: { value: number | string; label: MaybeBilingual }[]
}
interface ApiForm {
  title: MaybeBilingual
  groups: { id: string; text: MaybeBilingual }[]
  questions: ApiQuestion[]
}
interface ApiInstrument {
  key: string
  form: ApiForm | null
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

// English is the fallback where no Persian wording is shipped (licensed instruments carry
// short English labels only until the clinic loads its licensed translation).
function bilingual(t: MaybeBilingual | undefined): Bilingual {
  const en = t?.en ?? ''
  return { en, fa: t?.fa || en }
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
  return { key, title: bilingual(f.title), items: f.questions.map((q) => formItem(q, sections)) }
}

let all: Promise<ApiInstrument[]> | null = null

// The form for an instrument key (nrs, hoos, …); null when there is no form for it (a
// derived instrument such as WOMAC-from-HOOS).
export async function loadForm(key: string): Promise<QuestionnaireForm | null> {
  all ??= api.get<ApiInstrument[]>('/api/v1/instruments').catch((e) => {
    all = null // a failed read is tried again next time
    throw e
  })
  const found = (await all).find((i) => i.key === key)
  return found?.form ? formFromApi(key, found.form) : null
}

// Instruments a patient completes (the Harris Hip Score is filled in by the clinician).
export const patientInstruments = new Set(['nrs', 'hoos', 'hoos-jr', 'oxford-hip', 'patient-global', 'return-to-activity', 'satisfaction'])
