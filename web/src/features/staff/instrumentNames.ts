// Questionnaires' names as staff read them, in Persian and English, by the instrument's
// key; an instrument not named here keeps the title the server sends. (The wording of
// the questions is data, loaded with the instrument; these are only the names.)
import { prefs } from '../../i18n/prefs'

const NAMES: Record<string, { en: string; fa: string }> = {
  nrs: { en: 'Hip pain in the last week (0-10)', fa: 'درد مفصل ران در هفتهٔ گذشته (۰ تا ۱۰)' },
  'harris-hip': { en: 'Harris Hip Score (clinician form)', fa: 'نمرهٔ مفصل ران هریس (فرم پزشک)' },
  'return-to-activity': { en: 'Return to usual daily activities', fa: 'بازگشت به فعالیت‌های روزمره' },
  hoos: { en: 'HOOS 2.0: hip disability and osteoarthritis outcome score', fa: 'پرسشنامهٔ HOOS ۲٫۰: ناتوانی و پیامد آرتروز مفصل ران' },
  'hoos-jr': { en: 'HOOS JR: hip disability, short form', fa: 'پرسشنامهٔ کوتاه HOOS JR: ناتوانی مفصل ران' },
  'oxford-hip': { en: 'Oxford Hip Score', fa: 'نمرهٔ مفصل ران آکسفورد' },
  womac: { en: 'WOMAC osteoarthritis index', fa: 'شاخص آرتروز WOMAC' },
  'womac-from-hoos': { en: 'WOMAC (from HOOS, 1-week recall)', fa: 'شاخص WOMAC (برگرفته از HOOS، یادآوری یک هفته)' },
  'patient-global': { en: 'Patient global assessment', fa: 'ارزیابی کلی بیمار' },
  satisfaction: { en: 'Satisfaction with the treatment', fa: 'رضایت از درمان' },
}

export function instrumentTitle(i: { key?: string; instrument?: string; title?: string | null }): string {
  const key = i.key ?? i.instrument ?? ''
  const name = NAMES[key]
  if (!name) return i.title || key
  return prefs.lang === 'fa' ? name.fa : i.title || name.en
}
