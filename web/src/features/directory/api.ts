// The public directory (GET /api/v1/directory/centres, api/contract/centres.hpp).
import { answer, http } from '../../api/client'
import type { Schema } from '../../api/contract'

export type DirectoryCentre = Schema<'DirectoryCentre'>

export const loadDirectory = () => answer<Schema<'CentreDirectory'>>(http.GET('/api/v1/directory/centres'))

export type CentreRatings = Schema<'CentreRatings'>
export type OwnRating = Schema<'OwnRating'>
export type Rating = Schema<'Rating'>

// What patients think of the treatment at a centre (public).
export const centreRatings = (centre: string) =>
  answer<CentreRatings>(http.GET('/api/v1/directory/centres/{centre_id}/ratings', { params: { path: { centre_id: centre } } }))

// The signed-in patient's own rating of an episode (the portal).
export const ownRating = (episodeId: number) =>
  answer<OwnRating>(http.GET('/api/v1/me/episodes/{episode_id}/rating', { params: { path: { episode_id: episodeId } } }))
export const rateTreatment = (episodeId: number, body: Schema<'RatingChange'>) =>
  answer<Rating>(http.PUT('/api/v1/me/episodes/{episode_id}/rating', { params: { path: { episode_id: episodeId } }, body: { ...body } }))

// The centre's admin: the ratings whose comment waits, and the decision on one.
export const centreRatingsToModerate = (centre: string) =>
  answer<Schema<'Ratings'>>(
    http.GET('/api/v1/centres/{centre_id}/ratings', { params: { path: { centre_id: centre }, query: { pending: 'true' } } }),
  )
export const moderateComment = (ratingId: number, decision: 'approve' | 'reject') =>
  answer<Rating>(http.POST('/api/v1/ratings/{rating_id}/moderation', { params: { path: { rating_id: String(ratingId) } }, body: { decision } }))
