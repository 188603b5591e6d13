/**
 * Recording the simulated network of one run (src/scenario/snapshots.ts): the recorded actors and
 * ties at each year agree with the run's own indicators (members, ties, meanTrust), with the
 * engine's state seen through the `onYear` hook, and with hand-checkable decay; recording changes
 * no number of the run; the same seed gives the same recording.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { networkFromDocument } from '../src/model/network.js';
import { HELIX_ROLES } from '../src/model/types.js';
import {
  applySet,
  historyCounts,
  NetworkRecorder,
  networkHistoryToJson,
  parseScenario,
  recordNetwork,
  runOnce,
  SCENARIO_METRICS,
  startStateFromNetwork,
  type NetworkHistory,
  type Scenario,
} from '../src/index.js';
import { pairKey } from '../src/scenario/state.js';

const root = process.cwd();
const sc = (doc: object, sets: string[] = []): Scenario => {
  let s = parseScenario(JSON.stringify(doc), 'test.json');
  for (const a of sets) s = applySet(s, a);
  return s;
};
const preset = (name: string): Scenario => parseScenario(readFileSync(resolve(root, 'scenarios', `${name}.json`), 'utf8'), `${name}.json`);
const permanent = sc({ name: 'perm', funding: { base: { eurPerYear: 100000, fte: 1 } } });

const present = (h: NetworkHistory, i: number, t: number): boolean => {
  const a = h.actors[i]!;
  return a.joined <= t && (a.left === null || t < a.left);
};

describe('network recording', () => {
  const cases: Array<[string, Scenario]> = [
    ['permanent', permanent],
    ['project-driven preset', preset('project-driven')],
    ['anchor-firm preset with an anchor exit', applySet(preset('anchor-firm'), 'shocks=[{"year":6,"type":"anchor-exit"}]')],
    ['membership fee', sc({ funding: { members: { feeEur: 800 } } })],
  ];

  it.each(cases)("%s: actors and ties at each year equal the run's members, ties and mean trust", (_name, s) => {
    for (const run of [0, 3]) {
      const { output, network } = recordNetwork(s, 11, run);
      expect(network.years).toBe(s.years);
      expect(network.run).toBe(run);
      let changed = false;
      for (let t = 0; t <= s.years; t++) {
        const c = historyCounts(network, t);
        expect(c.actors, `year ${t}`).toBe(output.metrics.members[t]);
        expect(c.ties, `year ${t}`).toBe(output.metrics.ties[t]);
        // trust is stored to 4 significant digits
        expect(Math.abs(c.meanTrust - output.metrics.meanTrust[t]!), `year ${t}`).toBeLessThan(5e-4);
        if (t > 0 && (c.actors !== output.metrics.members[t - 1] || c.ties !== output.metrics.ties[t - 1])) changed = true;
      }
      expect(changed).toBe(true); // the network does evolve
      // every actor ever a member is listed once: as many as `reached`
      expect(network.actors).toHaveLength(output.metrics.reached[s.years]!);
    }
  });

  it('a tie present at t has trust in (0, 1] and both endpoints present at t', () => {
    for (const [, s] of cases) {
      const { network: h } = recordNetwork(s, 5, 1);
      expect(h.ties.length).toBeGreaterThan(0);
      for (const e of h.ties) {
        expect(e.source).toBeLessThan(e.target);
        expect(e.trust.length).toBeGreaterThan(0);
        expect(e.from + e.trust.length - 1).toBeLessThanOrEqual(h.years);
        e.trust.forEach((v, k) => {
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThanOrEqual(1);
          expect(present(h, e.source, e.from + k) && present(h, e.target, e.from + k)).toBe(true);
        });
      }
      for (const a of h.actors) {
        expect(HELIX_ROLES).toContain(a.helix);
        if (a.left !== null) expect(a.left).toBeGreaterThan(a.joined);
      }
    }
  });

  it("agrees with the engine's state year by year: membership, tie trust and formation year", () => {
    const rec = new NetworkRecorder({ scenario: 'perm', seed: 2, run: 0 });
    const seen: Array<{ t: number; members: Set<number>; ties: Map<number, { trust: number; since: number }> }> = [];
    runOnce(permanent, 2, 0, {
      onYear: (t, st) => {
        rec.onYear(t, st);
        const members = new Set<number>();
        for (let i = 0; i < st.n; i++) if (st.member[i]) members.add(i);
        const ties = new Map<number, { trust: number; since: number }>();
        for (let k = 0; k < st.m; k++) ties.set(pairKey(st.tA[k]!, st.tB[k]!), { trust: st.trust[k]!, since: st.since[k]! });
        seen.push({ t, members, ties });
      },
    });
    const h = rec.result();
    expect(seen.map((x) => x.t)).toEqual(Array.from({ length: 16 }, (_, t) => t));
    for (const { t, members, ties } of seen) {
      const here = h.actors.map((_a, i) => i).filter((i) => present(h, i, t));
      expect(here).toEqual([...members].sort((a, b) => a - b));
      const spells = h.ties.filter((e) => t >= e.from && t < e.from + e.trust.length);
      expect(spells).toHaveLength(ties.size);
      for (const e of spells) {
        const st = ties.get(pairKey(e.source, e.target))!;
        expect(st).toBeDefined();
        expect(e.from).toBe(st.since); // `from` is the tie's formation year
        expect(e.trust[t - e.from]).toBe(Number(st.trust.toPrecision(4)));
      }
    }
  });

  it('without contact, a recorded tie loses 30 % a year and ends when it falls below 0.1', () => {
    const still = sc({
      network: { closure: 0 },
      coordination: { volunteerActivities: 0 },
      rdi: { rate: 0 },
      growth: { recruitRate: 0, churnBase: 0, churnSensitivity: 0 },
      trust: { decay: 0.3, dissolveBelow: 0.1 },
      start: { generator: { trust: 0.5 } },
    });
    const { network: h } = recordNetwork(still, 1, 0, { years: 8 });
    expect(h.actors).toHaveLength(33);
    expect(h.actors.every((a) => a.joined === 0 && a.left === null)).toBe(true);
    expect(h.ties.length).toBeGreaterThan(10);
    for (const e of h.ties) {
      expect(e.from).toBe(0);
      for (let k = 1; k < e.trust.length; k++) expect(e.trust[k]!).toBeCloseTo(0.7 * e.trust[k - 1]!, 3);
      // dissolved after its last year: one more decay would take it under 0.1
      expect(e.trust.length).toBeLessThanOrEqual(8);
      expect(0.7 * e.trust[e.trust.length - 1]!).toBeLessThan(0.1 + 1e-3);
      expect(e.trust[e.trust.length - 1]!).toBeGreaterThanOrEqual(0.1 - 1e-3);
    }
  });

  it('marks the anchor firm, and records its exit in the shock year', () => {
    const s = applySet(preset('anchor-firm'), 'shocks=[{"year":6,"type":"anchor-exit"}]');
    const { network: h } = recordNetwork(s, 3, 0);
    const anchors = h.actors.filter((a) => a.anchor);
    expect(anchors).toHaveLength(1);
    const first = h.actors.findIndex((a) => a.helix === 'industry');
    expect(h.actors[first]!.anchor).toBe(true);
    expect(h.actors[first]!.left).toBe(6);
    expect(recordNetwork(permanent, 3, 0).network.actors.some((a) => a.anchor)).toBe(false);
  });

  it('recording changes no number of the run, and the same seed gives the same recording', () => {
    const s = preset('project-driven');
    const plain = runOnce(s, 9, 4);
    const a = recordNetwork(s, 9, 4);
    for (const m of SCENARIO_METRICS) expect(Array.from(a.output.metrics[m]), m).toEqual(Array.from(plain.metrics[m]));
    expect(a.output.diagnostics).toEqual(plain.diagnostics);
    const again = runOnce(s, 9, 4); // the state reused after a recorded run
    for (const m of SCENARIO_METRICS) expect(Array.from(again.metrics[m]), m).toEqual(Array.from(plain.metrics[m]));
    const b = recordNetwork(s, 9, 4);
    expect(JSON.stringify(b.network)).toBe(JSON.stringify(a.network));
    expect(JSON.stringify(recordNetwork(s, 9, 5).network.ties)).not.toBe(JSON.stringify(a.network.ties));
  });

  it('a start network: its actors and sectors, in its order', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'A', helix: 'industry', sector: 'ict' },
        { id: 'b', label: 'B', helix: 'research-education' },
        { id: 'c', label: 'C', helix: 'public' },
        { id: 'd', label: 'D', helix: 'startup', sector: 'games' },
      ],
      ties: [
        { source: 'a', target: 'b', weight: 2 },
        { source: 'c', target: 'd' },
      ],
    });
    const s = structuredClone(permanent);
    s.start.resolved = startStateFromNetwork(net, 'n');
    const { network: h } = recordNetwork(s, 1, 0, { years: 2, name: 'from n' });
    expect(h).toMatchObject({
      format: 'helixlab-network-history',
      version: 1,
      scenario: 'from n',
      seed: 1,
      run: 0,
      years: 2,
      sectors: ['ict', 'games'],
    });
    expect(h.actors.slice(0, 4)).toEqual([
      { id: 'a', helix: 'industry', sector: 0, joined: 0, left: h.actors[0]!.left },
      { id: 'b', helix: 'research-education', sector: null, joined: 0, left: h.actors[1]!.left },
      { id: 'c', helix: 'public', sector: null, joined: 0, left: h.actors[2]!.left },
      { id: 'd', helix: 'startup', sector: 1, joined: 0, left: h.actors[3]!.left },
    ]);
    // actors who join later are a<index>, made unique against the network's ids
    const later = h.actors.slice(4).map((a) => a.id);
    expect(later.every((id, k) => id === `a${k + 4}`)).toBe(true);
    const clash = structuredClone(permanent);
    clash.start.resolved = { ...startStateFromNetwork(net, 'n'), ids: ['a4', 'a5', '_a4', 'x'] };
    const ids = recordNetwork(clash, 1, 0, { years: 6 }).network.actors.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(4);
    expect(ids[4]).toBe('__a4');
    const start = h.ties.filter((e) => e.from === 0).map((e) => [e.source, e.target, e.trust[0]]);
    expect(start).toEqual([
      [0, 1, Number((1 - 0.6 ** 2).toPrecision(4))],
      [2, 3, 0.4],
    ]);
  });

  it('JSON text: one line per actor and tie, parses back to the same history, small for 15 years', () => {
    const s = preset('case-security');
    const { output, network: h } = recordNetwork(s, 1, 0);
    const text = networkHistoryToJson(h, '  ');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(h)));
    const lines = text.split('\n');
    expect(lines.filter((l) => l.startsWith('      {"id":'))).toHaveLength(h.actors.length);
    expect(lines.filter((l) => l.startsWith('      {"source":'))).toHaveLength(h.ties.length);
    // '{', 6 header fields, "actors": [, ], "ties": [, ], '}'
    expect(lines).toHaveLength(h.actors.length + h.ties.length + 12 + (h.sectors ? 1 : 0));
    expect(output.metrics.members[s.years]).toBeGreaterThan(80);
    // compact: under 80 bytes per actor or tie spell (the calibrated case, about 20 newcomers a year:
    // some 300 actors and 1,500 spells over 14 years, about 100-130 kB)
    expect(text.length / (h.actors.length + h.ties.length)).toBeLessThan(80);
    expect(text.length).toBeLessThan(200_000);
  });
});
