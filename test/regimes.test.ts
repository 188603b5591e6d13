/**
 * Regime comparisons that can be trusted (docs/model.md, sections 3.3 and 5):
 * - expected public money is exact (against a Monte Carlo of the engine's own funding mechanism);
 * - equal money holds wherever the parameters move, and bad declarations are refused;
 * - with every regime asymmetry of the register at its neutral value, permanent and project-driven
 *   funding with success 1 and no gap give identical runs, number for number;
 * - the assumption register is checked against the engine and listed in docs/model.md;
 * - PRIM finds a planted box; explore recovers a known flip condition on a constructed pair.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  assumptionTable,
  attachEqualMoney,
  createRng,
  expectedPublicMoney,
  neutralAssignments,
  parseAssumptionRegister,
  parseScenario,
  prim,
  runOnce,
  SCENARIO_METRICS,
  type Scenario,
} from '../src/index.js';
import { fundYear, initFunding } from '../src/scenario/mechanisms/funding.js';
import { loadAssumptionRegister, loadScenarioWithSets } from '../src/node/scenario.js';
import { runExplore } from '../src/node/batch/explore.js';
import { resolveEqualMoney } from '../src/scenario/money.js';

const dir = join(process.cwd(), 'scenarios');
const load = (name: string, sets: string[] = []): Scenario => loadScenarioWithSets(join(dir, `${name}.json`), sets);
const register = loadAssumptionRegister(join(dir, 'assumptions.json'));

/** Mean public EUR of `histories` runs of the engine's funding state machine (fundYear). */
function simulatedPublicMoney(s: Scenario, histories: number): number {
  const rng = createRng(5).stream('money');
  let total = 0;
  for (let h = 0; h < histories; h++) {
    const st = initFunding(s, s.years);
    for (let t = 1; t <= s.years; t++) {
      const shocks = { coordinatorLeaves: false, projectRejected: false, fundingCut: 0, anchorExit: false };
      for (const sh of s.shocks) {
        if (sh.year !== t) continue;
        if (sh.type === 'project-rejected') shocks.projectRejected = true;
        if (sh.type === 'funding-cut') shocks.fundingCut = Math.min(1, shocks.fundingCut + (sh.share ?? 1));
      }
      total += fundYear(s, st, t, 30, 0, rng, shocks).publicEur;
    }
  }
  return total / histories;
}

describe('expected public money (money.ts)', () => {
  it.each([
    ['project-driven defaults', []],
    ['success 0.3, gap 2', ['funding.projects.successProbability=0.3', 'funding.projects.gapYears=2']],
    ['2-year projects, first in year 3', ['funding.projects.durationYears=2', 'funding.projects.firstYear=3']],
    [
      'shocks: rejected in year 5, half the base cut in year 7',
      ['funding.base.eurPerYear=20000', 'shocks=[{"year":5,"type":"project-rejected"},{"year":7,"type":"funding-cut","share":0.5}]'],
    ],
  ] as const)('equals the mean of 20,000 simulated funding histories within 0.5 %% (%s)', (_label, sets) => {
    const s = load('project-driven', [...sets]);
    const exact = expectedPublicMoney(s).eur;
    const mc = simulatedPublicMoney(s, 20_000);
    expect(Math.abs(mc - exact) / exact).toBeLessThan(0.005);
  });

  it('is exact where nothing is random: success 1, no gap → every year funded', () => {
    const s = load('project-driven', ['funding.projects.successProbability=1', 'funding.projects.gapYears=0']);
    const m = expectedPublicMoney(s);
    expect(m.eur).toBe(15 * 150_000);
    expect(m.fteYears).toBe(15);
    expect(m.projectProbability).toEqual(new Array(15).fill(1));
    // success 0: only the first project (years 1–3)
    const z = expectedPublicMoney(load('project-driven', ['funding.projects.successProbability=0']));
    expect(z.eur).toBe(3 * 150_000);
  });
});

describe('equal money', () => {
  it.each([
    [[]],
    [['funding.projects.successProbability=1', 'funding.projects.gapYears=0']],
    [['funding.projects.successProbability=0.35', 'funding.projects.durationYears=2']],
    [['years=8']],
    [['funding.projects.eurPerYear=300000']],
    [['shocks=[{"year":4,"type":"project-rejected"}]']],
  ])('permanent and mixed equal project-driven after --set %j', (sets) => {
    const pd = load('project-driven', sets);
    for (const name of ['permanent', 'mixed-20-30-50', 'city-led']) {
      const s = load(name, sets);
      const r = resolveEqualMoney(s);
      expect(r.reference).toBe('project-driven');
      expect(Math.abs(r.eur - expectedPublicMoney(pd).eur) / expectedPublicMoney(pd).eur).toBeLessThan(1e-9);
    }
  });

  it('a run of the scaled scenario spends the expected money (permanent: deterministic)', () => {
    const pm = load('permanent');
    const o = runOnce(pm, 1, 0);
    expect(o.metrics.publicCost[15]).toBeCloseTo(resolveEqualMoney(pm).eur, 6);
  });

  it('is declared in the file, not set: --set equalMoney.with is refused', () => {
    expect(() => load('permanent', ['equalMoney.with="membership-only.json"'])).toThrow(/equal money is declared in the scenario file/);
  });

  it('refuses a reference that itself declares equal money, and a scenario without public money to scale', () => {
    const pm = load('permanent');
    const city = load('city-led');
    expect(() => attachEqualMoney(pm, city)).toThrow(InputError);
    expect(() => attachEqualMoney(pm, city)).toThrow(/itself declares equal money/);
    const noMoney = parseScenario(JSON.stringify({ equalMoney: { with: 'project-driven.json' } }), 'x.json');
    expect(() => attachEqualMoney(noMoney, load('project-driven'))).toThrow(/no public money/);
  });
});

describe('the assumption register', () => {
  it('parses, and its neutral values make the two regimes identical number for number (success 1, no gap)', () => {
    const sets = ['funding.projects.successProbability=1', 'funding.projects.gapYears=0', ...neutralAssignments(register)];
    const pd = load('project-driven', sets);
    const pm = load('permanent', sets);
    for (let r = 0; r < 8; r++) {
      const a = runOnce(pd, 3, r);
      const b = runOnce(pm, 3, r);
      for (const m of SCENARIO_METRICS) expect(Array.from(b.metrics[m]), `${m}, run ${r}`).toEqual(Array.from(a.metrics[m]));
      expect(b.diagnostics).toEqual(a.diagnostics);
    }
  });

  it('the administration share alone, back at its default, separates the regimes even with success 1 and no gap', () => {
    const neutral = neutralAssignments(register).filter((a) => !a.startsWith('funding.projects.adminShare='));
    const sets = ['funding.projects.successProbability=1', 'funding.projects.gapYears=0', ...neutral];
    let differ = 0;
    for (let r = 0; r < 4; r++) {
      const a = runOnce(load('project-driven', sets), 3, r);
      const b = runOnce(load('permanent', sets), 3, r);
      if (JSON.stringify(Array.from(b.metrics.partnerships)) !== JSON.stringify(Array.from(a.metrics.partnerships))) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });

  it('the project-end turnover acts between back-to-back projects (off by default), and separates the regimes there', () => {
    const b2b = ['funding.projects.successProbability=1', 'funding.projects.gapYears=0'];
    const off = runOnce(load('project-driven', b2b), 3, 0);
    const on = runOnce(load('project-driven', [...b2b, 'coordination.projectEndTurnover=1']), 3, 0);
    // years 1–3 are the first project: the same; the switch at year 4 costs memory, engagement and trust
    expect(Array.from(on.metrics.meanTrust.slice(0, 4))).toEqual(Array.from(off.metrics.meanTrust.slice(0, 4)));
    expect(on.metrics.meanTrust[4]).toBeLessThan(off.metrics.meanTrust[4]!);
  });

  it('rejects entries that do not match the engine: wrong default, unknown path, empty range, out of the domain', () => {
    const text = readFileSync(join(dir, 'assumptions.json'), 'utf8');
    const doc = JSON.parse(text) as { entries: Record<string, unknown>[] };
    const bad = (change: (e: Record<string, unknown>) => void): string => {
      const d = structuredClone(doc);
      change(d.entries[0]!);
      try {
        parseAssumptionRegister(JSON.stringify(d), 'reg.json');
      } catch (err) {
        if (err instanceof InputError) return err.diagnostics.map((x) => `${x.field ?? ''}: ${x.message}`).join('\n');
        throw err;
      }
      return 'accepted';
    };
    expect(bad((e) => (e.default = 0.9))).toMatch(
      /entries\[0\] \(coordination.projectEndTurnover\): default 0.9 is not the engine's default 0/,
    );
    expect(bad((e) => (e.path = 'coordination.projectEndTurnovr'))).toMatch(/not a numeric scenario parameter/);
    expect(bad((e) => (e.range = [0.5, 0.5]))).toMatch(/range \[0.5, 0.5\] is empty/);
    expect(bad((e) => (e.range = [0, 2]))).toMatch(/2 is outside the parameter's legal domain/);
  });

  it('docs/model.md lists the register as its table', () => {
    const doc = readFileSync(join(process.cwd(), 'docs', 'model.md'), 'utf8');
    expect(doc).toContain(assumptionTable(register));
  });
});

describe('PRIM', () => {
  it('finds a planted box: y = x0 > 0.7 and x2 < 0.4, among four uniform parameters', () => {
    const rng = createRng(11).stream('prim');
    const x: number[][] = [];
    const y: boolean[] = [];
    for (let i = 0; i < 2000; i++) {
      const p = [rng.next(), rng.next(), rng.next(), rng.next()];
      x.push(p);
      y.push(p[0]! > 0.7 && p[2]! < 0.4);
    }
    const r = prim(x, y, { lo: [0, 0, 0, 0], hi: [1, 1, 1, 1], maxRestrictions: 3, threshold: 0.95 });
    const b = r.boxes[0]!;
    expect(b.restricted).toEqual([0, 2]);
    expect(b.lower[0]).toBeGreaterThan(0.65);
    expect(b.lower[0]).toBeLessThan(0.75);
    expect(b.upper[2]).toBeGreaterThan(0.35);
    expect(b.upper[2]).toBeLessThan(0.45);
    expect(b.density).toBeGreaterThan(0.9);
    expect(b.coverage).toBeGreaterThan(0.8);
    // the trajectory starts from the whole space at the base density
    expect(r.trajectory[0]!.mass).toBe(1);
    expect(r.trajectory[0]!.density).toBeCloseTo(r.baseDensity, 12);
  });
});

describe('explore recovers a known flip condition', () => {
  it('B coordinates beyond one FTE (saturation 100 against 1): it is better exactly when the base FTE exceeds 1', async () => {
    const doc = { years: 10, funding: { base: { eurPerYear: 100000, fte: 1 } } };
    const a = parseScenario(JSON.stringify({ ...doc, name: 'saturating', coordination: { fteSaturation: 1 } }), 'a.json');
    const b = parseScenario(JSON.stringify({ ...doc, name: 'linear', coordination: { fteSaturation: 100 } }), 'b.json');
    const out = await runExplore({
      a,
      b,
      files: ['a.json', 'b.json'],
      spec: {
        ranges: [
          { path: 'funding.base.fte', lo: 0.2, hi: 2.5, integer: false },
          { path: 'trust.decay', lo: 0.1, hi: 0.5, integer: false },
        ],
        samples: 64,
        sampling: 'sobol',
        seed: 4,
        runs: 8,
        years: 10,
        metrics: ['jointProjects'],
        measure: 'final',
      },
      rangesSource: 'test',
      workers: 1,
      provenance: { helixlab: 'test' },
    });
    const m = out.summary!.metrics[0]!;
    // at FTE ≤ 1 the two scenarios are the same runs (difference exactly 0): the flip region
    expect(m.majority).toBe('B');
    const box = m.flips[0]!;
    expect(box.conditions).toHaveLength(1);
    const bound = Number(/^funding\.base\.fte ≤ ([\d.]+)$/.exec(box.conditions[0]!)?.[1]);
    expect(bound).toBeGreaterThanOrEqual(1);
    expect(bound).toBeLessThan(1.3);
    expect(box.coverage).toBeGreaterThan(0.8);
    expect(box.density).toBeGreaterThan(0.75);
    expect(m.deciding[0]!.path).toBe('funding.base.fte');
    expect(m.statement).toMatch(/^linear beats saturating on jointProjects/);
  }, 120_000);
});
