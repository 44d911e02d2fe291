// The product screens' calls, one function per thing a user does.
import { answer, http, sent } from '../../api/client'
import type { BedsideVerdict, Guidance, ListedProduct, Method, Product, ProductState, ProductTrace } from './types'

const dinPath = (din: string) => ({ path: { din } })

export const productsApi = {
  list: (state: ProductState | '') =>
    answer<ListedProduct[]>(http.GET('/api/v1/products', { params: { query: { state: state || undefined } } })),
  trace: (din: string) => answer<ProductTrace>(http.GET('/api/v1/products/{din}', { params: dinPath(din) })),
  process: (din: string, method: Method, passages: number | null) =>
    answer<Product>(
      http.POST('/api/v1/products/{din}/process', {
        params: dinPath(din),
        body: sent({ method, ...(passages !== null ? { passages } : {}) }),
      }),
    ),
  release: (din: string) => answer<Product>(http.POST('/api/v1/products/{din}/release', { params: dinPath(din) })),
  // The bedside check: recorded whatever the verdict; any verdict but ok is a refusal.
  verify: (din: string, mrn: string, location: string) =>
    answer<BedsideVerdict>(http.POST('/api/v1/products/verify', { body: sent({ din, mrn, ...(location ? { location } : {}) }) })),
  inject: (din: string, body: { mrn: string; guidance: Guidance; dose_cells?: number; location?: string }) =>
    answer<Product>(http.POST('/api/v1/products/{din}/inject', { params: dinPath(din), body: sent(body) })),
}

// The episode's released product, if it has one: its injection goes through the bedside check.
export async function releasedProductOf(episodeId: number): Promise<ListedProduct | null> {
  return (await productsApi.list('released')).find((p) => p.episode_id === episodeId) ?? null
}
