// A form's errors from the server: the message beside the field the server names, or
// at the top of the form when it names none. The server writes its rules in English;
// the ones an admin meets are given in Persian here, the rest shown as sent.
import { reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '../../api/client'
import { prefs } from '../../i18n/prefs'

const persian: Record<string, string> = {
  'must be at least 12 characters': 'باید دست‌کم ۱۲ نویسه باشد',
  'must be at most 128 characters': 'باید حداکثر ۱۲۸ نویسه باشد',
  'must contain letters and digits': 'باید هم حرف و هم رقم داشته باشد',
  'must not contain the username': 'نباید نام کاربری را در بر داشته باشد',
  'is a well-known password': 'گذرواژه‌ای شناخته‌شده و ناامن است',
  'must be 3 to 64 characters': 'باید ۳ تا ۶۴ نویسه باشد',
  "may contain only letters, digits, '.', '_' and '-'": 'فقط حرف و رقم لاتین و نویسه‌های . و _ و - مجاز است',
  'an account with this username exists': 'حسابی با این نام کاربری وجود دارد',
  'must be one of admin, surgeon, coordinator, lab, physiotherapist, analyst': 'باید یکی از نقش‌های کارکنان باشد',
  'must be licensed, pending, suspended or unknown': 'باید یکی از وضعیت‌های مجوز باشد',
  'is required': 'الزامی است',
  'an admin cannot disable their own account': 'مدیر نمی‌تواند حساب خودش را غیرفعال کند',
  'an admin cannot change their own role': 'مدیر نمی‌تواند نقش خودش را تغییر دهد',
}

export function serverText(e: ApiError): string {
  return prefs.lang === 'fa' ? (persian[e.message] ?? e.message) : e.message
}

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
    else if (e.field && known.includes(e.field)) fields[e.field] = serverText(e)
    else form.value = serverText(e)
  }

  // Runs a form's request: busy meanwhile, errors cleared first and shown after a refusal.
  const busy = ref(false)
  async function submit(request: () => Promise<void>, known: string[]) {
    busy.value = true
    clear()
    try {
      await request()
    } catch (e) {
      show(e, known)
    } finally {
      busy.value = false
    }
  }

  return { fields, form, busy, clear, show, submit }
}
