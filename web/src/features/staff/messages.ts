// The staff screens' words, kept in i18n/en.ts and i18n/fa.ts under the `staff` namespace.
import en from './i18n/en'
import fa from './i18n/fa'

export default { en: { staff: en }, fa: { staff: fa } }
