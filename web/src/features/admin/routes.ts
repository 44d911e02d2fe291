import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/admin',
    name: 'admin',
    component: () => import('./AdminPage.vue'),
    meta: { roles: ['admin', 'registry'], nav: { label: 'nav.admin', order: 50 } },
  },
] satisfies RouteRecordRaw[]
