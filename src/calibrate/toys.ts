/**
 * Small simulators for validating and benchmarking the calibration (browser-safe, pure, seeded).
 * Each is described by plain data ({@link ToySpec}) so that it can be rebuilt in a worker thread
 * ({@link toySimulator}).
 *
 * - `normal-mean`: one parameter `mu`; the run reports `mean` at year 0, the mean of n draws from
 *   N(mu, σ²), i.e. mu + (σ / √n)·Z with Z standard normal. With a uniform prior on [lo, hi] and an
 *   observed mean ȳ the posterior is N(ȳ, σ²/n) truncated to [lo, hi]; the ABC posterior at
 *   tolerance ε (accept |s − ȳ| ≤ ε) is p(mu) ∝ Φ((ȳ + ε − mu)/τ) − Φ((ȳ − ε − mu)/τ) on [lo, hi],
 *   τ = σ/√n (test/calibrate-smc.test.ts integrates both).
 * - `linear-gaussian`: parameters `a`, `b`; the run reports `s1` = a + b + τZ₁ and `s2` = b + τZ₂
 *   at year 0. With a flat prior the posterior is normal with covariance τ²(AᵀA)⁻¹ = τ²[[2, −1],
 *   [−1, 1]]: sd(a) = τ√2, sd(b) = τ, correlation −1/√2.
 * - `synthetic-cluster`: a stochastic growth model with the shape of a case cluster (4 parameters
 *   `recruitRate`, `churn`, `tieRate`, `trustGain`; 15 years; metrics `members`, `ties`,
 *   `meanTrust`, `partnerships`, `reached`), for benchmarks. `work` adds that many rounds of integer
 *   hashing per simulated year, to give a run the cost of an engine run (~2–4 ms) without changing
 *   its output (it draws no random numbers).
 */
import type { Rng } from '../util/rng.js';
import type { RunSeries } from './targets.js';
import type { Simulator } from './smc.js';

/** A toy simulator as plain data. */
export type ToySpec =
  { toy: 'normal-mean'; sigma: number; n: number } | { toy: 'linear-gaussian'; tau: number } | { toy: 'synthetic-cluster'; work?: number };

/** Written to so that the busy work of `synthetic-cluster` is not optimised away. */
let sink = 0;

function busy(rounds: number, seed: number): void {
  let x = seed | 1;
  for (let i = 0; i < rounds; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  sink ^= x;
}

/** The simulator a spec describes. */
export function toySimulator(spec: ToySpec): Simulator {
  if (spec.toy === 'normal-mean') {
    const tau = spec.sigma / Math.sqrt(spec.n);
    return {
      metrics: ['mean'],
      years: 0,
      run: (p, rng) => ({ mean: [p.mu! + tau * rng.normal()] }),
    };
  }
  if (spec.toy === 'linear-gaussian') {
    const tau = spec.tau;
    return {
      metrics: ['s1', 's2'],
      years: 0,
      run: (p, rng) => ({ s1: [p.a! + p.b! + tau * rng.normal()], s2: [p.b! + tau * rng.normal()] }),
    };
  }
  const work = spec.work ?? 0;
  return {
    metrics: ['members', 'ties', 'meanTrust', 'partnerships', 'reached'],
    years: 15,
    startYear: 2010,
    run: (p, rng) => syntheticCluster(p, rng, work),
  };
}

/** The `synthetic-cluster` run (see the module doc). */
function syntheticCluster(p: Readonly<Record<string, number>>, rng: Rng, work: number): RunSeries {
  const years = 15;
  const K = 300;
  const members = new Float64Array(years + 1);
  const ties = new Float64Array(years + 1);
  const trust = new Float64Array(years + 1);
  const partnerships = new Float64Array(years + 1);
  const reached = new Float64Array(years + 1);
  let m = 30;
  let e = 40;
  let tr = 0.3;
  let pc = 0;
  let re = 30;
  members[0] = m;
  ties[0] = e;
  trust[0] = tr;
  reached[0] = re;
  const recruitRate = p.recruitRate!;
  const churn = p.churn!;
  const tieRate = p.tieRate!;
  const trustGain = p.trustGain!;
  for (let t = 1; t <= years; t++) {
    if (work > 0) busy(work, t); // draws nothing from rng: the output is the same for any work
    const recruits = rng.poisson(Math.max(0, recruitRate * m * (1 - m / K)));
    const leavers = rng.binomial(m, churn);
    m = Math.max(0, m + recruits - leavers);
    re += recruits;
    const maxTies = (m * (m - 1)) / 2;
    e = Math.min(maxTies, Math.max(0, e - rng.binomial(e, 0.1) + rng.poisson(tieRate * m)));
    tr = Math.min(1, Math.max(0, tr + trustGain * (1 - tr) - 0.05 * tr + rng.normal(0, 0.01)));
    pc += rng.binomial(Math.round(e), Math.min(1, 0.2 * trustGain * tr));
    members[t] = m;
    ties[t] = e;
    trust[t] = tr;
    partnerships[t] = pc;
    reached[t] = re;
  }
  return { members, ties, meanTrust: trust, partnerships, reached };
}

/** The value of the busy-work sink (read so that it is not dead code; no meaning). */
export function toySink(): number {
  return sink;
}
