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

// The ISCT panel's markers (percent of cells positive): the three the cells carry, then the
// five they lack. Their names are codes, shown as written in every language.
export const ISCT_MARKERS = [
  { key: 'cd105', code: 'CD105', positive: true },
  { key: 'cd73', code: 'CD73', positive: true },
  { key: 'cd90', code: 'CD90', positive: true },
  { key: 'cd45', code: 'CD45', positive: false },
  { key: 'cd34', code: 'CD34', positive: false },
  { key: 'cd14_or_cd11b', code: 'CD14 / CD11b', positive: false },
  { key: 'cd79a_or_cd19', code: 'CD79a / CD19', positive: false },
  { key: 'hla_dr', code: 'HLA-DR', positive: false },
] as const
export type IsctMarker = (typeof ISCT_MARKERS)[number]['key']
export type Reading = ProductTrace['readings'][number]
export type Passage = ProductTrace['passages'][number]
