#!/usr/bin/env node
/**
 * Regenerate the four bundled sample clusters in data/ from their generator specs
 * (src/samples/cases.ts), deterministically: same specs and seeds → byte-identical files.
 *
 *   npx tsc -p tsconfig.json && node scripts/make-samples.mjs [--check]
 *
 * --check writes nothing and exits 1 when a committed file differs from what the specs give.
 * Output format: JSON.stringify(doc, null, 2) + '\n', written atomically (temp file + rename).
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'samples', 'index.js'))) {
  process.stderr.write('dist/samples/index.js not found: build first with `npx tsc -p tsconfig.json`\n');
  process.exit(1);
}
const { generateCluster, SAMPLE_CASES } = await import(join(dist, 'samples', 'index.js'));
const { writeFileAtomic } = await import(join(dist, 'node', 'index.js'));

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, spec } of SAMPLE_CASES) {
  const path = join(root, 'data', file);
  const text = JSON.stringify(generateCluster(spec), null, 2) + '\n';
  const doc = JSON.parse(text);
  const summary = `${doc.actors.length} actors, ${doc.ties.length} ties, ${doc.activities.length} activities, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`;
  if (check) {
    const same = existsSync(path) && readFileSync(path, 'utf8') === text;
    if (!same) stale++;
    process.stdout.write(`${same ? 'ok   ' : 'STALE'} data/${file} (${summary})\n`);
  } else {
    writeFileAtomic(path, text);
    process.stdout.write(`wrote data/${file} (${summary})\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
