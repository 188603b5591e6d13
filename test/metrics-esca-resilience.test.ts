import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import type { SimpleGraph, SimpleNodeAttributes, SimpleEdgeAttributes } from '../src/model/network.js';
import { networkFromDocument, toSimpleGraph } from '../src/model/network.js';
import type { Actor, ClusterProfile, HelixRole, NetworkDocument } from '../src/model/types.js';
import { escaCheck } from '../src/metrics/esca.js';
import { globalEfficiency, resilience } from '../src/metrics/resilience.js';

interface State {
  actors: number;
  largestComponent: number;
  components: number;
  globalEfficiency: number;
  firmResearchConnected: number | null;
}
interface Case {
  name: string;
  nodes: Array<{ id: string; helix: HelixRole }>;
  edges: Array<[string, string, number]>;
  baseline: State;
  removals: Array<{ id: string; after: State }>;
}
const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/networkx-helix.json'), 'utf8')) as { cases: Case[] };

function fromCase(c: Case): SimpleGraph {
  const g = new UndirectedGraph<SimpleNodeAttributes, SimpleEdgeAttributes>();
  for (const n of c.nodes) g.addNode(n.id, { label: `Actor ${n.id}`, helix: n.helix });
  for (const [s, t, w] of c.edges) g.addEdge(s, t, { weight: w, count: 1 });
  return g;
}

function expectState(got: State, want: State) {
  expect(got.actors).toBe(want.actors);
  expect(got.largestComponent).toBe(want.largestComponent);
  expect(got.components).toBe(want.components);
  expect(got.globalEfficiency).toBeCloseTo(want.globalEfficiency, 12);
  if (want.firmResearchConnected === null) expect(got.firmResearchConnected).toBeNull();
  else expect(got.firmResearchConnected).toBeCloseTo(want.firmResearchConnected, 12);
}

describe('resilience = NetworkX (global_efficiency, connected_components) after removals', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: baseline and the three top-betweenness removals`, () => {
      const g = fromCase(c);
      const r = resilience(g, { topBetweenness: c.removals.map((x) => x.id) });
      expectState(r.baseline, c.baseline);
      expect(r.removals.map((x) => x.id)).toEqual(c.removals.map((x) => x.id));
      r.removals.forEach((rem, i) => {
        expectState(rem.after, c.removals[i]!.after);
        expect(rem.reasons).toEqual(['top-betweenness']);
        expect(rem.delta.components).toBe(rem.after.components - r.baseline.components);
        expect(rem.delta.globalEfficiency).toBeCloseTo(rem.after.globalEfficiency - r.baseline.globalEfficiency, 12);
      });
      expect(globalEfficiency(g)).toBeCloseTo(c.baseline.globalEfficiency, 12);
    });
  }
  it('hand-computed: removing the bridge of a small network cuts the firm-research pairs', () => {
    const small = fixture.cases.find((c) => c.name === 'small')!;
    const r = resilience(fromCase(small), { topBetweenness: ['u1'] });
    // without u1: {f1, f2, f3, c1} and {u2}; no firm reaches the remaining university
    expect(r.removals[0]!.after.firmResearchConnected).toBe(0);
    expect(r.removals[0]!.delta.firmResearchConnected).toBe(-1);
    expect(r.removals[0]!.after.largestComponentShare).toBeCloseTo(4 / 5, 12);
  });
  it('coordinators are matched by id or label; unknown ones are reported, reasons merged', () => {
    const g = fromCase(fixture.cases.find((c) => c.name === 'karate')!);
    const r = resilience(g, { topBetweenness: ['0', '33'], coordinators: ['33', 'Actor 5', 'Business Tampere'] });
    expect(r.removals.map((x) => x.id)).toEqual(['0', '33', '5']);
    expect(r.removals[1]!.reasons).toEqual(['top-betweenness', 'coordinator']);
    expect(r.removals[2]!.reasons).toEqual(['coordinator']);
    expect(r.unmatchedCoordinators).toEqual(['Business Tampere']);
  });
  it('approx: efficiency from K seeded sources is reproducible and close', () => {
    const c = fixture.cases.find((x) => x.name === 'gnm60')!;
    const g = fromCase(c);
    const a = resilience(g, { topBetweenness: [c.removals[0]!.id], approx: 30, seed: 7 });
    const b = resilience(g, { topBetweenness: [c.removals[0]!.id], approx: 30, seed: 7 });
    expect(a).toEqual(b);
    expect(a.efficiencySources).toBe(30);
    expect(Math.abs(a.baseline.globalEfficiency - c.baseline.globalEfficiency)).toBeLessThan(0.03);
    // components are always exact
    expect(a.baseline.components).toBe(c.baseline.components);
  });
  it('bit-parallel efficiency (leaves compressed) = plain BFS on a graph larger than one 64-source batch', () => {
    // seeded LCG (test-only): a sparse random graph of 300 actors, a 40-actor ring, a pair and isolates
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296;
    const g = new UndirectedGraph<SimpleNodeAttributes, SimpleEdgeAttributes>();
    const N = 360;
    for (let i = 0; i < N; i++) g.addNode(`n${i}`, { label: `N${i}`, helix: i % 3 === 0 ? 'research-education' : 'industry' });
    for (let k = 0; k < 700; k++) {
      const a = Math.floor(rnd() * 300);
      const b = Math.floor(rnd() * 300);
      if (a !== b && !g.hasEdge(`n${a}`, `n${b}`)) g.addEdge(`n${a}`, `n${b}`, { weight: 1, count: 1 });
    }
    for (let i = 300; i < 340; i++) g.addEdge(`n${i}`, `n${i === 339 ? 300 : i + 1}`, { weight: 1, count: 1 });
    g.addEdge('n340', 'n341', { weight: 1, count: 1 });
    // a hub with five leaves hanging on the random part (leaf compression: remove the hub, a leaf)
    g.addEdge('n350', 'n0', { weight: 1, count: 1 });
    for (let i = 351; i <= 355; i++) g.addEdge('n350', `n${i}`, { weight: 1, count: 1 });
    // reference: one plain BFS per source, Σ 1/d over ordered pairs / (n(n−1)), `skip` removed
    const plain = (skip: string | null): number => {
      const ids = g.nodes().filter((id) => id !== skip);
      let sum = 0;
      for (const s of ids) {
        const dist = new Map<string, number>([[s, 0]]);
        const queue = [s];
        for (let h = 0; h < queue.length; h++) {
          const u = queue[h]!;
          g.forEachNeighbor(u, (v) => {
            if (v === skip || dist.has(v)) return;
            dist.set(v, dist.get(u)! + 1);
            sum += 1 / (dist.get(u)! + 1);
            queue.push(v);
          });
        }
      }
      return sum / (ids.length * (ids.length - 1));
    };
    const base = plain(null);
    expect(base).toBeGreaterThan(0.05);
    expect(globalEfficiency(g)).toBeCloseTo(base, 12);
    const removed = ['n0', 'n7', 'n310', 'n340', 'n350', 'n351'];
    const r = resilience(g, { topBetweenness: removed });
    expect(r.baseline.globalEfficiency).toBeCloseTo(base, 12);
    removed.forEach((id, k) => expect(r.removals[k]!.after.globalEfficiency).toBeCloseTo(plain(id), 12));
    // the order of the searches does not matter: relabelling the nodes gives the same value exactly
    const h = new UndirectedGraph<SimpleNodeAttributes, SimpleEdgeAttributes>();
    for (const id of [...g.nodes()].reverse()) h.addNode(id, g.getNodeAttributes(id));
    g.forEachEdge((_e, a, s, t) => h.addEdge(t, s, a));
    expect(globalEfficiency(h)).toBe(globalEfficiency(g));
    // approx: sources spread over several batches and components; reproducible by seed and close
    const ap = resilience(g, { approx: 200, seed: 3 }).baseline.globalEfficiency;
    expect(resilience(g, { approx: 200, seed: 3 }).baseline.globalEfficiency).toBe(ap);
    expect(Math.abs(ap - base)).toBeLessThan(0.02);
  });

  it('edge cases: empty graph, single actor', () => {
    const g = new UndirectedGraph<SimpleNodeAttributes, SimpleEdgeAttributes>();
    expect(resilience(g).baseline.globalEfficiency).toBe(0);
    g.addNode('a', { label: 'A', helix: 'industry' });
    const r = resilience(g, { topBetweenness: ['a'] });
    expect(r.baseline.components).toBe(1);
    expect(r.removals[0]!.after.actors).toBe(0);
    expect(r.removals[0]!.after.components).toBe(0);
    expect(r.baseline.firmResearchConnected).toBeNull();
  });
});

function actors(n: number, firms: number): Actor[] {
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const helix: HelixRole = i < firms ? 'industry' : i % 2 ? 'research-education' : 'public';
    out.push({ id: `a${i}`, label: `A${i}`, helix });
  }
  return out;
}
const profile = (over: Partial<ClusterProfile> = {}): ClusterProfile => ({
  name: 'Test cluster',
  form: 'association',
  coordinators: ['a0'],
  staffFte: [
    { year: 2023, value: 0.4 },
    { year: 2024, value: 1 },
  ],
  funding: [],
  activitiesPerYear: [
    { year: 2023, value: 3 },
    { year: 2024, value: 8 },
  ],
  focusAreas: ['energy', 'circular economy'],
  sections: [],
  ...over,
});
const doc = (acts: Actor[], p?: ClusterProfile, extra: Partial<NetworkDocument> = {}): NetworkDocument => {
  const d: NetworkDocument = { format: 'helixlab', version: 1, actors: acts, ties: [], ...extra };
  if (p) d.profile = p;
  return d;
};

describe('ESCA check', () => {
  it('passes every criterion with the latest year of the profile', () => {
    const r = escaCheck(networkFromDocument(doc(actors(20, 12), profile())));
    expect(r.year).toBe(2024);
    expect(r.criteria.map((c) => [c.id, c.value, c.pass])).toEqual([
      ['staff', 1, true],
      ['actors', 20, true],
      ['companies', 0.6, true],
      ['activities', 8, true],
      ['focus-areas', 2, true],
    ]);
    expect(r.pass).toBe(true);
  });
  it('fails with the value shown for an earlier year and at the boundaries', () => {
    const r = escaCheck(networkFromDocument(doc(actors(15, 7), profile({ focusAreas: ['energy'] }))), { year: 2023 });
    const by = Object.fromEntries(r.criteria.map((c) => [c.id, c]));
    expect(by['staff']!.value).toBe(0.4);
    expect(by['staff']!.pass).toBe(false);
    expect(by['actors']!.pass).toBe(true); // exactly 15
    expect(by['companies']!.value).toBeCloseTo(7 / 15, 12);
    expect(by['companies']!.pass).toBe(false); // not mostly companies
    expect(by['activities']!.pass).toBe(false);
    expect(by['focus-areas']!.value).toBe(1);
    expect(by['focus-areas']!.pass).toBe(false);
    expect(r.pass).toBe(false);
    // exactly half firms is not "mostly"
    const half = escaCheck(networkFromDocument(doc(actors(20, 10), profile())));
    expect(half.criteria.find((c) => c.id === 'companies')!.pass).toBe(false);
  });
  it('without a profile: unknown criteria are null; activities come from the two-mode data', () => {
    const acts = actors(16, 10);
    const activities = Array.from({ length: 6 }, (_, i) => ({
      id: `e${i}`,
      kind: 'event' as const,
      year: i < 5 ? 2024 : 2022,
      participants: ['a0', 'a1'],
    }));
    const r = escaCheck(networkFromDocument(doc(acts, undefined, { activities })));
    const by = Object.fromEntries(r.criteria.map((c) => [c.id, c]));
    expect(by['staff']!.pass).toBeNull();
    expect(by['focus-areas']!.pass).toBeNull();
    expect(by['activities']!.value).toBe(5);
    expect(by['activities']!.pass).toBe(true);
    expect(by['activities']!.source).toMatch(/running in 2024/);
    expect(r.pass).toBeNull();
    // the projection made ties, the check does not care
    expect(toSimpleGraph(networkFromDocument(doc(acts, undefined, { activities }))).size).toBe(1);
  });
});
