import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In `quarkus:dev`, Quinoa starts this dev server on 5173 and proxies it; the API stays on Quarkus.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  build: { outDir: 'dist' },
  test: { environment: 'node' },
});
