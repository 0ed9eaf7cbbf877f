import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { lazyStyles } from './src/build/lazy-styles.mjs';

// Static pages served by the workshop runner (which also serves /api). Scripts stay external files so the
// runner's Content-Security-Policy can forbid inline scripts.
export default defineConfig({
  output: 'static',
  trailingSlash: 'always',
  integrations: [mdx()],
  devToolbar: { enabled: false },
  build: { inlineStylesheets: 'never' },
  vite: {
    plugins: [lazyStyles()],
    build: { assetsInlineLimit: 0, chunkSizeWarningLimit: 6000 },
    server: { fs: { allow: ['..'] } },
  },
});
