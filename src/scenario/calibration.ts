/**
 * The scenario engine as a calibration simulator (src/calibrate/smc.ts `Simulator`): the parameters
 * of a particle, named by scenario paths (`growth.recruitRate`), are set on the scenario
 * (params.ts `withParams`: fast, the equal-money reference set too), and one engine run is made
 * with a seed drawn from the job's random stream (`runOnce(s, seed, 0)`: every random number of the
 * run still comes from `createRng`, so a job gives the same numbers on any thread).
 *
 * Metrics: the engine's yearly indicators (`SCENARIO_METRICS`, index t = the state after year t);
 * `participations`, the members' attendances at the year's activities (Σ k_i of the encounters
 * mechanism, encounters.ts; 0 in year 0), for figures such as "1,000 person-participations a
 * year"; `firms`, the members that are firms (helix roles industry and startup), and `reachedFirms`,
 * the firms that have ever been members (as `reached` counts every actor), for figures such as
 * "70 companies" or "reached 346 firms"; and the tie dynamics measured as in CORDIS (ties.ts `TIE_METRICS`: pairs by the year index of
 * their first joint project, and how many had another joint project, overlapping or after); a
 * target of kind `share` pools those over a window of years. The horizon is the scenario's `years`
 * and, when it has one, its `startYear` is the calendar year of index 0.
 */
import type { Rng } from '../util/rng.js';
import type { RunSeries } from '../calibrate/targets.js';
import type { Simulator } from '../calibrate/smc.js';
import { runOnce, SCENARIO_METRICS } from './engine.js';
import type { Scenario } from './schema.js';
import type { SimState } from './state.js';
import { HELIX_ROLES } from '../model/types.js';
import { checkParamPaths, withParams } from './params.js';
import { TIE_METRICS } from './ties.js';

/** Metrics the calibration simulator adds to the engine's indicators (see the module doc). */
export const CALIBRATION_EXTRA_METRICS = ['participations', 'firms', 'reachedFirms'] as const;

const INDUSTRY = HELIX_ROLES.indexOf('industry');
const STARTUP = HELIX_ROLES.indexOf('startup');

/** Every metric a scenario simulator reports. */
export const SCENARIO_CALIBRATION_METRICS: readonly string[] = [...SCENARIO_METRICS, ...CALIBRATION_EXTRA_METRICS, ...TIE_METRICS];

/**
 * The scenario as a simulator for parameters named by `paths` (checked: numeric fields of the
 * scenario; a `UsageError` otherwise). A run with other parameter names throws.
 */
export function scenarioSimulator(s: Scenario, paths: readonly string[]): Simulator {
  checkParamPaths(
    s,
    paths.map((name) => ({ name })),
  );
  const names = [...paths];
  const values = new Float64Array(names.length);
  const sim: Simulator = {
    metrics: SCENARIO_CALIBRATION_METRICS,
    years: s.years,
    run(params: Readonly<Record<string, number>>, rng: Rng): RunSeries {
      for (let i = 0; i < names.length; i++) {
        const v = params[names[i]!];
        if (v === undefined) throw new Error(`scenario simulator: no value for parameter '${names[i]}'`);
        values[i] = v;
      }
      const participations = new Float64Array(s.years + 1);
      const firms = new Float64Array(s.years + 1);
      const reachedFirms = new Float64Array(s.years + 1);
      const onYear = (t: number, st: SimState): void => {
        let k = 0;
        let ever = 0;
        for (let i = 0; i < st.n; i++) {
          if (t > 0) k += st.attended[i]!;
          const h = st.helix[i];
          if (h === INDUSTRY || h === STARTUP) ever++;
        }
        let now = 0;
        for (let j = 0; j < st.memberCount; j++) {
          const h = st.helix[st.members[j]!];
          if (h === INDUSTRY || h === STARTUP) now++;
        }
        participations[t] = k;
        firms[t] = now;
        reachedFirms[t] = ever;
      };
      const out = runOnce(withParams(s, names, values), rng.nextUint32(), 0, { onYear });
      const series: Record<string, ArrayLike<number>> = { ...out.metrics, participations, firms, reachedFirms };
      if (out.ties) Object.assign(series, out.ties);
      return series;
    },
  };
  if (s.startYear !== undefined) sim.startYear = s.startYear;
  return sim;
}
