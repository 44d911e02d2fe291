// Whether the page is being printed: content made for paper only (the schedule's heading
// with the record number) is rendered then and not otherwise, so that the screen's text
// holds only what the screen shows. Print media (matchMedia, which print preview and
// emulated print media both switch) or the time between beforeprint and afterprint.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export function usePrinting() {
  const printing = ref(false)
  const media = typeof window !== 'undefined' ? window.matchMedia('print') : null
  const fromMedia = () => (printing.value = !!media?.matches)
  const before = () => (printing.value = true)
  const after = () => fromMedia()
  onMounted(() => {
    fromMedia()
    media?.addEventListener('change', fromMedia)
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
  })
  onBeforeUnmount(() => {
    media?.removeEventListener('change', fromMedia)
    window.removeEventListener('beforeprint', before)
    window.removeEventListener('afterprint', after)
  })
  return printing
}
