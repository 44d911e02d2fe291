// The server words a field's error as the rule the field broke ("must not be in the
// future", in Persian "نباید در آینده باشد"): its `field` says which. Shown beside the
// field, that is half a sentence; with the field's label in front it is a whole one
// ("Date of birth must not be in the future."). A message that is already a sentence is
// only given its capital and full stop; so is a message shown alone (no label).
import { prefs } from '../i18n/prefs'

const PREDICATE_EN = /^(is|are|must|may|cannot|can|does|do|has|have|was|were|should|needs?|already)\b/
const PREDICATE_FA = /^(باید|نباید|الزامی|نمی‌تواند|می‌تواند|نیست|است)(\s|$)/

export function asSentence(label: string, message: string): string {
  const text = message.trim()
  if (!text) return text
  const end = /[.!?؟…]$/.test(text) ? '' : '.'
  const predicate = prefs.lang === 'fa' ? PREDICATE_FA.test(text) : PREDICATE_EN.test(text)
  if (predicate && label.trim()) return `${label.trim()} ${text}${end}`
  return text.charAt(0).toUpperCase() + text.slice(1) + end
}
