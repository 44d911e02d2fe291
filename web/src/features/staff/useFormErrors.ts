// One form's errors: the client's checks (shown once a field has been touched or the
// form submitted) and the server's message for the field its error names. An error
// naming no field of the form goes to the form's banner.
import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../api/client'
import { announceSaved } from '../../components/saveStatus'
import { asSentence } from '../../format/sentences'
import type { Problem } from './validation'

// `fields` may be a function when the form's fields change (a questionnaire's items).
export function useFormErrors(fields: readonly string[] | (() => readonly string[]), check: () => Record<string, Problem | undefined>) {
  const { t } = useI18n()
  const touched = reactive<Record<string, boolean>>({})
  const server = reactive<Record<string, string>>({})
  const banner = ref<string | null>(null)
  const submitted = ref(false)

  // What to show beside a field now.
  function error(field: string): string | null {
    if (server[field]) return server[field]
    if (!touched[field] && !submitted.value) return null
    const p = check()[field]
    return p ? t('staff.invalid.' + p) : null
  }

  // Call on input: the field's old server message no longer applies.
  function touch(field: string) {
    touched[field] = true
    delete server[field]
  }

  function valid(): boolean {
    submitted.value = true
    return Object.values(check()).every((p) => !p)
  }

  function reset() {
    submitted.value = false
    for (const k of Object.keys(touched)) delete touched[k]
    for (const k of Object.keys(server)) delete server[k]
    banner.value = null
  }

  // Puts the server's message beside its field (or a parent field: 'diagnosis.code'
  // lands on 'diagnosis.code' or 'diagnosis'), else in the banner.
  function fromError(e: unknown) {
    banner.value = null
    if (e instanceof ApiError) {
      if (e.code === 'network') {
        banner.value = t('error.network')
        return
      }
      const f = e.field ?? ''
      const names = typeof fields === 'function' ? fields() : fields
      const target = names.includes(f) ? f : names.find((x) => f.startsWith(x + '.'))
      if (target) server[target] = e.message
      else banner.value = asSentence('', e.message)
      return
    }
    banner.value = String(e)
  }

  // Checks the form, runs the request with `busy` set, and on success clears the form's
  // errors and says so (`saved`: the i18n key of what to say); on failure puts the
  // server's message in place. True when it went through.
  const busy = ref(false)
  async function submit(request: () => Promise<unknown>, saved = 'save.done'): Promise<boolean> {
    if (!valid()) return false
    busy.value = true
    try {
      await request()
      reset()
      announceSaved(saved)
      return true
    } catch (e) {
      fromError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { error, touch, valid, reset, fromError, submit, busy, banner, server }
}
