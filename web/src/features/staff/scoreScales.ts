// The published range of each score and which way is better, so a trajectory is drawn on
// its full scale and read the right way. Scores not listed use the data's own range.
export interface Scale {
  min: number
  max: number
  better?: 'higher' | 'lower'
}

const SCALES: Record<string, Scale> = {
  'nrs.pain': { min: 0, max: 10, better: 'lower' },
  'nrs.pain_rest': { min: 0, max: 10, better: 'lower' },
  'nrs.pain_activity': { min: 0, max: 10, better: 'lower' },
  'patient-global.global': { min: 0, max: 100 },
  'satisfaction.satisfaction': { min: 1, max: 5, better: 'higher' },
  'hoos.symptoms': { min: 0, max: 100, better: 'higher' },
  'hoos.pain': { min: 0, max: 100, better: 'higher' },
  'hoos.adl': { min: 0, max: 100, better: 'higher' },
  'hoos.sport': { min: 0, max: 100, better: 'higher' },
  'hoos.qol': { min: 0, max: 100, better: 'higher' },
  'hoos-jr.raw': { min: 0, max: 24, better: 'lower' },
  'hoos-jr.interval': { min: 0, max: 100, better: 'higher' },
  'womac-from-hoos.pain': { min: 0, max: 20, better: 'lower' },
  'womac-from-hoos.stiffness': { min: 0, max: 8, better: 'lower' },
  'womac-from-hoos.function': { min: 0, max: 68, better: 'lower' },
  'womac-from-hoos.total': { min: 0, max: 96, better: 'lower' },
  'oxford-hip.total': { min: 0, max: 48, better: 'higher' },
  'harris-hip.total': { min: 0, max: 100, better: 'higher' },
}

export function scaleOf(instrument: string, score: string, values: number[]): Scale {
  const known = SCALES[instrument + '.' + score]
  if (known) return known
  const lo = Math.min(0, ...values)
  const hi = Math.max(...values, lo + 1)
  return { min: lo, max: hi }
}
