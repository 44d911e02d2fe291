// Spreadsheet exports over HTTP (issue 20): asked for, made in the background, polled,
// then each file downloaded by its link (the session's cookie goes with it) and deleted.
import { answer, http, idempotencyKey, sent } from '../../api/client'
import type { Schema } from '../../api/contract'

export type SheetExport = Schema<'SheetExport'>
export type SheetExportRequest = Schema<'SheetExportRequest'>

export const myExports = () => answer<Schema<'SheetExports'>>(http.GET('/api/v1/exports'))
export const askExport = (body: { kind: string; format: string; layout?: string; centre?: string }) =>
  answer<SheetExport>(http.POST('/api/v1/exports', { body: sent(body), headers: idempotencyKey() }))
export const exportStatus = (id: string) =>
  answer<SheetExport>(http.GET('/api/v1/exports/{export_id}', { params: { path: { export_id: id } } }))
export const deleteExport = (id: string) =>
  answer<Schema<'SheetExportDeleted'>>(http.DELETE('/api/v1/exports/{export_id}', { params: { path: { export_id: id } } }))
