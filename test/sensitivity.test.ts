/**
 * Sobol (Saltelli 2010 / Jansen) and Morris (Morris 1991, Campolongo 2007) on functions with known
 * answers. Ishigami (Ishigami & Homma 1990), a = 7, b = 0.1, on [−π, π]³: analytic indices from
 * V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V13 = 8b²π⁸/225
 * (Saltelli et al. 2010, Sobol' & Levitan 1999) → S1 ≈ 0.3139, S2 ≈ 0.4424, S3 = 0,
 * ST1 ≈ 0.5576, ST2 ≈ 0.4424, ST3 ≈ 0.2437.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../src/util/rng.js';
import { ishigami, ishigamiIndices, sobolAnalyze, sobolDesign, type ParamRange } from '../src/batch/sensitivity/sobol.js';
import { morrisAnalyze, morrisDesign, sobolG } from '../src/batch/sensitivity/morris.js';

const PI = Math.PI;
const ishParams: ParamRange[] = [
  { name: 'x1', lo: -PI, hi: PI },
  { name: 'x2', lo: -PI, hi: PI },
  { name: 'x3', lo: -PI, hi: PI },
];

describe('Ishigami analytic indices', () => {
  it('match the published values to 4 decimals', () => {
    const a = ishigamiIndices(7, 0.1);
    expect(a.variance).toBeCloseTo(13.8446, 3);
    expect(a.S1[0]).toBeCloseTo(0.3139, 4);
    expect(a.S1[1]).toBeCloseTo(0.4424, 4);
    expect(a.S1[2]).toBe(0);
    expect(a.ST[0]).toBeCloseTo(0.5576, 4);
    expect(a.ST[1]).toBeCloseTo(0.4424, 4);
    expect(a.ST[2]).toBeCloseTo(0.2437, 4);
    // first-order + interaction partition: S1 + S2 + S13 = 1
    expect(a.S1[0] + a.S1[1] + a.ST[2]).toBeCloseTo(1, 12);
  });
});

describe('Sobol / Saltelli on Ishigami', () => {
  const N = 8192;
  const design = sobolDesign(ishParams, N, createRng(42).stream('sobol'));
  const y = design.points.map((x) => ishigami(x));
  const res = sobolAnalyze(design, y, createRng(42).stream('sobol'), { bootstrap: 200 });
  const exact = ishigamiIndices();

  it('uses N(k+2) model runs in the documented layout', () => {
    expect(design.points.length).toBe(N * 5);
    const [a, b, ab1, ab2, ab3] = design.points.slice(0, 5) as number[][];
    expect(ab1).toEqual([b![0], a![1], a![2]]);
    expect(ab2).toEqual([a![0], b![1], a![2]]);
    expect(ab3).toEqual([a![0], a![1], b![2]]);
    for (const p of design.points) for (const v of p) expect(Math.abs(v)).toBeLessThanOrEqual(PI);
    expect(res.evaluations).toBe(N * 5);
  });

  it('estimates first-order and total indices within 0.03 of the analytic values', () => {
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(res.indices[i]!.S1.value - exact.S1[i]!)).toBeLessThan(0.03);
      expect(Math.abs(res.indices[i]!.ST.value - exact.ST[i]!)).toBeLessThan(0.03);
    }
    expect(Math.abs(res.variance - exact.variance) / exact.variance).toBeLessThan(0.05);
  });

  it('95% bootstrap intervals bracket the point estimate and are narrow', () => {
    for (const ix of res.indices) {
      for (const e of [ix.S1, ix.ST]) {
        expect(e.lo).toBeLessThanOrEqual(e.value + 1e-12);
        expect(e.hi).toBeGreaterThanOrEqual(e.value - 1e-12);
        expect(e.hi - e.lo).toBeLessThan(0.1);
        expect(e.sd).toBeGreaterThan(0);
      }
    }
  });

  it('intervals mostly contain the analytic values (6 indices, allow at most one miss)', () => {
    let miss = 0;
    for (let i = 0; i < 3; i++) {
      const ix = res.indices[i]!;
      if (exact.S1[i]! < ix.S1.lo || exact.S1[i]! > ix.S1.hi) miss++;
      if (exact.ST[i]! < ix.ST.lo || exact.ST[i]! > ix.ST.hi) miss++;
    }
    expect(miss).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    const d2 = sobolDesign(ishParams, 64, createRng(7).stream('sobol'));
    const d3 = sobolDesign(ishParams, 64, createRng(7).stream('sobol'));
    const d4 = sobolDesign(ishParams, 64, createRng(8).stream('sobol'));
    expect(d3.points).toEqual(d2.points);
    expect(d4.points).not.toEqual(d2.points);
    const y2 = d2.points.map((x) => ishigami(x));
    const r1 = sobolAnalyze(d2, y2, createRng(7), { bootstrap: 50 });
    const r2 = sobolAnalyze(d2, y2, createRng(7), { bootstrap: 50 });
    expect(JSON.stringify(r1)).toBe(JSON.stringify(r2));
  });

  it('gives exact indices for an additive linear model', () => {
    // y = 2 x1 + x2 on [0,1]²: V1 = 4/12, V2 = 1/12, S = ST = (0.8, 0.2); Saltelli's estimators
    // converge to it, and ST is estimated by Jansen without bias.
    const params: ParamRange[] = [
      { name: 'a', lo: 0, hi: 1 },
      { name: 'b', lo: 0, hi: 1 },
    ];
    const d = sobolDesign(params, 20000, createRng(1));
    const r = sobolAnalyze(d, d.points.map((x) => 2 * x[0]! + x[1]!), createRng(1), { bootstrap: 0 });
    expect(r.indices[0]!.S1.value).toBeCloseTo(0.8, 1);
    expect(r.indices[1]!.S1.value).toBeCloseTo(0.2, 1);
    expect(r.indices[0]!.ST.value).toBeCloseTo(0.8, 1);
    expect(r.indices[1]!.ST.value).toBeCloseTo(0.2, 1);
  });

  it('rejects bad input', () => {
    expect(() => sobolDesign([{ name: 'a', lo: 1, hi: 1 }], 10, createRng(1))).toThrow(/lo < hi/);
    expect(() => sobolAnalyze(design, [1, 2, 3], createRng(1))).toThrow(/expected 40960/);
  });
});

describe('Morris elementary effects', () => {
  it('builds trajectories of k+1 points on the p-level grid, one factor moving by ±Δ per step', () => {
    const params: ParamRange[] = [0, 1, 2, 3].map((i) => ({ name: `x${i}`, lo: 0, hi: 1 }));
    const d = morrisDesign(params, 10, createRng(3), { levels: 4 });
    expect(d.delta).toBeCloseTo(2 / 3, 15);
    expect(d.unit.length).toBe(10 * 5);
    for (let t = 0; t < 10; t++) {
      const moved = new Set<number>();
      for (let m = 1; m <= 4; m++) {
        const a = d.unit[t * 5 + m - 1]!;
        const b = d.unit[t * 5 + m]!;
        const diff = a.map((v, i) => b[i]! - v).map((v, i) => [i, v] as const).filter(([, v]) => v !== 0);
        expect(diff.length).toBe(1);
        expect(Math.abs(diff[0]![1])).toBeCloseTo(2 / 3, 12);
        moved.add(diff[0]![0]);
      }
      expect(moved.size).toBe(4);
      for (const p of d.unit.slice(t * 5, t * 5 + 5)) {
        for (const v of p) {
          expect(v).toBeGreaterThanOrEqual(-1e-12);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
          expect(Math.abs(v * 3 - Math.round(v * 3))).toBeLessThan(1e-9); // on the 4-level grid
        }
      }
    }
  });

  it('recovers the exact effects of a linear model (σ = 0)', () => {
    const params: ParamRange[] = [
      { name: 'a', lo: 0, hi: 2 },
      { name: 'b', lo: -1, hi: 1 },
      { name: 'c', lo: 10, hi: 20 },
    ];
    const d = morrisDesign(params, 8, createRng(5));
    const y = d.points.map((x) => 3 * x[0]! - 2 * x[1]! + 0 * x[2]!);
    const r = morrisAnalyze(d, y, createRng(5), { bootstrap: 100 });
    // EE per unit of the normalised range = coefficient × (hi − lo)
    expect(r.indices[0]!.mu).toBeCloseTo(6, 10);
    expect(r.indices[0]!.muStar.value).toBeCloseTo(6, 10);
    expect(r.indices[0]!.sigma).toBeCloseTo(0, 10);
    expect(r.indices[1]!.mu).toBeCloseTo(-4, 10);
    expect(r.indices[1]!.muStar.value).toBeCloseTo(4, 10);
    expect(r.indices[2]!.muStar.value).toBe(0);
  });

  it('ranks the Sobol g-function factors by importance (a = 0, 1, 4.5, 9, 99)', () => {
    const a = [0, 1, 4.5, 9, 99];
    const params: ParamRange[] = a.map((_, i) => ({ name: `x${i + 1}`, lo: 0, hi: 1 }));
    const d = morrisDesign(params, 50, createRng(11), { candidates: 100 });
    const y = d.points.map((x) => sobolG(x, a));
    const r = morrisAnalyze(d, y, createRng(11));
    const ms = r.indices.map((ix) => ix.muStar.value);
    for (let i = 0; i + 1 < ms.length; i++) expect(ms[i]!).toBeGreaterThan(ms[i + 1]!);
    // x5 (a = 99) is nearly inert: its μ* is under 2% of x1's
    expect(ms[4]! / ms[0]!).toBeLessThan(0.02);
  });

  it('on Ishigami, x3 alone has μ ≈ 0 with large σ (pure interaction), and x1 is influential', () => {
    const d = morrisDesign(ishParams, 200, createRng(2));
    const r = morrisAnalyze(d, d.points.map((x) => ishigami(x)), createRng(2), { bootstrap: 100 });
    const [x1, , x3] = r.indices;
    expect(x1!.muStar.value).toBeGreaterThan(1);
    expect(Math.abs(x3!.mu)).toBeLessThan(0.35 * x3!.muStar.value + 0.5);
    expect(x3!.sigma).toBeGreaterThan(x3!.muStar.value * 0.8);
  });

  it('spread-out selection keeps r trajectories and is deterministic', () => {
    const params: ParamRange[] = [0, 1, 2].map((i) => ({ name: `x${i}`, lo: 0, hi: 1 }));
    const d1 = morrisDesign(params, 5, createRng(9), { candidates: 20 });
    const d2 = morrisDesign(params, 5, createRng(9), { candidates: 20 });
    expect(d1.unit.length).toBe(20);
    expect(d1.unit).toEqual(d2.unit);
    expect(() => morrisDesign(params, 5, createRng(9), { levels: 3 })).toThrow(/even/);
  });
});

describe('sensitivity specs (helixlab sensitivity)', async () => {
  const { parseParamSpec, parseParamSpecs, sensitivityDesign, analyzeSensitivity, sensitivityTable, sensitivityRows } = await import('../src/batch/sensitivity/run.js');

  it('parses path:lo:hi[:int] and rejects bad ranges', () => {
    expect(parseParamSpec('network.openness:0.05:0.6')).toEqual({ name: 'network.openness', lo: 0.05, hi: 0.6, integer: false });
    expect(parseParamSpec('coordination.organisations:1:4:int')).toEqual({ name: 'coordination.organisations', lo: 1, hi: 4, integer: true });
    for (const bad of ['x', 'x:1', 'x:1:1', 'x:2:1', 'x:a:1', ':0:1', 'x:0:1:float']) expect(() => parseParamSpec(bad), bad).toThrow(/--param/);
    expect(() => parseParamSpecs(['a:0:1', 'a:0:2'])).toThrow(/twice/);
    expect(() => parseParamSpecs([])).toThrow(/at least one/);
  });

  it('rounds integer parameters, keeps the seeded design, and analyses it end to end', () => {
    const spec = { method: 'sobol' as const, params: [parseParamSpec('a:1:4:int'), parseParamSpec('b:0:1')], samples: 256, seed: 5, bootstrap: 50 };
    const d = sensitivityDesign(spec);
    expect(d.points.length).toBe(256 * 4);
    for (const p of d.points) {
      expect(Number.isInteger(p[0])).toBe(true);
      expect(p[0]).toBeGreaterThanOrEqual(1);
      expect(p[0]).toBeLessThanOrEqual(4);
    }
    expect(sensitivityDesign(spec).points).toEqual(d.points);
    // y = 10·a + b: a dominates
    const res = analyzeSensitivity(spec, d, d.points.map(([a, b]) => 10 * a! + b!));
    expect(res.method).toBe('sobol');
    if (res.method === 'sobol') {
      expect(res.indices[0]!.S1.value).toBeGreaterThan(0.95);
      expect(res.indices[1]!.ST.value).toBeLessThan(0.02);
    }
    const table = sensitivityTable(res);
    expect(table.split('\n')[0]).toMatch(/^parameter\s+S1\s+S1 95% CI\s+ST\s+ST 95% CI$/);
    expect(sensitivityRows(res)[0]).toEqual(['parameter', 'S1', 'S1_lo', 'S1_hi', 'S1_sd', 'ST', 'ST_lo', 'ST_hi', 'ST_sd']);
  });

  it('morris specs use trajectories and levels', () => {
    const spec = { method: 'morris' as const, params: [parseParamSpec('a:0:1'), parseParamSpec('b:0:2')], samples: 5, seed: 1, levels: 6 };
    const d = sensitivityDesign(spec);
    expect(d.method).toBe('morris');
    expect(d.points.length).toBe(5 * 3);
    if (d.method === 'morris') expect(d.delta).toBeCloseTo(0.6, 12);
    const res = analyzeSensitivity(spec, d, d.points.map(([a, b]) => a! - 3 * b!));
    if (res.method === 'morris') {
      expect(res.indices[0]!.mu).toBeCloseTo(1, 10);
      expect(res.indices[1]!.mu).toBeCloseTo(-6, 10);
    }
  });
});
