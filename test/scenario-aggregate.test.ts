/**
 * Streaming summaries: exact type-7 quantiles (hand-computed and R/NumPy `linear` values), Welford mean
 * and sd, Student t intervals, P² beyond the exact limit, and paired differences.
 */
import { describe, expect, it } from 'vitest';
import { PairedDifference, quantileSorted, StreamingSummary, tCritical95 } from '../src/scenario/aggregate.js';
import { createRng } from '../src/util/rng.js';
import ref from './fixtures/scenario-stats.json';

describe('StreamingSummary', () => {
  it('1..10: mean, sd and type-7 quantiles as R quantile(1:10, c(.05,.5,.95))', () => {
    const s = new StreamingSummary();
    for (let i = 10; i >= 1; i--) s.add(i);
    const r = s.result();
    expect(r.n).toBe(10);
    expect(r.mean).toBe(5.5);
    expect(r.sd).toBeCloseTo(3.0276503540974917, 12); // sd(1:10)
    expect(r.p05).toBeCloseTo(1.45, 12);
    expect(r.p50).toBeCloseTo(5.5, 12);
    expect(r.p95).toBeCloseTo(9.55, 12);
    expect([r.p05, r.p50, r.p95]).toEqual(ref.quantiles_1_to_10.map((q) => expect.closeTo(q, 12)));
    // t.test(1:10)$conf.int (fixture from scipy)
    expect(r.ci95![0]).toBeCloseTo(ref.ci_1_to_10[0]!, 5);
    expect(r.ci95![1]).toBeCloseTo(ref.ci_1_to_10[1]!, 5);
  });

  it('leaves NaN and infinities out; with fewer than 2 values the sd and the interval are undefined (null)', () => {
    const s = new StreamingSummary();
    expect(s.result().mean).toBeNull();
    s.add(NaN);
    s.add(Infinity);
    s.add(2);
    const r = s.result();
    // one run says nothing about the spread: null, not 0 and a zero-width interval
    expect(r).toEqual({ n: 1, missing: 2, mean: 2, sd: null, ci95: null, p05: 2, p50: 2, p95: 2 });
    s.add(4);
    expect(s.result()).toMatchObject({ n: 2, mean: 3, sd: Math.SQRT2 });
    expect(s.result().ci95![0]).toBeCloseTo(3 - (12.706205 * Math.SQRT2) / Math.SQRT2, 9);
  });

  it('a statistic that overflows is null, not Infinity or NaN', () => {
    const s = new StreamingSummary();
    for (const x of [1e308, -1e308, 1e308]) s.add(x);
    const r = s.result();
    expect(r.n).toBe(3);
    // Welford's differences (2e308) and the interpolated 5 % quantile overflow: null, not Infinity
    expect(r).toMatchObject({ mean: null, sd: null, ci95: null, p05: null, p50: 1e308, p95: 1e308 });
  });

  it('P² beyond the exact limit stays within 1 % of the true quantiles of 100,000 uniforms', () => {
    const rng = createRng(5);
    const s = new StreamingSummary(1000);
    for (let i = 0; i < 100_000; i++) s.add(rng.next());
    const r = s.result();
    expect(r.p05!).toBeCloseTo(0.05, 2);
    expect(r.p50!).toBeCloseTo(0.5, 2);
    expect(r.p95!).toBeCloseTo(0.95, 2);
    expect(r.mean!).toBeCloseTo(0.5, 2);
    expect(r.sd!).toBeCloseTo(Math.sqrt(1 / 12), 2);
  });

  it('is exact up to the limit: agrees with sorting', () => {
    const rng = createRng(9);
    const xs = Array.from({ length: 999 }, () => rng.normal());
    const s = new StreamingSummary(1000);
    xs.forEach((x) => s.add(x));
    const sorted = Float64Array.from(xs).sort();
    expect(s.result().p05).toBe(quantileSorted(sorted, 0.05));
    expect(s.result().p95).toBe(quantileSorted(sorted, 0.95));
  });
});

describe('tCritical95', () => {
  it('matches qt(0.975, df) (scipy fixture) to 1e-4', () => {
    for (const [df, q] of Object.entries(ref.t975)) expect(Math.abs(tCritical95(Number(df)) - q), `df ${df}`).toBeLessThan(1e-4);
    expect(tCritical95(1e6)).toBeCloseTo(1.959964, 5);
  });
});

describe('PairedDifference', () => {
  it('mean difference, CI and P(greater) with ties counting one half', () => {
    const d = new PairedDifference();
    const a = [1, 2, 3, 4];
    const b = [2, 2, 5, 3];
    a.forEach((x, i) => d.add(x, b[i]!));
    const r = d.result();
    expect(r.meanDiff).toBe(0.5); // (1 + 0 + 2 − 1) / 4
    expect(r.probGreater).toBe((1 + 0.5 + 1 + 0) / 4);
    // t.test(c(1,0,2,-1))$conf.int (fixture from scipy)
    expect(r.ci95![0]).toBeCloseTo(ref.ci_diffs_1_0_2_m1[0]!, 5);
    expect(r.ci95![1]).toBeCloseTo(ref.ci_diffs_1_0_2_m1[1]!, 5);
  });
});
