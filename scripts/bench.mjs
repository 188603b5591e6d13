#!/usr/bin/env node
// Runs every benchmark in bench/*.mjs against the built library (dist/) and writes BENCHMARKS.md
// with the machine and the date. Usage: npm run bench [-- --quick] [-- --only NAME]
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { cpus, totalmem, platform, release, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileSync, renameSync, mkdirSync, readFileSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const passArgs = args.filter((a, i) => a !== '--only' && args[i - 1] !== '--only');

if (!existsSync(join(root, 'dist', 'index.js'))) {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
const files = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => !only || f.startsWith(only))
  .sort();
const cpu = cpus();
const header = [
  '# Benchmarks',
  '',
  'Assembled by `npm run bench` from the sections in `bench/results/` (each stamped with its own date, load and command;',
  '`npm run bench -- --only NAME` reruns one benchmark). Last assembled ' + new Date().toISOString().slice(0, 10) + '.',
  '',
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${platform()} ${release()}, Node ${process.version}.`,
  '',
  'CORDIS data: "Source: CORDIS, European Union" (CC BY 4.0); read from `../shared/data/cordis-h2020/` when present, never committed.',
  '',
];
// Each benchmark's section is kept in bench/results/<name>.md (committed), so that one benchmark can be
// rerun alone (`npm run bench -- --only scenario`) and BENCHMARKS.md is reassembled from all sections.
const resultsDir = join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
for (const f of files) {
  process.stderr.write(`== bench/${f}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', f), ...passArgs], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const stamp = `_Run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average before the run ${loadavg()[0].toFixed(2)}; command: \`node bench/${f}${passArgs.length ? ' ' + passArgs.join(' ') : ''}\`._`;
  let section;
  if (r.status !== 0) {
    section = `## bench/${f}\n\nFAILED (exit ${r.status}).\n`;
    process.stderr.write(`bench/${f} failed with exit ${r.status}\n`);
  } else section = r.stdout.trim() + '\n\n' + stamp + '\n';
  atomicWrite(join(resultsDir, f.replace(/\.mjs$/, '.md')), section);
  process.stdout.write(r.stdout ?? '');
}
const sections = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => readFileSync(join(resultsDir, f), 'utf8').trim() + '\n');
atomicWrite(join(root, 'BENCHMARKS.md'), header.join('\n') + '\n' + sections.join('\n'));
process.stderr.write('wrote BENCHMARKS.md\n');

function atomicWrite(path, text) {
  const tmp = path + '.helixlab-tmp';
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
