// The selected episode's protocol, provided by EpisodePanel to its sections so each can
// word items and rules in the user's language.
import type { InjectionKey, Ref } from 'vue'
import type { Protocol } from './types'

export const PROTOCOL_KEY: InjectionKey<Ref<Protocol | null>> = Symbol('protocol')
