import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '../../api/session'

// Everyone who works with patients; the analyst sees de-identified registry views only.
export const PATIENT_ROLES: Role[] = ['admin', 'surgeon', 'coordinator', 'lab', 'physiotherapist']

export default [
  {
    path: '/worklist',
    name: 'worklist',
    component: () => import('./WorklistPage.vue'),
    meta: { roles: PATIENT_ROLES, nav: { label: 'nav.worklist', order: 10 } },
  },
  {
    path: '/patients',
    name: 'patients',
    component: () => import('./PatientsPage.vue'),
    meta: { roles: PATIENT_ROLES, nav: { label: 'nav.patients', order: 20 } },
  },
  {
    path: '/patients/:id(\\d+)',
    name: 'patient',
    component: () => import('./PatientPage.vue'),
    props: (r) => ({ id: Number(r.params.id), episode: r.query.episode ? Number(r.query.episode) : null }),
    meta: { roles: PATIENT_ROLES },
  },
] satisfies RouteRecordRaw[]
