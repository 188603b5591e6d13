#!/usr/bin/env node
// Calibration speed (imports the built library from dist/): ABC-SMC of 4 parameters to 5 targets with
// 1,000 particles per generation, on the synthetic-cluster toy (src/calibrate/toys.ts) whose busy work
// is tuned so that one run costs about as much as one engine run of a case cluster (~3 ms). The target
// (docs/calibration.md): under 15 minutes on 2 cores. Prints a markdown section:
//   - the cost of one run at the chosen busy work (median of 5 × 200 runs);
//   - the algorithm's own overhead: the same calibration with no busy work (its simulations then cost
//     microseconds), by generation;
//   - the calibration at ~3 ms per run on 1 thread and on 2 worker threads (same bytes checked).
// Usage: node bench/calibrate.mjs [--quick] [--ms 3]   (--quick: 300 particles instead of 1,000)
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = await import(join(root, 'dist', 'node', 'index.js'));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const targetMs = Number(args.includes('--ms') ? args[args.indexOf('--ms') + 1] : 3);
const particles = quick ? 300 : 1000;

// the "observed" figures: one run at a known parameter set
const truth = { recruitRate: 0.25, churn: 0.05, tieRate: 0.6, trustGain: 0.08 };
const base = lib.toySimulator({ toy: 'synthetic-cluster' });
const obs = base.run(truth, lib.createRng('bench-truth'));
const at = (m, t) => obs[m][t];
const problem = {
  params: [
    { name: 'recruitRate', lo: 0.05, hi: 0.6, scale: 'uniform' },
    { name: 'churn', lo: 0.01, hi: 0.2, scale: 'log-uniform' },
    { name: 'tieRate', lo: 0.1, hi: 2, scale: 'log-uniform' },
    { name: 'trustGain', lo: 0.02, hi: 0.3, scale: 'uniform' },
  ],
  targets: {
    startYear: 2010,
    targets: [
      {
        kind: 'value',
        metric: 'members',
        year: 2025,
        min: Math.round(at('members', 15) * 0.9),
        max: Math.round(at('members', 15) * 1.1),
        name: 'members 2025',
        holdout: false,
      },
      {
        kind: 'growth',
        metric: 'reached',
        from: 2010,
        to: 2025,
        value: (at('reached', 15) - at('reached', 0)) / 15,
        name: 'inflow per year',
        holdout: false,
      },
      { kind: 'value', metric: 'meanTrust', year: 2020, value: at('meanTrust', 10), name: 'trust 2020', holdout: false },
      { kind: 'value', metric: 'partnerships', year: 2025, value: at('partnerships', 15), name: 'partnerships 2025', holdout: false },
      {
        kind: 'ratio',
        numerator: 'ties',
        denominator: 'members',
        year: 2025,
        value: at('ties', 15) / at('members', 15),
        name: 'ties per member 2025',
        holdout: false,
      },
    ],
  },
};

function msPerRun(work) {
  const sim = lib.toySimulator({ toy: 'synthetic-cluster', work });
  const rng = lib.createRng('bench-cost');
  const times = [];
  for (let rep = 0; rep < 5; rep++) {
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) sim.run(truth, rng.stream(rep, i));
    times.push((performance.now() - t0) / 200);
  }
  return times.sort((a, b) => a - b)[2];
}
// busy work per simulated year for ~targetMs per run (cost is linear in it)
const probe = 200_000;
const perUnit = (msPerRun(probe) - msPerRun(0)) / probe;
const work = Math.max(0, Math.round((targetMs - msPerRun(0)) / perUnit));
const cost = msPerRun(work);

const opts = { particles, seed: 1, maxGenerations: 10, minAcceptanceRate: 0.01 };
const out = ['## Calibration speed (ABC-SMC, 4 parameters, 5 targets)', ''];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
out.push(
  `${particles.toLocaleString('en-US')} particles per generation, median-ε schedule, at most 10 generations, minimum acceptance rate 0.01; ` +
    `synthetic-cluster toy with busy work ${work.toLocaleString('en-US')} (one run ${cost.toFixed(2)} ms, median of 5 × 200 runs). ` +
    `Machine: ${cpus().length} cores; load average before: ${load()}.`,
  '',
);

// overhead: no busy work
let t0 = performance.now();
const cheap = await lib.runCalibration(problem, { toy: 'synthetic-cluster', work: 0 }, { ...opts, workers: 1 });
const cheapWall = (performance.now() - t0) / 1000;
const cheapRun = msPerRun(0);
const overhead = cheapWall - (cheap.simulations * cheapRun) / 1000;
out.push(
  '### The algorithm alone (no busy work)',
  '',
  `${cheap.simulations.toLocaleString('en-US')} simulations (${cheapRun.toFixed(3)} ms each) in ${cheapWall.toFixed(1)} s: ` +
    `about ${Math.max(0, overhead).toFixed(1)} s of it is the algorithm (proposals, distances, the O(N²) weights, summaries). Stopped: ${cheap.stop.message}.`,
  '',
  '| generation | ε | simulations | acceptance rate | ESS |',
  '|---:|---:|---:|---:|---:|',
  ...cheap.generations.map(
    (g) =>
      `| ${g.generation} | ${Number.isFinite(g.epsilon) ? g.epsilon.toPrecision(3) : '∞'} | ${g.simulations.toLocaleString('en-US')} | ${g.acceptanceRate.toFixed(3)} | ${g.ess.toFixed(0)} |`,
  ),
  '',
);

// the real thing: ~3 ms per run, 1 and 2 threads
const spec = { toy: 'synthetic-cluster', work };
const rows = [];
const results = [];
for (const workers of [2, 1]) {
  const before = load();
  t0 = performance.now();
  const r = await lib.runCalibration(problem, spec, { ...opts, workers });
  const wall = (performance.now() - t0) / 1000;
  results.push(r);
  rows.push(`| ${workers} | ${r.simulations.toLocaleString('en-US')} | ${wall.toFixed(1)} s (${(wall / 60).toFixed(1)} min) | ${before} |`);
}
const same =
  lib.calibrationJson(results[0]) === lib.calibrationJson(results[1]) && lib.posteriorCsv(results[0]) === lib.posteriorCsv(results[1]);
out.push(
  `### At ${cost.toFixed(1)} ms per run`,
  '',
  '| worker threads | simulations (predictive draws included) | wall | load average before |',
  '|---:|---:|---:|---|',
  ...rows,
  '',
  `1 and 2 threads give the same bytes: ${same ? 'yes' : 'NO'}. Target: under 15 minutes on 2 cores.`,
  '',
  'Posterior (2 threads):',
  '',
  '| parameter | truth | median | 90% interval | identifiability |',
  '|---|---:|---:|---:|---|',
  ...results[0].marginals.map(
    (m) =>
      `| ${m.name} | ${truth[m.name]} | ${m.median.toPrecision(3)} | ${m.lo90.toPrecision(3)} – ${m.hi90.toPrecision(3)} | ${m.identifiability} |`,
  ),
  '',
);
process.stdout.write(out.join('\n') + '\n');
