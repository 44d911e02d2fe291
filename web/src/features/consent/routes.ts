import type { RouteRecordRaw } from 'vue-router'

// The centre's informed-consent documents: its clinical staff write them, its admin publishes.
export default [
  {
    path: '/consent',
    name: 'consent-documents',
    component: () => import('./ConsentDocumentsPage.vue'),
    meta: { roles: ['admin', 'surgeon'], nav: { label: 'consentDocs.nav', order: 49 } },
  },
] satisfies RouteRecordRaw[]
