// The product screens' calls, one function per thing a user does.
import { answer, http, idempotencyKey, sent } from '../../api/client'
import type { BedsideVerdict, Guidance, Harvested, IsctMarker, ListedProduct, Method, Product, ProductState, ProductTrace } from './types'

const dinPath = (din: string) => ({ path: { din } })

// clear: a quarantined product the lab has looked at awaits release again.
export type SetAside = 'quarantine' | 'discard' | 'expire' | 'clear'
type QcTestBody = { result: 'pending' | 'passed' | 'failed'; due?: string }
// Counts and QC results; what is left out stays as it was.
export interface QcBody {
  total_nucleated_cells?: number
  viability_percent?: number
  cfu_f?: number
  isct_markers_met?: boolean
  // the panel marker by marker (percent positive); the verdict then follows from it
  isct_markers?: Partial<Record<IsctMarker, number>>
  sterility?: QcTestBody
  endotoxin?: QcTestBody
  mycoplasma?: QcTestBody
  complete: boolean
}

// The harvest in theatre, with the wristband scanned. It carries an Idempotency-Key, so a
// retried request answers the products it registered and registers none again.
export interface HarvestBody {
  mrn: string
  source: 'bone_marrow' | 'adipose'
  side?: 'left' | 'right'
  anaesthesia?: 'local' | 'sedation' | 'general'
  started_at?: string
  ended_at?: string
  volume_ml?: number
  products?: number
  location?: string
}

// A storage reading; where, and when when not now.
export interface ReadingBody {
  temperature_c: number
  location?: string
  at?: string
}
// A released product back from theatre unused, with why.
export interface ReturnBody {
  reason: string
  location?: string
  temperature_c?: number
}
// A culture expansion's passages in order, the first first: ISO dates.
export interface PassageBody {
  seeded_on: string
  harvested_on?: string
}

export const productsApi = {
  harvest: (episodeId: number, body: HarvestBody) =>
    answer<Harvested>(
      http.POST('/api/v1/episodes/{episode_id}/harvest', {
        params: { path: { episode_id: episodeId } },
        body: sent(body),
        headers: idempotencyKey(),
      }),
    ),
  list: (state: ProductState | '') =>
    answer<ListedProduct[]>(http.GET('/api/v1/products', { params: { query: { state: state || undefined } } })),
  trace: (din: string) => answer<ProductTrace>(http.GET('/api/v1/products/{din}', { params: dinPath(din) })),
  receive: (din: string, temperature_c: number | null, location: string) =>
    answer<Product>(
      http.POST('/api/v1/products/{din}/receive', {
        params: dinPath(din),
        body: sent({ ...(temperature_c !== null ? { temperature_c } : {}), ...(location ? { location } : {}) }),
      }),
    ),
  qc: (din: string, body: QcBody) => answer<Product>(http.POST('/api/v1/products/{din}/qc', { params: dinPath(din), body: sent(body) })),
  setAside: (din: string, action: SetAside, reason: string) =>
    answer<Product>(
      action === 'quarantine'
        ? http.POST('/api/v1/products/{din}/quarantine', { params: dinPath(din), body: sent({ reason }) })
        : action === 'discard'
          ? http.POST('/api/v1/products/{din}/discard', { params: dinPath(din), body: sent({ reason }) })
          : action === 'expire'
            ? http.POST('/api/v1/products/{din}/expire', { params: dinPath(din), body: sent({ reason }) })
            : http.POST('/api/v1/products/{din}/clear', { params: dinPath(din), body: sent({ reason }) }),
    ),
  process: (din: string, method: Method, passages: number | null) =>
    answer<Product>(
      http.POST('/api/v1/products/{din}/process', {
        params: dinPath(din),
        body: sent({ method, ...(passages !== null ? { passages } : {}) }),
      }),
    ),
  // The lab's release; with an exception, the signed-in surgeon's despite failed criteria.
  release: (din: string, exceptionReason?: string) =>
    answer<Product>(
      http.POST('/api/v1/products/{din}/release', {
        params: dinPath(din),
        body: sent(exceptionReason ? { exception: { reason: exceptionReason } } : {}),
      }),
    ),
  // What the lab records between the steps: storage readings, freeze and thaw, a return
  // from theatre, the passages of a culture expansion (the whole list at once).
  reading: (din: string, body: ReadingBody) =>
    answer<Product>(http.POST('/api/v1/products/{din}/storage', { params: dinPath(din), body: sent(body) })),
  freeze: (din: string, body: { location?: string; temperature_c?: number }) =>
    answer<Product>(http.POST('/api/v1/products/{din}/freeze', { params: dinPath(din), body: sent(body) })),
  thaw: (din: string, body: { location?: string }) =>
    answer<Product>(http.POST('/api/v1/products/{din}/thaw', { params: dinPath(din), body: sent(body) })),
  giveBack: (din: string, body: ReturnBody) =>
    answer<Product>(http.POST('/api/v1/products/{din}/return', { params: dinPath(din), body: sent(body) })),
  passages: (din: string, passages: PassageBody[]) =>
    answer<Product>(http.PUT('/api/v1/products/{din}/passages', { params: dinPath(din), body: sent({ passages }) })),
  // The bedside check: recorded whatever the verdict; any verdict but ok is a refusal.
  verify: (din: string, mrn: string, location: string) =>
    answer<BedsideVerdict>(http.POST('/api/v1/products/verify', { body: sent({ din, mrn, ...(location ? { location } : {}) }) })),
  inject: (din: string, body: { mrn: string; guidance: Guidance; dose_cells?: number; volume_ml?: number; location?: string }) =>
    answer<Product>(http.POST('/api/v1/products/{din}/inject', { params: dinPath(din), body: sent(body) })),
}
