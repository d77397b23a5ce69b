import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.VITE_API_URL ?? 'http://localhost:3000';

/**
 * The dashboard (index.html) and GraphiQL (graphiql.html), built to web/dist, which the API serves at / and
 * /graphiql (src/web.middleware.ts). `vite --config web/vite.config.ts` serves both in development and sends the API's
 * paths to the API on port 3000 (VITE_API_URL to change it).
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: { main: `${root}index.html`, graphiql: `${root}graphiql.html` },
    },
  },
  server: {
    proxy: { '/graphql': api, '/files': api, '/health': api, '/metrics': api },
  },
});
