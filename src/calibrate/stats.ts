/**
 * Numeric kernels of the calibration (browser-safe, pure): weighted quantiles, means, covariances
 * and correlations, the effective sample size, the median absolute deviation, a Cholesky
 * factorisation and the kernel-density sums behind the importance weights of ABC-SMC.
 *
 * Conventions:
 * - Weights are non-negative and need not sum to 1 (each function normalises).
 * - {@link weightedQuantile} is pyABC's `weighted_quantile` (pyabc/weighted_statistics): sort the
 *   points, put point i at the cumulative weight c_i − w_i / 2 (the middle of its weight), and
 *   interpolate linearly in α between those positions; α below the first position gives the
 *   smallest point, above the last the largest. With equal weights 1/n this is the Hazen quantile
 *   (Hyndman & Fan type 5).
 * - {@link weightedCovariance} is NumPy's `np.cov(X, aweights=w)` (reliability weights, the
 *   unbiased form): Σ = Σ_i w_i (x_i − x̄)(x_i − x̄)ᵀ / (1 − Σ_i w_i²) with w normalised.
 * - {@link effectiveSampleSize}: Kish's ESS = (Σ w)² / Σ w².
 * - {@link mad}: median absolute deviation from the median (unscaled, as pyABC's `mad`), with
 *   type-7 medians; non-finite values are left out.
 *
 * Layout: a sample of n points in d dimensions is one Float64Array of n·d numbers, point after
 * point (row-major). Indexing: loop counters stay below n and d, so element reads are in bounds;
 * the `!` on them (required by `noUncheckedIndexedAccess`) marks those reads.
 */

/** Weighted α-quantile of `points` (pyABC's definition; see the module doc). NaN for no points. */
export function weightedQuantile(points: ArrayLike<number>, weights: ArrayLike<number> | undefined, alpha: number): number {
  const n = points.length;
  if (n === 0) return NaN;
  const order = sortedOrder(points);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights ? weights[i]! : 1;
  let cum = 0;
  let prevPos = -Infinity;
  let prevVal = NaN;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const w = (weights ? weights[i]! : 1) / total;
    cum += w;
    const pos = cum - w / 2;
    const val = points[i]!;
    if (alpha <= pos) {
      if (k === 0 || pos === prevPos) return val;
      return prevVal + ((alpha - prevPos) / (pos - prevPos)) * (val - prevVal);
    }
    prevPos = pos;
    prevVal = val;
  }
  return prevVal;
}

/** Indices of `points` in ascending order of value (stable). */
export function sortedOrder(points: ArrayLike<number>): Uint32Array {
  const n = points.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => points[a]! - points[b]! || a - b);
}

/** Type-7 quantile of the finite values (NaN when there are none). */
export function quantile7(values: ArrayLike<number>, p: number): number {
  const xs: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) xs.push(values[i]!);
  if (xs.length === 0) return NaN;
  xs.sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(xs.length - 1, lo + 1);
  return xs[lo]! + (h - lo) * (xs[hi]! - xs[lo]!);
}

/** Median absolute deviation from the median of the finite values (unscaled). */
export function mad(values: ArrayLike<number>): number {
  const med = quantile7(values, 0.5);
  const dev: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) dev.push(Math.abs(values[i]! - med));
  return quantile7(dev, 0.5);
}

/** Sample standard deviation (n − 1) of the finite values; NaN for fewer than two. */
export function sd(values: ArrayLike<number>): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) continue;
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
}

/** Weights scaled to sum to 1 (a new array). */
export function normalised(weights: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += weights[i]!;
  const out = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) out[i] = weights[i]! / s;
  return out;
}

/** Kish's effective sample size (Σ w)² / Σ w². */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < weights.length; i++) {
    s += weights[i]!;
    s2 += weights[i]! * weights[i]!;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** Weighted mean of each of the d coordinates of n points (row-major `x`). */
export function weightedMean(x: Float64Array, n: number, d: number, weights: ArrayLike<number>): Float64Array {
  const w = normalised(weights);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += w[i]! * x[i * d + j]!;
  return mean;
}

/**
 * Weighted covariance (d × d, row-major) of n points, NumPy's `np.cov(aweights=w)`; 0 when all
 * the weight sits on one point.
 */
export function weightedCovariance(x: Float64Array, n: number, d: number, weights: ArrayLike<number>): Float64Array {
  const w = normalised(weights);
  const mean = weightedMean(x, n, d, w);
  const cov = new Float64Array(d * d);
  let w2 = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    w2 += wi * wi;
    for (let a = 0; a < d; a++) {
      const da = x[i * d + a]! - mean[a]!;
      for (let b = a; b < d; b++) cov[a * d + b]! += wi * da * (x[i * d + b]! - mean[b]!);
    }
  }
  const f = 1 - w2 > 1e-12 ? 1 / (1 - w2) : 0;
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      cov[a * d + b] = cov[a * d + b]! * f;
      cov[b * d + a] = cov[a * d + b]!;
    }
  return cov;
}

/** Pearson correlations (d × d, row-major) from a covariance; NaN where a variance is 0. */
export function correlationFromCovariance(cov: Float64Array, d: number): Float64Array {
  const r = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      const v = cov[a * d + a]! * cov[b * d + b]!;
      r[a * d + b] = a === b ? 1 : v > 0 ? cov[a * d + b]! / Math.sqrt(v) : NaN;
    }
  return r;
}

/**
 * Lower-triangular Cholesky factor L of a symmetric positive-definite d × d matrix (row-major),
 * LLᵀ = A; undefined when A is not positive definite.
 */
export function cholesky(a: Float64Array, d: number): Float64Array | undefined {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j]!;
    }
  }
  return l;
}

/**
 * Cholesky factor of A, made positive definite if needed by adding a growing multiple of the
 * mean diagonal (1e-10, 1e-8, …, 1) to the diagonal; a tiny identity when A is all zero.
 */
export function choleskyJittered(a: Float64Array, d: number): Float64Array {
  const direct = cholesky(a, d);
  if (direct) return direct;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += Math.abs(a[i * d + i]!);
  mean = mean / d || 1e-12;
  for (let e = -10; e <= 0; e += 2) {
    const b = Float64Array.from(a);
    for (let i = 0; i < d; i++) b[i * d + i]! += mean * 10 ** e;
    const l = cholesky(b, d);
    if (l) return l;
  }
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) l[i * d + i] = Math.sqrt(mean);
  return l;
}

/** Solve L y = x for lower-triangular L (forward substitution), in place into `out`. */
export function forwardSolve(
  l: Float64Array,
  d: number,
  x: ArrayLike<number>,
  xOffset: number,
  out: Float64Array,
  outOffset: number,
): void {
  for (let i = 0; i < d; i++) {
    let s = x[xOffset + i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * out[outOffset + k]!;
    out[outOffset + i] = s / l[i * d + i]!;
  }
}

/**
 * Log of the kernel-density sums behind the ABC-SMC weights: for each new point i,
 * log Σ_j W_j exp(−½ ‖u_i − u_j‖²), where u = L⁻¹z are the points whitened by the kernel's
 * Cholesky factor L (so the kernel is N(0, LLᵀ) up to a constant that cancels when weights are
 * normalised). O(m · n · d) time, O(n) scratch; the sum is shifted by its smallest squared distance
 * so that far points do not underflow to 0.
 */
export function logKernelSums(
  newU: Float64Array,
  m: number,
  oldU: Float64Array,
  n: number,
  d: number,
  oldW: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(m);
  const q = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    const io = i * d;
    let qmin = Infinity;
    for (let j = 0; j < n; j++) {
      const jo = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) {
        const t = newU[io + k]! - oldU[jo + k]!;
        s += t * t;
      }
      q[j] = s;
      if (s < qmin) qmin = s;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) sum += oldW[j]! * Math.exp(-0.5 * (q[j]! - qmin));
    out[i] = Math.log(sum) - 0.5 * qmin;
  }
  return out;
}
