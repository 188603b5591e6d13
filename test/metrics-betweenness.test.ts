import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UndirectedGraph } from 'graphology';
import { emptyGraph, toSimpleGraph, type SimpleGraph } from '../src/model/network.js';
import type { HelixRole } from '../src/model/types.js';
import {
  BLOCK_SIZE,
  REORDER_THRESHOLD,
  betweenness,
  betweennessPivots,
  betweennessSubset,
  crossHelixBetweenness,
  twinClasses,
} from '../src/metrics/betweenness.js';
import { csrFromPairs, toCsr } from '../src/metrics/csr.js';
import { centrality } from '../src/metrics/centrality.js';

interface Case {
  name: string;
  nodes: string[];
  edges: [string, string, number][];
  groups: string[];
  expected: Record<string, (number | null)[]>;
}
const ref = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/reference/networkx.json'), 'utf8')) as { cases: Case[] };

function graphOf(c: Case): SimpleGraph {
  const g = emptyGraph();
  c.nodes.forEach((id, i) => g.addNode(id, { label: id, helix: c.groups[i] as HelixRole }));
  for (const [s, t, w] of c.edges) g.addEdge(s, t, { weight: w });
  return toSimpleGraph(g);
}

function close(actual: ArrayLike<number>, expected: (number | null)[], tol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i]! - expected[i]!) > tol) throw new Error(`index ${i}: got ${actual[i]}, expected ${expected[i]}`);
  }
}

/** A reproducible random graph with a few dense spots, built straight into a CSR. */
function randomCsr(n: number, m: number, seed: number) {
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296;
  const s: number[] = [];
  const t: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < m; i++) {
    const a = Math.floor(next() * n);
    const b = Math.floor(Math.sqrt(next()) * n);
    s.push(a);
    t.push(b);
    w.push(1 + Math.floor(next() * 4));
  }
  return csrFromPairs(n, s, t, w);
}

describe('betweenness agrees with NetworkX 3.6 to 1e-9', () => {
  for (const c of ref.cases) {
    it(`${c.name}: normalized, raw, inverse-weight, subset (raw and normalized), cross-group`, () => {
      const g = graphOf(c);
      const csr = toCsr(g);
      const e = c.expected;
      close(betweenness(csr), e.betweenness!);
      close(betweenness(csr, { normalized: false }), e.betweenness_raw!);
      close(betweenness(csr, { distance: 'inverse-weight' }), e.betweenness_inverse_weight!);
      const S = e.subset_sources as number[];
      const T = e.subset_targets as number[];
      close(betweennessSubset(csr, S, T), e.betweenness_subset!);
      close(betweennessSubset(csr, S, T, { normalized: true }), e.betweenness_subset_normalized!);
      close(crossHelixBetweenness(g, 'helix', { normalized: false }), e.cross_group_raw!);
      close(crossHelixBetweenness(csr, c.groups, { normalized: false }), e.cross_group_raw!);
    });
  }
});

describe('hand-worked cross-helix betweenness', () => {
  function path(groups: string[]): SimpleGraph {
    const g = new UndirectedGraph() as unknown as SimpleGraph;
    groups.forEach((h, i) => g.addNode(String(i), { label: String(i), helix: h as HelixRole }));
    for (let i = 0; i + 1 < groups.length; i++) g.addEdge(String(i), String(i + 1), { weight: 1, count: 1 });
    return g;
  }
  it('path a–b–c with roles I, R, I: the middle node brokers no cross pair (0), ends 0', () => {
    // pairs: (0,1) cross, (1,2) cross, (0,2) same role → node 1 lies on no cross-role path interior
    expect(Array.from(crossHelixBetweenness(path(['industry', 'public', 'industry'])))).toEqual([0, 0, 0]);
  });
  it('path I–P–R: the middle brokers the one cross pair not involving it (share 1)', () => {
    const raw = crossHelixBetweenness(path(['industry', 'public', 'research-education']), 'helix', { normalized: false });
    expect(Array.from(raw)).toEqual([0, 1, 0]);
    // normalised: cross pairs = 3, minus the 2 involving node 1 → 1 → share 1
    expect(Array.from(crossHelixBetweenness(path(['industry', 'public', 'research-education'])))).toEqual([0, 1, 0]);
  });
  it('path I–I–P–P: node 1 brokers (0,2),(0,3) of the 4 cross pairs; not involving it: 2 → 1', () => {
    const g = path(['industry', 'industry', 'public', 'public']);
    expect(Array.from(crossHelixBetweenness(g, 'helix', { normalized: false }))).toEqual([0, 2, 2, 0]);
    expect(Array.from(crossHelixBetweenness(g))).toEqual([0, 1, 1, 0]);
  });
  it('one group only: all zeros, no division by zero', () => {
    expect(Array.from(crossHelixBetweenness(path(['public', 'public', 'public'])))).toEqual([0, 0, 0]);
  });
  it('cross-helix never exceeds plain betweenness (raw), equal when every node has its own role', () => {
    const c = ref.cases.find((x) => x.name === 'karate')!;
    const g = graphOf(c);
    const all = betweenness(toCsr(g), { normalized: false });
    const cross = crossHelixBetweenness(g, 'helix', { normalized: false });
    for (let i = 0; i < all.length; i++) expect(cross[i]!).toBeLessThanOrEqual(all[i]! + 1e-12);
    const own = crossHelixBetweenness(toCsr(g), c.nodes, { normalized: false });
    close(own, Array.from(all));
  });
});

/** A projection-like graph: random "projects" (cliques of 2–6 members), many one-project members (twins). */
function projectionCsr(n: number, projects: number, seed: number) {
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296;
  const s: number[] = [];
  const t: number[] = [];
  for (let p = 0; p < projects; p++) {
    const size = 2 + Math.floor(next() * 5);
    const members = new Set<number>();
    while (members.size < size) members.add(Math.floor(next() ** 2 * n));
    const m = [...members];
    for (let i = 0; i < m.length; i++)
      for (let j = i + 1; j < m.length; j++) {
        s.push(m[i]!);
        t.push(m[j]!);
      }
  }
  return csrFromPairs(n, s, t);
}

describe('twin classes (structurally equivalent sources)', () => {
  it('finds adjacent twins (same closed neighbourhood) and non-adjacent twins (same open neighbourhood)', () => {
    // clique {0,1,2} where 0 also ties to 3: 1 and 2 are adjacent twins; leaves 4, 5 of hub 3 are open twins
    const csr = csrFromPairs(6, [0, 0, 1, 0, 3, 3], [1, 2, 2, 3, 4, 5]);
    const t = twinClasses(csr);
    expect(Array.from(t.sources)).toEqual([0, 1, 3, 4]);
    expect(Array.from(t.mult)).toEqual([1, 2, 1, 2]);
    expect(Array.from(t.sourceOf)).toEqual([0, 1, 1, 2, 3, 3]);
    // different groups split a class
    expect(Array.from(twinClasses(csr, Int32Array.from([0, 0, 1, 0, 0, 0])).mult)).toEqual([1, 1, 1, 1, 2]);
  });
  it('merging twins changes nothing beyond rounding (1e-12) on a projection-like graph, and saves sources', () => {
    const csr = projectionCsr(400, 300, 3);
    const t = twinClasses(csr);
    expect(t.sources.length).toBeLessThan(csr.n * 0.9);
    const a = betweenness(csr);
    const b = betweenness(csr, { twins: false });
    for (let i = 0; i < csr.n; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-12);
    const groups = Int32Array.from({ length: csr.n }, (_, i) => i % 3);
    const ca = crossHelixBetweenness(csr, Array.from(groups));
    // reference without twins: sum over groups of subset betweenness
    const raw = new Float64Array(csr.n);
    for (let g = 0; g < 3; g++) {
      const S = [...groups.keys()].filter((i) => groups[i] === g);
      const T = [...groups.keys()].filter((i) => groups[i] !== g);
      betweennessSubset(csr, S, T).forEach((v, i) => (raw[i] += v));
    }
    const cr = crossHelixBetweenness(csr, Array.from(groups), { normalized: false });
    for (let i = 0; i < csr.n; i++) expect(Math.abs(cr[i]! - raw[i]!)).toBeLessThan(1e-9);
    expect(ca.some((v) => v > 0)).toBe(true);
  });
});

describe('pivot-sampled betweenness', () => {
  it('pivots are distinct, sorted, reproducible and depend on the seed', () => {
    const a = betweennessPivots(100, 10, 1);
    expect(Array.from(a)).toEqual(Array.from(betweennessPivots(100, 10, 1)));
    expect(new Set(a).size).toBe(10);
    expect(Array.from(a)).toEqual(Array.from(a).sort((x, y) => x - y));
    expect(Array.from(a)).not.toEqual(Array.from(betweennessPivots(100, 10, 2)));
  });
  it('uses NetworkX 3.6 scaling: a star with the hub among K pivots of n → hub 1/((K−1)(n−2))·raw', () => {
    // star with 9 leaves (n = 10). Every leaf pivot gives the hub n−2 = 8 dependencies; the hub as pivot 0.
    const n = 10;
    const csr = csrFromPairs(n, Array(9).fill(0), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (let seed = 0; seed < 20; seed++) {
      const piv = betweennessPivots(n, 4, seed);
      const est = betweenness(csr, { approx: 4, seed });
      const leafPivots = Array.from(piv).filter((p) => p !== 0).length;
      const hubIsPivot = piv.includes(0);
      const expected = leafPivots * 8 * (hubIsPivot ? 1 / (3 * 8) : 1 / (4 * 8));
      expect(est[0]).toBeCloseTo(expected, 14);
      // with K pivots and the hub not among them, the estimate is exact (= 1)
      if (!hubIsPivot) expect(est[0]).toBeCloseTo(1, 14);
    }
  });
  it('the estimate is close to exact on a 600-node random graph (K = n/2: summed abs error < 20% of the summed betweenness)', () => {
    const csr = randomCsr(600, 2400, 11);
    const exact = betweenness(csr);
    const approx = betweenness(csr, { approx: 300, seed: 3 });
    let err = 0;
    let mean = 0;
    for (let i = 0; i < csr.n; i++) {
      err += Math.abs(approx[i]! - exact[i]!);
      mean += exact[i]!;
    }
    expect(err / mean).toBeLessThan(0.2);
    expect(err).toBeGreaterThan(0); // really an estimate
  });
});

// Worker threads load the compiled module (npm test builds dist/ first).
const parallelJs = join(process.cwd(), 'dist/node/index.js');
type Parallel = typeof import('../src/node/index.js');
const { betweennessParallel, centralityParallel, crossHelixBetweennessParallel, closeSharedPool, warmBetweennessPool } = (await import(
  parallelJs
)) as Parallel;
afterAll(() => closeSharedPool());

describe('pivot-sampled cross-helix betweenness', () => {
  it('is reproducible, exact when K ≥ n, and close to exact for K = n/2', () => {
    const csr = randomCsr(600, 2400, 11);
    const groups = Array.from({ length: csr.n }, (_, i) => i % 4);
    const exact = crossHelixBetweenness(csr, groups);
    expect(Array.from(crossHelixBetweenness(csr, groups, { approx: 600 }))).toEqual(Array.from(exact));
    const a = crossHelixBetweenness(csr, groups, { approx: 300, seed: 4 });
    expect(Array.from(a)).toEqual(Array.from(crossHelixBetweenness(csr, groups, { approx: 300, seed: 4 })));
    let err = 0;
    let sum = 0;
    for (let i = 0; i < csr.n; i++) {
      err += Math.abs(a[i]! - exact[i]!);
      sum += exact[i]!;
    }
    expect(err / sum).toBeGreaterThan(0);
    expect(err / sum).toBeLessThan(0.2);
  });
});

describe('large graphs are renumbered for locality (n ≥ REORDER_THRESHOLD)', () => {
  // a 300-node random component plus isolates up to 4,200 nodes: the renumbered run must give the
  // component's raw values of the small (not renumbered) graph, in the original node order
  const small = randomCsr(300, 1200, 21);
  const s: number[] = [];
  const t: number[] = [];
  for (let v = 0; v < small.n; v++)
    for (let k = small.offsets[v]!; k < small.offsets[v + 1]!; k++)
      if (small.targets[k]! > v) {
        // spread the component's nodes over the big index range
        s.push(v * 13);
        t.push(small.targets[k]! * 13);
      }
  const big = csrFromPairs(4200, s, t);
  it('exact raw betweenness and cross-helix values are unchanged', () => {
    expect(big.n).toBeGreaterThanOrEqual(REORDER_THRESHOLD);
    const a = betweenness(small, { normalized: false });
    const b = betweenness(big, { normalized: false });
    for (let v = 0; v < small.n; v++) expect(Math.abs(b[v * 13]! - a[v]!)).toBeLessThan(1e-9);
    expect(b.reduce((x, y) => x + y, 0)).toBeCloseTo(
      a.reduce((x, y) => x + y, 0),
      6,
    );
    const gs = Array.from({ length: 300 }, (_, i) => i % 3);
    const gb = Array.from({ length: 4200 }, (_, i) => (i % 13 === 0 ? gs[i / 13]! : 9));
    const ca = crossHelixBetweenness(small, gs, { normalized: false });
    const cb = crossHelixBetweenness(big, gb, { normalized: false });
    // in the big graph isolates form group 9, which adds no pairs with paths
    for (let v = 0; v < small.n; v++) expect(Math.abs(cb[v * 13]! - ca[v]!)).toBeLessThan(1e-9);
  });
  it('workers and the main thread agree bit for bit on the renumbered graph (exact and sampled)', async () => {
    const a = centrality(big, { approx: 200, seed: 5 });
    const b = await centralityParallel(big, { approx: 200, seed: 5, workers: 2 });
    expect(Array.from(b.betweenness)).toEqual(Array.from(a.betweenness));
    expect(Array.from(b.closeness)).toEqual(Array.from(a.closeness));
    const e1 = betweenness(big);
    const e2 = await betweennessParallel(big, { workers: 2 });
    expect(Array.from(e2)).toEqual(Array.from(e1));
  });
});

describe('cross-helix betweenness in the same searches as centrality (crossGroups)', () => {
  it('is bit-identical to crossHelixBetweenness, exact and sampled, attribute or explicit groups', () => {
    const c = ref.cases.find((x) => x.name === 'karate')!;
    const g = graphOf(c);
    const r = centrality(g, { crossGroups: 'helix' });
    expect(Array.from(r.crossHelixBetweenness!)).toEqual(Array.from(crossHelixBetweenness(g, 'helix')));
    // twin classes now also respect the groups: betweenness agrees up to rounding
    close(r.betweenness, Array.from(centrality(g).betweenness), 1e-12);
    const csr = projectionCsr(3000, 2000, 17); // renumbered (n ≥ REORDER_THRESHOLD), with twins
    const groups = Array.from({ length: csr.n }, (_, i) => (i * 7) % 5);
    const a = centrality(csr, { crossGroups: groups, approx: 150, seed: 2 });
    expect(Array.from(a.crossHelixBetweenness!)).toEqual(Array.from(crossHelixBetweenness(csr, groups, { approx: 150, seed: 2 })));
    expect(centrality(csr).crossHelixBetweenness).toBeUndefined();
  });
});

describe('worker threads', () => {
  it('results are bit-identical for 1, 2 and 3 workers and equal to the single-thread version', async () => {
    const csr = randomCsr(400, 1600, 5);
    expect(csr.n / BLOCK_SIZE).toBeGreaterThan(3);
    warmBetweennessPool(2);
    const single = betweenness(csr);
    const w1 = await betweennessParallel(csr, { workers: 1 });
    const w2 = await betweennessParallel(csr, { workers: 2 });
    const w3 = await betweennessParallel(csr, { workers: 3 });
    expect(Buffer.from(w1.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    expect(Buffer.from(w2.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    expect(Buffer.from(w3.buffer).equals(Buffer.from(single.buffer))).toBe(true);
    const a1 = await betweennessParallel(csr, { workers: 1, approx: 100, seed: 9, distance: 'inverse-weight' });
    const a2 = await betweennessParallel(csr, { workers: 2, approx: 100, seed: 9, distance: 'inverse-weight' });
    expect(Buffer.from(a1.buffer).equals(Buffer.from(a2.buffer))).toBe(true);
    expect(Array.from(a1)).toEqual(Array.from(betweenness(csr, { approx: 100, seed: 9, distance: 'inverse-weight' })));
    const groups = Array.from({ length: csr.n }, (_, i) => ['industry', 'public', 'research-education'][i % 3]!);
    const c1 = crossHelixBetweenness(csr, groups);
    const c2 = await crossHelixBetweennessParallel(csr, groups, { workers: 2 });
    expect(Buffer.from(c2.buffer).equals(Buffer.from(c1.buffer))).toBe(true);
    // concurrent calls share the pool and are serialised; each gets its own numbers
    const [p1, p2] = await Promise.all([
      betweennessParallel(csr, { workers: 2 }),
      crossHelixBetweennessParallel(csr, groups, { workers: 2 }),
    ]);
    expect(Array.from(p1)).toEqual(Array.from(single));
    expect(Array.from(p2)).toEqual(Array.from(c1));
  });
  it('inverse-weight mode ignores ties of weight 0, also on threads that ran a hop search before', async () => {
    const base = randomCsr(300, 900, 12);
    const s: number[] = [];
    const t: number[] = [];
    const w: number[] = [];
    for (let v = 0; v < base.n; v++)
      for (let k = base.offsets[v]!; k < base.offsets[v + 1]!; k++)
        if (base.targets[k]! > v) {
          s.push(v);
          t.push(base.targets[k]!);
          w.push(base.weights[k]!);
        }
    // nodes 300 and 301 are reachable only through ties of weight 0 (infinite length)
    const withZero = csrFromPairs(302, [...s, 0, 5], [...t, 300, 301], [...w, 0, 0]);
    const without = csrFromPairs(302, s, t, w);
    const expected = betweenness(without, { distance: 'inverse-weight' });
    close(betweenness(withZero, { distance: 'inverse-weight' }), Array.from(expected), 1e-12);
    await betweennessParallel(withZero, { workers: 2 }); // hop run first
    close(await betweennessParallel(withZero, { workers: 2, distance: 'inverse-weight' }), Array.from(expected), 1e-12);
  });

  it('centralityParallel equals centrality, exact and sampled', async () => {
    const c = ref.cases.find((x) => x.name === 'random-weighted')!;
    const g = graphOf(c);
    const a = centrality(g);
    const b = await centralityParallel(g, { workers: 2 });
    expect(Array.from(b.betweenness)).toEqual(Array.from(a.betweenness));
    expect(Array.from(b.closeness)).toEqual(Array.from(a.closeness));
    close(b.betweenness, c.expected.betweenness!);
    const csr = randomCsr(500, 1500, 8);
    const s1 = centrality(csr, { approx: 64, seed: 'x' });
    const s2 = await centralityParallel(csr, { approx: 64, seed: 'x', workers: 2 });
    expect(Array.from(s2.betweenness)).toEqual(Array.from(s1.betweenness));
    expect(Array.from(s2.closeness)).toEqual(Array.from(s1.closeness));
    const x1 = centrality(g, { crossGroups: 'helix' });
    const x2 = await centralityParallel(g, { crossGroups: 'helix', workers: 2 });
    expect(Array.from(x2.crossHelixBetweenness!)).toEqual(Array.from(x1.crossHelixBetweenness!));
    close(x2.betweenness, c.expected.betweenness!);
  });
});
