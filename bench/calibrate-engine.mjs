#!/usr/bin/env node
// Calibration of the scenario engine (imports the built library from dist/). Prints a markdown section:
//   1. speed and memory: ABC-SMC of 4 parameters to 5 targets with 1,000 particles per generation on a
//      case cluster (scenarios/case-security.json, 14 years; the observed figures are one run at known
//      parameters), on 2 worker threads: wall and CPU time, simulations, peak RSS (target: under 15
//      minutes on 2 cores; memory: one generation, not the history of all runs);
//   2. recovery: parameters drawn from the prior, figures simulated from them, recovered by ABC-SMC;
//      over repeated seeds the 90% intervals should cover the truth at their nominal rate.
// Usage: node bench/calibrate-engine.mjs [--quick] [--only speed|recovery] [--reps N]
//   --quick: 300 particles for the speed case, 20 repetitions of the recovery.
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = await import(join(root, 'dist', 'node', 'index.js'));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const reps = Number(args.includes('--reps') ? args[args.indexOf('--reps') + 1] : quick ? 20 : 60);
const out = [];
const log = (s) => process.stderr.write(s + '\n');
const cpuSec = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

out.push('## bench/calibrate-engine.mjs — calibrating the scenario engine', '');
out.push(
  `${cpus().length} cores; load average at the start ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}.`,
  '',
);

if (only !== 'recovery') {
  const particles = quick ? 300 : 1000;
  const s = lib.loadScenarioFile(join(root, 'scenarios', 'case-security.json'));
  const params = [
    { name: 'growth.recruitRate', lo: 0.05, hi: 1.5, scale: 'uniform' },
    { name: 'growth.churnBase', lo: 0.005, hi: 0.4, scale: 'uniform' },
    { name: 'network.attendance', lo: 0.05, hi: 0.9, scale: 'uniform' },
    { name: 'trust.decay', lo: 0.05, hi: 0.8, scale: 'uniform' },
  ];
  const truth = { 'growth.recruitRate': 0.6, 'growth.churnBase': 0.12, 'network.attendance': 0.5, 'trust.decay': 0.3 };
  const sim = lib.scenarioSimulator(
    s,
    params.map((p) => p.name),
  );
  const defs = [
    { kind: 'value', metric: 'members', year: 2025, name: 'members 2025' },
    { kind: 'growth', metric: 'reached', from: 2011, to: 2025, relative: false, name: 'newcomers a year' },
    { kind: 'value', metric: 'participations', year: 2024, name: 'participations 2024' },
    { kind: 'value', metric: 'ties', year: 2025, name: 'ties 2025' },
    { kind: 'value', metric: 'meanTrust', year: 2025, name: 'mean trust 2025' },
  ].map((t) => ({ ...t, holdout: false }));
  const specs = lib.statisticSpecs({ startYear: 2011, targets: defs.map((t) => ({ ...t, value: 0 })) });
  const obs = lib.statisticValues(specs, sim.run(truth, lib.createRng('bench-engine-truth')));
  const targets = lib.targetsFromData(
    {
      startYear: 2011,
      targets: defs.map((t, i) => {
        const { holdout: _h, relative, kind, ...rest } = t;
        return { ...rest, ...(kind === 'growth' ? { kind, relative } : {}), value: Number(obs[i].toPrecision(4)) };
      }),
    },
    'bench-targets.json',
  );
  const plan = lib.scenarioCalibrationPlan({
    scenarioFile: join(root, 'scenarios', 'case-security.json'),
    scenario: s,
    targets,
    params,
    options: { particles, seed: 1 },
    sampleSize: 0,
  });
  const { mkdtempSync, rmSync } = await import('node:fs');
  const dir = join(mkdtempSync(join(tmpdir(), 'helixlab-bench-calibrate-')), 'out');
  const pool = lib.startPool(2);
  const t0 = performance.now();
  const c0 = cpuSec();
  let lastGen = 0;
  const r = await lib.runCalibrationDir(plan, dir, {
    pool,
    onGeneration: (g) => {
      lastGen = g.generation;
      log(`generation ${g.generation}: eps ${g.epsilon}, ${g.simulations} simulations, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    },
  });
  const wall = (performance.now() - t0) / 1000;
  // process.cpuUsage counts every thread of the process: the main thread and both workers
  const cpu = cpuSec() - c0;
  await pool?.destroy();
  const rss = process.resourceUsage().maxRSS / 1024;
  rmSync(dirname(dir), { recursive: true, force: true });
  const res = r.result;
  out.push('### Speed and memory: 4 parameters, 5 targets, ' + particles.toLocaleString('en-US') + ' particles per generation', '');
  out.push(
    `Scenario \`case-security.json\` (30 starting members, about 120 at the end, 14 years); parameters ${params.map((p) => `\`${p.name}\``).join(', ')};`,
    `targets: ${defs.map((t) => t.name).join(', ')} (values from one run at ${Object.entries(truth)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')}); default settings (median rule, up to 10 generations, ${particles} posterior predictive draws); 2 worker threads.`,
    '',
  );
  out.push('| measure | value |', '|---|---:|');
  out.push(`| generations | ${res.generations.length} (stopped: ${res.stop.reason}) |`);
  out.push(`| simulations (predictive draws included) | ${res.simulations.toLocaleString('en-US')} |`);
  out.push(
    `| final ε; acceptance rate of the last generation | ${res.posterior.epsilon.toPrecision(3)}; ${res.generations[lastGen].acceptanceRate.toFixed(3)} |`,
  );
  out.push(`| wall time (target < 15 min on 2 cores) | ${(wall / 60).toFixed(1)} min (${wall.toFixed(0)} s) |`);
  out.push(`| wall time per simulation | ${((wall * 1000) / res.simulations).toFixed(2)} ms |`);
  out.push(
    `| CPU time of the process, all threads (per simulation) | ${cpu.toFixed(0)} s (${((cpu * 1000) / res.simulations).toFixed(2)} ms) |`,
  );
  out.push(`| peak RSS of the process (main thread and both workers) | ${rss.toFixed(0)} MiB |`);
  out.push('');
  out.push(
    'Posterior medians: ' +
      res.marginals
        .map((m) => `${m.name} ${Number(m.median.toPrecision(3))} [${Number(m.lo90.toPrecision(3))}, ${Number(m.hi90.toPrecision(3))}]`)
        .join('; ') +
      ' (the truth: ' +
      Object.values(truth).join(', ') +
      ').',
    '',
  );
}

if (only !== 'speed') {
  const scenario = lib.parseScenario(
    JSON.stringify({
      name: 'recovery',
      years: 8,
      start: { generator: { counts: { industry: 14, 'research-education': 3, public: 3 }, sectors: 2, meanDegree: 3, trust: 0.4 } },
      funding: { base: { eurPerYear: 100000, fte: 1 } },
    }),
    'recovery.json',
  );
  const params = [
    { name: 'growth.recruitRate', lo: 0.05, hi: 0.6, scale: 'uniform' },
    { name: 'growth.churnBase', lo: 0.005, hi: 0.3, scale: 'uniform' },
  ];
  const targetsAt = (obs) =>
    [
      { kind: 'value', metric: 'members', year: 8, name: 'members 8' },
      { kind: 'growth', metric: 'reached', from: 0, to: 8, relative: false, name: 'newcomers a year' },
      { kind: 'value', metric: 'members', year: 4, name: 'members 4' },
    ].map((t, i) => ({ ...t, value: obs[i], holdout: false }));
  const sim = lib.scenarioSimulator(
    scenario,
    params.map((p) => p.name),
  );
  const particles = 300;
  const generations = 6;
  const cover = params.map(() => 0);
  const shares = params.map(() => 0);
  const pit = params.map(() => []);
  const t0 = performance.now();
  for (let rep = 0; rep < reps; rep++) {
    const truthRng = lib.createRng('recovery-truth').stream(rep);
    const truth = {};
    for (const p of params) truth[p.name] = truthRng.uniform(p.lo, p.hi);
    const specs = lib.statisticSpecs({ targets: targetsAt([0, 0, 0]) });
    const obs = lib.statisticValues(specs, sim.run(truth, lib.createRng('recovery-observed').stream(rep)));
    const problem = { params, targets: { targets: targetsAt(obs) } };
    const r = lib.calibrationResult(
      lib.calibrateSync(problem, sim, { particles, maxGenerations: generations, seed: rep + 1, predictive: 0 }),
    );
    r.marginals.forEach((m, j) => {
      const x = truth[m.name];
      if (m.lo90 <= x && x <= m.hi90) cover[j]++;
      shares[j] += m.intervalShare;
      // the posterior CDF at the truth (uniform over repetitions when the posterior is calibrated)
      let below = 0;
      r.posterior.values.forEach((row, i) => {
        if (row[j] <= x) below += r.posterior.weights[i];
      });
      pit[j].push(below);
    });
    if ((rep + 1) % 10 === 0) log(`recovery: ${rep + 1}/${reps} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const ks = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    let d = 0;
    s.forEach((x, i) => (d = Math.max(d, Math.abs((i + 1) / s.length - x), Math.abs(x - i / s.length))));
    return d;
  };
  out.push(`### Recovery of known parameters (${reps} repetitions)`, '');
  out.push(
    'A small cluster (20 starting members, 1 FTE, 8 years); in each repetition `growth.recruitRate` ~ U(0.05, 0.6) and',
    '`growth.churnBase` ~ U(0.005, 0.3) are drawn, one run at them gives the "observed" members in years 4 and 8 and the',
    `newcomers a year (value targets), and ABC-SMC (${particles} particles, ${generations} generations, seed = repetition + 1) recovers them.`,
    'With the truth drawn from the prior, a calibrated 90% interval covers it with probability 0.90 (the ABC posterior at a',
    'finite tolerance is a little wider, so a little more); the posterior CDF at the truth is then uniform (Kolmogorov–Smirnov',
    `distance D; the 1 % critical value at n = ${reps} is ${(1.63 / Math.sqrt(reps)).toFixed(3)}).`,
    '',
  );
  out.push(
    '| parameter | 90% intervals covering the truth | mean interval share of the prior range | KS distance D |',
    '|---|---:|---:|---:|',
  );
  params.forEach((p, j) => {
    out.push(
      `| ${p.name} | ${cover[j]} of ${reps} (${((100 * cover[j]) / reps).toFixed(0)}%) | ${((100 * shares[j]) / reps).toFixed(0)}% | ${ks(pit[j]).toFixed(3)} |`,
    );
  });
  const all = cover.reduce((a, b) => a + b, 0);
  out.push(
    `| all | ${all} of ${reps * params.length} (${((100 * all) / (reps * params.length)).toFixed(1)}%) | | |`,
    '',
    `Wall time ${((performance.now() - t0) / 1000).toFixed(0)} s on 1 thread. The suite runs the same study with 16 repetitions and 150 particles (\`test/calibrate-recovery.test.ts\`).`,
    '',
  );
}

process.stdout.write(out.join('\n') + '\n');
