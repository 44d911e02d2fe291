// Every screen's words in English and Persian. Each feature keeps its own messages in
// features/<name>/messages.ts (export default { en: {...}, fa: {...} }) under its own
// top-level key, so features never edit one shared file; they are merged here.
import { createI18n } from 'vue-i18n'
import common from './common'
import { prefs, startPrefs } from './prefs'

type Tree = { [k: string]: string | Tree }
type Bundle = { en: Tree; fa: Tree }

const modules = import.meta.glob<{ default: Bundle }>('../features/*/messages.ts', { eager: true })

const en: Tree = { ...common.en }
const fa: Tree = { ...common.fa }
for (const m of Object.values(modules)) {
  Object.assign(en, m.default.en)
  Object.assign(fa, m.default.fa)
}

export const i18n = createI18n({
  legacy: false,
  locale: prefs.lang,
  fallbackLocale: 'en',
  messages: { en, fa },
  missingWarn: false,
  fallbackWarn: false,
})

export function startI18n(): void {
  startPrefs((l) => {
    i18n.global.locale.value = l
  })
}
