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

  it('indices do not change when a constant is added to the output (centred estimator)', () => {
    // a metric with a large mean and a small spread (e.g. members ≈ 150 ± 1) must not give S1
    // outside [0, 1]: the first-order estimator uses f(B) − mean, as SALib does
    const small = sobolDesign(ishParams, 256, createRng(3).stream('sobol'));
    const y0 = small.points.map((x) => ishigami(x) / 100);
    const shifted = y0.map((v) => v + 1e4);
    const r0 = sobolAnalyze(small, y0, createRng(3), { bootstrap: 0 });
    const r1 = sobolAnalyze(small, shifted, createRng(3), { bootstrap: 0 });
    for (let i = 0; i < 3; i++) {
      expect(r1.indices[i]!.S1.value).toBeCloseTo(r0.indices[i]!.S1.value, 6);
      expect(r1.indices[i]!.ST.value).toBeCloseTo(r0.indices[i]!.ST.value, 6);
      expect(r1.indices[i]!.S1.value).toBeGreaterThan(-0.15);
      expect(r1.indices[i]!.S1.value).toBeLessThan(1.15);
    }
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
    const r = sobolAnalyze(
      d,
      d.points.map((x) => 2 * x[0]! + x[1]!),
      createRng(1),
      { bootstrap: 0 },
    );
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
        const diff = a
          .map((v, i) => b[i]! - v)
          .map((v, i) => [i, v] as const)
          .filter(([, v]) => v !== 0);
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
    const r = morrisAnalyze(
      d,
      d.points.map((x) => ishigami(x)),
      createRng(2),
      { bootstrap: 100 },
    );
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
  const { parseParamSpec, parseParamSpecs, sensitivityDesign, analyzeSensitivity, sensitivityTable, sensitivityRows } =
    await import('../src/batch/sensitivity/run.js');

  it('parses path:lo:hi[:int] and rejects bad ranges', () => {
    expect(parseParamSpec('network.openness:0.05:0.6')).toEqual({ name: 'network.openness', lo: 0.05, hi: 0.6, integer: false });
    expect(parseParamSpec('coordination.organisations:1:4:int')).toEqual({
      name: 'coordination.organisations',
      lo: 1,
      hi: 4,
      integer: true,
    });
    for (const bad of ['x', 'x:1', 'x:1:1', 'x:2:1', 'x:a:1', ':0:1', 'x:0:1:float'])
      expect(() => parseParamSpec(bad), bad).toThrow(/--param/);
    expect(() => parseParamSpecs(['a:0:1', 'a:0:2'])).toThrow(/twice/);
    expect(() => parseParamSpecs([])).toThrow(/at least one/);
  });

  it('rounds integer parameters, keeps the seeded design, and analyses it end to end', () => {
    const spec = {
      method: 'sobol' as const,
      params: [parseParamSpec('a:1:4:int'), parseParamSpec('b:0:1')],
      samples: 256,
      seed: 5,
      bootstrap: 50,
    };
    const d = sensitivityDesign(spec);
    expect(d.points.length).toBe(256 * 4);
    for (const p of d.points) {
      expect(Number.isInteger(p[0])).toBe(true);
      expect(p[0]).toBeGreaterThanOrEqual(1);
      expect(p[0]).toBeLessThanOrEqual(4);
    }
    expect(sensitivityDesign(spec).points).toEqual(d.points);
    // y = 10·a + b: a dominates
    const res = analyzeSensitivity(
      spec,
      d,
      d.points.map(([a, b]) => 10 * a! + b!),
    );
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
    const res = analyzeSensitivity(
      spec,
      d,
      d.points.map(([a, b]) => a! - 3 * b!),
    );
    if (res.method === 'morris') {
      expect(res.indices[0]!.mu).toBeCloseTo(1, 10);
      expect(res.indices[1]!.mu).toBeCloseTo(-6, 10);
    }
  });
});

describe('Sobol sequence (Joe & Kuo 2008 direction numbers, Gray-code order)', async () => {
  const { SobolSequence, sobolPoints, sobolDirectionNumbers, isPowerOfTwo, SOBOL_MAX_DIMENSION } =
    await import('../src/batch/sensitivity/sobol-sequence.js');
  const { readFileSync } = await import('node:fs');
  // scipy.stats.qmc.Sobol(64, scramble=False, bits=32), as integers x·2^32; made by
  // test/fixtures/sensitivity/make_sobol.py (SciPy 1.17.1)
  const fx = JSON.parse(readFileSync('test/fixtures/sensitivity/sobol-scipy.json', 'utf8')) as {
    dimension: number;
    first: number[][];
    far: { index: number; point: number[] }[];
  };

  /** Number of points in each of the 2^m intervals [i/2^m, (i+1)/2^m) of coordinate d. */
  const counts = (pts: readonly number[][], d: number, m: number): number[] => {
    const c = new Array<number>(2 ** m).fill(0);
    for (const p of pts) c[Math.floor(p[d]! * 2 ** m)]!++;
    return c;
  };

  it('starts with the published points (first 10 in 3 dimensions, as Joe & Kuo and SciPy print them)', () => {
    expect(sobolPoints(10, 3)).toEqual([
      [0, 0, 0],
      [0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25],
      [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625],
      [0.875, 0.875, 0.125],
      [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
      [0.1875, 0.3125, 0.9375],
      [0.6875, 0.8125, 0.4375],
    ]);
  });

  it('equals SciPy bit for bit in all 64 dimensions: the first 32 points and far points up to 2^32 − 1', () => {
    expect(SOBOL_MAX_DIMENSION).toBe(64);
    expect(fx.dimension).toBe(64);
    const s = new SobolSequence(64);
    for (const row of fx.first) expect(Array.from(s.nextUint32())).toEqual(row);
    expect(fx.far.map((f) => f.index)).toContain(2 ** 32 - 1);
    for (const f of fx.far) expect(Array.from(new SobolSequence(64, { skip: f.index }).nextUint32()), `point ${f.index}`).toEqual(f.point);
    // the first dimension is van der Corput: direction numbers 1/2, 1/4, ...
    expect(Array.from(sobolDirectionNumbers(1).slice(0, 3))).toEqual([2 ** 31, 2 ** 30, 2 ** 29]);
  });

  it('seek (Gray code of the index) agrees with stepping through the sequence', () => {
    const s = new SobolSequence(40);
    const all: number[][] = [];
    for (let i = 0; i < 3000; i++) all.push(Array.from(s.nextUint32()));
    for (const i of [1, 2, 3, 255, 256, 257, 1023, 2047, 2999]) {
      const t = new SobolSequence(40);
      t.seek(i);
      expect(t.index).toBe(i);
      expect(Array.from(t.nextUint32()), `point ${i}`).toEqual(all[i]);
    }
  });

  it('every 1-D projection of the first 2^m points has one point per interval [i/2^m, (i+1)/2^m), shifted or not', () => {
    const plain = sobolPoints(4096, 64);
    const shifted = sobolPoints(4096, 64, { shift: createRng(3).stream('shift') });
    for (const pts of [plain, shifted]) {
      for (const m of [1, 2, 5, 8, 12]) {
        const head = pts.slice(0, 2 ** m);
        for (let d = 0; d < 64; d++)
          expect(
            counts(head, d, m).every((c) => c === 1),
            `m=${m} d=${d}`,
          ).toBe(true);
      }
    }
    // skipping the first point breaks it (Owen 2020): the first 16 points after it miss [0, 1/16)
    const skipped = sobolPoints(16, 1, { skip: 1 });
    expect(counts(skipped, 0, 4)[0]).toBe(0);
  });

  it('a digital shift is seeded: same seed, same points; point 0 is the shift vector, not the origin', () => {
    const a = new SobolSequence(6, { shift: createRng(5).stream('x') });
    const b = new SobolSequence(6, { shift: createRng(5).stream('x') });
    const c = new SobolSequence(6, { shift: createRng(6).stream('x') });
    const pa = [a.next(), a.next()];
    expect([b.next(), b.next()]).toEqual(pa);
    expect(c.next()).not.toEqual(pa[0]);
    expect(pa[0]).toEqual(Array.from(a.shift, (w) => w / 2 ** 32));
    expect(pa[0]!.some((v) => v > 0)).toBe(true);
    // point 1 = shift ⊕ (1/2, ..., 1/2): each coordinate moves by exactly 1/2
    for (let d = 0; d < 6; d++) expect(Math.abs(pa[1]![d]! - pa[0]![d]!)).toBe(0.5);
  });

  it('rejects dimensions and indices out of range; knows powers of 2', () => {
    expect(() => new SobolSequence(0)).toThrow(/dimension from 1 to 64, got 0/);
    expect(() => new SobolSequence(65)).toThrow(/dimension from 1 to 64, got 65/);
    expect(() => new SobolSequence(2, { skip: 2 ** 32 })).toThrow(/point index/);
    expect([1, 2, 1024, 2 ** 20].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 1000, 0.5, -2].some(isPowerOfTwo)).toBe(false);
  });
});

describe('Saltelli design on a Sobol sequence (default) vs pseudo-random', () => {
  const exact = ishigamiIndices();
  /** Largest absolute error of the 6 Ishigami indices. */
  const maxError = (n: number, seed: number, sampling: 'sobol' | 'random'): number => {
    const d = sobolDesign(ishParams, n, createRng(seed).stream('sobol'), { sampling });
    expect(d.sampling).toBe(sampling);
    const r = sobolAnalyze(
      d,
      d.points.map((x) => ishigami(x)),
      createRng(seed),
      { bootstrap: 0 },
    );
    let m = 0;
    for (let i = 0; i < 3; i++)
      m = Math.max(m, Math.abs(r.indices[i]!.S1.value - exact.S1[i]!), Math.abs(r.indices[i]!.ST.value - exact.ST[i]!));
    return m;
  };

  it('Ishigami with N = 2^10: the Sobol design is within 0.02 on average over seeds, and several times closer than random', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const rms = (s: 'sobol' | 'random'): number => Math.sqrt(seeds.reduce((a, seed) => a + maxError(1024, seed, s) ** 2, 0) / seeds.length);
    const sob = rms('sobol');
    const rnd = rms('random');
    // measured: sobol 0.0137, random 0.0587 (root mean square over the 8 seeds of the largest error;
    // per seed sobol 0.0075..0.0212, random 0.0305..0.0774)
    expect(sob).toBeLessThan(0.02);
    expect(rnd).toBeGreaterThan(0.03); // the N = 8192 test's tolerance for random sampling
    expect(sob * 3).toBeLessThan(rnd);
    // every single seed: within 0.03 (N = 8192 random needed that tolerance)
    for (const seed of seeds) expect(maxError(1024, seed, 'sobol'), `seed ${seed}`).toBeLessThan(0.03);
  });

  it('random sampling still converges (N = 8192, within 0.03)', () => {
    expect(maxError(8192, 42, 'random')).toBeLessThan(0.03);
  });

  it('columns of A and B in the first 2^m rows are stratified (unit ranges: x = u)', () => {
    const params: ParamRange[] = [0, 1, 2, 3].map((i) => ({ name: `u${i}`, lo: 0, hi: 1 }));
    const d = sobolDesign(params, 256, createRng(9));
    const stride = params.length + 2;
    for (const block of [0, 1]) {
      for (let i = 0; i < params.length; i++) {
        const seen = new Set<number>();
        for (let j = 0; j < 256; j++) seen.add(Math.floor(d.points[j * stride + block]![i]! * 256));
        expect(seen.size, `block ${block} column ${i}`).toBe(256);
      }
    }
  });

  it('Sobol sampling handles up to 32 parameters and says so beyond', () => {
    const many = (k: number): ParamRange[] => Array.from({ length: k }, (_, i) => ({ name: `p${i}`, lo: 0, hi: 1 }));
    expect(sobolDesign(many(32), 4, createRng(1)).points.length).toBe(4 * 34);
    expect(() => sobolDesign(many(33), 4, createRng(1))).toThrow(/at most 32 parameters.*got 33; use random sampling/);
    expect(sobolDesign(many(33), 4, createRng(1), { sampling: 'random' }).points.length).toBe(4 * 35);
  });
});

describe('resumable sensitivity runs (in process, 1 worker)', async () => {
  const { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, readdirSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { afterAll } = await import('vitest');
  const { parseParamSpec, sensitivityDesign } = await import('../src/batch/sensitivity/run.js');
  const { runSensitivity } = await import('../src/node/batch/sensitivity.js');
  type Spec = Parameters<typeof sensitivityDesign>[0];

  const tmp = mkdtempSync(join(tmpdir(), 'helixlab-sens-resume-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const scenario = 'test/fixtures/batch/small.json';
  const versions = { helixlab: '9.9.9', node: 'v20' };
  const spec = (over: Partial<Spec> = {}): Spec => ({
    method: 'sobol',
    params: [parseParamSpec('network.openness:0.05:0.6'), parseParamSpec('trust.decay:0.02:0.4')],
    samples: 8,
    seed: 3,
    bootstrap: 50,
    ...over,
  });
  const RUNS = 2;
  const POINTS = 8 * 4;
  const FILES = ['sensitivity.json', 'sensitivity.csv', 'samples.csv', 'manifest.json'];
  const read = (dir: string): string[] => FILES.map((f) => readFileSync(join(dir, f), 'utf8'));
  const logLines = (dir: string): string[] =>
    readFileSync(join(dir, '.sensitivity', 'results.ndjson'), 'utf8')
      .split('\n')
      .slice(0, -1);
  /** Run with `opts`; `stopAfterRuns` stops it cleanly once that many runs are done; counts the runs computed. */
  const go = async (dir: string | undefined, s: Spec, o: { resume?: boolean; stopAfterRuns?: number; runs?: number } = {}) => {
    let last = 0;
    let computedRuns = 0; // progress steps of one run (a resume first reports the runs read back, in one step)
    const outcome = await runSensitivity(scenario, s, sensitivityDesign(s), {
      runs: o.runs ?? RUNS,
      metric: 'members',
      workers: 1,
      versions,
      ...(dir ? { out: dir } : {}),
      ...(o.resume ? { resume: true } : {}),
      onProgress: (d) => {
        if (d === last + 1) computedRuns++;
        last = d;
      },
      shouldStop: () => o.stopAfterRuns !== undefined && last >= o.stopAfterRuns,
    });
    return { outcome, computedRuns };
  };

  const ref = join(tmp, 'ref');
  it('an uninterrupted run writes the four files and leaves no state behind', async () => {
    const { outcome, computedRuns } = await go(ref, spec());
    expect(outcome.status).toBe('done');
    expect(computedRuns).toBe(POINTS * RUNS);
    expect(existsSync(join(ref, '.sensitivity'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(ref, 'manifest.json'), 'utf8'));
    expect(manifest.sampling).toBe('sobol');
    expect(manifest.planKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(readFileSync(join(ref, 'sensitivity.json'), 'utf8')).sampling).toBe('sobol');
    expect(readFileSync(join(ref, 'samples.csv'), 'utf8').trim().split('\n').length).toBe(1 + POINTS);
  });

  it('without an output directory the outputs are the same and nothing is written', async () => {
    const before = readdirSync(tmp).sort();
    const { outcome } = await go(undefined, spec());
    expect(outcome.doc).toEqual(JSON.parse(readFileSync(join(ref, 'sensitivity.json'), 'utf8')));
    expect(readdirSync(tmp).sort()).toEqual(before);
  });

  it('stopped after 5 points, then resumed: only the missing points run, and the files are byte-identical', async () => {
    const d = join(tmp, 'stopped');
    const a = await go(d, spec(), { stopAfterRuns: 5 * RUNS });
    expect(a.outcome.status).toBe('stopped');
    expect(a.outcome.evaluation.pointsDone).toBe(5);
    expect(logLines(d).map((l) => JSON.parse(l).j)).toEqual([0, 1, 2, 3, 4]);
    const cp = JSON.parse(readFileSync(join(d, '.sensitivity', 'checkpoint.json'), 'utf8'));
    expect(cp).toMatchObject({ format: 'helixlab-sensitivity-checkpoint/1', done: 5, total: POINTS });
    expect(existsSync(join(d, 'sensitivity.json'))).toBe(false);
    // the log holds each point's mean as the exact double that samples.csv has
    const refY = readFileSync(join(ref, 'samples.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',').pop()));
    expect(logLines(d).map((l) => JSON.parse(l).m[0][0])).toEqual(refY.slice(0, 5));
    // without --resume the directory is refused
    await expect(go(d, spec())).rejects.toThrow(/unfinished sensitivity analysis \(5\/32 points saved\).*--resume/);
    const b = await go(d, spec(), { resume: true });
    expect(b.outcome.status).toBe('done');
    expect(b.outcome.evaluation.resumed).toBe(5);
    expect(b.computedRuns).toBe((POINTS - 5) * RUNS);
    expect(read(d)).toEqual(read(ref));
    expect(existsSync(join(d, '.sensitivity'))).toBe(false);
  });

  it('after a crash (stale checkpoint, torn last line) --resume still gives the same bytes', async () => {
    const d = join(tmp, 'crashed');
    await go(d, spec(), { stopAfterRuns: 12 * RUNS });
    const logPath = join(d, '.sensitivity', 'results.ndjson');
    // as after kill -9: the checkpoint is older than the log, and the last line is half written
    const cpPath = join(d, '.sensitivity', 'checkpoint.json');
    writeFileSync(cpPath, JSON.stringify({ ...JSON.parse(readFileSync(cpPath, 'utf8')), done: 3 }));
    appendFileSync(logPath, '{"j":12,"m":[[4.5');
    const b = await go(d, spec(), { resume: true });
    expect(b.outcome.evaluation.resumed).toBe(12);
    expect(b.computedRuns).toBe((POINTS - 12) * RUNS);
    expect(read(d)).toEqual(read(ref));
  });

  it('--resume with a different scenario, parameters, method, samples, seed or runs is refused and says what differs', async () => {
    const d = join(tmp, 'mismatch');
    await go(d, spec(), { stopAfterRuns: 3 * RUNS });
    const other = join(tmp, 'other.json');
    writeFileSync(other, readFileSync(scenario, 'utf8').replace('"years": 6', '"years": 6, "description": "changed"'));
    const cases: [Promise<unknown>, RegExp][] = [
      [go(d, spec({ seed: 4 }), { resume: true }), /different seed \(3, now 4\)/],
      [go(d, spec({ samples: 16 }), { resume: true }), /different samples \(8, now 16\), design points/],
      [
        go(d, spec({ params: [parseParamSpec('network.openness:0.05:0.5'), parseParamSpec('trust.decay:0.02:0.4')] }), { resume: true }),
        /different params, design points/,
      ],
      [go(d, spec({ method: 'morris', samples: 4 }), { resume: true }), /different method \("sobol", now "morris"\)/],
      [go(d, spec({ sampling: 'random' }), { resume: true }), /different sampling \("sobol", now "random"\)/],
      [go(d, spec(), { resume: true, runs: 3 }), /different runs \(2, now 3\)/],
    ];
    for (const [p, re] of cases) await expect(p).rejects.toThrow(re);
    const changed = runSensitivity(other, spec(), sensitivityDesign(spec()), {
      runs: RUNS,
      metric: 'members',
      workers: 1,
      versions,
      out: d,
      resume: true,
    });
    await expect(changed).rejects.toThrow(/different scenario file, scenario;/);
    // the unfinished analysis is untouched and still finishes to the reference bytes
    expect(logLines(d).length).toBe(3);
    await go(d, spec(), { resume: true });
    expect(read(d)).toEqual(read(ref));
  });

  it('--resume on a finished directory: nothing runs for the same analysis; another analysis is refused', async () => {
    const again = await go(ref, spec(), { resume: true });
    expect(again.outcome.status).toBe('already-finished');
    expect(again.computedRuns).toBe(0);
    expect(again.outcome.doc).toEqual(JSON.parse(readFileSync(join(ref, 'sensitivity.json'), 'utf8')));
    await expect(go(ref, spec({ seed: 9 }), { resume: true })).rejects.toThrow(/different analysis\) and nothing unfinished to resume/);
  });
});
