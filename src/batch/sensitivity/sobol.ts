/**
 * Variance-based global sensitivity analysis: Sobol first-order and total-effect indices with
 * Saltelli sampling and bootstrap confidence intervals.
 *
 * Design (Saltelli et al. 2010, section 4): two N × k matrices A and B of points in [0,1)^k, and for
 * each factor i the matrix A_B^(i) = A with column i taken from B. The model is evaluated on
 * N·(k+2) points. Sampling (`options.sampling`):
 *  - `'sobol'` (default), as Saltelli et al. (2010) recommend: row j of A is the first k and row j
 *    of B the last k coordinates of point j (j = 0..N−1) of a 2k-dimensional Sobol' sequence
 *    (sobol-sequence.ts: Joe & Kuo 2008 direction numbers, so k ≤ 32) with a random digital shift
 *    drawn from `rng.stream('shift')`. The first point is kept (shifted, it is no longer the
 *    origin), so for N = 2^m every column of A and of B has exactly one value in each interval
 *    [i/N, (i+1)/N). Choose N a power of 2: other N lose that balance (still valid, less accurate).
 *  - `'random'`: independent pseudo-random draws, A from `rng.stream('A')` and B from
 *    `rng.stream('B')` (plain Monte Carlo; any N, any k). Points are laid out row by row: for sample row j the block
 * `j·(k+2) + 0` is A_j, `+1` is B_j and `+2+i` is A_B^(i)_j. Unit draws u are mapped linearly to
 * each factor's range: x = lo + u·(hi − lo) (factors are independent and uniform).
 *
 * Estimators (Saltelli et al. 2010, Table 2):
 *   V      = population variance of the 2N outputs f(A) ∪ f(B)
 *   S_i    = (1/N) Σ_j (f(B)_j − f̄) · (f(A_B^(i))_j − f(A)_j) / V       (Table 2 (b); Saltelli 2010)
 *            with f̄ the mean of the 2N outputs: the same in expectation as the uncentred formula,
 *            but it does not change when a constant is added to the output (SALib also centres);
 *            uncentred, a metric with a large mean and a small variance gave S_i far outside [0, 1]
 *   ST_i   = (1/(2N)) Σ_j (f(A)_j − f(A_B^(i))_j)² / V                  (Table 2 (f); Jansen 1999)
 * Confidence intervals: nonparametric bootstrap over the N sample rows (resampling row indices with
 * replacement from the seeded Rng, `rng.stream('bootstrap')`), percentile interval at the requested
 * level, plus the bootstrap standard deviation. A constant model (V = 0) gives indices of 0. The
 * bootstrap treats rows as independent; with Sobol' sampling they are not (they are more evenly
 * spread), so the intervals are wider than the actual error — conservative.
 *
 * References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010),
 * "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Computer Physics Communications 181, 259–270. M. J. W. Jansen (1999),
 * "Analysis of variance designs for model output", Computer Physics Communications 117, 35–43.
 * Test function: T. Ishigami, T. Homma (1990), "An importance quantification technique in
 * uncertainty analysis for computer models", ISUMA '90.
 *
 * Indexing: design and result arrays have the sizes the design fixes (points × parameters, runs ×
 * years); indices are loop counters below those sizes, so the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { Rng } from '../../util/rng.js';
import { SobolSequence, SOBOL_MAX_DIMENSION } from './sobol-sequence.js';

// the generator is part of the public API (src/batch/index.ts exports this module)
export {
  SobolSequence,
  SOBOL_BITS,
  SOBOL_MAX_DIMENSION,
  isPowerOfTwo,
  sobolDirectionNumbers,
  sobolPoints,
  type SobolSequenceOptions,
} from './sobol-sequence.js';

/** How the A and B matrices are drawn: a shifted Sobol' sequence or pseudo-random numbers. */
export type SobolSampling = 'sobol' | 'random';

/** A model input varied uniformly on [lo, hi]. */
export interface ParamRange {
  /** Name (for HelixLab: a scenario path such as `funding.public_share`). */
  name: string;
  lo: number;
  hi: number;
}

export interface SobolDesign {
  method: 'sobol';
  params: ParamRange[];
  sampling: SobolSampling;
  /** Base sample size N (rows of A and B). */
  n: number;
  /** N·(k+2) points in parameter units, in the block layout described in the module doc. */
  points: number[][];
}

export interface IndexEstimate {
  /** Point estimate from all N rows. */
  value: number;
  /** Bootstrap percentile interval. */
  lo: number;
  hi: number;
  /** Bootstrap standard deviation. */
  sd: number;
}

export interface SobolIndex {
  name: string;
  /** First-order index S_i. */
  S1: IndexEstimate;
  /** Total-effect index ST_i. */
  ST: IndexEstimate;
}

export interface SobolResult {
  method: 'sobol';
  n: number;
  /** Number of model evaluations N·(k+2). */
  evaluations: number;
  /** Output variance V used for normalisation. */
  variance: number;
  mean: number;
  bootstrap: number;
  confidence: number;
  indices: SobolIndex[];
}

export interface SobolDesignOptions {
  /** `'sobol'` (default) or `'random'`; see the module doc. */
  sampling?: SobolSampling;
}

export interface SobolAnalyzeOptions {
  /** Bootstrap resamples (default 500; 0 disables: intervals collapse to the point estimate). */
  bootstrap?: number;
  /** Confidence level of the percentile interval (default 0.95). */
  confidence?: number;
}

/** Check parameter ranges: finite, lo < hi, unique names. Throws RangeError. */
export function validateRanges(params: readonly ParamRange[]): void {
  if (params.length === 0) throw new RangeError('at least one parameter is needed');
  const seen = new Set<string>();
  for (const p of params) {
    if (!Number.isFinite(p.lo) || !Number.isFinite(p.hi) || !(p.lo < p.hi)) {
      throw new RangeError(`parameter ${p.name}: expected finite lo < hi, got ${p.lo}:${p.hi}`);
    }
    if (seen.has(p.name)) throw new RangeError(`parameter ${p.name} is given twice`);
    seen.add(p.name);
  }
}

/**
 * Saltelli design with N base rows: N·(k+2) points. Sobol' sampling (default) takes its digital
 * shift from `rng.stream('shift')`, random sampling its draws from `rng.stream('A')` and
 * `rng.stream('B')` (pass a named substream).
 */
export function sobolDesign(params: readonly ParamRange[], n: number, rng: Rng, options: SobolDesignOptions = {}): SobolDesign {
  validateRanges(params);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`samples: expected an integer >= 2, got ${n}`);
  const sampling = options.sampling ?? 'sobol';
  if (sampling !== 'sobol' && sampling !== 'random')
    throw new RangeError(`sampling: expected 'sobol' or 'random', got '${String(sampling)}'`);
  const k = params.length;
  if (sampling === 'sobol' && 2 * k > SOBOL_MAX_DIMENSION) {
    throw new RangeError(
      `Sobol' sampling handles at most ${SOBOL_MAX_DIMENSION / 2} parameters (a ${SOBOL_MAX_DIMENSION}-dimensional sequence), got ${k}; use random sampling`,
    );
  }
  const scale = (i: number, u: number): number =>
    Math.min(params[i]!.hi, Math.max(params[i]!.lo, params[i]!.lo + u * (params[i]!.hi - params[i]!.lo)));
  const points: number[][] = [];
  const push = (a: number[], b: number[]): void => {
    points.push(a, b);
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i]!;
      points.push(ab);
    }
  };
  if (sampling === 'sobol') {
    const seq = new SobolSequence(2 * k, { shift: rng.stream('shift') });
    for (let j = 0; j < n; j++) {
      const u = seq.next();
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < k; i++) a.push(scale(i, u[i]!));
      for (let i = 0; i < k; i++) b.push(scale(i, u[k + i]!));
      push(a, b);
    }
  } else {
    const sa = rng.stream('A');
    const sb = rng.stream('B');
    for (let j = 0; j < n; j++) {
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < k; i++) a.push(scale(i, sa.next()));
      for (let i = 0; i < k; i++) b.push(scale(i, sb.next()));
      push(a, b);
    }
  }
  return { method: 'sobol', params: params.map((p) => ({ ...p })), sampling, n, points };
}

function estimates(
  y: ArrayLike<number>,
  n: number,
  k: number,
  rows: ArrayLike<number>,
): { s1: number[]; st: number[]; v: number; mean: number } {
  const stride = k + 2;
  let sum = 0;
  for (let r = 0; r < n; r++) {
    const j = rows[r]!;
    sum += y[j * stride]! + y[j * stride + 1]!;
  }
  const mean = sum / (2 * n);
  let ss = 0;
  for (let r = 0; r < n; r++) {
    const j = rows[r]!;
    const da = y[j * stride]! - mean;
    const db = y[j * stride + 1]! - mean;
    ss += da * da + db * db;
  }
  const v = ss / (2 * n);
  const s1: number[] = [];
  const st: number[] = [];
  for (let i = 0; i < k; i++) {
    let a1 = 0;
    let at = 0;
    for (let r = 0; r < n; r++) {
      const j = rows[r]!;
      const fa = y[j * stride]!;
      const fb = y[j * stride + 1]!;
      const fab = y[j * stride + 2 + i]!;
      a1 += (fb - mean) * (fab - fa);
      at += (fa - fab) * (fa - fab);
    }
    s1.push(v > 0 ? a1 / n / v : 0);
    st.push(v > 0 ? at / (2 * n) / v : 0);
  }
  return { s1, st, v, mean };
}

/** Percentile of a sorted sample, linear interpolation between order statistics (R type 7). */
function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (n === 1) return sorted[0]!;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function bootstrapSummary(point: number, samples: number[], confidence: number): IndexEstimate {
  if (samples.length === 0) return { value: point, lo: point, hi: point, sd: 0 };
  const sorted = samples.slice().sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  let m = 0;
  for (const s of samples) m += s;
  m /= samples.length;
  let ss = 0;
  for (const s of samples) ss += (s - m) * (s - m);
  const sd = samples.length > 1 ? Math.sqrt(ss / (samples.length - 1)) : 0;
  return { value: point, lo: percentileSorted(sorted, alpha), hi: percentileSorted(sorted, 1 - alpha), sd };
}

/**
 * Sobol indices from the outputs `y` of the model on `design.points` (same order).
 * `rng` drives the bootstrap (pass a named substream for reproducibility).
 */
export function sobolAnalyze(design: SobolDesign, y: ArrayLike<number>, rng: Rng, options: SobolAnalyzeOptions = {}): SobolResult {
  const k = design.params.length;
  const n = design.n;
  if (y.length !== n * (k + 2)) throw new RangeError(`expected ${n * (k + 2)} model outputs, got ${y.length}`);
  for (let j = 0; j < y.length; j++) {
    if (!Number.isFinite(y[j]!)) throw new RangeError(`model output ${j} is not a finite number (${y[j]})`);
  }
  const B = options.bootstrap ?? 500;
  const confidence = options.confidence ?? 0.95;
  const all = new Int32Array(n);
  for (let j = 0; j < n; j++) all[j] = j;
  const point = estimates(y, n, k, all);
  const bs1: number[][] = Array.from({ length: k }, () => []);
  const bst: number[][] = Array.from({ length: k }, () => []);
  const brng = rng.stream('bootstrap');
  const rows = new Int32Array(n);
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < n; j++) rows[j] = brng.int(n);
    const e = estimates(y, n, k, rows);
    for (let i = 0; i < k; i++) {
      bs1[i]!.push(e.s1[i]!);
      bst[i]!.push(e.st[i]!);
    }
  }
  return {
    method: 'sobol',
    n,
    evaluations: y.length,
    variance: point.v,
    mean: point.mean,
    bootstrap: B,
    confidence,
    indices: design.params.map((p, i) => ({
      name: p.name,
      S1: bootstrapSummary(point.s1[i]!, bs1[i]!, confidence),
      ST: bootstrapSummary(point.st[i]!, bst[i]!, confidence),
    })),
  };
}

/** The Ishigami function f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³ (Ishigami & Homma 1990). */
export function ishigami(x: readonly number[], a = 7, b = 0.1): number {
  const s1 = Math.sin(x[0]!);
  const s2 = Math.sin(x[1]!);
  return s1 + a * s2 * s2 + b * x[2]! ** 4 * s1;
}

/**
 * Analytic Sobol indices of the Ishigami function (Ishigami & Homma 1990; Saltelli et al. 2010):
 * V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0,
 * V13 = b²π⁸(1/18 − 1/50) = 8b²π⁸/225; ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V.
 */
export function ishigamiIndices(a = 7, b = 0.1): { variance: number; S1: [number, number, number]; ST: [number, number, number] } {
  const pi4 = Math.PI ** 4;
  const pi8 = Math.PI ** 8;
  const V = (a * a) / 8 + (b * pi4) / 5 + (b * b * pi8) / 18 + 0.5;
  const V1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const V2 = (a * a) / 8;
  const V13 = (8 * b * b * pi8) / 225;
  return { variance: V, S1: [V1 / V, V2 / V, 0], ST: [(V1 + V13) / V, V2 / V, V13 / V] };
}
