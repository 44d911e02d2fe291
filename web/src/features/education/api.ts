// Education pages (api/contract/education.hpp): the editors' list, versions, save and
// publish, and the public's published pages with their measured figures.
import { answer, http } from '../../api/client'
import type { Schema } from '../../api/contract'

export type EducationPage = Schema<'EducationPage'>
export type EducationPages = Schema<'EducationPages'>
export type PageFigure = Schema<'PageFigure'>
export type PageBlock = Schema<'PageBlock'>
export type PageChange = Schema<'EducationPageChange'>
export type ClaimDefinition = Schema<'ClaimDefinition'>

const centrePath = (centre: string) => ({ params: { path: { centre_id: centre } } })
const pagePath = (centre: string, slug: string) => ({ params: { path: { centre_id: centre, slug } } })

export const publishedPages = (centre: string) => answer<EducationPages>(http.GET('/api/v1/directory/centres/{centre_id}/pages', centrePath(centre)))
export const centrePages = (centre: string) => answer<EducationPages>(http.GET('/api/v1/centres/{centre_id}/pages', centrePath(centre)))
export const savePage = (centre: string, slug: string, body: PageChange) =>
  answer<EducationPage>(http.PUT('/api/v1/centres/{centre_id}/pages/{slug}', { ...pagePath(centre, slug), body }))
export const publishPage = (centre: string, slug: string, version: number) =>
  answer<EducationPage>(http.POST('/api/v1/centres/{centre_id}/pages/{slug}/publication', { ...pagePath(centre, slug), body: { version } }))
export const withdrawPage = (centre: string, slug: string, reason: string) =>
  answer<EducationPage>(http.POST('/api/v1/centres/{centre_id}/pages/{slug}/withdrawal', { ...pagePath(centre, slug), body: { reason } }))
