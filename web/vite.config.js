import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

const backend = process.env.HONGWU_BACKEND || 'http://127.0.0.1:8080'

// Vant's icon font declares the bundled woff2 first and a CDN woff as a
// fallback; the app must never reach outside its own server, so drop it.
function noCdnFonts() {
  const cdn = /,\s*url\(\s*["']?(?:https?:)?\/\/[^)]*\)\s*format\(["']?woff["']?\)/g
  return {
    name: 'hongwu-no-cdn-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('node_modules/vant') && id.endsWith('.css') && cdn.test(code)) {
        cdn.lastIndex = 0
        return { code: code.replace(cdn, ''), map: null }
      }
    },
  }
}

export default defineConfig({
  plugins: [noCdnFonts(), vue()],
  // '@/kit/…', '@/app/…': the same path from every capability folder.
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  build: {
    chunkSizeWarningLimit: 900,
  },
})
