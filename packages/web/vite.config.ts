import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The POS server serves dist/ at `/` and its GraphQL API on the same origin; `npm run dev -w @gks/web`
// proxies the API to a running POS (POS_URL, default the demo's address).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    proxy: { '/graphql': process.env.POS_URL ?? 'http://127.0.0.1:4000' },
  },
});
