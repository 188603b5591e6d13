#!/usr/bin/env node
// `npm start`: the main job on a bundled sample — the network summary, the full analysis report,
// and a comparison of funding regimes over the default horizon. Reports are also written to out/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) {
  console.error('dist/ is missing: run `npm ci` (it builds HelixLab) or `npm run build` first.');
  process.exit(1);
}
const sample = process.argv[2] ?? 'data/security-pirkanmaa.json';
mkdirSync(join(root, 'out'), { recursive: true });

function run(title, args) {
  process.stdout.write(`\n=== ${title}\n$ helixlab ${args.join(' ')}\n\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run('Network summary', ['info', sample]);
run('Analysis: brokers, lock-in risk, ESCA check, resilience', ['analyze', sample, '--format', 'md', '--top', '10']);
run('Analysis report (HTML)', ['analyze', sample, '--format', 'html', '--out', 'out/analysis.html']);
run(`Funding regimes compared from ${sample} (200 runs each, common random numbers, equal expected public money)`, [
  'compare',
  'scenarios/project-driven.json',
  'scenarios/permanent.json',
  'scenarios/mixed-20-30-50.json',
  '--runs',
  '200',
  '--seed',
  '1',
  '--set',
  `start.network=${JSON.stringify(relative(join(root, 'scenarios'), resolve(root, sample)))}`,
]);
run(
  `Where does the comparison hold? A quick exploration of the plausible assumptions from ${sample} (64 points × 10 paired runs; the README quotes the default generated cluster with --samples 1024 --runs 50)`,
  [
    'explore',
    'scenarios/project-driven.json',
    'scenarios/permanent.json',
    '--samples',
    '64',
    '--runs',
    '10',
    '--metrics',
    'partnerships,meanTrust,members',
    '--seed',
    '1',
    '--set',
    `start.network=${JSON.stringify(relative(join(root, 'scenarios'), resolve(root, sample)))}`,
  ],
);
process.stdout.write('\nReports written to out/ (open out/analysis.html in a browser).\n');
