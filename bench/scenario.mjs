#!/usr/bin/env node
// Scenario engine benchmark (imports the built library from dist/). Prints a markdown section:
// one run of a 150-member cluster over 15 years (ms), 10,000 runs on 1 and 2 worker threads (s),
// and peak RSS against the number of runs (memory must stay flat: results are aggregated as they come).
// Usage: node bench/scenario.mjs [--quick]   (--quick: 1,000 runs instead of 10,000)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { cpus, loadavg } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = await import(join(root, 'dist', 'node', 'index.js'));

/** 150 members at the start, 1 FTE permanent coordination, 15 years, no growth beyond capacity. */
function scenario150() {
  return lib.validateScenario(
    {
      name: 'bench-150',
      years: 15,
      start: {
        generator: {
          counts: { industry: 90, startup: 20, 'research-education': 15, public: 12, 'civil-society': 8, financier: 5 },
          sectors: 6,
          meanDegree: 5,
        },
      },
      growth: { recruitRate: 0.1 },
      funding: { base: { eurPerYear: 150000, fte: 1 } },
    },
    'bench-150',
  );
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const runs = Number(args[1]);
  const workers = Number(args[2]);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // live heap of the main thread (where results are aggregated), after a forced GC, sampled 4 times
  let liveMiB = 0;
  let next = runs / 4;
  const onProgress = (done) => {
    if (done < next || !globalThis.gc) return;
    next += runs / 4;
    globalThis.gc();
    liveMiB = Math.max(liveMiB, process.memoryUsage().heapUsed / 2 ** 20);
  };
  const r = await lib.simulate(scenario150(), { runs, seed: 1, workers, onProgress });
  const seconds = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpuSeconds = (cu.user + cu.system) / 1e6;
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      liveMiB,
      members: r.metrics.members.final.mean,
    }) + '\n',
  );
  process.exit(0);
}

const quick = args.includes('--quick');
const loadStart = loadavg()[0].toFixed(1);
const big = quick ? 1000 : 10000;

// one run, in this thread: warm up, then the median of 200 runs
const s = scenario150();
for (let r = 0; r < 50; r++) lib.runOnce(s, 1, r);
const times = [];
let members = 0;
const cpu0 = process.cpuUsage();
for (let r = 0; r < 200; r++) {
  const t0 = performance.now();
  const o = lib.runOnce(s, 2, r);
  times.push(performance.now() - t0);
  members += o.metrics.members[15];
}
const cpu1 = process.cpuUsage(cpu0);
const cpuPerRun = (cpu1.user + cpu1.system) / 1000 / 200;
times.sort((a, b) => a - b);
const median = times[100];
const p90 = times[180];

function child(runs, workers) {
  const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child', String(runs), String(workers)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const one = child(big, 1);
const two = child(big, 2);
const rssRuns = quick ? [250, 500, 1000] : [1000, 3000, 10000];
const rss = rssRuns.map((n) => (n === big ? { runs: n, ...two } : { runs: n, ...child(n, 2) }));

const load = loadavg()[0].toFixed(1);
const lines = [
  '## Scenario engine (bench/scenario.mjs)',
  '',
  `Load average (1 min) at the start ${loadStart}, at the end ${load}, on ${cpus().length} cores (the machine is shared; wall times grow with load, CPU times less so).`,
  `Cluster: 150 members at the start (mean ${(members / 200).toFixed(0)} after 15 years), 1 FTE permanent coordination; lock-in computed every year.`,
  '',
  '| measure | target | result |',
  '|---|---|---|',
  `| one run, 150 members × 15 years (median of 200; p90) | < 5 ms | ${median.toFixed(2)} ms (p90 ${p90.toFixed(2)} ms; CPU ${cpuPerRun.toFixed(2)} ms per run) |`,
  `| ${big.toLocaleString('en-US')} runs, 1 worker thread | — | ${one.seconds.toFixed(1)} s (CPU ${one.cpuSeconds.toFixed(1)} s) |`,
  `| ${big.toLocaleString('en-US')} runs, 2 worker threads | < 60 s (10,000 runs) | ${two.seconds.toFixed(1)} s (CPU of all threads ${two.cpuSeconds.toFixed(1)} s) |`,
  '',
  'Memory against the number of runs (2 worker threads): peak RSS of the whole process (main thread + workers,',
  'includes heap V8 has not yet returned) and the largest live heap of the main thread after a forced GC (where',
  'the results are aggregated: it must not grow with the runs).',
  '',
  '| runs | peak RSS (MiB) | live heap, main thread (MiB) | time (s) |',
  '|---|---|---|---|',
  ...rss.map(
    (r) => `| ${r.runs.toLocaleString('en-US')} | ${r.maxRssMiB.toFixed(0)} | ${r.liveMiB.toFixed(1)} | ${r.seconds.toFixed(1)} |`,
  ),
  '',
];
process.stdout.write(lines.join('\n') + '\n');
