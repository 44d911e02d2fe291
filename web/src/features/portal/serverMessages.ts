// The server words its errors for staff, in the language the client asks for. To a
// Persian-speaking patient the portal says the errors it knows (by code and field) in its
// own plainer words; everything else is shown as the server words it.
import { ApiError } from '../../api/client'
import { prefs } from '../../i18n/prefs'

type T = (key: string, named?: Record<string, unknown>) => string

export function portalError(e: unknown, t: T): string {
  if (!(e instanceof ApiError)) return String(e)
  if (e.code === 'network') return t('error.network')
  if (prefs.lang === 'en' && e.message && e.status !== 404) return e.message
  if (e.status === 429) return t('portal.errors.tooMany')
  if (e.status === 401 && e.field === 'code') return t('portal.errors.wrongCode')
  if (e.status === 401 && e.field === 'choice') return t('portal.errors.choiceExpired')
  if (e.field === 'mobile') return t('portal.errors.mobile')
  if (e.field === 'token' || (e.status === 404 && e.code === 'not_found')) return t('portal.errors.linkSpent')
  if (e.status === 401) return t('error.session')
  return e.message
}
