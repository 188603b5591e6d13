#!/usr/bin/env node
// Hash the outputs of every command on the bundled samples, to check that a refactoring changes no
// byte: run it before and after (`node scripts/output-hashes.mjs > before.txt`, then `after.txt`) and
// `diff` the two. Each line is `sha256  label`; a label names the command and the output (stdout, or a
// file it wrote). Needs the built CLI (`npm run build`). Deterministic: every command has a fixed seed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
// a fixed directory: reports quote the paths they were made from
const tmp = join(tmpdir(), 'helixlab-output-hashes');
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp);
const sha = (buf) => createHash('sha256').update(buf).digest('hex');
const lines = [];

function run(label, args, { files = [], exit = 0 } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, maxBuffer: 1 << 30 });
  if (r.status !== exit) {
    process.stderr.write(`${label}: exit ${r.status} (expected ${exit})\n${r.stderr}\n`);
    process.exitCode = 1;
  }
  lines.push(`${sha(r.stdout)}  ${label} stdout`);
  for (const f of files) {
    const st = statSync(f);
    const list = st.isDirectory()
      ? readdirSync(f, { recursive: true })
          .map((x) => join(f, String(x)))
          .filter((x) => statSync(x).isFile())
          .sort()
      : [f];
    for (const x of list) lines.push(`${sha(readFileSync(x))}  ${label} ${relative(tmp, x)}`);
  }
}

const samples = [
  'data/tiny.json',
  'data/tiny',
  'data/security-pirkanmaa.json',
  'data/construction-psrk.json',
  'data/circular-economy-helsinki.json',
  'data/event-industry-eventcoast.json',
];
for (const s of samples) {
  run(`info ${s}`, ['info', s]);
  run(`info ${s} json`, ['info', s, '--format', 'json']);
  for (const f of ['md', 'json', 'csv', 'html']) run(`analyze ${s} ${f}`, ['analyze', s, '--format', f]);
}
run('analyze approx', [
  'analyze',
  'data/security-pirkanmaa.json',
  '--format',
  'json',
  '--approx',
  '20',
  '--seed',
  '7',
  '--distance',
  'inverse-weight',
]);
run('analyze options', [
  'analyze',
  'data/construction-psrk.json',
  '--format',
  'json',
  '--group-by',
  'region',
  '--top',
  '5',
  '--lock-in-weights',
  'renewal=0,closure=0.3',
  '--permutations',
  '200',
]);
for (const f of ['gexf', 'graphml', 'json']) {
  const out = join(tmp, `conv.${f}`);
  run(`convert ${f}`, ['convert', 'data/security-pirkanmaa.json', out], { files: [out] });
}
run('convert csv', ['convert', 'data/tiny.json', join(tmp, 'conv-csv') + '/'], { files: [join(tmp, 'conv-csv')] });

const scen = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.json') && !f.startsWith('assumptions'))
  .sort();
for (const s of scen)
  run(`simulate ${s}`, ['simulate', `scenarios/${s}`, '--runs', '30', '--seed', '3', '--format', 'json', '--workers', '1']);
run('simulate table', ['simulate', 'scenarios/permanent.json', '--runs', '40', '--workers', '2']);
run('simulate csv', [
  'simulate',
  'scenarios/project-driven.json',
  '--runs',
  '40',
  '--format',
  'csv',
  '--set',
  'funding.projects.successProbability=0.5',
]);
run('simulate network-run', ['simulate', 'scenarios/permanent.json', '--runs', '10', '--network-run', '2', '--format', 'json']);
const cmp = join(tmp, 'compare.json');
run(
  'compare json',
  [
    'compare',
    'scenarios/project-driven.json',
    'scenarios/permanent.json',
    'scenarios/mixed-20-30-50.json',
    '--runs',
    '60',
    '--out',
    cmp,
    '--workers',
    '2',
  ],
  { files: [cmp] },
);
run('compare table', ['compare', 'scenarios/project-driven.json', 'scenarios/permanent.json', '--runs', '60']);
const sw = join(tmp, 'sweep');
run(
  'sweep',
  [
    'sweep',
    'scenarios/project-driven.json',
    '--grid',
    'funding.projects.successProbability=0.5,0.9',
    '--grid',
    'trust.decay=0.05,0.1',
    '--runs',
    '20',
    '--out',
    sw,
    '--quiet',
  ],
  { files: [sw] },
);
const mo = join(tmp, 'morris');
run(
  'sensitivity morris',
  [
    'sensitivity',
    'scenarios/permanent.json',
    '--method',
    'morris',
    '--param',
    'trust.decay:0.02:0.2',
    '--param',
    'network.openness:0.05:0.6',
    '--samples',
    '6',
    '--runs',
    '4',
    '--metric',
    'members',
    '--out',
    mo,
    '--quiet',
  ],
  { files: [mo] },
);
const so = join(tmp, 'sobol');
run(
  'sensitivity sobol',
  [
    'sensitivity',
    'scenarios/permanent.json',
    '--method',
    'sobol',
    '--param',
    'trust.decay:0.02:0.2',
    '--param',
    'network.openness:0.05:0.6',
    '--samples',
    '16',
    '--runs',
    '2',
    '--metric',
    'members',
    '--bootstrap',
    '50',
    '--out',
    so,
    '--quiet',
  ],
  { files: [so] },
);
const rep = join(tmp, 'report.html');
run('report sweep', ['report', sw, mo, '--out', rep, '--quiet'], { files: [rep] });
const rep2 = join(tmp, 'report2.html');
run('report compare', ['report', cmp, '--out', rep2, '--quiet'], { files: [rep2] });

const start = spawnSync(process.execPath, [join(root, 'scripts', 'start.mjs')], { cwd: root, maxBuffer: 1 << 30 });
lines.push(`${sha(start.stdout)}  npm start stdout`);
lines.push(`${sha(readFileSync(join(root, 'out', 'analysis.html')))}  npm start out/analysis.html`);
rmSync(tmp, { recursive: true, force: true });
process.stdout.write(lines.join('\n') + '\n');
