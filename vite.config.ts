import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

// The renderer is served from a custom Electron protocol and from the browser-mode HTTP server, so every
// asset URL is relative. No CDN, no external fonts: everything is bundled and works offline.
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Inline assets would become data: URLs, which a strict CSP may refuse; keep them as files.
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change rarely; keep them in their own chunk.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
