import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UndirectedGraph } from 'graphology';
import { karateClub, florentineFamilies } from 'graphology-generators/social';
import { emptyGraph, toSimpleGraph, type SimpleGraph } from '../src/model/network.js';
import type { HelixRole } from '../src/model/types.js';
import { centrality, closeness, clustering, components, coreNumber, eigenvector, pagerank } from '../src/metrics/centrality.js';
import { csrFromPairs, toCsr } from '../src/metrics/csr.js';

interface Case {
  name: string;
  nodes: string[];
  edges: [string, string, number][];
  groups: string[];
  expected: Record<string, unknown>;
}
const ref = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/reference/networkx.json'), 'utf8')) as { cases: Case[] };

/** Build through the model (multigraph → simple graph), so parallel ties are merged and self-loops dropped. */
export function graphOf(c: Case): SimpleGraph {
  const g = emptyGraph();
  c.nodes.forEach((id, i) => g.addNode(id, { label: id, helix: c.groups[i] as HelixRole }));
  for (const [s, t, w] of c.edges) g.addEdge(s, t, { weight: w });
  return toSimpleGraph(g);
}

function close(actual: ArrayLike<number>, expected: (number | null)[], tol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    if (e === null) throw new Error(`unexpected null at ${i}`);
    if (Math.abs(actual[i]! - e) > tol) throw new Error(`index ${i}: got ${actual[i]}, NetworkX ${e}`);
  }
}

describe('centrality agrees with NetworkX 3.6 to 1e-9', () => {
  for (const c of ref.cases) {
    it(`${c.name}: every per-node and graph-level measure`, () => {
      const g = graphOf(c);
      const r = centrality(g);
      const e = c.expected as Record<string, (number | null)[] | number | null>;
      expect(r.nodes).toEqual(c.nodes);
      close(r.degree, e.degree as number[]);
      close(r.strength, e.strength as number[]);
      close(r.betweenness, e.betweenness as number[]);
      close(r.closeness, e.closeness as number[]);
      close(r.eigenvector, e.eigenvector as number[]);
      close(r.pagerank, e.pagerank as number[]);
      expect(Array.from(r.coreNumber)).toEqual(e.core_number);
      close(r.clustering, e.clustering as number[]);
      expect(r.graph.transitivity).toBeCloseTo(e.transitivity as number, 12);
      expect(r.graph.averageClustering).toBeCloseTo(e.average_clustering as number, 12);
      expect(r.graph.density).toBeCloseTo(e.density as number, 12);
      expect(r.graph.components).toBe(e.components);
      expect(r.graph.largestComponent).toBe(e.largest_component);
      expect(r.graph.order).toBe(c.nodes.length);
      expect(r.graph.eigenvectorNote).toBeUndefined();
    });
    it(`${c.name}: closeness and betweenness with inverse-weight distances`, () => {
      const g = graphOf(c);
      const r = centrality(g, { distance: 'inverse-weight' });
      const e = c.expected as Record<string, number[]>;
      close(r.betweenness, e.betweenness_inverse_weight!);
      close(r.closeness, e.closeness_inverse_weight!);
      close(closeness(toCsr(g), { distance: 'inverse-weight' }), e.closeness_inverse_weight!);
    });
  }
});

describe('published and hand-worked values', () => {
  it('karate club from graphology-generators: 34 nodes, 78 ties, 45 triangles, transitivity 0.2557', () => {
    const k = karateClub(UndirectedGraph);
    const g = new UndirectedGraph() as unknown as SimpleGraph;
    k.forEachNode((id) => g.addNode(id, { label: id, helix: 'industry' }));
    k.forEachEdge((_e, _a, s, t) => g.addEdge(s, t, { weight: 1, count: 1 }));
    const r = centrality(g);
    expect(r.graph.order).toBe(34);
    expect(r.graph.size).toBe(78);
    const cl = clustering(toCsr(g));
    expect(cl.triangles.reduce((a, b) => a + b, 0) / 3).toBe(45);
    // Newman (2003) / NetworkX transitivity of the karate club: 0.2556818181818182 (= 3·45 / 528)
    expect(r.graph.transitivity).toBeCloseTo(135 / 528, 14);
    expect(r.graph.averageClustering).toBeCloseTo(0.5706384782076823, 12);
    // the two leaders (ids 0 and 33 in Zachary's numbering) have the highest betweenness
    const order = Array.from(r.betweenness.keys()).sort((a, b) => r.betweenness[b]! - r.betweenness[a]!);
    expect(new Set([r.nodes[order[0]!], r.nodes[order[1]!]])).toEqual(new Set(['0', '33']));
    expect(Math.max(...r.coreNumber)).toBe(4);
  });

  it('Florentine families from graphology-generators: Medici have the top betweenness (0.5219 over 15 families)', () => {
    const f = florentineFamilies(UndirectedGraph);
    const g = new UndirectedGraph() as unknown as SimpleGraph;
    f.forEachNode((id) => g.addNode(id, { label: id, helix: 'industry' }));
    f.forEachEdge((_e, _a, s, t) => g.addEdge(s, t, { weight: 1, count: 1 }));
    const csr = toCsr(g);
    const withTies = csr.ids.filter((_, i) => csr.offsets[i + 1]! > csr.offsets[i]!);
    expect(withTies.length).toBe(15);
    // restrict to the 15 connected families, as in Padgett's marriage network used by NetworkX
    const h = new UndirectedGraph() as unknown as SimpleGraph;
    withTies.forEach((id) => h.addNode(id, { label: id, helix: 'industry' }));
    g.forEachEdge((_e, a, s, t) => h.addEdge(s, t, a));
    const r = centrality(h);
    const i = r.nodes.findIndex((x) => x.toLowerCase() === 'medici');
    expect(r.betweenness[i]).toBeCloseTo(0.521978021978022, 12);
    expect(r.degree[i]).toBe(6);
  });

  it('star: hub betweenness 1, leaves 0; hub closeness 1, leaf closeness 5/9', () => {
    const g = new UndirectedGraph() as unknown as SimpleGraph;
    g.addNode('h', { label: 'h', helix: 'public' });
    for (let i = 1; i <= 5; i++) {
      g.addNode(`l${i}`, { label: `l${i}`, helix: 'industry' });
      g.addEdge('h', `l${i}`, { weight: 1, count: 1 });
    }
    const r = centrality(g);
    expect(r.betweenness[0]).toBe(1);
    expect(Array.from(r.betweenness.slice(1))).toEqual([0, 0, 0, 0, 0]);
    expect(r.closeness[0]).toBe(1);
    expect(r.closeness[1]).toBeCloseTo(5 / 9, 15);
    expect(Array.from(r.coreNumber)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(r.graph.transitivity).toBe(0);
  });

  it('path of 5: betweenness (3, 4, 3)/6 on inner nodes', () => {
    const g = new UndirectedGraph() as unknown as SimpleGraph;
    for (let i = 0; i < 5; i++) g.addNode(String(i), { label: String(i), helix: 'industry' });
    for (let i = 0; i < 4; i++) g.addEdge(String(i), String(i + 1), { weight: 1, count: 1 });
    const r = centrality(g);
    expect(Array.from(r.betweenness)).toEqual([0, 3 / 6, 4 / 6, 3 / 6, 0]);
  });

  it('isolates and empty graphs do not crash', () => {
    const g = new UndirectedGraph() as unknown as SimpleGraph;
    expect(centrality(g).graph).toMatchObject({ order: 0, size: 0, density: 0, components: 0, largestComponent: 0 });
    g.addNode('a', { label: 'a', helix: 'industry' });
    const r1 = centrality(g);
    expect(Array.from(r1.pagerank)).toEqual([1]);
    expect(Array.from(r1.eigenvector)).toEqual([1]);
    expect(Array.from(r1.closeness)).toEqual([0]);
    g.addNode('b', { label: 'b', helix: 'industry' });
    const r2 = centrality(g);
    expect(r2.graph.components).toBe(2);
    expect(Array.from(r2.pagerank)).toEqual([0.5, 0.5]);
  });

  it('parallel ties are merged by summing weights, self-loops dropped (strength, PageRank)', () => {
    const a = emptyGraph();
    for (const id of ['a', 'b', 'c']) a.addNode(id, { label: id, helix: 'industry' });
    a.addEdge('a', 'b', { weight: 1 });
    a.addEdge('b', 'a', { weight: 2 });
    a.addEdge('b', 'c', { weight: 1 });
    a.addEdge('c', 'c', { weight: 9 });
    const b = emptyGraph();
    for (const id of ['a', 'b', 'c']) b.addNode(id, { label: id, helix: 'industry' });
    b.addEdge('a', 'b', { weight: 3 });
    b.addEdge('b', 'c', { weight: 1 });
    const ra = centrality(toSimpleGraph(a));
    const rb = centrality(toSimpleGraph(b));
    expect(Array.from(ra.strength)).toEqual([3, 4, 1]);
    expect(Array.from(ra.degree)).toEqual([1, 2, 1]);
    expect(Array.from(ra.pagerank)).toEqual(Array.from(rb.pagerank));
    expect(Array.from(ra.eigenvector)).toEqual(Array.from(rb.eigenvector));
  });
});

describe('properties', () => {
  const kc = ref.cases.find((c) => c.name === 'karate')!;
  it('PageRank sums to 1 and eigenvector has unit norm', () => {
    const csr = toCsr(graphOf(kc));
    const pr = pagerank(csr);
    expect(pr.converged).toBe(true);
    expect(pr.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const ev = eigenvector(csr);
    expect(Math.hypot(...ev.values)).toBeCloseTo(1, 12);
  });

  it('relabelling nodes permutes the results (invariance)', () => {
    const g = graphOf(kc);
    const r = centrality(g);
    const ids = r.nodes;
    const perm = ids.map((_, i) => i).reverse();
    const h = new UndirectedGraph() as unknown as SimpleGraph;
    for (const i of perm) h.addNode(`x${ids[i]}`, { label: ids[i]!, helix: 'industry' });
    g.forEachEdge((_e, a, s, t) => h.addEdge(`x${s}`, `x${t}`, a));
    const q = centrality(h);
    perm.forEach((i, j) => {
      expect(q.betweenness[j]).toBeCloseTo(r.betweenness[i]!, 12);
      expect(q.closeness[j]).toBeCloseTo(r.closeness[i]!, 12);
      expect(q.pagerank[j]).toBeCloseTo(r.pagerank[i]!, 8);
      expect(q.coreNumber[j]).toBe(r.coreNumber[i]);
    });
  });

  it('eigenvector on a long path: NetworkX gives up after 100 iterations, we continue and say so', () => {
    const g = new UndirectedGraph() as unknown as SimpleGraph;
    const n = 60;
    for (let i = 0; i < n; i++) g.addNode(String(i), { label: String(i), helix: 'industry' });
    for (let i = 0; i + 1 < n; i++) g.addEdge(String(i), String(i + 1), { weight: 1, count: 1 });
    const ev = eigenvector(toCsr(g));
    expect(ev.iterations).toBeGreaterThan(100);
    const r = centrality(g);
    expect(r.graph.eigenvectorNote).toMatch(/NetworkX stops at 100/);
    // symmetric path: the eigenvector is symmetric and peaks in the middle
    expect(r.eigenvector[0]).toBeCloseTo(r.eigenvector[n - 1]!, 12);
    expect(r.eigenvector[n / 2]!).toBeGreaterThan(r.eigenvector[5]!);
    const strict = eigenvector(toCsr(g), { extendedMaxIter: 100 });
    expect(strict.converged).toBe(false);
    expect(strict.note).toMatch(/did not converge/);
  });

  it('pivot-estimated closeness is within a few percent of exact; small components stay exact', () => {
    // a 500-node random component, a separate 4-node path and two isolates
    let x = 99;
    const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296;
    const s: number[] = [];
    const t: number[] = [];
    for (let i = 1; i < 500; i++) {
      s.push(i);
      t.push(Math.floor(next() * i));
    }
    for (let k = 0; k < 600; k++) {
      s.push(Math.floor(next() * 500));
      t.push(Math.floor(next() * 500));
    }
    s.push(500, 501, 502);
    t.push(501, 502, 503);
    const csr = csrFromPairs(506, s, t);
    const exact = centrality(csr);
    const est = centrality(csr, { approx: 100, seed: 1 });
    let rel = 0;
    for (let i = 0; i < 500; i++) rel += Math.abs(est.closeness[i]! - exact.closeness[i]!) / exact.closeness[i]!;
    expect(rel / 500).toBeLessThan(0.05);
    expect(rel).toBeGreaterThan(0);
    for (let i = 500; i < 506; i++) expect(est.closeness[i]).toBe(exact.closeness[i]);
  });

  it('core numbers and components of a disconnected graph with isolates', () => {
    const dc = ref.cases.find((c) => c.name === 'disconnected')!;
    const csr = toCsr(graphOf(dc));
    expect(components(csr).sizes).toEqual([4, 3, 1, 1]);
    expect(Array.from(coreNumber(csr))).toEqual(dc.expected.core_number);
  });

  it('pivot-sampled betweenness and closeness: deterministic, close to exact on karate, exact when K ≥ n', () => {
    const g = graphOf(kc);
    const exact = centrality(g);
    const a = centrality(g, { approx: 20, seed: 7 });
    const b = centrality(g, { approx: 20, seed: 7 });
    expect(Array.from(a.betweenness)).toEqual(Array.from(b.betweenness));
    expect(a.graph.betweennessNote).toMatch(/20 of 34 pivot/);
    const sumExact = exact.betweenness.reduce((x, y) => x + y, 0);
    const sumApprox = a.betweenness.reduce((x, y) => x + y, 0);
    expect(Math.abs(sumApprox - sumExact) / sumExact).toBeLessThan(0.25);
    const full = centrality(g, { approx: 34 });
    expect(Array.from(full.betweenness)).toEqual(Array.from(exact.betweenness));
    expect(full.graph.betweennessNote).toBeUndefined();
  });
});
