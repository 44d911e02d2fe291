// The product screens' types, read from the server's OpenAPI document.
import type { Answer } from '../../api/contract'

export type ListedProduct = Answer<'/api/v1/products', 'get'>[number]
export type ProductTrace = Answer<'/api/v1/products/{din}', 'get'>
export type Product = ProductTrace['product']
export type CustodyEvent = ProductTrace['events'][number]
export type BedsideVerdict = Answer<'/api/v1/products/verify', 'post'>
// The products a harvest gave, each with its DIN.
export type Harvested = Answer<'/api/v1/episodes/{episode_id}/harvest', 'post'>
export type ProductState = Product['state']

// The lab's states in the order a product goes through them, then the ends.
export const PRODUCT_STATES: ProductState[] = [
  'received',
  'processing',
  'qc_pending',
  'awaiting_release',
  'released',
  'quarantined',
  'used',
  'discarded',
  'expired',
]

export const METHODS = ['density_gradient', 'centrifugation', 'enzymatic_svf', 'culture_expansion'] as const
export type Method = (typeof METHODS)[number]
export type Guidance = 'ultrasound' | 'fluoroscopy'

// The bedside refusals the server answers with a 409 whose reason is the verdict.
export const VERDICTS = ['wrong_patient', 'not_released', 'expired', 'used', 'failed_qc', 'quarantined'] as const
