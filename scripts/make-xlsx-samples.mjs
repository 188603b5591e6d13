#!/usr/bin/env node
/**
 * Make the Excel samples in data/ from their text sources, deterministically (same sources → the
 * same bytes: HelixLab's workbook writer fixes the zip times):
 *   data/tiny.xlsx               ← data/tiny.json (sheets nodes, edges, affiliations)
 *   data/survey-tiny-2024.xlsx   ← data/survey-tiny-2024.csv (sheet Vastaukset, cells as text)
 *
 *   npx tsc -p tsconfig.json && node scripts/make-xlsx-samples.mjs [--check]
 *
 * --check writes nothing and exits 1 when a committed file differs from what the sources give.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = join(root, 'dist', 'node', 'index.js');
if (!existsSync(node)) {
  process.stderr.write('dist/node/index.js not found: build first with `npx tsc -p tsconfig.json`\n');
  process.exit(1);
}
const { readNetworkFiles, networkSheets, workbookBytes, csvRowTable, DiagnosticCollector, writeFileAtomic } = await import(node);

const outputs = [];
const tiny = readNetworkFiles([join(root, 'data', 'tiny.json')]).network;
outputs.push({ file: 'tiny.xlsx', bytes: await workbookBytes(networkSheets(tiny)) });

const rosterCsv = join(root, 'data', 'survey-tiny-2024.csv');
const c = new DiagnosticCollector(rosterCsv);
const roster = csvRowTable({ name: rosterCsv, text: readFileSync(rosterCsv, 'utf8') }, c);
c.throwIfErrors();
const [head, ...rows] = roster.rows.map((r) => r.cells);
outputs.push({ file: 'survey-tiny-2024.xlsx', bytes: await workbookBytes([{ name: 'Vastaukset', head, rows }]) });

const check = process.argv.includes('--check');
let stale = 0;
for (const { file, bytes } of outputs) {
  const path = join(root, 'data', file);
  if (check) {
    const same = existsSync(path) && Buffer.compare(readFileSync(path), Buffer.from(bytes)) === 0;
    if (!same) stale++;
    process.stdout.write(`${same ? 'ok   ' : 'STALE'} data/${file}\n`);
  } else {
    writeFileAtomic(path, bytes);
    process.stdout.write(`wrote data/${file} (${bytes.length} bytes)\n`);
  }
}
process.exit(stale > 0 ? 1 : 0);
