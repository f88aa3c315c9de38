import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API is served on the same origin in every deployment; in development Vite
// forwards /api to the local launcher so the app never needs CORS.
const apiTarget = 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: true } },
  },
  build: { outDir: 'dist', sourcemap: true },
});
