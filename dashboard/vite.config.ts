import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is served by the router from dist/ under a Content-Security-Policy that allows
// only its own origin: no inline scripts or styles, no data: URLs, nothing from a CDN.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset is a file of its own origin (CSP `default-src 'self'`), never an inline data: URL.
    assetsInlineLimit: 0,
    sourcemap: false,
    // Monaco (the explorer's editor, 2.8 MB, loaded only by the development explorer) is one chunk
    // by design; the dashboard's own chunks are far below this.
    chunkSizeWarningLimit: 3_000,
    // explorer.html: GraphiQL for developers, which the router serves at /graphql in development only.
    rollupOptions: {
      input: { dashboard: 'index.html', explorer: 'explorer.html' },
      onwarn(warning, warn) {
        // GraphiQL's modules open with React Compiler's "use no memo", which bundling drops: harmless.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use no memo')) return;
        warn(warning);
      },
    },
  },
});
