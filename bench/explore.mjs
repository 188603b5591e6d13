#!/usr/bin/env node
// `helixlab explore` benchmark (the target: 1,000 parameter points × 50 paired runs × 15 years
// on the default cluster in under 5 minutes on 2 cores, memory flat in the number of points).
// Runs the built CLI in a fresh process, timed from outside; peak RSS is the child's maxRSS
// (process.resourceUsage, which includes its worker threads), printed by a small preload. Two sizes
// (250 and 1,000 points; `--quick`: 64 and 256 points × 10 runs) show whether memory grows with the
// points. Prints a markdown section on stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const quick = process.argv.includes('--quick');
const runs = quick ? 10 : 50;
const sizes = quick ? [64, 256] : [250, 1000];
const tmp = mkdtempSync(join(tmpdir(), 'helixlab-bench-explore-'));
const preload = join(tmp, 'rss.mjs');
writeFileSync(
  preload,
  "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\nHELIXLAB_BENCH_RSS ' + u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });\n",
);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const lines = [];
const say = (s) => lines.push(s);
say('## explore benchmark (scenario discovery over the assumption register)\n');
say(
  `\`helixlab explore scenarios/project-driven.json scenarios/permanent.json --samples N --runs ${runs}\` (20 ranges of scenarios/assumptions.json, ` +
    `15 years, default generated cluster, ${availableParallelism()} worker threads). Target: 1,000 points × 50 paired runs in under 5 minutes on 2 cores; memory flat in the points.\n`,
);
say('| points | paired runs | wall | CPU (all threads) | peak RSS | load before |');
say('|---|---|---|---|---|---|');
try {
  for (const n of sizes) {
    const before = load();
    const out = join(tmp, `out-${n}`);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        preload,
        cli,
        '--quiet',
        'explore',
        'scenarios/project-driven.json',
        'scenarios/permanent.json',
        '--samples',
        String(n),
        '--runs',
        String(runs),
        '--out',
        out,
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      throw new Error(`explore failed (exit ${r.status})`);
    }
    const m = /HELIXLAB_BENCH_RSS (\d+) (\d+)/.exec(r.stderr);
    const rss = m ? `${(Number(m[1]) / 1024).toFixed(0)} MiB` : '?';
    const cpu = m ? `${(Number(m[2]) / 1e6).toFixed(1)} s` : '?';
    say(`| ${n} | ${n * runs} | ${s.toFixed(1)} s | ${cpu} | ${rss} | ${before} |`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
say('');
say(
  'Each paired run is two engine runs (both regimes, common random numbers). The machine is shared: wall times grow with the other users’ load; the CPU column is what the exploration itself used.',
);
process.stdout.write(lines.join('\n') + '\n');
