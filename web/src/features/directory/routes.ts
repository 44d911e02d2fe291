import type { RouteRecordRaw } from 'vue-router'

// The public directory of centres: no sign-in, in the portal's phone-first layout.
export default [
  { path: '/centres', name: 'centre-directory', component: () => import('./DirectoryPage.vue'), meta: { patientFacing: true } },
] satisfies RouteRecordRaw[]
