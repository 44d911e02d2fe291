// Price lists, insurers and estimates (issue 19). Amounts are integer rials.
import { answer, http, idempotencyKey } from '../../api/client'
import type { Schema } from '../../api/contract'
import { toLatinDigits } from '../../format/dates'
import { rialsFromTomans } from '../../format/money'

export type PriceList = Schema<'PriceList'>
export type PriceItem = Schema<'PriceItem'>
export type Insurer = Schema<'Insurer'>
export type Estimate = Schema<'Estimate'>
export type EstimateRequest = Schema<'EstimateRequest'>

export const PRICE_ITEMS: PriceItem[] = [
  'consultation',
  'tests',
  'harvest_bone_marrow',
  'harvest_adipose',
  'processing',
  'processing_expansion',
  'injection_ultrasound',
  'injection_fluoroscopy',
]

export const listPriceLists = (centre: string, history: boolean) =>
  answer<Schema<'PriceLists'>>(
    http.GET('/api/v1/centres/{centre_id}/price-lists', { params: { path: { centre_id: centre }, query: history ? { history: 'true' } : {} } }),
  )

export const savePriceList = (centre: string, list: Schema<'NewPriceList'>) =>
  answer<PriceList>(http.POST('/api/v1/centres/{centre_id}/price-lists', { params: { path: { centre_id: centre } }, body: { ...list }, headers: idempotencyKey() }))

export const listInsurers = () => answer<Schema<'Insurers'>>(http.GET('/api/v1/insurers'))

export const estimate = (centre: string, request: EstimateRequest) =>
  answer<Estimate>(http.POST('/api/v1/centres/{centre_id}/estimates', { params: { path: { centre_id: centre } }, body: { ...request } }))

export const ownEstimate = (request: EstimateRequest) => answer<Estimate>(http.POST('/api/v1/me/estimates', { body: { ...request } }))
// The same estimates as printable A4 PDFs in a language (en or fa).
export const estimateSheet = (centre: string, request: EstimateRequest, lang: 'en' | 'fa') =>
  answer<Blob>(http.POST('/api/v1/centres/{centre_id}/estimates/sheet', { params: { path: { centre_id: centre }, query: { lang } }, body: { ...request }, headers: { Accept: 'application/pdf' }, parseAs: 'blob' }))
export const ownEstimateSheet = (request: EstimateRequest, lang: 'en' | 'fa') =>
  answer<Blob>(http.POST('/api/v1/me/estimates/sheet', { params: { query: { lang } }, body: { ...request }, headers: { Accept: 'application/pdf' }, parseAs: 'blob' }))

// What the staff's and the patient's estimate forms share: the insurers with the months
// insured, and an instalment plan when months are typed (any digits; tomans for the down
// payment, a typo sent as -1 for the server to refuse naming down_rials).
export interface PayerFields {
  cover: { insurer: string; months: string }[]
  months: string
  down: string
  first_due: string
}
export const payerFields = (): PayerFields => ({ cover: [{ insurer: '', months: '' }, { insurer: '', months: '' }], months: '', down: '', first_due: '' })
const whole = (s: string) => Number(toLatinDigits(s).trim() || '0')
export function payersAndPlan(f: PayerFields): Pick<EstimateRequest, 'insurers' | 'months' | 'down_rials' | 'first_due_jalali'> {
  const insurers = f.cover.filter((c) => c.insurer).map((c) => ({ insurer: c.insurer, months_insured: whole(c.months) }))
  if (!f.months.trim()) return { insurers }
  const down = f.down.trim() ? (rialsFromTomans(f.down) ?? -1) : 0
  return { insurers, months: whole(f.months), down_rials: down, first_due_jalali: toLatinDigits(f.first_due.trim()) }
}

// The Jalali year of a day (ISO; today when none).
export const jalaliYearOf = (iso?: string) =>
  Number(toLatinDigits(new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', timeZone: 'UTC' }).format(iso ? new Date(iso + 'T12:00:00Z') : new Date())).replace(/\D/g, ''))

// A patient's payment plan (api/contract/payments.hpp): agreed from an estimate, payments
// recorded against it; the patient reads their own.
export type PaymentPlan = Schema<'PaymentPlan'>
export type PaymentRecord = Schema<'PaymentRecord'>
const episodePath = (episodeId: number) => ({ params: { path: { episode_id: episodeId } } })
export const paymentPlan = (episodeId: number) =>
  answer<Schema<'EpisodePaymentPlan'>>(http.GET('/api/v1/episodes/{episode_id}/payment-plan', episodePath(episodeId)))
export const ownPaymentPlan = (episodeId: number) =>
  answer<Schema<'EpisodePaymentPlan'>>(http.GET('/api/v1/me/episodes/{episode_id}/payment-plan', episodePath(episodeId)))
export const agreePaymentPlan = (episodeId: number, body: EstimateRequest) =>
  answer<PaymentPlan>(http.PUT('/api/v1/episodes/{episode_id}/payment-plan', { ...episodePath(episodeId), body }))
export const recordPayment = (episodeId: number, body: PaymentRecord) =>
  answer<PaymentPlan>(http.POST('/api/v1/episodes/{episode_id}/payments', { ...episodePath(episodeId), body }))
export const reversePayment = (episodeId: number, paymentId: number, reason: string) =>
  answer<PaymentPlan>(
    http.POST('/api/v1/episodes/{episode_id}/payments/{payment_id}/reversal', { params: { path: { episode_id: episodeId, payment_id: String(paymentId) } }, body: { reason } }),
  )
