import type { RouteRecordRaw } from 'vue-router'

// Spreadsheet exports: a centre's admin takes the centre's records, an analyst (or the
// admin, for their centre) the registry's de-identified tables, as CSV or XLSX.
export default [
  {
    path: '/exports',
    name: 'exports',
    component: () => import('./ExportsPage.vue'),
    meta: { roles: ['admin', 'analyst'], nav: { label: 'exports.nav', order: 42 } },
  },
] satisfies RouteRecordRaw[]
