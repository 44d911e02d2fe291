import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '../../api/session'
import { PATIENT_ROLES } from '../staff/routes'

// The bedside check is the injecting surgeon's (the server lets only a surgeon inject).
const BEDSIDE_ROLES: Role[] = ['surgeon']

export default [
  {
    path: '/staff/products',
    name: 'products',
    component: () => import('./ProductsPage.vue'),
    meta: { roles: PATIENT_ROLES, nav: { label: 'products.nav', order: 25 } },
  },
  {
    // A DIN with its check character, which may be '*' (MOD 37-2).
    path: '/staff/products/:din',
    name: 'product',
    component: () => import('./ProductPage.vue'),
    props: (r) => ({ din: String(r.params.din) }),
    meta: { roles: PATIENT_ROLES },
  },
  {
    path: '/staff/bedside',
    name: 'bedside',
    component: () => import('./BedsidePage.vue'),
    meta: { roles: BEDSIDE_ROLES, nav: { label: 'products.bedsideNav', order: 26 } },
  },
] satisfies RouteRecordRaw[]
