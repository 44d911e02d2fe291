import type { RouteRecordRaw } from 'vue-router'

// Education pages and FAQ: the centre's staff write them (/pages), anyone reads a centre's
// published pages (/centres/:centreId/learn, phone-first like the portal).
export default [
  {
    path: '/pages',
    name: 'education-pages',
    component: () => import('./PagesEditorPage.vue'),
    meta: { roles: ['admin', 'surgeon', 'coordinator', 'physiotherapist'], nav: { label: 'nav.pages', order: 47 } },
  },
  { path: '/centres/:centreId/learn', name: 'centre-learn', component: () => import('./LearnPage.vue'), meta: { patientFacing: true } },
] satisfies RouteRecordRaw[]
