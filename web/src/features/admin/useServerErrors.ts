// A form's errors from the server: the message beside the field the server names, or
// at the top of the form when it names none. The server writes them in the language the
// client asks for (api/client.ts sends the user's choice).
import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../api/client'
import { announceSaved } from '../../components/saveStatus'

export function useServerErrors() {
  const { t } = useI18n()
  const fields = reactive<Record<string, string>>({})
  const form = ref<string | null>(null)

  function clear() {
    for (const k of Object.keys(fields)) delete fields[k]
    form.value = null
  }

  // Shows the failure where it belongs; `known` lists the fields the form displays.
  function show(e: unknown, known: string[]) {
    clear()
    if (!(e instanceof ApiError)) form.value = String(e)
    else if (e.code === 'network') form.value = t('error.network')
    else if (e.field && known.includes(e.field)) fields[e.field] = e.message
    else form.value = e.message
  }

  // Runs a form's request: busy meanwhile, errors cleared first and shown after a refusal.
  const busy = ref(false)
  async function submit(request: () => Promise<void>, known: string[]) {
    busy.value = true
    clear()
    try {
      await request()
      announceSaved()
    } catch (e) {
      show(e, known)
    } finally {
      busy.value = false
    }
  }

  return { fields, form, busy, clear, show, submit }
}
