import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// In `quarkus:dev`, Quinoa starts this dev server on 5173 and proxies it; the API stays on Quarkus.
// Running `npm run dev` alone, /api is proxied to a Quarkus on 8080 (override with API_URL).
const api = process.env.API_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true, proxy: { '/api': api, '/q': api } },
  // The only big chunk is the lazily loaded analytics page (Plotly, ~1.4 MB gzipped); the main bundle stays small.
  build: { outDir: 'dist', chunkSizeWarningLimit: 5000 },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
