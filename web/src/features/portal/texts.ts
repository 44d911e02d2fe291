// Where the portal's pages get schedule texts and status words, so every section words
// them the same way.
import { inject, type InjectionKey, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { ScheduleItem } from './portalApi'
import { itemDetail, itemTitle, type ProtocolTexts } from './protocolTexts'

export const protocolTextsKey: InjectionKey<Ref<ProtocolTexts | null>> = Symbol('protocolTexts')

const portalOnlyStatuses = new Set(['active', 'ended', 'cancelled'])

export function useScheduleTexts() {
  const { t, locale } = useI18n()
  const texts = inject(protocolTextsKey, null)
  return {
    title: (i: ScheduleItem) => itemTitle(i, texts?.value ?? null, locale.value),
    detail: (i: ScheduleItem) => itemDetail(i, texts?.value ?? null, locale.value),
    status: (s: string) => t(portalOnlyStatuses.has(s) ? 'portal.status.' + s : 'status.' + s),
  }
}
