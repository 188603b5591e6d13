/**
 * Calibration of the case presets to the member paths published in the cookbook
 * (../shared/domain/case-facts.json, stylised facts E7, E8, E9, B13). Each preset's free growth
 * parameters were fitted once (see each file's `notes`); these tests pin the fitted paths so that a
 * change in the engine that breaks them is seen. 100 runs each; the bands are about ±15 % around
 * the published figure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Scenario } from '../src/index.js';

function preset(name: string): Scenario {
  const file = join(process.cwd(), 'scenarios', `${name}.json`);
  return parseScenario(readFileSync(file, 'utf8'), file);
}

describe('case calibration', () => {
  it('security cluster: ~30 members in 2011 → over 110 in 2025 (E7)', async () => {
    const s = preset('case-security');
    expect(s.startYear).toBe(2011);
    expect(s.years).toBe(14);
    const r = await simulate(s, { runs: 100, seed: 1 });
    const m = r.metrics.members;
    expect(m.byYear[0]!.mean).toBe(30);
    expect(m.final.mean!).toBeGreaterThan(105);
    expect(m.final.mean!).toBeLessThan(135);
    // growth by "a couple of tens" a year at most: no year adds more than 20 members on average
    for (let y = 1; y <= 14; y++) expect(m.byYear[y]!.mean! - m.byYear[y - 1]!.mean!).toBeLessThan(20);
  });

  it('circular economy cluster: 80 actors in 2021 → about 180 in 2025 (E8)', async () => {
    const r = await simulate(preset('case-circular-economy'), { runs: 100, seed: 1 });
    const m = r.metrics.members;
    expect(m.byYear[0]!.mean).toBe(80);
    expect(m.final.mean!).toBeGreaterThan(160);
    expect(m.final.mean!).toBeLessThan(200);
    expect(r.metrics.coordinatorFte.final.mean).toBe(4);
  });

  it('event industry cluster: 346 firms reached in its first 3-year project (E9)', async () => {
    const r = await simulate(preset('case-event-industry'), { runs: 100, seed: 1 });
    const reached = r.metrics.reached.byYear[3]!.mean!;
    expect(reached).toBeGreaterThan(300);
    expect(reached).toBeLessThan(400);
    // the project ends after year 3: no coordinator in year 4 (the gap year)
    expect(r.metrics.coordinatorFte.byYear[4]!.mean).toBe(0);
  });

  it('construction cluster: ~150 members run by one manager (B13, recipe 7)', async () => {
    const r = await simulate(preset('case-construction'), { runs: 100, seed: 1 });
    const m = r.metrics.members;
    expect(r.metrics.coordinatorFte.final.mean).toBe(1);
    for (const y of [5, 10]) {
      expect(m.byYear[y]!.mean!).toBeGreaterThan(125);
      expect(m.byYear[y]!.mean!).toBeLessThan(175);
    }
  });

  it('one manager caps growth: the same cluster with 2 FTE grows past what 1 FTE sustains (B13)', async () => {
    const one = preset('case-construction');
    const two = structuredClone(one);
    two.funding.base.fte = 2;
    two.growth.recruitRate = 0.3;
    const [a, b] = await Promise.all([simulate(one, { runs: 60, seed: 3 }), simulate(two, { runs: 60, seed: 3 })]);
    expect(b.metrics.members.final.mean! - a.metrics.members.final.mean!).toBeGreaterThan(15);
  });
});
