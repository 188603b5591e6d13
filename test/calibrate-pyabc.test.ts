/**
 * HelixLab's ABC-SMC against pyABC on the same two toy problems, with the same settings (1000
 * particles, Euclidean distance on the raw statistics, the same tolerance schedule, a normal kernel
 * with 2 × the weighted covariance). The reference numbers are in
 * test/fixtures/calibration/pyabc-reference.json, made by pyabc_reference.py beside it (pyABC
 * 0.12.18, 5 runs with numpy seeds 1000–1004; see the script for how it was run).
 *
 * Each summary (weighted mean, sd, 5/50/95 % quantiles of each parameter; the correlation) is
 * averaged over 5 HelixLab runs (seeds 1–5) and compared with pyABC's average over its 5 runs.
 * Tolerance: 4 standard errors of the difference of the two averages,
 * 4 · √(s_pyABC² / 5 + s_HelixLab² / 5), with s the spread over runs of each tool (pyABC's from the
 * fixture, HelixLab's from the 5 runs here). Both are also compared with the analytic ABC
 * posterior at the final tolerance (toys.ts): the normal mean has sd √(τ² + ε²/3); the linear
 * Gaussian sd(a) = √2·s, sd(b) = s with s² = τ² + ε²/4, and correlation −1/√2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateSync, type CalibrationProblem } from '../src/calibrate/smc.js';
import { calibrationResult, type CalibrationResult } from '../src/calibrate/result.js';
import { weightedQuantile } from '../src/calibrate/stats.js';
import { toySimulator } from '../src/calibrate/toys.js';

interface Reference {
  pyabc: string;
  repeats: number;
  problems: Record<
    string,
    {
      prior: Record<string, [number, number]>;
      observed: Record<string, number>;
      tau: number;
      epsilons: number[];
      mean: Record<string, number>;
      sd: Record<string, number>;
    }
  >;
}

const ref = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/calibration/pyabc-reference.json'), 'utf8')) as Reference;
const SEEDS = [1, 2, 3, 4, 5];

function summaries(r: CalibrationResult): Record<string, number> {
  const out: Record<string, number> = {};
  r.params.forEach((p, j) => {
    const xs = r.posterior.values.map((v) => v[j]!);
    const m = r.marginals[j]!;
    out[`${p.name}.mean`] = m.mean;
    out[`${p.name}.sd`] = m.sd;
    out[`${p.name}.q05`] = weightedQuantile(xs, r.posterior.weights, 0.05);
    out[`${p.name}.q50`] = weightedQuantile(xs, r.posterior.weights, 0.5);
    out[`${p.name}.q95`] = weightedQuantile(xs, r.posterior.weights, 0.95);
  });
  if (r.params.length === 2) out.corr = r.correlations.matrix[0]![1]!;
  return out;
}

function runProblem(name: string): { mean: Record<string, number>; sd: Record<string, number> } {
  const p = ref.problems[name]!;
  const problem: CalibrationProblem = {
    params: Object.entries(p.prior).map(([n, [lo, hi]]) => ({ name: n, lo, hi, scale: 'uniform' as const })),
    targets: {
      targets: Object.entries(p.observed).map(([metric, value]) => ({
        kind: 'value' as const,
        metric,
        year: 0,
        value,
        name: metric,
        holdout: false,
      })),
    },
  };
  const sim =
    name === 'normal-mean' ? toySimulator({ toy: 'normal-mean', sigma: 1, n: 25 }) : toySimulator({ toy: 'linear-gaussian', tau: p.tau });
  const runs = SEEDS.map((seed) =>
    summaries(
      calibrationResult(
        calibrateSync(problem, sim, { particles: 1000, seed, epsilons: p.epsilons, scale: 'none', minAcceptanceRate: 0, predictive: 0 }),
      ),
    ),
  );
  const mean: Record<string, number> = {};
  const sd: Record<string, number> = {};
  for (const k of Object.keys(runs[0]!)) {
    const xs = runs.map((r) => r[k]!);
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    mean[k] = m;
    sd[k] = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  }
  return { mean, sd };
}

describe(`agreement with pyABC ${ref.pyabc}`, () => {
  for (const name of Object.keys(ref.problems)) {
    it(`${name}: means, sds, quantiles (and correlation) within 4 standard errors of pyABC's`, () => {
      const p = ref.problems[name]!;
      const mine = runProblem(name);
      const keys = Object.keys(p.mean);
      expect(keys.length).toBeGreaterThanOrEqual(5);
      for (const k of keys) {
        const tol = 4 * Math.sqrt(p.sd[k]! ** 2 / ref.repeats + mine.sd[k]! ** 2 / SEEDS.length);
        expect(
          Math.abs(mine.mean[k]! - p.mean[k]!),
          `${name} ${k}: HelixLab ${mine.mean[k]} vs pyABC ${p.mean[k]} (tolerance ${tol})`,
        ).toBeLessThan(tol);
      }
      // both against the analytic ABC posterior: within 4 standard errors of each tool's average
      const eps = p.epsilons[p.epsilons.length - 1]!;
      const exact: Record<string, number> = {};
      if (name === 'normal-mean') {
        exact['mu.mean'] = 0.7;
        exact['mu.sd'] = Math.sqrt(p.tau ** 2 + eps ** 2 / 3);
      } else {
        const s = Math.sqrt(p.tau ** 2 + eps ** 2 / 4);
        Object.assign(exact, { 'a.mean': 0.7, 'b.mean': 0.3, 'a.sd': Math.SQRT2 * s, 'b.sd': s, corr: -Math.SQRT1_2 });
      }
      for (const [tool, avg, spread, n] of [
        ['HelixLab', mine.mean, mine.sd, SEEDS.length],
        ['pyABC', p.mean, p.sd, ref.repeats],
      ] as const) {
        for (const [k, v] of Object.entries(exact)) {
          const tol = (4 * spread[k]!) / Math.sqrt(n);
          expect(Math.abs(avg[k]! - v), `${tool} ${name} ${k}: ${avg[k]} vs analytic ${v} (tolerance ${tol})`).toBeLessThan(tol);
        }
      }
    });
  }
});
