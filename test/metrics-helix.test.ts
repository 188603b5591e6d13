import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UndirectedGraph } from 'graphology';
import type { SimpleGraph, SimpleNodeAttributes, SimpleEdgeAttributes } from '../src/model/network.js';
import type { Activity, HelixRole } from '../src/model/types.js';
import { networkFromDocument } from '../src/model/network.js';
import {
  attributeAssortativity,
  blauIndex,
  coInformation,
  eiIndex,
  eiPermutationTest,
  helixComposition,
  iqv,
  synergy,
} from '../src/metrics/helix.js';

interface Case {
  name: string;
  nodes: Array<{ id: string; helix: HelixRole; sector: string | null }>;
  edges: Array<[string, string, number]>;
  assortativityHelix: number;
  assortativitySector?: number;
}
const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/networkx-helix.json'), 'utf8')) as { cases: Case[] };

function build(
  nodes: Array<{ id: string; helix: HelixRole; sector?: string | null }>,
  edges: Array<[string, string, number?]>,
): SimpleGraph {
  const g = new UndirectedGraph<SimpleNodeAttributes, SimpleEdgeAttributes>();
  for (const n of nodes) {
    const a: SimpleNodeAttributes = { label: n.id, helix: n.helix };
    if (n.sector !== undefined && n.sector !== null) a.sector = n.sector;
    g.addNode(n.id, a);
  }
  for (const [s, t, w] of edges) g.addEdge(s, t, { weight: w ?? 1, count: 1 });
  return g;
}
const fromCase = (c: Case) => build(c.nodes, c.edges);

// f1 f2 f3 industry, u1 u2 research-education, c1 public
const small = () =>
  build(
    [
      { id: 'f1', helix: 'industry' },
      { id: 'f2', helix: 'industry' },
      { id: 'f3', helix: 'industry' },
      { id: 'u1', helix: 'research-education' },
      { id: 'u2', helix: 'research-education' },
      { id: 'c1', helix: 'public' },
    ],
    [
      ['f1', 'f2'],
      ['f2', 'f3'],
      ['f1', 'f3'],
      ['f3', 'u1'],
      ['u1', 'u2'],
      ['u1', 'c1'],
      ['c1', 'f1'],
    ],
  );

describe('Blau index and IQV', () => {
  it('hand-computed: counts 3, 2, 1', () => {
    // 1 - (9 + 4 + 1) / 36 = 22/36
    expect(blauIndex([3, 2, 1])).toBeCloseTo(22 / 36, 12);
    // over the 7 helix roles: (22/36) / (1 - 1/7)
    expect(iqv([3, 2, 1, 0, 0, 0, 0])).toBeCloseTo(22 / 36 / (6 / 7), 12);
    expect(iqv([3, 2, 1], 3)).toBeCloseTo(22 / 36 / (2 / 3), 12);
  });
  it('extremes: one category 0, equal categories give IQV 1', () => {
    expect(blauIndex([5, 0, 0])).toBe(0);
    expect(iqv([4, 4, 4, 4])).toBeCloseTo(1, 12);
    expect(blauIndex({ a: 2, b: 2 })).toBeCloseTo(0.5, 12);
    expect(blauIndex([])).toBe(0);
    expect(iqv([3], 1)).toBe(0);
  });
});

describe('E-I index (Krackhardt & Stern)', () => {
  it('hand-computed network, role and actor values', () => {
    const r = eiIndex(small());
    // E = f3-u1, u1-c1, c1-f1 = 3; I = f1-f2, f2-f3, f1-f3, u1-u2 = 4
    expect(r.external).toBe(3);
    expect(r.internal).toBe(4);
    expect(r.network).toBeCloseTo(-1 / 7, 12);
    expect(r.byGroup['industry']).toBeCloseTo((2 - 3) / 5, 12);
    expect(r.byGroup['research-education']).toBeCloseTo((2 - 1) / 3, 12);
    expect(r.byGroup['public']).toBe(1);
    expect(r.byGroup['startup']).toBeNull();
    expect(r.byActor['f1']).toBeCloseTo(-1 / 3, 12);
    expect(r.byActor['u1']).toBeCloseTo(1 / 3, 12);
    expect(r.byActor['u2']).toBe(-1);
    expect(r.byActor['c1']).toBe(1);
  });
  it('weighted E-I sums strengths', () => {
    const g = build(
      [
        { id: 'a', helix: 'industry' },
        { id: 'b', helix: 'industry' },
        { id: 'c', helix: 'public' },
      ],
      [
        ['a', 'b', 3],
        ['b', 'c', 1],
      ],
    );
    expect(eiIndex(g).network).toBe(0);
    expect(eiIndex(g, { weighted: true }).network).toBeCloseTo((1 - 3) / 4, 12);
  });
  it('by a free attribute, leaving out unknown values', () => {
    const g = build(
      [
        { id: 'a', helix: 'industry', sector: 'x' },
        { id: 'b', helix: 'industry', sector: 'x' },
        { id: 'c', helix: 'public', sector: 'y' },
        { id: 'd', helix: 'public' },
      ],
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
      ],
    );
    const r = eiIndex(g, { attribute: 'sector' });
    expect(r.external).toBe(1);
    expect(r.internal).toBe(1);
    expect(r.network).toBe(0);
    expect(r.byActor['d']).toBeNull();
  });
  it('no ties: null', () => {
    const g = build([{ id: 'a', helix: 'industry' }], []);
    expect(eiIndex(g).network).toBeNull();
    expect(eiPermutationTest(g).pValue).toBeNull();
  });
});

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  const out: T[][] = [];
  xs.forEach((x, i) => {
    for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

describe('E-I permutation test', () => {
  const g = small();
  const nodes = g.nodes();
  const roles = nodes.map((n) => g.getNodeAttribute(n, 'helix'));
  // exact null distribution by enumerating all 720 label permutations
  const exact = permutations(roles.map((_, i) => i)).map((p) => {
    let e = 0;
    let i = 0;
    g.forEachEdge((_e, _a, s, t) => {
      if (roles[p[nodes.indexOf(s)]!] === roles[p[nodes.indexOf(t)]!]) i++;
      else e++;
    });
    return (e - i) / (e + i);
  });
  const mean = exact.reduce((a, b) => a + b, 0) / exact.length;
  const obs = -1 / 7;

  it('the expected E-I is the exact mean of the permutation distribution', () => {
    const r = eiPermutationTest(g, { permutations: 0 });
    // sizes 3, 2, 1: 1 - 2 * (6 + 2 + 0) / 30
    expect(r.expected).toBeCloseTo(1 - 16 / 30, 12);
    expect(r.expected).toBeCloseTo(mean, 12);
    expect(r.observed).toBeCloseTo(obs, 12);
  });
  it('the p-value converges to the exact permutation p-value', () => {
    const exactP = exact.filter((v) => Math.abs(v - mean) >= Math.abs(obs - mean) - 1e-12).length / exact.length;
    const r = eiPermutationTest(g, { permutations: 20000, seed: 3 });
    expect(r.pValue!).toBeGreaterThan(exactP - 0.015);
    expect(r.pValue!).toBeLessThan(exactP + 0.015);
    const exactLess = exact.filter((v) => v <= obs + 1e-12).length / exact.length;
    const less = eiPermutationTest(g, { permutations: 20000, seed: 3, alternative: 'less' });
    expect(less.pValue!).toBeGreaterThan(exactLess - 0.015);
    expect(less.pValue!).toBeLessThan(exactLess + 0.015);
  });
  it('is reproducible by seed and changes with the seed', () => {
    const big = fromCase(fixture.cases.find((c) => c.name === 'gnm60')!);
    const a = eiPermutationTest(big, { permutations: 300, seed: 42 });
    const b = eiPermutationTest(big, { permutations: 300, seed: 42 });
    const c = eiPermutationTest(big, { permutations: 300, seed: 43 });
    expect(a).toEqual(b);
    expect(a.pValue).not.toBe(c.pValue);
    expect(a.pValue!).toBeGreaterThanOrEqual(1 / 301);
    expect(a.pValue!).toBeLessThanOrEqual(1);
  });
  it('detects strong homophily (karate club split) with a small p-value', () => {
    const k = fromCase(fixture.cases.find((c) => c.name === 'karate')!);
    const r = eiPermutationTest(k, { permutations: 999, seed: 1, alternative: 'less' });
    expect(r.observed!).toBeLessThan(r.expected!);
    expect(r.pValue).toBe(1 / 1000);
  });
});

describe('attribute assortativity = NetworkX attribute_assortativity_coefficient', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: helix`, () => {
      expect(attributeAssortativity(fromCase(c), 'helix')).toBeCloseTo(c.assortativityHelix, 12);
    });
    if (c.assortativitySector !== undefined) {
      it(`${c.name}: sector`, () => {
        expect(attributeAssortativity(fromCase(c), 'sector')).toBeCloseTo(c.assortativitySector!, 12);
      });
    }
  }
  it('one group only: null', () => {
    const g = build(
      [
        { id: 'a', helix: 'industry' },
        { id: 'b', helix: 'industry' },
      ],
      [['a', 'b']],
    );
    expect(attributeAssortativity(g)).toBeNull();
  });
});

describe("Leydesdorff's synergy T", () => {
  // bits: 1 = industry, 2 = research (u), 4 = public (g)
  const cells3 = (records: number[]) => {
    const c = new Array<number>(8).fill(0);
    for (const r of records) c[r]!++;
    return c;
  };
  it('XOR configuration: T = -1 bit (synergy)', () => {
    // g = u xor i: (0,0,0) (1,1,0) (1,0,1) (0,1,1)
    expect(coInformation(cells3([0, 3, 5, 6]), 3)).toBeCloseTo(-1, 12);
  });
  it('fully redundant strands: T = +1 bit', () => {
    expect(coInformation(cells3([7, 0]), 3)).toBeCloseTo(1, 12);
  });
  it('independent strands: T = 0', () => {
    expect(coInformation(cells3([0, 1, 2, 3, 4, 5, 6, 7]), 3)).toBe(0);
  });
  it('mutual information for two variables', () => {
    const c = [1, 0, 0, 1]; // x = y
    expect(coInformation(c, 2)).toBeCloseTo(1, 12);
  });
  it('hand-computed from activities', () => {
    // a1 {u,i,g}, a2 {u,i}, a3 {i}, a4 {g}
    // H_u = 1, H_i = H(3/4) = 0.811278, H_g = 1, H_ui = 1.5, H_ug = 2, H_ig = 1.5, H_uig = 2
    const roles: Record<string, HelixRole> = {
      uni: 'research-education',
      firm: 'industry',
      start: 'startup',
      city: 'public',
      ngo: 'civil-society',
    };
    const acts: Activity[] = [
      { id: 'a1', kind: 'project', participants: ['uni', 'firm', 'city'] },
      { id: 'a2', kind: 'project', participants: ['uni', 'start'] },
      { id: 'a3', kind: 'event', participants: ['firm', 'start'] },
      { id: 'a4', kind: 'event', participants: ['city', 'ghost'] },
      { id: 'a5', kind: 'event', participants: ['ghost'] }, // no known participant: skipped
    ];
    const h34 = -(0.75 * Math.log2(0.75) + 0.25 * Math.log2(0.25));
    const r = synergy(acts, (id) => roles[id]);
    expect(r.activities).toBe(4);
    expect(r.triple).toBeCloseTo(1 + h34 + 1 - 1.5 - 2 - 1.5 + 2, 12);
    expect(r.triple).toBeCloseTo(-0.188722, 6);
    // civil society never takes part: the four-strand value is 0 (every term with c cancels its partner)
    expect(r.quadruple).toBe(0);
  });
  it('four strands: parity and redundancy both give +1 bit (the sign alternates with dimension)', () => {
    const parity: number[] = [];
    for (let x = 0; x < 8; x++) {
      const c = ((x & 1) ^ ((x >> 1) & 1) ^ ((x >> 2) & 1)) << 3;
      parity.push(x | c);
    }
    const cells = new Array<number>(16).fill(0);
    for (const p of parity) cells[p]!++;
    expect(coInformation(cells, 4)).toBeCloseTo(1, 12);
    const red = new Array<number>(16).fill(0);
    red[0] = 1;
    red[15] = 1;
    expect(coInformation(red, 4)).toBeCloseTo(1, 12);
  });
  it('no activities: null', () => {
    expect(synergy([], () => 'industry').triple).toBeNull();
    expect(coInformation([0, 0, 0, 0], 2)).toBeNull();
  });
});

describe('helixComposition', () => {
  it('assembles counts, diversity, E-I and synergy from a network', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'f1', label: 'F1', helix: 'industry' },
        { id: 'f2', label: 'F2', helix: 'industry' },
        { id: 'u1', label: 'U1', helix: 'research-education' },
        { id: 'c1', label: 'C1', helix: 'public' },
      ],
      ties: [{ source: 'f1', target: 'f2' }],
      activities: [
        { id: 'p1', kind: 'project', participants: ['f1', 'u1', 'c1'] },
        { id: 'p2', kind: 'project', participants: ['f2', 'u1'] },
      ],
    });
    const h = helixComposition(net, { permutations: 99, seed: 5 });
    expect(h.counts.industry).toBe(2);
    expect(h.counts['research-education']).toBe(1);
    expect(h.blau).toBeCloseTo(1 - (4 + 1 + 1) / 16, 12);
    // simple graph ties: f1-f2 (I), f1-u1, f1-c1, u1-c1, f2-u1 (E) -> (4 - 1) / 5
    expect(h.eiIndex).toBeCloseTo(3 / 5, 12);
    expect(h.synergyActivities).toBe(2);
    expect(h.coverage).toEqual({ triple: true, quadruple: false, penta: false });
    expect(h.missing.quadruple).toEqual(['civil-society']);
    expect(h.missing.penta).toEqual(['startup', 'financier']);
    expect(h.eiPValue).not.toBeNull();
  });
});
