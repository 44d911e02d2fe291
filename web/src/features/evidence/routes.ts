import type { RouteRecordRaw } from 'vue-router'

// The published evidence beside the claims: the clinic's clinical lead writes it.
export default [
  {
    path: '/evidence',
    name: 'evidence',
    component: () => import('./EvidencePage.vue'),
    meta: { roles: ['admin', 'surgeon'], nav: { label: 'evidence.nav', order: 48 } },
  },
] satisfies RouteRecordRaw[]
