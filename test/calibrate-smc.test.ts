/**
 * ABC-SMC (src/calibrate/smc.ts, result.ts) on toy models with known posteriors (toys.ts):
 *
 * - normal mean with known variance and a uniform prior: the ABC posterior at the final tolerance
 *   ε has the density ∝ Φ((ȳ + ε − μ)/τ) − Φ((ȳ − ε − μ)/τ) on the prior's range; its mean, sd and
 *   5/95 % quantiles (numerical integration, test/helpers/normal.ts) against the weighted
 *   posterior, at a fine ε (then also ≈ the exact posterior N(ȳ, τ²)) and at a coarse one (sd ≈
 *   √(τ² + ε²/3), twice τ: the importance weights must be right for this to hold);
 * - linear Gaussian in two parameters: sd(a) = √2·s, sd(b) = s, correlation −1/√2 with
 *   s² = τ² + ε²/4 (a uniform disk of radius ε convolved with the noise);
 * - coverage over 100 calibrations with the truth drawn from the prior;
 * - determinism (any batch split, any evaluation order: the same bytes), stopping rules, ranges,
 *   holdouts, statistics that are not numbers, identifiability statements.
 *
 * Tolerances: the Monte Carlo spread of a posterior summary over seeds was measured at N = 1000
 * (16 seeds: sd 0.009 for both the mean and the sd of the normal-mean posterior, i.e. 0.045 τ);
 * averages over 8 seeds are compared within 0.015 (≈ 4.7 standard errors of such an average).
 */
import { describe, expect, it } from 'vitest';
import { calibrate, calibrateSync, jobRng, type AbcSmcOptions, type CalibrationProblem, type Simulator } from '../src/calibrate/smc.js';
import { calibrationResult, calibrationStatements, identifiability, type CalibrationResult } from '../src/calibrate/result.js';
import { calibrationJson, calibrationMarkdown, posteriorCsv } from '../src/calibrate/format.js';
import { toySimulator } from '../src/calibrate/toys.js';
import type { Target } from '../src/calibrate/targets.js';
import { createRng } from '../src/util/rng.js';
import { InputError } from '../src/model/errors.js';
import { densityMoments, Phi } from './helpers/normal.js';

const TAU = 0.2;
const normal = toySimulator({ toy: 'normal-mean', sigma: 1, n: 25 });
const linear = toySimulator({ toy: 'linear-gaussian', tau: TAU });

function meanTarget(obs: Partial<Target> & ({ value: number } | { min?: number; max?: number }), name = 'mean'): Target {
  return { kind: 'value', metric: 'mean', year: 0, name, holdout: false, ...obs } as Target;
}

function normalProblem(obs: Parameters<typeof meanTarget>[0], extra: Target[] = []): CalibrationProblem {
  return { params: [{ name: 'mu', lo: -5, hi: 5, scale: 'uniform' }], targets: { targets: [meanTarget(obs), ...extra] } };
}

function run(problem: CalibrationProblem, sim: Simulator, opts: AbcSmcOptions): CalibrationResult {
  return calibrationResult(calibrateSync(problem, sim, opts));
}

/** Final tolerance in the units of the statistic. */
function rawEpsilon(r: CalibrationResult): number {
  return r.posterior.epsilon * r.distance.scales[0]!.scale;
}

function abcNormal(ybar: number, eps: number) {
  return densityMoments((mu) => Phi((ybar + eps - mu) / TAU) - Phi((ybar - eps - mu) / TAU), -5, 5);
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('ABC-SMC against analytic posteriors', () => {
  it('normal mean, fine tolerance: mean, sd and 90% interval of the ABC posterior (8 seeds)', () => {
    const stats = {
      mean: [] as number[],
      sd: [] as number[],
      lo: [] as number[],
      hi: [] as number[],
      eMean: [] as number[],
      eSd: [] as number[],
    };
    const eLo: number[] = [];
    const eHi: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const r = run(normalProblem({ value: 0.7 }), normal, { particles: 1000, seed, maxGenerations: 9, predictive: 0 });
      const exact = abcNormal(0.7, rawEpsilon(r));
      const m = r.marginals[0]!;
      stats.mean.push(m.mean);
      stats.sd.push(m.sd);
      stats.lo.push(m.lo90);
      stats.hi.push(m.hi90);
      stats.eMean.push(exact.mean);
      stats.eSd.push(exact.sd);
      eLo.push(exact.quantile(0.05));
      eHi.push(exact.quantile(0.95));
      // the final tolerance is small: the ABC posterior is within 1 % of the exact one, N(0.7, 0.2²)
      expect(rawEpsilon(r)).toBeLessThan(0.05);
      expect(exact.sd).toBeLessThan(0.2 * 1.01);
      expect(r.posterior.ess).toBeGreaterThan(800);
      expect(r.stop.reason).toBe('max-generations');
    }
    expect(Math.abs(mean(stats.mean) - mean(stats.eMean))).toBeLessThan(0.015);
    expect(Math.abs(mean(stats.sd) - mean(stats.eSd))).toBeLessThan(0.015);
    expect(Math.abs(mean(stats.lo) - mean(eLo))).toBeLessThan(0.025);
    expect(Math.abs(mean(stats.hi) - mean(eHi))).toBeLessThan(0.025);
    // and against the exact posterior N(0.7, 0.2²) itself
    expect(mean(stats.mean)).toBeCloseTo(0.7, 1);
    expect(Math.abs(mean(stats.sd) - 0.2)).toBeLessThan(0.015);
  });

  it('normal mean, coarse tolerance: the posterior is as wide as the ABC posterior at that ε, not the exact one', () => {
    const sds: number[] = [];
    const exactSds: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const r = run(normalProblem({ value: 0.7 }), normal, { particles: 1000, seed, maxGenerations: 3, predictive: 0 });
      const eps = rawEpsilon(r);
      expect(eps).toBeGreaterThan(0.4); // coarse: the ABC posterior is about twice as wide as the exact one
      sds.push(r.marginals[0]!.sd);
      exactSds.push(abcNormal(0.7, eps).sd);
    }
    expect(mean(exactSds)).toBeGreaterThan(0.3);
    expect(Math.abs(mean(sds) - mean(exactSds)) / mean(exactSds)).toBeLessThan(0.05);
  });

  it('linear Gaussian: sds and the correlation −1/√2 of the two parameters (4 seeds)', () => {
    const problem: CalibrationProblem = {
      params: [
        { name: 'a', lo: -3, hi: 3, scale: 'uniform' },
        { name: 'b', lo: -3, hi: 3, scale: 'uniform' },
      ],
      targets: {
        targets: [
          { kind: 'value', metric: 's1', year: 0, value: 1.0, name: 's1', holdout: false },
          { kind: 'value', metric: 's2', year: 0, value: 0.3, name: 's2', holdout: false },
        ],
      },
    };
    const out = { am: [] as number[], bm: [] as number[], as: [] as number[], bs: [] as number[], r: [] as number[] };
    const eps = [2, 1, 0.5, 0.25, 0.12, 0.06];
    for (let seed = 1; seed <= 4; seed++) {
      const r = run(problem, linear, { particles: 1000, seed, epsilons: eps, scale: 'none', predictive: 0, minAcceptanceRate: 0 });
      expect(r.stop.reason).toBe('schedule-end');
      expect(r.posterior.epsilon).toBe(0.06);
      out.am.push(r.marginals[0]!.mean);
      out.bm.push(r.marginals[1]!.mean);
      out.as.push(r.marginals[0]!.sd);
      out.bs.push(r.marginals[1]!.sd);
      out.r.push(r.correlations.matrix[0]![1]!);
    }
    const s = Math.sqrt(TAU * TAU + 0.06 ** 2 / 4);
    expect(Math.abs(mean(out.am) - 0.7)).toBeLessThan(0.03);
    expect(Math.abs(mean(out.bm) - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(mean(out.as) - Math.SQRT2 * s) / (Math.SQRT2 * s)).toBeLessThan(0.06);
    expect(Math.abs(mean(out.bs) - s) / s).toBeLessThan(0.06);
    expect(Math.abs(mean(out.r) + Math.SQRT1_2)).toBeLessThan(0.04);
  });

  it('a range target: ε reaches 0, every accepted statistic is in the range, and the posterior is the analytic one', () => {
    const r = run(normalProblem({ min: 0.5, max: 0.9 }), normal, { particles: 1000, seed: 3, maxGenerations: 12, predictive: 200 });
    expect(r.stop.reason).toBe('min-epsilon');
    expect(r.posterior.epsilon).toBe(0);
    for (const s of r.posterior.statistics) {
      expect(s[0]).toBeGreaterThanOrEqual(0.5);
      expect(s[0]).toBeLessThanOrEqual(0.9);
    }
    const exact = densityMoments((mu) => Phi((0.9 - mu) / TAU) - Phi((0.5 - mu) / TAU), -5, 5);
    expect(Math.abs(r.marginals[0]!.mean - exact.mean)).toBeLessThan(0.03);
    expect(Math.abs(r.marginals[0]!.sd - exact.sd) / exact.sd).toBeLessThan(0.08);
    const check = r.predictive[0]!;
    expect(check.inside).toBe(true);
    expect(check.shareInRange).toBeGreaterThan(0.3);
    expect(check.shareInRange).toBeLessThan(0.8);
  });
});

describe('coverage of the 90% credible interval', () => {
  it('100 calibrations with the truth drawn from the prior: coverage within 3 binomial sd of 90%, ranks uniform', () => {
    // Bayesian coverage: μ* ~ U(−5, 5), ȳ = μ* + τZ; the exact posterior's 90% interval covers μ* with
    // probability exactly 0.90; the ABC posterior at ε > 0 is slightly wider (here by ~2 %), so the
    // expected coverage is 0.90–0.91. Binomial sd at n = 100: 0.03; accepted: 0.81 ≤ coverage ≤ 0.99.
    const K = 100;
    const rng = createRng('coverage-test');
    let covered = 0;
    const ranks: number[] = [];
    for (let k = 0; k < K; k++) {
      const draw = rng.stream('truth', k);
      const truth = draw.uniform(-5, 5);
      const ybar = truth + TAU * draw.normal();
      const r = run(normalProblem({ value: ybar }), normal, { particles: 300, seed: k + 1, maxGenerations: 7, predictive: 0 });
      const m = r.marginals[0]!;
      if (m.lo90 <= truth && truth <= m.hi90) covered++;
      let below = 0;
      r.posterior.values.forEach((v, i) => {
        if (v[0]! <= truth) below += r.posterior.weights[i]!;
      });
      ranks.push(below);
    }
    const coverage = covered / K;
    expect(coverage).toBeGreaterThanOrEqual(0.81);
    expect(coverage).toBeLessThanOrEqual(0.99);
    // the posterior CDF at the truth is uniform on [0, 1]: Kolmogorov–Smirnov at the 1 % level (D < 1.63/√n)
    ranks.sort((a, b) => a - b);
    let D = 0;
    ranks.forEach((u, i) => (D = Math.max(D, Math.abs((i + 1) / K - u), Math.abs(u - i / K))));
    expect(D).toBeLessThan(1.63 / Math.sqrt(K));
  });
});

describe('determinism', () => {
  const problem = normalProblem({ value: 0.7 }, [
    meanTarget({ min: 0, max: 1, holdout: true } as Partial<Target> & { min: number }, 'held'),
  ]);
  const opts: AbcSmcOptions = { particles: 200, seed: 7, maxGenerations: 5, predictive: 100 };
  const bytes = (r: CalibrationResult) => calibrationJson(r) + posteriorCsv(r) + calibrationMarkdown(r);

  it('the same seed gives the same bytes whatever the batches are cut into and the order jobs run in', async () => {
    const ref = bytes(run(problem, normal, opts));
    const split = createRng('split');
    const out = await calibrate(
      problem,
      async (jobs) => {
        // evaluate in random chunks, last chunk first, and reassemble in job order
        const chunks: Array<[number, number]> = [];
        for (let i = 0; i < jobs.length;) {
          const n = 1 + split.int(37);
          chunks.push([i, Math.min(jobs.length, i + n)]);
          i += n;
        }
        const res = new Array<Float64Array>(jobs.length);
        for (const [a, b] of chunks.reverse()) {
          await Promise.resolve();
          for (let k = a; k < b; k++) {
            const series = normal.run({ mu: jobs[k]!.params[0]! }, jobRng(7, jobs[k]!));
            res[k] = Float64Array.of(series.mean![0]!, series.mean![0]!);
          }
        }
        return res;
      },
      opts,
    );
    expect(bytes(calibrationResult(out))).toBe(ref);
  });

  it('another seed gives another posterior', () => {
    const a = run(problem, normal, opts);
    const b = run(problem, normal, { ...opts, seed: 8 });
    expect(posteriorCsv(a)).not.toBe(posteriorCsv(b));
  });

  it('a held-out target changes nothing in the fit', () => {
    const without = run(normalProblem({ value: 0.7 }), normal, opts);
    const withHoldout = run(problem, normal, opts);
    expect(withHoldout.posterior.values).toEqual(without.posterior.values);
    expect(withHoldout.posterior.weights).toEqual(without.posterior.weights);
    expect(withHoldout.generations).toEqual(without.generations);
  });
});

describe('stopping rules', () => {
  const problem = normalProblem({ value: 0.7 });
  it('max generations (generation 0 counted)', () => {
    const r = run(problem, normal, { particles: 200, seed: 1, maxGenerations: 3, predictive: 0 });
    expect(r.stop.reason).toBe('max-generations');
    expect(r.generations.map((g) => g.generation)).toEqual([0, 1, 2]);
    expect(r.generations[0]!.epsilon).toBe(Infinity);
    // ε_t is the median of the previous generation's accepted distances: it halves roughly
    expect(r.generations[2]!.epsilon).toBeLessThan(r.generations[1]!.epsilon * 0.75);
  });

  it('minimum ε: stops at the first generation at or below it', () => {
    const r = run(problem, normal, { particles: 200, seed: 1, minEpsilon: 0.1, maxGenerations: 20, predictive: 0 });
    expect(r.stop.reason).toBe('min-epsilon');
    const eps = r.generations.map((g) => g.epsilon);
    expect(eps[eps.length - 1]).toBeLessThanOrEqual(0.1);
    expect(eps[eps.length - 2]).toBeGreaterThan(0.1);
  });

  it('maximum simulations: the generation that would exceed the budget is abandoned', () => {
    const r = run(problem, normal, { particles: 200, seed: 1, maxSimulations: 3000, maxGenerations: 20, predictive: 50 });
    expect(r.stop.reason).toBe('max-simulations');
    expect(r.simulations - 50).toBeLessThanOrEqual(3000);
    const used = r.generations.reduce((s, g) => s + g.simulations, 0);
    expect(used).toBeLessThanOrEqual(3000);
    expect(r.posterior.particles).toBe(200);
  });

  it('minimum acceptance rate: no kept generation falls below it', () => {
    const r = run(problem, normal, { particles: 200, seed: 1, minAcceptanceRate: 0.2, maxGenerations: 30, predictive: 0 });
    expect(r.stop.reason).toBe('min-acceptance-rate');
    for (const g of r.generations) expect(g.acceptanceRate).toBeGreaterThanOrEqual(0.2);
    expect(r.stop.message).toMatch(/abandoned/);
  });

  it('a tolerance schedule runs to its end', () => {
    const r = run(problem, normal, { particles: 200, seed: 1, epsilons: [1, 0.5], scale: 'none', predictive: 0 });
    expect(r.stop.reason).toBe('schedule-end');
    expect(r.generations.map((g) => g.epsilon)).toEqual([Infinity, 1, 0.5]);
    for (const d of r.posterior.distances) expect(d).toBeLessThanOrEqual(0.5);
  });
});

describe('statistics that are not numbers, scales, identifiability, predictive checks', () => {
  it('targets are checked against the simulator before any run: an unknown metric is a located InputError', () => {
    const problem: CalibrationProblem = {
      params: [{ name: 'mu', lo: -5, hi: 5, scale: 'uniform' }],
      targets: { file: 't.json', targets: [{ kind: 'value', metric: 'maen', year: 0, value: 1, name: 'x', holdout: false }] },
    };
    expect(() => calibrateSync(problem, normal, { particles: 10 })).toThrow(InputError);
    expect(() => calibrateSync(problem, normal, { particles: 10 })).toThrow(
      "t.json: error: targets[0].metric: unknown metric 'maen' (did you mean 'mean'?)",
    );
  });

  it('a run whose statistic is NaN is never accepted', () => {
    const partial: Simulator = { ...normal, run: (p, rng) => (p.mu! < 0 ? { mean: [NaN] } : normal.run(p, rng)) };
    const r = run(normalProblem({ value: 0.1 }), partial, { particles: 300, seed: 2, maxGenerations: 6, predictive: 0 });
    for (const v of r.posterior.values) expect(v[0]).toBeGreaterThanOrEqual(0);
  });

  it('the scale is the MAD of the prior predictive sample (uniform ± noise: about 2.5)', () => {
    const r = run(normalProblem({ value: 0.7 }), normal, { particles: 1000, seed: 1, maxGenerations: 1, predictive: 0 });
    // MAD of U(−5, 5) is 2.5; the noise (sd 0.2) changes it by well under 1 %
    expect(r.distance.scales[0]!.scale).toBeGreaterThan(2.3);
    expect(r.distance.scales[0]!.scale).toBeLessThan(2.7);
    expect(r.stop.reason).toBe('max-generations');
  });

  it('a parameter the simulator ignores is "not identified"; the one it uses is "pinned down"', () => {
    const problem: CalibrationProblem = {
      params: [
        { name: 'mu', lo: -5, hi: 5, scale: 'uniform' },
        { name: 'ignored', lo: 0.01, hi: 100, scale: 'log-uniform' },
      ],
      targets: { targets: [meanTarget({ value: 0.7 })] },
    };
    const r = run(problem, normal, { particles: 500, seed: 4, maxGenerations: 7, predictive: 100 });
    expect(r.marginals[0]!.identifiability).toBe('pinned-down');
    expect(r.marginals[0]!.statement).toMatch(/^mu: pinned down: the 90% interval .* spans \d+% of the prior range$/);
    expect(r.marginals[1]!.identifiability).toBe('not-identified');
    expect(r.marginals[1]!.statement).toMatch(/not identified by these targets: the posterior is nearly as wide as the prior/);
    expect(r.marginals[1]!.statement).toMatch(/\(log scale\)$/);
    expect(r.marginals[1]!.intervalShare).toBeGreaterThan(0.8);
  });

  it('identifiability thresholds and the bound warning', () => {
    const p = { name: 'x', lo: 0, hi: 10, scale: 'uniform' as const };
    expect(identifiability(p, 4, 5, 6.5).level).toBe('pinned-down'); // 25 %
    expect(identifiability(p, 4, 5, 6.6).level).toBe('narrowed');
    expect(identifiability(p, 2, 5, 7).level).toBe('narrowed'); // 50 %
    expect(identifiability(p, 2, 5, 7.5).level).toBe('weak');
    expect(identifiability(p, 1, 5, 8.5).level).toBe('weak'); // 75 %
    expect(identifiability(p, 0.5, 5, 9.5).level).toBe('not-identified');
    expect(identifiability(p, 0.1, 1, 3).statement).toMatch(/piles up at the lower end of the prior \(0\)/);
    expect(identifiability(p, 8, 9.5, 9.9).statement).toMatch(/piles up at the upper end of the prior \(10\)/);
    const lp = { name: 'y', lo: 1, hi: 1000, scale: 'log-uniform' as const };
    // log scale: [10, 100] is one third of [ln 1, ln 1000]
    const id = identifiability(lp, Math.log(10), Math.log(30), Math.log(100));
    expect(id.share).toBeCloseTo(1 / 3, 12);
    expect(id.level).toBe('narrowed');
  });

  it('posterior predictive checks: the fitted target is inside, a contradicting held-out one is outside', () => {
    const problem = normalProblem({ value: 0.7 }, [meanTarget({ value: 3, holdout: true } as Partial<Target> & { value: number }, 'far')]);
    const r = run(problem, normal, { particles: 500, seed: 5, maxGenerations: 7, predictive: 500 });
    const [fit, far] = r.predictive;
    expect(fit!.inside).toBe(true);
    expect(fit!.observedQuantile).toBeGreaterThan(0.2);
    expect(fit!.observedQuantile).toBeLessThan(0.8);
    // predictive sd = √(posterior var + τ²) ≈ 0.28: the 90% interval is about 0.7 ± 0.47
    expect(fit!.hi90 - fit!.lo90).toBeGreaterThan(0.75);
    expect(fit!.hi90 - fit!.lo90).toBeLessThan(1.1);
    expect(far!.holdout).toBe(true);
    expect(far!.inside).toBe(false);
    expect(far!.observedQuantile).toBe(1);
    expect(r.statements.some((s) => /held-out target 'far' \(3\) is outside its posterior predictive 90% interval/.test(s))).toBe(true);
  });

  it('the findings derived again from a stored result are the stored ones; in Finnish the same findings', () => {
    // a held-out target outside, a prior-edge target, two correlated parameters and a log-scale one
    const normalR = run(
      normalProblem({ value: 0.7 }, [meanTarget({ value: 3, holdout: true } as Partial<Target> & { value: number }, 'far')]),
      normal,
      {
        particles: 300,
        seed: 5,
        maxGenerations: 5,
        predictive: 300,
      },
    );
    const linearR = run(
      {
        params: [
          { name: 'a', lo: -3, hi: 3, scale: 'uniform' },
          { name: 'b', lo: -3, hi: 3, scale: 'uniform' },
        ],
        targets: {
          targets: [
            { kind: 'value', metric: 's1', year: 0, name: 's1', holdout: false, value: 1 } as Target,
            { kind: 'value', metric: 's2', year: 0, name: 's2', holdout: false, value: 0.3 } as Target,
          ],
        },
      },
      linear,
      { particles: 300, seed: 3, maxGenerations: 5, predictive: 200 },
    );
    const logR = run(
      { params: [{ name: 'mu', lo: 0.001, hi: 5, scale: 'log-uniform' }], targets: { targets: [meanTarget({ value: 9 }, 'edge')] } },
      normal,
      { particles: 200, seed: 2, maxGenerations: 3, predictive: 100 },
    );
    for (const r of [normalR, linearR, logR]) expect(calibrationStatements(r, 'en', true)).toEqual(r.statements);
    expect(linearR.statements.some((s) => /a and b are negatively correlated in the posterior/.test(s))).toBe(true);
    expect(logR.statements.some((s) => /target 'edge' \(9\) lies above the prior predictive 90% range/.test(s))).toBe(true);
    expect(logR.statements[0]).toMatch(/piles up at the upper end of the prior \(5\).*\(log scale\)$/);
    const fi = (r: CalibrationResult) => calibrationStatements(r, 'fi');
    expect(fi(normalR)).toHaveLength(normalR.statements.length);
    expect(fi(normalR).some((s) => /sivuun jätetty kohde 'far' \(3\) on posteriorin ennusteen 90 %:n välin .* ulkopuolella/.test(s))).toBe(
      true,
    );
    expect(fi(linearR).some((s) => /a ja b korreloivat posteriorissa negatiivisesti \(r = -0,\d\d\)/.test(s))).toBe(true);
    expect(fi(logR)[0]).toMatch(/^mu: .*kasautuu priorin ylärajalle \(5\).*\(logaritminen asteikko\)$/);
  });
});
