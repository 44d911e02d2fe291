// One line per folded section of the episode, so that the folded page still tells where
// the episode stands: its state, the decision, the dates, what is overdue, the counts.
import type { ComposerTranslation } from 'vue-i18n'
import { formatDate } from '../../format/dates'
import { localDigits } from '../../format/numbers'
import { diagnosisName } from './diagnosisNames'
import type { EpisodeTimeline } from './types'

export type SectionId = 'transition' | 'details' | 'eligibility' | 'plan' | 'timeline' | 'questionnaires' | 'events' | 'history'

export function episodeSummaries(e: EpisodeTimeline, t: ComposerTranslation): Record<SectionId, string> {
  const n = (x: number) => localDigits(x)
  const latest = e.eligibility.at(-1)
  const overdue = e.schedule.filter((i) => i.status === 'overdue').length
  const due = e.schedule.filter((i) => i.status === 'due').length
  const openFlags = e.events.filter((x) => x.kind === 'red_flag' && !x.triage).length
  return {
    transition: t('fold.summary.state', { state: t('state.' + e.state) }),
    // The code in the screen's digits before its name, as the details show it.
    details: [`${localDigits(e.diagnosis.code)} ${diagnosisName(e.diagnosis.code, e.diagnosis.display ?? '')}`.trim(), e.kl_grade !== null ? t('fold.summary.kl', { grade: n(e.kl_grade) }) : '']
      .filter(Boolean)
      .join(' · '),
    eligibility: latest ? t('staff.decision.' + latest.decision) : t('staff.eligibility.none'),
    plan:
      e.harvest_date || e.injection_date
        ? t('fold.summary.plan', { harvest: formatDate(e.harvest_date) || '—', injection: formatDate(e.injection_date) || '—' })
        : t('fold.summary.notPlanned'),
    timeline: e.schedule.length
      ? t('fold.summary.schedule', { items: n(e.schedule.length), overdue: n(overdue), due: n(due) })
      : t('staff.timeline.empty'),
    questionnaires: t('fold.summary.answers', { n: n(e.questionnaires.length) }),
    events: t('fold.summary.events', { n: n(e.events.length), flags: n(openFlags) }),
    history: t('fold.summary.changes', { n: n(e.transitions.length) }),
  }
}
