// Price lists, insurers and estimates (issue 19). Amounts are integer rials.
import { answer, http, idempotencyKey } from '../../api/client'
import type { Schema } from '../../api/contract'

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
