/**
 * The case presets are calibrated on the cookbook's figures (scenarios/targets/case-*.json, with the
 * cookbook lines as sources; docs/model.md 3.4) and ship their posterior sample
 * (scenarios/case-*.posterior.csv), which their runs draw from by default. These tests check the
 * shipped files, not hand-set bands:
 * - each posterior belongs to its preset (name, fingerprint: the scenario has not changed since it was
 *   calibrated) and was made from the committed targets file (its SHA-256 in the header);
 * - posterior predictive check: runs with parameters drawn from the shipped posterior put every
 *   target — fitted and held out — inside their 90% interval (a value inside [q05, q95], a range
 *   overlapping it), as `helixlab calibrate` judged them;
 * - the presets use their posterior by default, and say so.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRng,
  drawParticle,
  parseTargets,
  scenarioFingerprint,
  scenarioSimulator,
  simulate,
  statisticSpecs,
  statisticValues,
  type Scenario,
} from '../src/index.js';
import { loadScenarioWithSets, resolvePosterior } from '../src/node/scenario.js';

const dir = join(process.cwd(), 'scenarios');
const preset = (name: string): Scenario => loadScenarioWithSets(join(dir, `${name}.json`), []);

const quantile = (xs: number[], p: number): number => {
  const v = [...xs].sort((a, b) => a - b);
  const h = (v.length - 1) * p;
  return v[Math.floor(h)]! + (h - Math.floor(h)) * (v[Math.ceil(h)]! - v[Math.floor(h)]!);
};

const CASES = ['case-security', 'case-circular-economy', 'case-event-industry', 'case-construction'] as const;

describe('case presets calibrated on the cookbook', () => {
  it.each(CASES)('%s: its posterior belongs to it and comes from the committed targets', (name) => {
    const s = preset(name);
    expect(s.posterior).toBe(`${name}.posterior.csv`);
    const { posterior, warnings } = resolvePosterior(s, join(dir, `${name}.json`));
    expect(warnings).toEqual([]);
    expect(posterior!.scenario).toBe(name);
    expect(posterior!.fingerprint).toBe(scenarioFingerprint(s, posterior!.parameters));
    expect(posterior!.n).toBeGreaterThanOrEqual(200);
    const targetsFile = join(dir, 'targets', `${name}.json`);
    const sha = createHash('sha256').update(readFileSync(targetsFile)).digest('hex');
    expect(posterior!.header.targets).toContain(sha);
    const targets = parseTargets(readFileSync(targetsFile, 'utf8'), targetsFile);
    // every target cites the cookbook; at least one is held out
    for (const t of targets.targets) expect(t.source).toMatch(/cookbook lines? \d+/);
    expect(targets.targets.some((t) => t.holdout)).toBe(true);
    expect(posterior!.header['held-out']).toBe(
      targets.targets
        .filter((t) => t.holdout)
        .map((t) => t.name)
        .join(', '),
    );
  });

  it.each(CASES)('%s: every target, fitted and held out, is inside its posterior predictive 90%% interval', (name) => {
    const s = preset(name);
    const post = resolvePosterior(s, join(dir, `${name}.json`)).posterior!;
    const file = join(dir, 'targets', `${name}.json`);
    const targets = parseTargets(readFileSync(file, 'utf8'), file);
    const sim = scenarioSimulator(s, post.parameters);
    const specs = statisticSpecs(targets);
    const stats: number[][] = targets.targets.map(() => []);
    for (let r = 0; r < 100; r++) {
      const d = drawParticle(post, 'calibration-test', r);
      const params: Record<string, number> = {};
      d.paths.forEach((p, i) => (params[p] = d.values[i]!));
      const v = statisticValues(specs, sim.run(params, createRng('calibration-test').stream('run', r)));
      v.forEach((x, i) => stats[i]!.push(x));
    }
    targets.targets.forEach((t, i) => {
      const lo = quantile(stats[i]!, 0.05);
      const hi = quantile(stats[i]!, 0.95);
      const where = `${t.name} (${t.holdout ? 'held out' : 'fitted'}): 90% interval ${lo}–${hi}`;
      if (t.value !== undefined) {
        expect(lo, where).toBeLessThanOrEqual(t.value);
        expect(hi, where).toBeGreaterThanOrEqual(t.value);
      } else {
        if (t.min !== undefined) expect(hi, where).toBeGreaterThanOrEqual(t.min);
        if (t.max !== undefined) expect(lo, where).toBeLessThanOrEqual(t.max);
      }
    });
  });

  it('the presets draw from their posterior by default and say so; --posterior none keeps the file values', async () => {
    const s = preset('case-circular-economy');
    const post = resolvePosterior(s, join(dir, 'case-circular-economy.json')).posterior!;
    const drawn = await simulate(s, { runs: 40, seed: 1, posteriors: [post] });
    const fixed = await simulate(s, { runs: 40, seed: 1 });
    expect(drawn.uncertainty.kind).toBe('run-to-run noise and parameter uncertainty');
    expect(drawn.uncertainty.statement).toContain('case-circular-economy.posterior.csv');
    expect(fixed.uncertainty.kind).toBe('run-to-run noise');
    // parameter uncertainty widens the band of the final membership
    const width = (r: typeof drawn) => r.metrics.members.final.p95! - r.metrics.members.final.p05!;
    expect(width(drawn)).toBeGreaterThan(width(fixed));
    expect(resolvePosterior(s, join(dir, 'case-circular-economy.json'), 'none').posterior).toBeNull();
  });

  it('one manager caps growth: the same cluster with 2 FTE grows past what 1 FTE sustains (B13)', async () => {
    const one = preset('case-construction');
    const two = structuredClone(one);
    two.funding.base.fte = 2;
    const [a, b] = await Promise.all([simulate(one, { runs: 60, seed: 3 }), simulate(two, { runs: 60, seed: 3 })]);
    expect(b.metrics.members.final.mean! - a.metrics.members.final.mean!).toBeGreaterThan(15);
  });
});
