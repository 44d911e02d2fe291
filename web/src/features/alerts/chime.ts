// A short two-tone chime made with the Web Audio API (no sound file to fetch). Browsers
// may keep audio muted until the user has interacted with the page; then it is silent,
// and the badge, the title and the notification still tell.
let context: AudioContext | null = null

export function chime(): void {
  try {
    context ??= new AudioContext()
    const ctx = context
    void ctx.resume().catch(() => {})
    const gain = ctx.createGain()
    gain.connect(ctx.destination)
    const start = ctx.currentTime
    gain.gain.setValueAtTime(0.0001, start)
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6)
    for (const [freq, at] of [
      [880, 0],
      [660, 0.25],
    ] as const) {
      const osc = ctx.createOscillator()
      osc.frequency.value = freq
      osc.connect(gain)
      osc.start(start + at)
      osc.stop(start + at + 0.3)
    }
  } catch {
    // No audio in this browser: the other signals remain.
  }
}
