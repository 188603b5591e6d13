import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UndirectedGraph } from 'graphology';
import { emptyGraph, toSimpleGraph, type SimpleGraph } from '../src/model/network.js';
import type { HelixRole } from '../src/model/types.js';
import { BROKERAGE_ROLES, brokerage, type BrokerageRoles, type BrokerageZ } from '../src/metrics/brokerage.js';

interface SnaCase {
  name: string;
  nodes: string[];
  edges: [string, string, number?][];
  groups: string[];
  columns: string[];
  raw_nli: number[][];
  exp_nli: number[][];
  sd_nli: (number | null)[][];
  z_nli: (number | null)[][];
  raw_gli: number[];
  exp_gli: number[];
  sd_gli: (number | null)[];
  z_gli: (number | null)[];
}
const ref = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/reference/sna-brokerage.json'), 'utf8')) as {
  cases: SnaCase[];
};

function graphOf(c: SnaCase, attr = 'helix'): SimpleGraph {
  const g = emptyGraph();
  c.nodes.forEach((id, i) => g.addNode(id, { label: id, helix: 'industry', [attr]: c.groups[i] }));
  for (const [s, t, w] of c.edges) g.addEdge(s, t, { weight: w ?? 1 });
  return toSimpleGraph(g);
}

const row = (r: BrokerageRoles | BrokerageZ) => BROKERAGE_ROLES.map((k) => r[k]);

function near(actual: (number | null)[], expected: (number | null)[], what: string): void {
  expect(actual.length).toBe(6);
  for (let k = 0; k < 6; k++) {
    const e = expected[k];
    const a = actual[k];
    if (e === null || e === undefined) {
      if (a !== null) throw new Error(`${what}[${k}]: got ${a}, sna NaN/Inf`);
      continue;
    }
    if (a === null || Math.abs(a - e) > 1e-9 * Math.max(1, Math.abs(e))) throw new Error(`${what}[${k}]: got ${a}, sna ${e}`);
  }
}

describe('brokerage equals R sna 2.7-1 brokerage(g, cl)', () => {
  it('sna column order is w_I, w_O, b_IO, b_OI, b_O, t', () => {
    expect(ref.cases[0]!.columns).toEqual(['w_I', 'w_O', 'b_IO', 'b_OI', 'b_O', 't']);
  });
  for (const c of ref.cases) {
    it(`${c.name}: raw.nli, exp.nli, sd.nli, z.nli and the global *.gli`, () => {
      // group by a custom attribute to exercise --group-by
      const r = brokerage(graphOf(c, 'grp'), 'grp');
      expect(r.nodes).toEqual(c.nodes);
      r.raw.forEach((x, i) => expect(row(x)).toEqual(c.raw_nli[i]));
      r.expected.forEach((x, i) => near(row(x), c.exp_nli[i]!, `exp ${c.nodes[i]}`));
      r.sd.forEach((x, i) => near(row(x), c.sd_nli[i]!, `sd ${c.nodes[i]}`));
      r.z.forEach((x, i) => near(row(x), c.z_nli[i]!, `z ${c.nodes[i]}`));
      expect(row(r.global.raw)).toEqual(c.raw_gli);
      near(row(r.global.expected), c.exp_gli, 'exp.gli');
      near(row(r.global.sd), c.sd_gli, 'sd.gli');
      near(row(r.global.z), c.z_gli, 'z.gli');
    });
  }
});

describe('hand-worked 5-node example', () => {
  // groups 1:A 2:A 3:A 4:B 5:C; ties 1–2, 2–3, 1–4, 3–4, 4–5, 2–5 (no triangles)
  const g = new UndirectedGraph() as unknown as SimpleGraph;
  const groups: Record<string, HelixRole> = { '1': 'industry', '2': 'industry', '3': 'industry', '4': 'public', '5': 'research-education' };
  for (const [id, h] of Object.entries(groups)) g.addNode(id, { label: id, helix: h });
  for (const [s, t] of [
    ['1', '2'],
    ['2', '3'],
    ['1', '4'],
    ['3', '4'],
    ['4', '5'],
    ['2', '5'],
  ])
    g.addEdge(s!, t!, { weight: 1, count: 1 });
  const r = brokerage(g);
  it('node 2 (A; neighbours 1A, 3A, 5C): coordinator 2 (1→2→3, 3→2→1), representative 2 (1→2→5, 3→2→5), gatekeeper 2', () => {
    expect(r.raw[1]).toEqual({ coordinator: 2, itinerant: 0, representative: 2, gatekeeper: 2, liaison: 0, total: 6 });
  });
  it('node 4 (B; neighbours 1A, 3A, 5C): itinerant 2 (1→4→3 both ways), liaison 4 (1↔5, 3↔5 via 4)', () => {
    expect(r.raw[3]).toEqual({ coordinator: 0, itinerant: 2, representative: 0, gatekeeper: 0, liaison: 4, total: 6 });
  });
  it('node 1 (A; neighbours 2A, 4B): representative 1 (2→1→4: 2 and 1 share a group), gatekeeper 1 (4→1→2)', () => {
    expect(r.raw[0]).toEqual({ coordinator: 0, itinerant: 0, representative: 1, gatekeeper: 1, liaison: 0, total: 2 });
  });
  it('node 5 (C; neighbours 2A, 4B): liaison 2', () => {
    expect(r.raw[4]).toEqual({ coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 2, total: 2 });
  });
  it('expected counts under the density null model: d = 12/20, p = d²(1−d) = 0.144; coordinator for A = p·2·1', () => {
    expect(r.expected[0]!.coordinator).toBeCloseTo(0.144 * 2, 14);
    expect(r.expected[3]!.coordinator).toBe(0); // B has one member
    expect(r.z[3]!.coordinator).toBeNull(); // 0/0 in sna
    expect(r.groupNames).toEqual(['industry', 'public', 'research-education']);
    expect(r.groupSizes).toEqual([3, 1, 1]);
  });
});

describe('properties', () => {
  it('closing a triad removes exactly its two ordered two-paths', () => {
    const c = ref.cases[0]!;
    const open = brokerage(graphOf(c, 'grp'), 'grp');
    const closedCase = { ...c, edges: [...c.edges, ['1', '3'] as [string, string]] };
    const closed = brokerage(graphOf(closedCase, 'grp'), 'grp');
    // 1–3 closes the triads 1–2–3 (broker 2, coordinator) and 1–4–3 (broker 4, itinerant)
    expect(closed.raw[1]!.coordinator).toBe(open.raw[1]!.coordinator - 2);
    expect(closed.raw[3]!.itinerant).toBe(open.raw[3]!.itinerant - 2);
  });
  it('on undirected graphs representative = gatekeeper for every node; total = Σ roles = ordered open two-paths', () => {
    const c = ref.cases.find((x) => x.name === 'random-weighted')!;
    const r = brokerage(graphOf(c, 'grp'), 'grp');
    for (const x of r.raw) {
      expect(x.representative).toBe(x.gatekeeper);
      expect(x.total).toBe(x.coordinator + x.itinerant + x.representative + x.gatekeeper + x.liaison);
    }
  });
  it('one group only: everything is coordination', () => {
    const c = ref.cases.find((x) => x.name === 'karate')!;
    const r = brokerage(graphOf({ ...c, groups: c.groups.map(() => 'same') }, 'grp'), 'grp');
    for (const x of r.raw) expect(x.total).toBe(x.coordinator);
  });
});
