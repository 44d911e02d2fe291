// Small helpers shared by the outcome charts: scales, the step path of a Kaplan–Meier
// curve and its band, and short labels for questionnaire time points. Pure functions,
// so the charts stay thin and these stay easy to check.

export interface Box {
  width: number
  height: number
  left: number
  right: number
  top: number
  bottom: number
}

// Plot area of a chart: the drawing is in viewBox units, the browser scales it.
export function plotArea(b: Box) {
  return { x0: b.left, x1: b.width - b.right, y0: b.height - b.bottom, y1: b.top }
}

// A linear map from [d0, d1] to [r0, r1].
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1
  return (v) => r0 + ((v - d0) / span) * (r1 - r0)
}

// Centre of the i-th of n equal bands between r0 and r1 (categorical axes).
export function band(n: number, r0: number, r1: number): (i: number) => number {
  const w = (r1 - r0) / Math.max(n, 1)
  return (i) => r0 + w * (i + 0.5)
}

export type Step = [day: number, value: number]

// Vertices of a right-continuous step function: flat until the next time, then a drop.
export function stepVertices(points: Step[]): Step[] {
  const out: Step[] = []
  points.forEach(([d, v], i) => {
    if (i > 0) out.push([d, points[i - 1][1]])
    out.push([d, v])
  })
  return out
}

export function pathOf(vertices: Step[], x: (v: number) => number, y: (v: number) => number, close = false): string {
  if (!vertices.length) return ''
  const d = vertices.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('')
  return close ? d + 'Z' : d
}

// The confidence band of a step curve as one closed polygon: the upper steps forward,
// the lower steps back. A missing bound (not estimable) falls back to the estimate.
export function bandVertices(curve: { day: number; surv: number | null; lower: number | null; upper: number | null }[]): Step[] {
  const usable = curve.flatMap((p) => (p.surv === null ? [] : [{ ...p, surv: p.surv }]))
  const upper = stepVertices(usable.map((p) => [p.day, p.upper ?? p.surv]))
  const lower = stepVertices(usable.map((p) => [p.day, p.lower ?? p.surv]))
  return [...upper, ...lower.reverse()]
}

// Round numbers of months for day marks at about 6-month steps (182, 365, 548 … days).
export function monthsOf(day: number): number {
  return Math.round(day / 30.4375)
}

// A questionnaire time point's short axis label: baseline, weeks under two months, else
// months. Returns the message key and the count so the words come from i18n.
export function timePointLabel(day: number): { key: 'baseline' | 'weeks' | 'months'; n: number } {
  if (day <= 0) return { key: 'baseline', n: 0 }
  if (day < 60) return { key: 'weeks', n: Math.round(day / 7) }
  return { key: 'months', n: monthsOf(day) }
}

// Top of a PROM scale, so every chart of one measure has the same axis.
export function scaleTop(measure: string): number {
  if (measure === 'nrs_pain') return 10
  if (measure === 'oxford_total') return 48
  return 100
}
