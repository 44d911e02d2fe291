// The server words its errors for staff, in the language the client asks for. To a
// Persian-speaking patient the portal says the refusals it knows in its own plainer
// words, keyed by the error catalogue's reason (messages/errors.json; the type check and
// tests/contract/error_reasons.test.mjs hold every key to a catalogue code); everything
// else is shown as the server words it.
import { ApiError, type ErrorReason } from '../../api/client'
import { prefs } from '../../i18n/prefs'

type T = (key: string, named?: Record<string, unknown>) => string

export const plainerWords: Partial<Record<ErrorReason, string>> = {
  too_many_codes_asked: 'portal.errors.tooMany',
  too_many_wrong_codes: 'portal.errors.tooMany',
  wrong_code: 'portal.errors.wrongCode',
  choice_expired: 'portal.errors.choiceExpired',
  not_an_iranian_mobile: 'portal.errors.mobile',
  link_spent: 'portal.errors.linkSpent',
}

export function portalError(e: unknown, t: T): string {
  if (!(e instanceof ApiError)) return String(e)
  if (e.code === 'network') return t('error.network')
  if (prefs.lang === 'en' && e.message && e.status !== 404) return e.message
  const plainer = e.reason ? plainerWords[e.reason] : undefined
  if (plainer) return t(plainer)
  // Any other refusal of the number (empty, too long) reads as how to type one; any
  // other 404 as the link that no longer leads anywhere; any other 401 as a lost session.
  if (e.field === 'mobile') return t('portal.errors.mobile')
  if (e.status === 404 && e.code === 'not_found') return t('portal.errors.linkSpent')
  if (e.status === 401) return t('error.session')
  return e.message
}
