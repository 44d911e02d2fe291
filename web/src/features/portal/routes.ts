import type { RouteRecordRaw } from 'vue-router'

// The patient portal, phone-first. Questionnaire links (/q/…) need no sign-in.
export default [
  { path: '/portal/login', name: 'portal-login', component: () => import('./PortalLoginPage.vue'), meta: { patientFacing: true } },
  {
    path: '/portal',
    name: 'portal',
    component: () => import('./PortalHomePage.vue'),
    meta: { patientFacing: true, roles: ['patient'], nav: { label: 'nav.portal', order: 1 } },
  },
  {
    path: '/portal/questionnaire/:episodeId(\\d+)/:itemId/:instrument?',
    name: 'portal-questionnaire',
    component: () => import('./QuestionnaireOwnPage.vue'),
    meta: { patientFacing: true, roles: ['patient'] },
  },
  { path: '/q/:token', name: 'questionnaire-link', component: () => import('./QuestionnaireLinkPage.vue'), meta: { patientFacing: true } },
] satisfies RouteRecordRaw[]
