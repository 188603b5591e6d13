import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UndirectedGraph } from 'graphology';
import { emptyGraph, toSimpleGraph, type SimpleGraph } from '../src/model/network.js';
import type { HelixRole } from '../src/model/types.js';
import { constraint, effectiveSize, efficiency, structuralHoles } from '../src/metrics/structural-holes.js';

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

function simple(edges: [string, string, number?][], isolates: string[] = []): SimpleGraph {
  const g = new UndirectedGraph() as unknown as SimpleGraph;
  const add = (id: string) => g.hasNode(id) || g.addNode(id, { label: id, helix: 'industry' });
  for (const [s, t, w] of edges) {
    add(s);
    add(t);
    g.addEdge(s, t, { weight: w ?? 1, count: 1 });
  }
  isolates.forEach(add);
  return g;
}

function same(actual: (number | null)[], expected: (number | null)[], tol = 1e-9): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === null || e === undefined) {
      expect(a, `index ${i}`).toBeNull();
    } else {
      expect(a, `index ${i}`).not.toBeNull();
      if (Math.abs(a! - e) > tol) throw new Error(`index ${i}: got ${a}, NetworkX ${e}`);
    }
  });
}

describe('structural holes agree with NetworkX constraint / effective_size (weight="weight") to 1e-9', () => {
  for (const c of ref.cases) {
    it(c.name, () => {
      const r = structuralHoles(graphOf(c));
      same(r.constraint, c.expected.constraint!);
      same(r.effectiveSize, c.expected.effective_size!);
      const deg = c.expected.degree!;
      same(
        r.efficiency,
        c.expected.effective_size!.map((e, i) => (e === null ? null : e / deg[i]!)),
      );
    });
  }
});

describe('hand-worked values', () => {
  it('triangle: constraint 1.125 = (1/2 + 1/4)² · 2, effective size 1, efficiency 0.5', () => {
    const g = simple([
      ['a', 'b'],
      ['b', 'c'],
      ['a', 'c'],
    ]);
    expect(constraint(g)).toEqual([1.125, 1.125, 1.125]);
    expect(effectiveSize(g)).toEqual([1, 1, 1]);
    expect(efficiency(g)).toEqual([0.5, 0.5, 0.5]);
  });

  it('star with 4 leaves: centre constraint 1/4 and effective size 4; leaves 1 and 1', () => {
    const g = simple([
      ['h', '1'],
      ['h', '2'],
      ['h', '3'],
      ['h', '4'],
    ]);
    const r = structuralHoles(g);
    expect(r.constraint).toEqual([0.25, 1, 1, 1, 1]);
    expect(r.effectiveSize).toEqual([4, 1, 1, 1, 1]);
    expect(r.efficiency).toEqual([1, 1, 1, 1, 1]);
  });

  it('weighted ego: tie strengths enter as proportions of strength', () => {
    // ego e tied to a (weight 3) and b (weight 1); a–b tied (weight 2)
    // p_ea = 3/4, p_eb = 1/4, p_ab = 2/5, p_ba = 2/3
    // c_e = (3/4 + 1/4·2/3)² + (1/4 + 3/4·2/5)² = (11/12)² + (11/20)²
    const g = simple([
      ['e', 'a', 3],
      ['e', 'b', 1],
      ['a', 'b', 2],
    ]);
    expect(constraint(g)[0]).toBeCloseTo((11 / 12) ** 2 + (11 / 20) ** 2, 14);
    // ES_e = Σ_j (1 − Σ_q p_eq m_jq): m_ab = 2/3 (a's max tie 3), m_ba = 2/2 = 1
    // j=a: 1 − p_eb·m_ab = 1 − 1/4·2/3; j=b: 1 − p_ea·m_ba = 1 − 3/4
    expect(effectiveSize(g)[0]).toBeCloseTo(1 - 1 / 6 + 1 / 4, 14);
  });

  it('isolates get null; a heavier tie to a closed pair raises constraint (monotonicity)', () => {
    const g = simple(
      [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
      ],
      ['z'],
    );
    const r = structuralHoles(g);
    expect(r.constraint[4]).toBeNull();
    expect(r.effectiveSize[4]).toBeNull();
    expect(r.efficiency[4]).toBeNull();
    const open = simple([
      ['e', 'a'],
      ['e', 'b'],
      ['e', 'c'],
    ]);
    const closed = simple([
      ['e', 'a'],
      ['e', 'b'],
      ['e', 'c'],
      ['a', 'b'],
    ]);
    expect(constraint(closed)[0]!).toBeGreaterThan(constraint(open)[0]!);
    expect(effectiveSize(closed)[0]!).toBeLessThan(effectiveSize(open)[0]!);
  });

  it('unweighted effective size equals Borgatti n − 2t/n', () => {
    // ego with 5 alters and 3 ties among them: 5 − 6/5
    const g = simple([
      ['e', '1'],
      ['e', '2'],
      ['e', '3'],
      ['e', '4'],
      ['e', '5'],
      ['1', '2'],
      ['2', '3'],
      ['4', '5'],
    ]);
    expect(effectiveSize(g)[0]).toBeCloseTo(5 - 6 / 5, 14);
  });

  it('a hub next to small egos (binary-search branch) gives the same numbers as scanning', () => {
    // hub h tied to 200 leaves and to a, b; a–b tied: a's ego has the hub as alter
    const edges: [string, string, number?][] = [
      ['a', 'b', 2],
      ['a', 'h', 1],
      ['b', 'h', 3],
    ];
    for (let i = 0; i < 200; i++) edges.push(['h', `l${i}`, 1 + (i % 3)]);
    const r = structuralHoles(simple(edges));
    // a: p_ab = 2/3, p_ah = 1/3; p_bh = 3/5, p_hb = 3/s_h, s_h = 1+3+Σ(1+(i%3))
    const sh = 4 + Array.from({ length: 200 }, (_, i) => 1 + (i % 3)).reduce((x, y) => x + y, 0);
    const pab = 2 / 3,
      pah = 1 / 3,
      pbh = 3 / 5,
      phb = 3 / sh;
    expect(r.constraint[0]).toBeCloseTo((pab + pah * phb) ** 2 + (pah + pab * pbh) ** 2, 13);
  });
});
