// The staff screens' words, kept in i18n/en.ts and i18n/fa.ts under the `staff` namespace,
// with adverse events and red flags in i18n/eventsEn.ts and i18n/eventsFa.ts, and the
// worklist's items, filters and closing in i18n/worklistEn.ts and i18n/worklistFa.ts, and the
// patient's messages in i18n/messagesEn.ts and i18n/messagesFa.ts, and the episode's imaging
// in i18n/imagingEn.ts and i18n/imagingFa.ts.
import en from './i18n/en'
import eventsEn from './i18n/eventsEn'
import eventsFa from './i18n/eventsFa'
import fa from './i18n/fa'
import imagingEn from './i18n/imagingEn'
import imagingFa from './i18n/imagingFa'
import messagesEn from './i18n/messagesEn'
import messagesFa from './i18n/messagesFa'
import worklistEn from './i18n/worklistEn'
import worklistFa from './i18n/worklistFa'

export default { en: { staff: { ...en, ...eventsEn, ...worklistEn, ...messagesEn, ...imagingEn } }, fa: { staff: { ...fa, ...eventsFa, ...worklistFa, ...messagesFa, ...imagingFa } } }
