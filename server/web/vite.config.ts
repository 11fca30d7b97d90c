import { defineConfig } from 'vite';

// The output in dist/ is committed and embedded into the Go binary
// (web.go), and CI rebuilds it and fails if it differs: keep the build
// deterministic (no timestamps, no source maps with absolute paths).
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Fonts and icons stay files, so the CSS stays small and each
    // unicode-range subset is fetched only when a page needs it.
    assetsInlineLimit: 0,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev` against `gijigraph serve --addr 127.0.0.1:8099`.
    proxy: { '/api': 'http://127.0.0.1:8099' },
  },
});
