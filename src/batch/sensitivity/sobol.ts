/**
 * Variance-based global sensitivity analysis: Sobol first-order and total-effect indices with
 * Saltelli sampling and bootstrap confidence intervals.
 *
 * Design (Saltelli et al. 2010, section 4): two independent N × k matrices A and B of uniform
 * draws on [0,1)^k (drawn from the seeded {@link Rng}; plain Monte Carlo, not a quasi-random Sobol
 * sequence), and for each factor i the matrix A_B^(i) = A with column i taken from B. The model is
 * evaluated on N·(k+2) points. Points are laid out row by row: for sample row j the block
 * `j·(k+2) + 0` is A_j, `+1` is B_j and `+2+i` is A_B^(i)_j. Unit draws u are mapped linearly to
 * each factor's range: x = lo + u·(hi − lo) (factors are independent and uniform).
 *
 * Estimators (Saltelli et al. 2010, Table 2):
 *   V      = population variance of the 2N outputs f(A) ∪ f(B)
 *   S_i    = (1/N) Σ_j f(B)_j · (f(A_B^(i))_j − f(A)_j) / V             (Table 2 (b); Saltelli 2010)
 *   ST_i   = (1/(2N)) Σ_j (f(A)_j − f(A_B^(i))_j)² / V                  (Table 2 (f); Jansen 1999)
 * Confidence intervals: nonparametric bootstrap over the N sample rows (resampling row indices with
 * replacement from the seeded Rng, `rng.stream('bootstrap')`), percentile interval at the requested
 * level, plus the bootstrap standard deviation. A constant model (V = 0) gives indices of 0.
 *
 * References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto, S. Tarantola (2010),
 * "Variance based sensitivity analysis of model output. Design and estimator for the total
 * sensitivity index", Computer Physics Communications 181, 259–270. M. J. W. Jansen (1999),
 * "Analysis of variance designs for model output", Computer Physics Communications 117, 35–43.
 * Test function: T. Ishigami, T. Homma (1990), "An importance quantification technique in
 * uncertainty analysis for computer models", ISUMA '90.
 */
import type { Rng } from '../../util/rng.js';

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

/** Saltelli design with N base rows: N·(k+2) points. Draws come from `rng` (use a named substream). */
export function sobolDesign(params: readonly ParamRange[], n: number, rng: Rng): SobolDesign {
  validateRanges(params);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`samples: expected an integer >= 2, got ${n}`);
  const k = params.length;
  const scale = (i: number, u: number): number => Math.min(params[i]!.hi, Math.max(params[i]!.lo, params[i]!.lo + u * (params[i]!.hi - params[i]!.lo)));
  const points: number[][] = [];
  const sa = rng.stream('A');
  const sb = rng.stream('B');
  for (let j = 0; j < n; j++) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < k; i++) a.push(scale(i, sa.next()));
    for (let i = 0; i < k; i++) b.push(scale(i, sb.next()));
    points.push(a, b);
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i]!;
      points.push(ab);
    }
  }
  return { method: 'sobol', params: params.map((p) => ({ ...p })), n, points };
}

function estimates(y: ArrayLike<number>, n: number, k: number, rows: ArrayLike<number>): { s1: number[]; st: number[]; v: number; mean: number } {
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
      a1 += fb * (fab - fa);
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
