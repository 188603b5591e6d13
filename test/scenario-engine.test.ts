/**
 * The scenario engine: determinism and random streams, hand-checkable mechanisms (funding state
 * machine, public cost, decay), invariants of every run, a start from a network document, and the
 * simulate/compare JSON contract (in this thread; the worker pool is tested through the CLI).
 */
import { describe, expect, it } from 'vitest';
import { networkFromDocument } from '../src/model/network.js';
import {
  compare,
  parseScenario,
  applySet,
  resultToJson,
  runOnce,
  SCENARIO_METRICS,
  simulate,
  startStateFromNetwork,
  type Scenario,
} from '../src/index.js';

const sc = (doc: object, sets: string[] = []): Scenario => {
  let s = parseScenario(JSON.stringify(doc), 'test.json');
  for (const a of sets) s = applySet(s, a);
  return s;
};
const permanent = sc({ name: 'perm', funding: { base: { eurPerYear: 100000, fte: 1 } } });

describe('runOnce', () => {
  it('is deterministic: same seed and run → same numbers; another run or seed → other numbers', () => {
    const a = runOnce(permanent, 7, 3);
    const b = runOnce(permanent, 7, 3);
    for (const m of SCENARIO_METRICS) expect(Array.from(b.metrics[m])).toEqual(Array.from(a.metrics[m]));
    expect(Array.from(runOnce(permanent, 7, 4).metrics.ties)).not.toEqual(Array.from(a.metrics.ties));
    expect(Array.from(runOnce(permanent, 'seven', 3).metrics.ties)).not.toEqual(Array.from(a.metrics.ties));
  });

  it('returns every metric for years 0..Y, with the starting state at index 0', () => {
    const o = runOnce(permanent, 1, 0, { years: 6 });
    for (const m of SCENARIO_METRICS) expect(o.metrics[m]).toHaveLength(7);
    // default generator: 20 + 4 + 3 + 1 + 4 + 1 members
    expect(o.metrics.members[0]).toBe(33);
    expect(o.metrics.reached[0]).toBe(33);
    expect(o.metrics.activities[0]).toBe(0);
    expect(o.metrics.publicCost[0]).toBe(0);
  });

  it('keeps the invariants of every run', () => {
    for (const s of [
      permanent,
      sc({ funding: { projects: { eurPerYear: 150000, fte: 1 } } }),
      sc({ funding: { members: { feeEur: 800 } } }),
    ]) {
      for (let r = 0; r < 10; r++) {
        const o = runOnce(s, 3, r);
        const M = o.metrics;
        for (let y = 0; y <= s.years; y++) {
          expect(M.meanTrust[y]).toBeGreaterThanOrEqual(0);
          expect(M.meanTrust[y]).toBeLessThanOrEqual(1);
          expect(M.crossHelixShare[y]).toBeGreaterThanOrEqual(0);
          expect(M.crossHelixShare[y]).toBeLessThanOrEqual(1);
          expect(M.members[y]).toBeLessThanOrEqual(M.reached[y]!);
          expect(M.ties[y]).toBeLessThanOrEqual((M.members[y]! * (M.members[y]! - 1)) / 2);
          if (!Number.isNaN(M.lockIn[y]!)) {
            expect(M.lockIn[y]).toBeGreaterThanOrEqual(0);
            expect(M.lockIn[y]).toBeLessThanOrEqual(1);
          }
          if (y > 0) {
            for (const c of ['partnerships', 'jointProjects', 'rdiInvestment', 'euFunding', 'jobs', 'publicCost', 'reached'] as const) {
              expect(M[c][y]).toBeGreaterThanOrEqual(M[c][y - 1]!);
            }
          }
        }
        // a mixed-helix project counts in jointProjects; each project has at least one new or renewed pair
        expect(M.jointProjects[s.years]).toBeLessThanOrEqual(
          M.rdiInvestment[s.years]! / (2 * s.rdi.eurPerPartnerYear * s.rdi.durationYears),
        );
      }
    }
  });

  it('public cost: a permanent base costs exactly eurPerYear a year; fees and anchors are not public', () => {
    const o = runOnce(permanent, 1, 0);
    for (let y = 0; y <= 15; y++) expect(o.metrics.publicCost[y]).toBe(100000 * y);
    const priv = runOnce(sc({ funding: { members: { feeEur: 500 }, anchor: { eurPerYear: 50000, fte: 0.5 } } }), 1, 0);
    expect(priv.metrics.publicCost[15]).toBe(0);
    expect(Number.isNaN(priv.metrics.partnershipsPerMillion[15]!)).toBe(true);
  });

  it('project funding follows the state machine: project, gap, then yearly applications', () => {
    // success 1: 3 project years, 1 gap year, 3 project years, gap, ...
    const s = sc({ funding: { projects: { eurPerYear: 100000, fte: 1, durationYears: 3, gapYears: 1, successProbability: 1 } } });
    const fte = Array.from(runOnce(s, 1, 0, { years: 9 }).metrics.coordinatorFte);
    expect(fte).toEqual([0, 1, 1, 1, 0, 1, 1, 1, 0, 1]);
    // success 0: only the first (granted) project
    const none = applySet(s, 'funding.projects.successProbability=0');
    expect(Array.from(runOnce(none, 1, 0, { years: 6 }).metrics.coordinatorFte)).toEqual([0, 1, 1, 1, 0, 0, 0]);
    // a project-rejected shock in year 5 turns the application down
    const rej = applySet(s, 'shocks=[{"year":5,"type":"project-rejected"}]');
    expect(Array.from(runOnce(rej, 1, 0, { years: 7 }).metrics.coordinatorFte)).toEqual([0, 1, 1, 1, 0, 0, 1, 1]);
  });

  it('a funding cut removes the base from its year; an anchor exit stops the anchor money', () => {
    const cut = applySet(permanent, 'shocks=[{"year":4,"type":"funding-cut","share":0.5}]');
    const o = runOnce(cut, 1, 0, { years: 6 });
    expect(Array.from(o.metrics.coordinatorFte)).toEqual([0, 1, 1, 1, 0.5, 0.5, 0.5]);
    expect(o.metrics.publicCost[6]).toBe(3 * 100000 + 3 * 50000);
    const anchor = sc({ funding: { anchor: { eurPerYear: 80000, fte: 1 } }, shocks: [{ year: 3, type: 'anchor-exit' }] });
    const a = runOnce(anchor, 1, 0, { years: 4 });
    expect(Array.from(a.metrics.coordinatorFte)).toEqual([0, 1, 1, 0, 0]);
    expect(a.metrics.members[3]).toBeLessThan(a.metrics.members[2]! + 10);
  });

  it('without coordination or contact, trust decays geometrically and weak ties dissolve', () => {
    // nothing happens: no funding, no volunteers, no introductions, no projects, no recruitment, no churn
    const still = sc({
      network: { closure: 0 },
      coordination: { volunteerActivities: 0 },
      rdi: { rate: 0 },
      growth: { recruitRate: 0, churnBase: 0, churnSensitivity: 0 },
      trust: { decay: 0.3, dissolveBelow: 0.1 },
      start: { generator: { trust: 0.5 } },
    });
    const o = runOnce(still, 1, 0, { years: 8 });
    const t0 = o.metrics.meanTrust[0]!;
    expect(o.metrics.members[8]).toBe(33);
    // surviving ties have trust × 0.7 per year; ties under 0.1 dissolve, so the mean stays above 0.1 while ties remain
    expect(o.metrics.ties[1]).toBe(o.metrics.ties[0]); // all start ties ≥ 0.25 survive a first 30 % decay
    expect(o.metrics.meanTrust[1]).toBeCloseTo(0.7 * t0, 12);
    expect(o.metrics.ties[8]).toBe(0); // 0.75 × 0.7^8 = 0.043 < 0.1: every tie has dissolved
  });

  it('common random numbers: a parameter no mechanism reads leaves every number unchanged', () => {
    const a = runOnce(permanent, 5, 2);
    const b = runOnce(applySet(permanent, 'description="another text"'), 5, 2);
    expect(Array.from(b.metrics.partnerships)).toEqual(Array.from(a.metrics.partnerships));
  });

  it('starts from a network document: its actors, helix roles and ties', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'A', helix: 'industry', sector: 'ict' },
        { id: 'b', label: 'B', helix: 'research-education' },
        { id: 'c', label: 'C', helix: 'public' },
        { id: 'd', label: 'D', helix: 'industry', sector: 'ict' },
      ],
      ties: [
        { source: 'a', target: 'b', weight: 2 },
        { source: 'a', target: 'b' },
        { source: 'c', target: 'd' },
      ],
    });
    const st = startStateFromNetwork(net, 'n');
    expect(st.helix).toEqual([0, 1, 2, 0]);
    expect(st.sector).toEqual([0, -1, -1, 0]);
    expect(st.tieA).toHaveLength(2);
    expect(st.tieTrust[0]).toBeCloseTo(1 - 0.6 ** 3, 12); // parallel ties merged: strength 3
    const s = structuredClone(permanent);
    s.start.resolved = st;
    const o = runOnce(s, 1, 0, { years: 2 });
    expect(o.metrics.members[0]).toBe(4);
    expect(o.metrics.ties[0]).toBe(2);
    expect(o.metrics.crossHelixShare[0]).toBe(1);
    expect(o.metrics.meanTrust[0]).toBeCloseTo((1 - 0.6 ** 3 + 0.4) / 2, 12);
  });
});

describe('joint projects and tie dynamics (measured as CORDIS)', () => {
  const busy = sc({ name: 'busy', years: 10, funding: { base: { eurPerYear: 100000, fte: 1 } }, rdi: { rate: 0.3, durationYears: 3 } });
  const pool = (o: ReturnType<typeof runOnce>, from: number, to: number) => {
    const t = o.ties!;
    let pairs = 0;
    let again = 0;
    let overlap = 0;
    let after = 0;
    for (let y = from; y <= to; y++) {
      pairs += t.tiePairs[y]!;
      again += t.tieAgain[y]!;
      overlap += t.tieOverlap[y]!;
      after += t.tieAfter[y]!;
    }
    return { pairs, again, overlap, after };
  };

  it('counts pairs by the year of their first joint project; again = overlap + after; the diagnostics pool the window Y − 6 … Y − 4', () => {
    for (let r = 0; r < 5; r++) {
      const o = runOnce(busy, 3, r);
      const t = o.ties!;
      expect(t.tiePairs[0]).toBe(0);
      for (let y = 0; y <= 10; y++) expect(t.tieAgain[y]).toBe(t.tieOverlap[y]! + t.tieAfter[y]!);
      const w = pool(o, 4, 6);
      expect(o.diagnostics).toMatchObject({ tiePairs: w.pairs, tieAgain: w.again, tieOverlap: w.overlap, tieAfter: w.after });
      // every first-time pair is a partnership
      let first = 0;
      for (let y = 1; y <= 10; y++) first += t.tiePairs[y]!;
      expect(first).toBe(o.metrics.partnerships[10]);
    }
  });

  it('rdi.overlap 0 leaves only third partners overlapping; 1 lets pairs run projects side by side', () => {
    const zero = { pairs: 0, overlap: 0 };
    const one = { pairs: 0, overlap: 0 };
    const open = applySet(busy, 'rdi.overlap=1');
    for (let r = 0; r < 10; r++) {
      const a = pool(runOnce(busy, 5, r), 1, 6);
      const b = pool(runOnce(open, 5, r), 1, 6);
      zero.pairs += a.pairs;
      zero.overlap += a.overlap;
      one.pairs += b.pairs;
      one.overlap += b.overlap;
    }
    expect(zero.pairs).toBeGreaterThan(50);
    expect(one.overlap / one.pairs).toBeGreaterThan(2 * (zero.overlap / zero.pairs));
    expect(one.overlap / one.pairs).toBeGreaterThan(0.2);
  });
});

describe('simulate and compare', () => {
  it('simulate returns the JSON contract', async () => {
    const r = await simulate(permanent, { runs: 8, seed: 3, years: 5 });
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['scenario', 'runs', 'seed', 'years', 'metrics']));
    expect(r).toMatchObject({ scenario: 'perm', runs: 8, seed: 3, years: 5 });
    for (const m of SCENARIO_METRICS) {
      expect(r.metrics[m].byYear.map((b) => b.year)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(Object.keys(r.metrics[m].final)).toEqual(expect.arrayContaining(['mean', 'sd', 'ci95', 'p05', 'p50', 'p95']));
    }
    // the final summary is the summary of the last year
    expect(r.metrics.members.final.mean).toBe(r.metrics.members.byYear[5]!.mean);
    const again = await simulate(permanent, { runs: 8, seed: 3, years: 5 });
    expect(resultToJson(again)).toBe(resultToJson(r));
  });

  it('compare pairs runs: a scenario against itself differs by exactly 0 with P(greater) 1/2', async () => {
    const c = await compare([permanent, permanent], { runs: 6, seed: 2, years: 4 });
    expect(c.baseline).toBe('perm');
    expect(c.scenarios.map((s) => s.scenario)).toEqual(['perm', 'perm (2)']);
    const d = c.differences['perm (2)']!;
    expect(d.partnerships).toEqual({ meanDiff: 0, ci95: [0, 0], probGreater: 0.5 });
  });

  it('compare: paired differences equal the difference of the final means', async () => {
    const pd = sc({ name: 'pd', funding: { projects: { eurPerYear: 150000, fte: 1 } } });
    const c = await compare([pd, permanent], { runs: 10, seed: 4 });
    const d = c.differences['perm']!.members.meanDiff!;
    expect(d).toBeCloseTo(c.scenarios[1]!.metrics.members.final.mean! - c.scenarios[0]!.metrics.members.final.mean!, 9);
  });

  it('rejects bad options', async () => {
    await expect(simulate(permanent, { runs: 0, seed: 1 })).rejects.toThrow(/runs/);
    await expect(compare([permanent], { runs: 2, seed: 1 })).rejects.toThrow(/two scenarios/);
    await expect(compare([permanent, sc({ years: 5 })], { runs: 2, seed: 1 })).rejects.toThrow(/--years/);
  });
});
