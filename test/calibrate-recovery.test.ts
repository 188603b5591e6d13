/**
 * Validation of the calibrator on the engine itself: parameters drawn from the prior, "observed"
 * figures simulated from them with a seed of their own, then recovered by ABC-SMC. Over repeated
 * seeds the 90% credible intervals must cover the drawn values at about their nominal rate (and
 * not by being as wide as the prior). The larger study (more repetitions and particles) is
 * `node bench/calibrate-engine.mjs` (docs/calibration.md); this one is small enough for the suite.
 */
import { describe, expect, it } from 'vitest';
import {
  calibrateSync,
  calibrationResult,
  createRng,
  jobRng,
  parseScenario,
  scenarioSimulator,
  statisticSpecs,
  statisticValues,
  type CalibrationProblem,
  type PriorParam,
  type Target,
} from '../src/index.js';

const scenario = parseScenario(
  JSON.stringify({
    name: 'recovery',
    years: 8,
    start: { generator: { counts: { industry: 14, 'research-education': 3, public: 3 }, sectors: 2, meanDegree: 3, trust: 0.4 } },
    funding: { base: { eurPerYear: 100000, fte: 1 } },
  }),
  'recovery.json',
);
const params: PriorParam[] = [
  { name: 'growth.recruitRate', lo: 0.05, hi: 0.6, scale: 'uniform' },
  { name: 'growth.churnBase', lo: 0.005, hi: 0.3, scale: 'uniform' },
];
const targetsAt = (obs: Float64Array): Target[] =>
  [
    { kind: 'value' as const, metric: 'members', year: 8, name: 'members 8' },
    { kind: 'growth' as const, metric: 'reached', from: 0, to: 8, relative: false, name: 'newcomers a year' },
    { kind: 'value' as const, metric: 'members', year: 4, name: 'members 4' },
  ].map((t, i) => ({ ...t, value: obs[i]!, holdout: false }));

describe('recovering known parameters of the engine', () => {
  it('the 90% intervals cover the truth at about the nominal rate over 16 seeds', () => {
    const sim = scenarioSimulator(
      scenario,
      params.map((p) => p.name),
    );
    let covered = 0;
    let intervals = 0;
    let share = 0;
    for (let rep = 0; rep < 16; rep++) {
      const truthRng = createRng('recovery-truth').stream(rep);
      const truth: Record<string, number> = {};
      for (const p of params) truth[p.name] = truthRng.uniform(p.lo, p.hi);
      // the observation: one run at the truth, with a seed no calibration run uses
      const specs = statisticSpecs({ targets: targetsAt(new Float64Array(3)) });
      const obs = statisticValues(specs, sim.run(truth, createRng('recovery-observed').stream(rep)));
      const problem: CalibrationProblem = { params, targets: { targets: targetsAt(obs) } };
      const r = calibrationResult(calibrateSync(problem, sim, { particles: 150, maxGenerations: 5, seed: rep + 1, predictive: 0 }));
      r.marginals.forEach((m) => {
        intervals++;
        share += m.intervalShare;
        if (m.lo90 <= truth[m.name]! && truth[m.name]! <= m.hi90) covered++;
      });
    }
    // nominal 0.9 × 32 = 28.8; ABC at a finite tolerance is a little wider than the exact posterior
    expect(covered / intervals).toBeGreaterThanOrEqual(0.8);
    // and the intervals are informative: on average well inside the prior
    expect(share / intervals).toBeLessThan(0.6);
    // (jobRng is the stream of a calibration's simulations: the observation's stream is not one of them)
    expect(jobRng(1, { phase: 'simulate', generation: 0, index: 0 }).path).not.toBe(createRng('recovery-observed').stream(0).path);
  }, 300_000);
});
