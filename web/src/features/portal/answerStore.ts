// Answers in progress, kept in this browser so a patient who closes the page (or loses the
// connection) finds them again; removed once the server has accepted the submission.
import type { Answers } from './portalApi'

export interface Draft {
  answers: Answers
  step: number
}

const PREFIX = 'regenpath.portal.draft.'
const SENT = 'regenpath.portal.sent.'

export const draftKey = {
  own: (episodeId: number | string, itemId: string, instrument: string) => `episode:${episodeId}:${itemId}:${instrument}`,
  link: (token: string, instrument: string) => `link:${token}:${instrument}`,
}

export function loadDraft(key: string): Draft | null {
  try {
    const raw = localStorage.getItem(PREFIX + key)
    if (!raw) return null
    const d = JSON.parse(raw) as Draft
    return d && typeof d.answers === 'object' && typeof d.step === 'number' ? d : null
  } catch {
    return null
  }
}

export function saveDraft(key: string, draft: Draft): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(draft))
  } catch {
    /* storage full or private mode: the answers last this page only */
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key)
  } catch {
    /* as above */
  }
}

// A questionnaire of the schedule this browser has sent, so the list can say so before
// the clinic marks the schedule item done.
export function markSent(key: string): void {
  try {
    localStorage.setItem(SENT + key, new Date().toISOString())
  } catch {
    /* as above */
  }
}

export function wasSent(key: string): boolean {
  try {
    return localStorage.getItem(SENT + key) !== null
  } catch {
    return false
  }
}
