#!/usr/bin/env node
// Validation of the ABC-SMC calibrator (imports the built library from dist/): the numbers behind
// test/calibrate-smc.test.ts and test/calibrate-pyabc.test.ts, printed as a markdown section
// (docs/calibration.md quotes them).
//   1. coverage of the 90% credible interval over 100 calibrations of the normal-mean toy, truth
//      drawn from the prior (300 particles, 7 generations), and the Kolmogorov–Smirnov distance of
//      the posterior CDF at the truth from uniform;
//   2. the normal-mean posterior (1000 particles, 9 generations, seeds 1–8) against the analytic ABC
//      posterior at the final tolerance and the exact posterior N(0.7, 0.2²);
//   3. HelixLab (seeds 1–5) against pyABC (test/fixtures/calibration/pyabc-reference.json) and the
//      analytic values on both toys.
// Usage: node bench/calibrate-validation.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = await import(join(root, 'dist', 'index.js'));
const TAU = 0.2;

function erfc(x) {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
  let poly = 0;
  for (let i = c.length - 1; i >= 0; i--) poly = c[i] + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}
const Phi = (x) => 0.5 * erfc(-x / Math.SQRT2);
function moments(f, lo, hi, steps = 20000) {
  const h = (hi - lo) / steps;
  let z = 0,
    m1 = 0,
    m2 = 0;
  for (let i = 0; i <= steps; i++) {
    const x = lo + i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 ? 4 : 2;
    const fx = f(x);
    z += w * fx;
    m1 += w * fx * x;
    m2 += w * fx * x * x;
  }
  return { mean: m1 / z, sd: Math.sqrt(m2 / z - (m1 / z) ** 2) };
}
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sdev = (xs) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const f4 = (x) => x.toFixed(4);

const normal = lib.toySimulator({ toy: 'normal-mean', sigma: 1, n: 25 });
const normalProblem = (obs) => ({
  params: [{ name: 'mu', lo: -5, hi: 5, scale: 'uniform' }],
  targets: { targets: [{ kind: 'value', metric: 'mean', year: 0, name: 'mean', holdout: false, ...obs }] },
});
const run = (problem, sim, opts) => lib.calibrationResult(lib.calibrateSync(problem, sim, opts));

const out = ['## Calibration: validation of the ABC-SMC calibrator', ''];

// 1. coverage
{
  const K = 100;
  const rng = lib.createRng('coverage-test');
  let covered = 0;
  const ranks = [];
  const t0 = Date.now();
  for (let k = 0; k < K; k++) {
    const draw = rng.stream('truth', k);
    const truth = draw.uniform(-5, 5);
    const ybar = truth + TAU * draw.normal();
    const r = run(normalProblem({ value: ybar }), normal, { particles: 300, seed: k + 1, maxGenerations: 7, predictive: 0 });
    const m = r.marginals[0];
    if (m.lo90 <= truth && truth <= m.hi90) covered++;
    let below = 0;
    r.posterior.values.forEach((v, i) => {
      if (v[0] <= truth) below += r.posterior.weights[i];
    });
    ranks.push(below);
  }
  ranks.sort((a, b) => a - b);
  let D = 0;
  ranks.forEach((u, i) => (D = Math.max(D, Math.abs((i + 1) / K - u), Math.abs(u - i / K))));
  out.push(
    '### Coverage (normal mean, truth drawn from the prior U(−5, 5), τ = 0.2; 300 particles, 7 generations)',
    '',
    `${covered} of ${K} 90% credible intervals cover the truth (coverage ${(covered / K).toFixed(2)}; the test accepts 0.81–0.99, ` +
      `3 binomial sd around 0.90). Kolmogorov–Smirnov distance of the posterior CDF at the truth from uniform: D = ${D.toFixed(3)} ` +
      `(1% critical value 1.63/√${K} = ${(1.63 / Math.sqrt(K)).toFixed(3)}). ${((Date.now() - t0) / 1000).toFixed(1)} s for the ${K} calibrations.`,
    '',
  );
}

// 2. normal mean vs analytic
{
  const rows = [];
  for (const [label, gens] of [
    ['fine (9 generations)', 9],
    ['coarse (3 generations)', 3],
  ]) {
    const m = [],
      s = [],
      em = [],
      es = [],
      eps = [];
    for (let seed = 1; seed <= 8; seed++) {
      const r = run(normalProblem({ value: 0.7 }), normal, { particles: 1000, seed, maxGenerations: gens, predictive: 0 });
      const e = r.posterior.epsilon * r.distance.scales[0].scale;
      const exact = moments((mu) => Phi((0.7 + e - mu) / TAU) - Phi((0.7 - e - mu) / TAU), -5, 5);
      m.push(r.marginals[0].mean);
      s.push(r.marginals[0].sd);
      em.push(exact.mean);
      es.push(exact.sd);
      eps.push(e);
    }
    rows.push(
      `| ${label} | ${f4(mean(eps))} | ${f4(mean(m))} ± ${f4(sdev(m))} | ${f4(mean(em))} | ${f4(mean(s))} ± ${f4(sdev(s))} | ${f4(mean(es))} |`,
    );
  }
  out.push(
    '### Normal mean against the analytic posterior (ȳ = 0.7, τ = 0.2, prior U(−5, 5); 1000 particles, seeds 1–8, mean ± sd over seeds)',
    '',
    '| tolerance | final ε (units of the statistic) | posterior mean | analytic ABC mean | posterior sd | analytic ABC sd |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    'The exact posterior is N(0.7, 0.2²); the analytic ABC posterior at tolerance ε has the density ∝ Φ((ȳ + ε − μ)/τ) − Φ((ȳ − ε − μ)/τ).',
    '',
  );
}

// 3. pyABC
{
  const ref = JSON.parse(readFileSync(join(root, 'test/fixtures/calibration/pyabc-reference.json'), 'utf8'));
  out.push(
    `### Against pyABC ${ref.pyabc} (same settings; HelixLab seeds 1–5, pyABC numpy seeds 1000–1004; mean ± sd over runs)`,
    '',
    '| problem | summary | HelixLab | pyABC | analytic |',
    '|---|---|---:|---:|---:|',
  );
  for (const [name, p] of Object.entries(ref.problems)) {
    const problem = {
      params: Object.entries(p.prior).map(([n, [lo, hi]]) => ({ name: n, lo, hi, scale: 'uniform' })),
      targets: {
        targets: Object.entries(p.observed).map(([metric, value]) => ({
          kind: 'value',
          metric,
          year: 0,
          value,
          name: metric,
          holdout: false,
        })),
      },
    };
    const sim = name === 'normal-mean' ? normal : lib.toySimulator({ toy: 'linear-gaussian', tau: p.tau });
    const runs = [1, 2, 3, 4, 5].map((seed) => {
      const r = run(problem, sim, { particles: 1000, seed, epsilons: p.epsilons, scale: 'none', minAcceptanceRate: 0, predictive: 0 });
      const s = {};
      r.params.forEach((q, j) => {
        const xs = r.posterior.values.map((v) => v[j]);
        s[`${q.name}.mean`] = r.marginals[j].mean;
        s[`${q.name}.sd`] = r.marginals[j].sd;
        s[`${q.name}.q05`] = lib.weightedQuantile(xs, r.posterior.weights, 0.05);
        s[`${q.name}.q50`] = lib.weightedQuantile(xs, r.posterior.weights, 0.5);
        s[`${q.name}.q95`] = lib.weightedQuantile(xs, r.posterior.weights, 0.95);
      });
      if (r.params.length === 2) s.corr = r.correlations.matrix[0][1];
      s.sims = r.simulations;
      return s;
    });
    const eps = p.epsilons.at(-1);
    const exact = {};
    if (name === 'normal-mean') Object.assign(exact, { 'mu.mean': 0.7, 'mu.sd': Math.sqrt(p.tau ** 2 + eps ** 2 / 3) });
    else {
      const s = Math.sqrt(p.tau ** 2 + eps ** 2 / 4);
      Object.assign(exact, { 'a.mean': 0.7, 'a.sd': Math.SQRT2 * s, 'b.mean': 0.3, 'b.sd': s, corr: -Math.SQRT1_2 });
    }
    for (const k of Object.keys(p.mean)) {
      const xs = runs.map((r) => r[k]);
      out.push(
        `| ${name} | ${k} | ${f4(mean(xs))} ± ${f4(sdev(xs))} | ${f4(p.mean[k])} ± ${f4(p.sd[k])} | ${k in exact ? f4(exact[k]) : ''} |`,
      );
    }
    const pySims = mean(p.runs.map((r) => r.simulations));
    out.push(
      `| ${name} | simulations per run | ${Math.round(mean(runs.map((r) => r.sims))).toLocaleString('en-US')} | ${Math.round(pySims).toLocaleString('en-US')} | |`,
    );
  }
  out.push(
    '',
    "HelixLab's simulations include generation 0 (the prior sample at ε = ∞, 1000 runs) that pyABC does not have; pyABC's first generation samples the prior at the first tolerance.",
    '',
  );
}
process.stdout.write(out.join('\n') + '\n');
