/**
 * Vite config of the HelixLab browser app. The project is rooted at `viz/`; the app imports the
 * library source from `../src` (no second copy of any measure) and the bundled samples from
 * `../data` and `../scenarios` (as raw text, lazily loaded chunks). `base: './'` makes the static
 * build in `viz/dist/` work from any file server and any sub-path.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

export default defineConfig({
  root: here,
  base: './',
  publicDir: resolve(here, 'public'),
  server: {
    host: '127.0.0.1',
    port: 5173,
    fs: { allow: [repo] },
  },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: resolve(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  // graphology-gexf / graphml pull in @xmldom/xmldom only on the Node path; the browser uses DOMParser.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
