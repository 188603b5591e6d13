/**
 * Morris elementary-effects screening (Morris 1991) with the μ* measure (Campolongo et al. 2007).
 *
 * Design: r trajectories in the unit hypercube discretised to p levels {0, 1/(p−1), …, 1}
 * (p even, default 4) with step Δ = p / (2(p − 1)). Each trajectory has k + 1 points: a random base
 * point x* with every coordinate on a level in [0, 1 − Δ], a random factor order (permutation) and a
 * random direction per factor; starting at x* (or x* + Δ on the factors whose direction is down),
 * point m changes factor perm[m−1] by ±Δ. This is the randomised orientation matrix
 * B* = (J x* + (Δ/2)[(2B − J)D* + J])P* of Morris (1991), written out. All draws come from the
 * seeded {@link Rng}. Unit coordinates map linearly to each factor's range: x = lo + u·(hi − lo).
 * Optionally (`candidates` > r), r trajectories are picked from a larger random pool to spread
 * them out (Campolongo et al. 2007), greedily: repeatedly drop the trajectory whose removal
 * keeps the largest sum of pairwise trajectory distances (Ruano et al. 2012 style heuristic).
 *
 * Elementary effect of factor i on a trajectory: EE_i = (y(after) − y(before)) / (u_after − u_before),
 * i.e. per unit of the normalised [0,1] range (multiply by 1/(hi − lo) for natural units).
 * Summary over the r effects: μ = mean EE, μ* = mean |EE| (Campolongo 2007), σ = sample standard
 * deviation of EE (n − 1 denominator). μ* has a bootstrap percentile interval over trajectories.
 * Large μ* = influential; large σ relative to μ* = non-linear or interacting.
 *
 * Layout of `points`: trajectory t occupies rows t·(k+1) … t·(k+1)+k.
 *
 * References: M. D. Morris (1991), "Factorial sampling plans for preliminary computational
 * experiments", Technometrics 33(2), 161–174. F. Campolongo, J. Cariboni, A. Saltelli (2007),
 * "An effective screening design for sensitivity analysis of large models", Environmental
 * Modelling & Software 22, 1509–1518.
 *
 * Indexing: design and result arrays have the sizes the design fixes (points × parameters, runs ×
 * years); indices are loop counters below those sizes, so the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { Rng } from '../../util/rng.js';
import { bootstrapSummary, validateRanges, type IndexEstimate, type ParamRange } from './sobol.js';

export interface MorrisDesign {
  method: 'morris';
  params: ParamRange[];
  /** Number of trajectories r. */
  r: number;
  /** Number of grid levels p. */
  levels: number;
  /** Step Δ in unit scale. */
  delta: number;
  /** Points in unit scale, r·(k+1) rows. */
  unit: number[][];
  /** Points in parameter units, r·(k+1) rows. */
  points: number[][];
}

export interface MorrisIndex {
  name: string;
  mu: number;
  muStar: IndexEstimate;
  sigma: number;
  /** The r elementary effects, per unit of the normalised range. */
  effects: number[];
}

export interface MorrisResult {
  method: 'morris';
  r: number;
  levels: number;
  delta: number;
  evaluations: number;
  bootstrap: number;
  confidence: number;
  indices: MorrisIndex[];
}

export interface MorrisDesignOptions {
  /** Grid levels p (even, ≥ 2; default 4). */
  levels?: number;
  /** Candidate pool size for Campolongo's spread-out selection (default: r, no selection). */
  candidates?: number;
}

function trajectory(k: number, p: number, delta: number, rng: Rng): number[][] {
  const baseLevels = Math.round((1 - delta) * (p - 1)) + 1; // levels 0..1-Δ
  const x: number[] = [];
  const up: boolean[] = [];
  for (let i = 0; i < k; i++) {
    const base = rng.int(baseLevels) / (p - 1);
    const dirUp = rng.bernoulli(0.5);
    up.push(dirUp);
    x.push(dirUp ? base : base + delta);
  }
  const order = rng.shuffle(Array.from({ length: k }, (_, i) => i));
  const rows = [x.slice()];
  for (const i of order) {
    x[i] = up[i] ? x[i]! + delta : x[i]! - delta;
    rows.push(x.slice());
  }
  return rows;
}

function trajectoryDistance(a: number[][], b: number[][]): number {
  let d = 0;
  for (const pa of a) {
    for (const pb of b) {
      let s = 0;
      for (let i = 0; i < pa.length; i++) s += (pa[i]! - pb[i]!) ** 2;
      d += Math.sqrt(s);
    }
  }
  return d;
}

/** lo + u·(hi − lo), clamped to [lo, hi] against rounding. */
export function scaleUnit(p: ParamRange, u: number): number {
  return Math.min(p.hi, Math.max(p.lo, p.lo + u * (p.hi - p.lo)));
}

/** Morris trajectory design with r trajectories. */
export function morrisDesign(params: readonly ParamRange[], r: number, rng: Rng, options: MorrisDesignOptions = {}): MorrisDesign {
  validateRanges(params);
  const p = options.levels ?? 4;
  if (!Number.isInteger(p) || p < 2 || p % 2 !== 0) throw new RangeError(`levels: expected an even integer >= 2, got ${p}`);
  if (!Number.isInteger(r) || r < 2) throw new RangeError(`trajectories: expected an integer >= 2, got ${r}`);
  const candidates = options.candidates ?? r;
  if (!Number.isInteger(candidates) || candidates < r)
    throw new RangeError(`candidates: expected an integer >= r (${r}), got ${candidates}`);
  const k = params.length;
  const delta = p / (2 * (p - 1));
  const trng = rng.stream('trajectories');
  let pool = Array.from({ length: candidates }, () => trajectory(k, p, delta, trng));
  if (candidates > r) {
    const D = pool.map((a) => pool.map((b) => (a === b ? 0 : trajectoryDistance(a, b))));
    const alive = pool.map((_, i) => i);
    while (alive.length > r) {
      // drop the trajectory with the smallest total distance to the others
      let worst = 0;
      let worstSum = Infinity;
      for (let a = 0; a < alive.length; a++) {
        let s = 0;
        for (const b of alive) s += D[alive[a]!]![b]!;
        if (s < worstSum) {
          worstSum = s;
          worst = a;
        }
      }
      alive.splice(worst, 1);
    }
    pool = alive.map((i) => pool[i]!);
  }
  const unit = pool.flat();
  const points = unit.map((u) => u.map((v, i) => scaleUnit(params[i]!, v)));
  return { method: 'morris', params: params.map((q) => ({ ...q })), r, levels: p, delta, unit, points };
}

export interface MorrisAnalyzeOptions {
  /** Bootstrap resamples for the μ* interval (default 500). */
  bootstrap?: number;
  confidence?: number;
}

/** Elementary effects and μ, μ*, σ from outputs `y` on `design.points` (same order). */
export function morrisAnalyze(design: MorrisDesign, y: ArrayLike<number>, rng: Rng, options: MorrisAnalyzeOptions = {}): MorrisResult {
  const k = design.params.length;
  const { r } = design;
  if (y.length !== r * (k + 1)) throw new RangeError(`expected ${r * (k + 1)} model outputs, got ${y.length}`);
  for (let j = 0; j < y.length; j++) {
    if (!Number.isFinite(y[j]!)) throw new RangeError(`model output ${j} is not a finite number (${y[j]})`);
  }
  const B = options.bootstrap ?? 500;
  const confidence = options.confidence ?? 0.95;
  const effects: number[][] = Array.from({ length: k }, () => []);
  for (let t = 0; t < r; t++) {
    for (let m = 1; m <= k; m++) {
      const a = design.unit[t * (k + 1) + m - 1]!;
      const b = design.unit[t * (k + 1) + m]!;
      let i = -1;
      for (let q = 0; q < k; q++) if (a[q] !== b[q]) i = q;
      const du = b[i]! - a[i]!;
      effects[i]!.push((y[t * (k + 1) + m]! - y[t * (k + 1) + m - 1]!) / du);
    }
  }
  const brng = rng.stream('bootstrap');
  const boots: number[][] = Array.from({ length: k }, () => []);
  for (let b = 0; b < B; b++) {
    const idx = Array.from({ length: r }, () => brng.int(r));
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (const t of idx) s += Math.abs(effects[i]![t]!);
      boots[i]!.push(s / r);
    }
  }
  return {
    method: 'morris',
    r,
    levels: design.levels,
    delta: design.delta,
    evaluations: y.length,
    bootstrap: B,
    confidence,
    indices: design.params.map((p, i) => {
      const ee = effects[i]!;
      const mu = ee.reduce((s, v) => s + v, 0) / r;
      const muStar = ee.reduce((s, v) => s + Math.abs(v), 0) / r;
      const sigma = Math.sqrt(ee.reduce((s, v) => s + (v - mu) ** 2, 0) / (r - 1));
      return { name: p.name, mu, muStar: bootstrapSummary(muStar, boots[i]!, confidence), sigma, effects: ee };
    }),
  };
}

/**
 * The Sobol g-function g(x) = Π (|4x_i − 2| + a_i)/(1 + a_i) on [0,1]^k (Saltelli & Sobol 1995):
 * the smaller a_i, the more important factor i.
 */
export function sobolG(x: readonly number[], a: readonly number[]): number {
  let g = 1;
  for (let i = 0; i < x.length; i++) g *= (Math.abs(4 * x[i]! - 2) + a[i]!) / (1 + a[i]!);
  return g;
}
