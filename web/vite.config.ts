// The app is served by the regenpath server from web/dist, under the same strict CSP
// as the API (script-src 'self'; style-src 'self'): no inline scripts or styles, so
// Vite must not inline small assets into <style> or data: scripts.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 400,
  },
  // `npm run dev` talks to a regenpath server on :8080 (regenpath demo --port 8080).
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
