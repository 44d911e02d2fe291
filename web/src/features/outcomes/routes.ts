import type { RouteRecordRaw } from 'vue-router'

// Roles as GET /api/v1/reports/outcomes allows them (coordinators may not read it).
export default [
  {
    path: '/outcomes',
    name: 'outcomes',
    component: () => import('./OutcomesPage.vue'),
    meta: { roles: ['analyst', 'admin', 'surgeon'], nav: { label: 'nav.outcomes', order: 40 } },
  },
] satisfies RouteRecordRaw[]
