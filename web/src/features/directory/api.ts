// The public directory (GET /api/v1/directory/centres, api/contract/centres.hpp).
import { answer, http } from '../../api/client'
import type { Schema } from '../../api/contract'

export type DirectoryCentre = Schema<'DirectoryCentre'>

export const loadDirectory = () => answer<Schema<'CentreDirectory'>>(http.GET('/api/v1/directory/centres'))
