// The route table. Each feature declares its own routes in features/<name>/routes.ts
// (export default RouteRecordRaw[]); a route's meta says who may open it and whether it
// appears in the main navigation. Pages load lazily so a patient's phone fetches only
// the portal.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, loadSession, type Role } from './api/session'

declare module 'vue-router' {
  interface RouteMeta {
    roles?: Role[] // signed-in roles allowed; absent: public
    nav?: { label: string; order: number } // i18n key and position in the main navigation
    patientFacing?: boolean // the portal's own layout (phone-first)
  }
}

const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('./features/*/routes.ts', { eager: true })
const featureRoutes = Object.values(modules).flatMap((m) => m.default)

export function homeFor(role: Role | undefined): string {
  if (!role) return '/login'
  if (role === 'patient') return '/portal'
  if (role === 'analyst') return '/outcomes'
  if (role === 'registry') return '/admin'
  return '/worklist'
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', redirect: () => homeFor(session.me?.role) },
  ...featureRoutes,
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./components/NotFoundPage.vue') },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (!session.checked) await loadSession().catch(() => null)
  const roles = to.meta.roles
  if (!roles) return true
  const me = session.me
  if (!me) return { path: to.meta.patientFacing ? '/portal/login' : '/login', query: { next: to.fullPath } }
  if (!roles.includes(me.role)) return { name: 'not-found', params: { rest: to.path.split('/').slice(1) }, query: { forbidden: '1' } }
  return true
})
