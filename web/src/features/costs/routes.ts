import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/costs',
    name: 'costs',
    component: () => import('./CostsPage.vue'),
    meta: { roles: ['admin', 'coordinator', 'surgeon'], nav: { label: 'nav.costs', order: 45 } },
  },
] satisfies RouteRecordRaw[]
