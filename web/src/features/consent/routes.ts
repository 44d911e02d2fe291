import type { RouteRecordRaw } from 'vue-router'

// The centre's informed-consent documents: its clinical staff write them, its admin
// publishes; a patient reads and signs them in the portal.
export default [
  {
    path: '/consent',
    name: 'consent-documents',
    component: () => import('./ConsentDocumentsPage.vue'),
    meta: { roles: ['admin', 'surgeon'], nav: { label: 'consentDocs.nav', order: 49 } },
  },
  {
    path: '/portal/consent/:kind(treatment|registry|contact)/:episodeId(\\d+)?',
    name: 'portal-consent',
    component: () => import('./ConsentSignPage.vue'),
    props: (r) => ({ kind: r.params.kind, episodeId: r.params.episodeId ? Number(r.params.episodeId) : undefined }),
    meta: { patientFacing: true, roles: ['patient'] },
  },
] satisfies RouteRecordRaw[]
