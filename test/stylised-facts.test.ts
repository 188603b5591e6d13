/**
 * The cookbook's stylised facts (../shared/domain/stylised-facts.md, IDs cited in each test) as
 * properties of the scenario engine. Each fact is a paired comparison under common random numbers
 * (replication r of both scenarios shares seed and substreams) and must hold — the mean paired
 * difference at least two standard errors away from zero in the stated direction — at three or more
 * settings spread over the plausible ranges (scenarios/assumptions.json), not at one tuned point.
 * A fact that holds only under some assumptions says which (and a test pins where it does not hold);
 * `helixlab explore` measures the conditions over the whole plausible space (docs/model.md, section 5).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORDIS_H2020_SMALL_TIES, drawParticle, runOnce, withParams, type RunOutput, type Scenario } from '../src/index.js';
import { loadScenarioWithSets, loadAssumptionRegister, resolvePosterior } from '../src/node/scenario.js';
import { neutralAssignments } from '../src/scenario/assumptions.js';
import { resolveEqualMoney } from '../src/scenario/money.js';

const SEED = 20251127;

/** A preset as the CLI loads it: `--set` assignments applied, equal money with its reference re-balanced. */
function preset(name: string, sets: string[] = []): Scenario {
  return loadScenarioWithSets(join(process.cwd(), 'scenarios', `${name}.json`), sets);
}

type Stat = (o: RunOutput) => number;
const final =
  (m: keyof RunOutput['metrics']): Stat =>
  (o) => {
    const v = o.metrics[m];
    return v[v.length - 1]!;
  };
const at =
  (m: keyof RunOutput['metrics'], y: number): Stat =>
  (o) =>
    o.metrics[m][y]!;
const yearlyMean =
  (m: keyof RunOutput['metrics']): Stat =>
  (o) => {
    const v = o.metrics[m];
    let s = 0;
    for (let y = 1; y < v.length; y++) s += v[y]!;
    return s / (v.length - 1);
  };

/** Paired difference stat(B) − stat(A) over `runs` replications: mean and standard error. */
function paired(a: Scenario, b: Scenario, stat: Stat, runs = 40, years?: number): { mean: number; se: number } {
  const opts = years === undefined ? {} : { years };
  const d: number[] = [];
  for (let r = 0; r < runs; r++) d.push(stat(runOnce(b, SEED, r, opts)) - stat(runOnce(a, SEED, r, opts)));
  const mean = d.reduce((x, y) => x + y, 0) / runs;
  const sd = Math.sqrt(d.reduce((x, y) => x + (y - mean) ** 2, 0) / (runs - 1));
  return { mean, se: sd / Math.sqrt(runs) };
}

/** B is greater than A: the paired mean difference is more than two standard errors above 0. */
function expectGreater(a: Scenario, b: Scenario, stat: Stat, label: string, runs = 40, years?: number): void {
  const { mean, se } = paired(a, b, stat, runs, years);
  expect(mean - 2 * se, `${label}: mean difference ${mean.toFixed(4)} ± ${(2 * se).toFixed(4)}`).toBeGreaterThan(0);
}

describe('stylised facts (cookbook)', () => {
  // B1-B7 from three starts: the presets' generated 33-member cluster and the bundled samples that
  // `npm start` shows (data/security-pirkanmaa.json, 112 members; data/construction-psrk.json).
  // Each replication is run once per regime and every statistic is read from the same pair of runs.
  const GENERATED = '';
  const SECURITY = '../data/security-pirkanmaa.json';
  const CONSTRUCTION = '../data/construction-psrk.json';
  /** The two regime presets, permanent at equal expected public money (equalMoney), with the same sets. */
  function regimePair(start: string, decay: number, extra: string[] = []): [Scenario, Scenario] {
    const sets = [`trust.decay=${decay}`, ...extra];
    if (start !== GENERATED) sets.push(`start.network=${JSON.stringify(start)}`);
    const dir = join(process.cwd(), 'scenarios');
    return [loadScenarioWithSets(join(dir, 'project-driven.json'), sets), loadScenarioWithSets(join(dir, 'permanent.json'), sets)];
  }
  function pairedStats(a: Scenario, b: Scenario, stats: Record<string, Stat>, runs: number): Record<string, { mean: number; se: number }> {
    const d: Record<string, number[]> = {};
    for (const k of Object.keys(stats)) d[k] = [];
    for (let r = 0; r < runs; r++) {
      const oa = runOnce(a, SEED, r);
      const va: Record<string, number> = {};
      for (const [k, f] of Object.entries(stats)) va[k] = f(oa);
      const ob = runOnce(b, SEED, r);
      for (const [k, f] of Object.entries(stats)) d[k]!.push(f(ob) - va[k]!);
    }
    const out: Record<string, { mean: number; se: number }> = {};
    for (const [k, xs] of Object.entries(d)) {
      const mean = xs.reduce((x, y) => x + y, 0) / runs;
      const sd = Math.sqrt(xs.reduce((x, y) => x + (y - mean) ** 2, 0) / (runs - 1));
      out[k] = { mean, se: sd / Math.sqrt(runs) };
    }
    return out;
  }

  // Conditional: this holds under the register's continuity assumptions at their defaults (the project
  // manager leaves at each project end, B1; memory, engagement and trust drop with them; project staff
  // spend a day a week on administration, B18). With every regime asymmetry at its neutral value it
  // does not (the test after this one); explore measures where in between it holds.
  it.each([
    ['generated', 0.1, GENERATED],
    ['generated', 0.3, GENERATED],
    ['generated', 0.5, GENERATED],
    ['security sample', 0.1, SECURITY],
    ['security sample', 0.3, SECURITY],
    ['security sample', 0.5, SECURITY],
    ['construction sample', 0.1, CONSTRUCTION],
    ['construction sample', 0.3, CONSTRUCTION],
    ['construction sample', 0.5, CONSTRUCTION],
  ] as const)(
    'B1-B7 (conditional on the continuity assumptions): permanent beats project-driven at equal public money on partnerships and trust (%s start, trust decay %s)',
    (_label, decay, start) => {
      const [pd, pm] = regimePair(start, decay);
      const r = pairedStats(
        pd,
        pm,
        {
          cost: final('publicCost'),
          partnerships: final('partnerships'),
          trustYears: yearlyMean('meanTrust'),
          trustFinal: final('meanTrust'),
        },
        40,
      );
      // equal public money: expected totals equal (money.ts), realised totals agree within 5 %
      const expected = resolveEqualMoney(pd).eur;
      expect(Math.abs(resolveEqualMoney(pm).eur - expected) / expected).toBeLessThan(1e-9);
      expect(Math.abs(r.cost!.mean)).toBeLessThan(0.05 * expected);
      const checks: Array<[string, string]> = [
        ['partnerships', 'partnerships'],
        ['trustYears', 'mean trust over the years'],
      ];
      // From the construction sample the final-year trust difference is small and not always two
      // standard errors above zero (decay 0.3: +0.004 ± 0.008 over 40 runs), so there it is not asserted.
      if (start !== CONSTRUCTION) checks.push(['trustFinal', 'final mean trust']);
      for (const [k, label] of checks) {
        const { mean, se } = r[k]!;
        expect(mean - 2 * se, `${label}: mean difference ${mean.toFixed(4)} ± ${(2 * se).toFixed(4)}`).toBeGreaterThan(0);
      }
    },
  );

  it.each([
    ['generated', GENERATED],
    ['security sample', SECURITY],
  ] as const)(
    'B1-B7 is not built in: with every regime asymmetry neutral, permanent does not beat project-driven on partnerships (%s start)',
    (_label, start) => {
      const neutral = neutralAssignments(loadAssumptionRegister(join(process.cwd(), 'scenarios', 'assumptions.json')));
      const [pd, pm] = regimePair(start, 0.3, neutral);
      const r = pairedStats(pd, pm, { partnerships: final('partnerships') }, 40);
      const { mean, se } = r.partnerships!;
      // the finding (docs/model.md 5): generated start about equal, security sample: project-driven ahead
      // (1 FTE in project years serves the 112 members; 0.72 FTE all the time is over the B13 capacity)
      expect(mean - 2 * se, `partnerships: ${mean.toFixed(2)} ± ${(2 * se).toFixed(2)}`).toBeLessThan(0);
    },
  );

  it.each([
    [2, 1],
    [3, 1],
    [3, 2],
  ])('B1, B2: ties and activity fall after a project ends (duration %s, gap %s)', (duration, gap) => {
    const s = preset('project-driven', [`funding.projects.durationYears=${duration}`, `funding.projects.gapYears=${gap}`]);
    // the year after the first project (always granted) ended against its last year
    const runs = 40;
    let dTies = 0;
    let dAct = 0;
    for (let r = 0; r < runs; r++) {
      const o = runOnce(s, SEED, r, { years: duration + 1 });
      dTies += o.metrics.ties[duration + 1]! - o.metrics.ties[duration]!;
      dAct += o.metrics.activities[duration + 1]! - o.metrics.activities[duration]!;
      // no coordinator in the gap year: only members' own activities remain
      expect(o.metrics.coordinatorFte[duration + 1]).toBe(0);
    }
    expect(dTies / runs).toBeLessThan(-10);
    expect(dAct / runs).toBeLessThan(-8);
  });

  it.each([0.1, 0.3, 0.6])('E1: fast recruitment lowers mean trust (openness %s)', (openness) => {
    const base = [`network.openness=${openness}`, 'growth.membersPerFte=1000'];
    const slow = preset('permanent', [...base, 'growth.recruitRate=0.1']);
    const fast = preset('permanent', [...base, 'growth.recruitRate=0.4']);
    expectGreater(fast, slow, final('meanTrust'), 'slow − fast mean trust', 40, 10);
    // and the fast cluster did grow more
    expectGreater(slow, fast, final('members'), 'fast − slow members', 40, 10);
  });

  it.each([0.1, 0.3, 0.5])('F1, F2: zero openness raises lock-in over time (closure %s)', (closure) => {
    const open = preset('permanent', [`network.closure=${closure}`, 'network.openness=0.4']);
    const closed = preset('permanent', [`network.closure=${closure}`, 'network.openness=0']);
    expectGreater(open, closed, final('lockIn'), 'lock-in closed − open');
  });

  it('F1, F2: in a closed cluster lock-in grows over the years', () => {
    const closed = preset('permanent', ['network.openness=0']);
    const runs = 40;
    let d = 0;
    for (let r = 0; r < runs; r++) {
      const o = runOnce(closed, SEED, r);
      d += o.metrics.lockIn[15]! - o.metrics.lockIn[3]!;
    }
    expect(d / runs).toBeGreaterThan(0.03);
  });

  it.each([4, 6, 9])('B7, C3: shared coordination softens a coordinator leaving in year %s', (year) => {
    const shock = `shocks=[{"year":${year},"type":"coordinator-leaves"}]`;
    const one = preset('permanent', [shock, 'coordination.organisations=1']);
    const three = preset('permanent', [shock, 'coordination.organisations=3']);
    expectGreater(one, three, at('ties', year), 'ties in the shock year');
    expectGreater(one, three, final('partnerships'), 'partnerships at the end');
  });

  // At equal expected public money (the mix is scaled to project-driven's, which shrinks as success
  // falls). Activities, coordination and trust hold at all three settings; the final tie count does
  // not at success 0.1 (+5 ± 6 ties over 40 runs): a finding, documented in docs/model.md.
  it.each([0.1, 0.3, 0.5])('B8, B9: the 20/30/50 mix holds up better than project-only when applications fail (success %s)', (p) => {
    const sets = [`funding.projects.successProbability=${p}`];
    const projects = preset('project-driven', sets);
    const mixed = preset('mixed-20-30-50', sets);
    expectGreater(projects, mixed, yearlyMean('activities'), 'activities a year');
    expectGreater(projects, mixed, yearlyMean('coordinatorFte'), 'coordination FTE a year');
    expectGreater(projects, mixed, final('meanTrust'), 'final mean trust');
    if (p >= 0.3) expectGreater(projects, mixed, final('ties'), 'final ties');
  });

  it.each([0.04, 0.08, 0.16])('B4, K3: impact lags and grows over the years (RDI rate %s)', (rate) => {
    const s = preset('permanent', [`rdi.rate=${rate}`]);
    const runs = 40;
    let first = 0;
    let last = 0;
    let year2 = 0;
    for (let r = 0; r < runs; r++) {
      const o = runOnce(s, SEED, r);
      first += o.metrics.jobs[5]!;
      last += o.metrics.jobs[15]! - o.metrics.jobs[10]!;
      year2 += o.metrics.jobs[2]!;
    }
    // nothing within the first project cycle, and the last five years yield more than twice the first five
    expect(year2 / runs).toBe(0);
    expect(last).toBeGreaterThan(2 * first);
  });

  it.each([0.4, 0.6, 0.8])('G4: city-set goals lose members against co-created ones (goal fit %s)', (fit) => {
    const co = preset('permanent', [`governance.goalFitImposed=${fit}`]);
    const city = preset('city-led', [`governance.goalFitImposed=${fit}`]);
    expectGreater(city, co, final('members'), 'co-created − city-set members');
  });

  // Conditional on the fee: at 1,000 EUR and more; at the PSRK level (500 EUR) the model shows no
  // difference (next test) — a finding, docs/model.md section 5.
  it.each([1000, 1500, 2000])('B10: a fee charged before the cluster is established lowers membership (fee %s EUR)', (fee) => {
    const early = preset('permanent', [`funding.members.feeEur=${fee}`, 'funding.members.startYear=1']);
    const late = preset('permanent', [`funding.members.feeEur=${fee}`, 'funding.members.startYear=6']);
    // year 6: both clusters have charged the fee (the late one for the first time, its passive members
    // have just weighed it); the early fee held growth back while the cluster was young
    expectGreater(early, late, final('members'), 'late − early fee members', 80, 6);
  });

  it('B10 does not show at the PSRK fee level (500 EUR): early and late fees give the same membership within the noise', () => {
    const early = preset('permanent', ['funding.members.feeEur=500', 'funding.members.startYear=1']);
    const late = preset('permanent', ['funding.members.feeEur=500', 'funding.members.startYear=6']);
    const { mean, se } = paired(early, late, final('members'), 80, 6);
    expect(mean - 2 * se, `late − early members: ${mean.toFixed(2)} ± ${(2 * se).toFixed(2)}`).toBeLessThanOrEqual(0);
  });

  it('CORDIS target: the engine measured as CORDIS H2020 (again, overlap, after) covers the H2020 shares (posterior predictive)', () => {
    // scenarios/cordis-ties.json with its posterior (docs/model.md 3.5): pairs whose first joint project
    // started in 2014–2016 (years 1–3), projects of at most 3 participants, starts seen until 2020
    const file = join(process.cwd(), 'scenarios', 'cordis-ties.json');
    const s = loadScenarioWithSets(file, []);
    const post = resolvePosterior(s, file).posterior!;
    expect(post.n).toBeGreaterThanOrEqual(200);
    const shares: Record<'again' | 'overlap' | 'after', number[]> = { again: [], overlap: [], after: [] };
    for (let r = 0; r < 100; r++) {
      const d = drawParticle(post, SEED, r);
      const t = runOnce(withParams(s, d.paths, d.values), SEED, r).ties!;
      let pairs = 0;
      const c = { again: 0, overlap: 0, after: 0 };
      for (let y = 1; y <= 3; y++) {
        pairs += t.tiePairs[y]!;
        c.again += t.tieAgain[y]!;
        c.overlap += t.tieOverlap[y]!;
        c.after += t.tieAfter[y]!;
      }
      expect(pairs).toBeGreaterThan(30);
      for (const k of ['again', 'overlap', 'after'] as const) shares[k].push(c[k] / pairs);
    }
    const q = (xs: number[], p: number) => {
      const v = [...xs].sort((a, b) => a - b);
      const h = (v.length - 1) * p;
      return v[Math.floor(h)]! + (h - Math.floor(h)) * (v[Math.ceil(h)]! - v[Math.floor(h)]!);
    };
    for (const k of ['again', 'overlap', 'after'] as const) {
      const cordis =
        k === 'again'
          ? CORDIS_H2020_SMALL_TIES.shareAgain
          : k === 'overlap'
            ? CORDIS_H2020_SMALL_TIES.shareOverlap
            : CORDIS_H2020_SMALL_TIES.shareAfter;
      expect(q(shares[k], 0.05), k).toBeLessThanOrEqual(cordis);
      expect(q(shares[k], 0.95), k).toBeGreaterThanOrEqual(cordis);
    }
  });
});
