// Where the portal's pages get schedule texts and status words, so every section words
// them the same way.
import { useI18n } from 'vue-i18n'
import type { ScheduleItem } from './portalApi'
import { itemDetail, itemTitle } from './protocolTexts'

const portalOnlyStatuses = new Set(['active', 'ended', 'cancelled'])

export function useScheduleTexts() {
  const { t, locale } = useI18n()
  return {
    title: (i: ScheduleItem) => itemTitle(i, locale.value),
    detail: (i: ScheduleItem) => itemDetail(i, locale.value),
    status: (s: string) => t(portalOnlyStatuses.has(s) ? 'portal.status.' + s : 'status.' + s),
  }
}
