// Runs `load` now, every `ms` while the tab is visible, and at once when the tab or window
// regains focus, so a red flag a patient raises shows within seconds.
import { onBeforeUnmount, onMounted } from 'vue'

export function usePolling(load: () => Promise<void> | void, ms: number) {
  let timer: ReturnType<typeof setInterval> | undefined
  const tick = () => {
    if (document.visibilityState === 'visible') void load()
  }
  const onVisible = () => tick()
  onMounted(() => {
    void load()
    timer = setInterval(tick, ms)
    document.addEventListener('visibilitychange', onVisible)
    window.addEventListener('focus', onVisible)
  })
  onBeforeUnmount(() => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisible)
    window.removeEventListener('focus', onVisible)
  })
}
