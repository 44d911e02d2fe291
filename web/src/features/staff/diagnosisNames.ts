// The names of the osteoarthritis codes the protocols accept (diagnosisCodes.ts), in
// English and Persian, so a Persian screen shows "M16.11 آرتروز اولیهٔ یک‌طرفهٔ مفصل ران
// راست" rather than the English title the server keeps with the code. The names follow
// the ICD-10 / ICD-10-CM titles of M16 (hip) and M17 (knee).
import { prefs } from '../../i18n/prefs'

type Words = { en: string; fa: string }
const JOINT: Record<string, Words> = { M16: { en: 'hip', fa: 'مفصل ران' }, M17: { en: 'knee', fa: 'مفصل زانو' } }
const SIDE: Record<string, Words> = {
  '0': { en: 'unspecified side', fa: 'سمت نامشخص' },
  '1': { en: 'right', fa: 'راست' },
  '2': { en: 'left', fa: 'چپ' },
}
// By the code's first decimal: the kind of osteoarthritis (knee codes have no dysplasia,
// so their 3 and 4 are post-traumatic and 5 secondary).
const HIP_KIND: Record<string, Words> = {
  '0': { en: 'Bilateral primary osteoarthritis', fa: 'آرتروز اولیهٔ دوطرفهٔ' },
  '1': { en: 'Unilateral primary osteoarthritis', fa: 'آرتروز اولیهٔ یک‌طرفهٔ' },
  '2': { en: 'Bilateral osteoarthritis from dysplasia', fa: 'آرتروز دوطرفهٔ ناشی از دیسپلازی' },
  '3': { en: 'Unilateral osteoarthritis from dysplasia', fa: 'آرتروز یک‌طرفهٔ ناشی از دیسپلازی' },
  '4': { en: 'Bilateral post-traumatic osteoarthritis', fa: 'آرتروز دوطرفهٔ پس از آسیب' },
  '5': { en: 'Unilateral post-traumatic osteoarthritis', fa: 'آرتروز یک‌طرفهٔ پس از آسیب' },
  '6': { en: 'Other bilateral secondary osteoarthritis', fa: 'دیگر آرتروزهای ثانویهٔ دوطرفهٔ' },
  '7': { en: 'Other secondary osteoarthritis', fa: 'دیگر آرتروزهای ثانویهٔ' },
  '9': { en: 'Unspecified osteoarthritis', fa: 'آرتروز نامشخص' },
}
const KNEE_KIND: Record<string, Words> = {
  ...HIP_KIND,
  '2': HIP_KIND['4'],
  '3': HIP_KIND['5'],
  '4': HIP_KIND['6'],
  '5': HIP_KIND['7'],
}

// The name of a code in `lang`; null for a code outside the lists.
export function diagnosisNameIn(code: string, lang: 'en' | 'fa'): string | null {
  const m = /^(M1[67])\.(\d)(\d)?$/.exec(code)
  if (!m) return null
  const kind = (m[1] === 'M16' ? HIP_KIND : KNEE_KIND)[m[2]]
  if (!kind) return null
  const joint = JOINT[m[1]][lang]
  const side = m[3] ? SIDE[m[3]]?.[lang] : undefined
  if (m[3] && !side) return null
  if (lang === 'fa') return [kind.fa, joint, side].filter(Boolean).join(' ')
  // 'of the right hip'; an unspecified side after the joint: 'of the hip, unspecified side'
  const unspecified = m[3] === '0'
  return `${kind.en} of the ${side && !unspecified ? side + ' ' : ''}${joint}${unspecified ? ', ' + side : ''}`
}

// A code's name in the user's language, or what the server sent with it.
export function diagnosisName(code: string, fallback = ''): string {
  return diagnosisNameIn(code, prefs.lang) ?? fallback
}
