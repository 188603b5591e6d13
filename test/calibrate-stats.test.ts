/**
 * Numeric kernels of the calibration (src/calibrate/stats.ts), against hand computations and the
 * definitions they follow: pyABC's weighted quantile, NumPy's `np.cov(aweights=…)` (values checked
 * with NumPy 2.4: [[1.1, 0.4], [0.4, 0.8]] for the example below), Kish's effective sample size.
 */
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  choleskyJittered,
  correlationFromCovariance,
  effectiveSampleSize,
  forwardSolve,
  logKernelSums,
  mad,
  quantile7,
  weightedCovariance,
  weightedMean,
  weightedQuantile,
} from '../src/calibrate/stats.js';

describe('weighted statistics', () => {
  it("weighted quantile: pyABC's interpolation between the midpoints of the cumulative weights", () => {
    // equal weights: points at cumulative 0.125, 0.375, 0.625, 0.875
    expect(weightedQuantile([4, 1, 3, 2], undefined, 0.5)).toBe(2.5);
    expect(weightedQuantile([4, 1, 3, 2], undefined, 0.25)).toBe(1.5);
    expect(weightedQuantile([4, 1, 3, 2], undefined, 0.05)).toBe(1); // below the first midpoint: the smallest
    expect(weightedQuantile([4, 1, 3, 2], undefined, 0.95)).toBe(4);
    // weights 0.1..0.4: midpoints 0.05, 0.2, 0.45, 0.8; the median interpolates between 3 and 4
    expect(weightedQuantile([2, 4, 1, 3], [0.2, 0.4, 0.1, 0.3], 0.5)).toBeCloseTo(3 + 0.05 / 0.35, 14);
    // unnormalised weights give the same
    expect(weightedQuantile([2, 4, 1, 3], [2, 4, 1, 3], 0.5)).toBeCloseTo(3 + 0.05 / 0.35, 14);
    expect(weightedQuantile([], undefined, 0.5)).toBeNaN();
  });

  it('type-7 quantile, MAD and the effective sample size', () => {
    expect(quantile7([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile7([1, 2, NaN, 3, 4], 0.25)).toBe(1.75);
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(effectiveSampleSize([1, 1, 2])).toBeCloseTo(16 / 6, 14);
    expect(effectiveSampleSize([1, 1, 1, 1])).toBe(4);
  });

  it("weighted mean and covariance as NumPy's np.cov(aweights=w)", () => {
    const x = Float64Array.from([0, 0, 1, 2, 2, 1]);
    expect(Array.from(weightedMean(x, 3, 2, [1, 1, 2]))).toEqual([1.25, 1]);
    const cov = weightedCovariance(x, 3, 2, [1, 1, 2]);
    [1.1, 0.4, 0.4, 0.8].forEach((v, i) => expect(cov[i]).toBeCloseTo(v, 14));
    const r = correlationFromCovariance(cov, 2);
    expect(r[1]).toBeCloseTo(0.4 / Math.sqrt(1.1 * 0.8), 14);
    expect(r[0]).toBe(1);
  });
});

describe('linear algebra and kernel sums', () => {
  it('Cholesky factor and forward substitution', () => {
    const L = cholesky(Float64Array.from([4, 2, 2, 3]), 2)!;
    expect(Array.from(L)).toEqual([2, 0, 1, Math.SQRT2]);
    const out = new Float64Array(2);
    forwardSolve(L, 2, [2, 1 + Math.SQRT2], 0, out, 0);
    expect(out[0]).toBeCloseTo(1, 14);
    expect(out[1]).toBeCloseTo(1, 14);
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toBeUndefined(); // not positive definite
    const J = choleskyJittered(Float64Array.from([1, 1, 1, 1]), 2); // singular: a little added to the diagonal
    expect(J[0]! * J[0]!).toBeGreaterThanOrEqual(1);
    expect(J[3]! > 0).toBe(true);
  });

  it('log kernel sums equal the direct sums, also for far points (no underflow)', () => {
    const oldU = Float64Array.from([0, 0, 1, 0, 0, 2]);
    const w = [0.5, 0.3, 0.2];
    const newU = Float64Array.from([0.5, 0.5, 40, 40]);
    const got = logKernelSums(newU, 2, oldU, 3, 2, w);
    const direct = (u: number[]) =>
      Math.log(w.reduce((s, wj, j) => s + wj * Math.exp(-0.5 * ((u[0]! - oldU[2 * j]!) ** 2 + (u[1]! - oldU[2 * j + 1]!) ** 2)), 0));
    expect(got[0]).toBeCloseTo(direct([0.5, 0.5]), 12);
    // exp(−½ · ~3100) underflows to 0 directly; the shifted sum stays finite: ≈ −½ min q + log Σ…
    expect(Number.isFinite(got[1]!)).toBe(true);
    const qs = [0, 1, 2].map((j) => (40 - oldU[2 * j]!) ** 2 + (40 - oldU[2 * j + 1]!) ** 2);
    const qmin = Math.min(...qs);
    const expected = Math.log(w.reduce((s, wj, j) => s + wj * Math.exp(-0.5 * (qs[j]! - qmin)), 0)) - 0.5 * qmin;
    expect(got[1]).toBeCloseTo(expected, 9);
  });
});
