/**
 * Vite config of the HelixLab browser app. The project is rooted at `viz/`; the app imports the
 * library through its browser-safe entry `helixlab` (aliased to `../src/index.ts`: no second copy of any measure) and the bundled
 * samples from
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
  // The app reaches the library only through its browser-safe entry, as any user of the package would.
  // src/batch/csv.ts imports the Node builds of csv-parse / csv-stringify (they need `Buffer`):
  // the bundle takes their browser builds instead (same API).
  resolve: {
    alias: [{ find: /^helixlab$/, replacement: resolve(repo, 'src/index.ts') }],
  },
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
    sourcemap: process.env.VIZ_SOURCEMAP === '1',
    minify: process.env.VIZ_MINIFY !== '0',
  },
  worker: { format: 'es' },
  // Pre-bundle every dependency of the app and its workers up front, so the dev server does not
  // discover one late (on opening a file, or in a worker) and reload the page.
  optimizeDeps: {
    entries: ['index.html', 'src/*.worker.ts'],
    include: [
      'graphology',
      'sigma',
      'chart.js',
      'graphology-layout-forceatlas2',
      'graphology-layout-forceatlas2/iterate.js',
      'graphology-layout-noverlap',
      'graphology-communities-louvain',
      'graphology-metrics/graph/modularity.js',
      'graphology-gexf/common/parser.js',
      'graphology-gexf/common/writer.js',
      'graphology-graphml/common/parser.js',
      'csv-parse/browser/esm/sync',
      'csv-stringify/browser/esm/sync',
      'ajv',
    ],
  },
  // graphology-gexf / graphml pull in @xmldom/xmldom only on the Node path; the browser uses DOMParser.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});
