/**
 * Public money of a scenario, in expectation, and the equal-money rule.
 *
 * **Expected public money.** Public money is the permanent base plus the projects (fees and the
 * anchor firm are private). The base is deterministic (its years, and `funding-cut` shocks); the
 * projects follow the funding state machine of `mechanisms/funding.ts` (a project runs
 * `durationYears`, then the cluster waits `gapYears` and applies once a year, granted with
 * `successProbability`; `project-rejected` shocks). {@link expectedPublicMoney} carries the exact
 * probability distribution of that state machine year by year (a handful of states: years left in the
 * running project × gap years left), so the expectation is exact, not sampled: the probability that a
 * project runs in year t, times its yearly EUR and FTE, summed with the base over the horizon.
 *
 * **Equal money.** A scenario that declares `"equalMoney": { "with": "other.json" }` has its public
 * streams (base and projects; EUR and FTE alike) multiplied by one factor k so that its expected public
 * money over the horizon equals that of the other scenario: k = E[public EUR of the other] / E[public
 * EUR of this one at its nominal amounts]. The file's own amounts give the mix and the ratio of EUR to
 * FTE; k gives the level. The other scenario is read with the same `--set` assignments (and grid,
 * sensitivity and explore points) as this one, and k is recomputed for the horizon of every run, so the
 * claim stays true wherever the parameters move. Realised public money varies from run to run in a
 * project regime; the rule equalises the expectation (`publicCost` reports the realised amounts).
 */
import { InputError } from '../model/errors.js';
import type { Scenario } from './schema.js';

/** Expected public money of a scenario over a horizon, at its nominal (unscaled) amounts. */
export interface ExpectedMoney {
  /** Expected public EUR over years 1..years. */
  eur: number;
  /** Expected publicly paid FTE-years. */
  fteYears: number;
  /** Probability that a project runs, per year (index t − 1). */
  projectProbability: number[];
}

/** The years of a horizon (the scenario's unless given). */
const horizon = (s: Scenario, years?: number): number => years ?? s.years;

/**
 * Expected public EUR and FTE-years of `s` over `years` (default the scenario's), exact, at nominal
 * amounts (the equal-money factor is NOT applied; see {@link publicScale}).
 */
export function expectedPublicMoney(s: Scenario, years?: number): ExpectedMoney {
  const Y = horizon(s, years);
  const f = s.funding;
  const p = f.projects;
  const hasProjects = p.eurPerYear > 0 || p.fte > 0;
  const d = p.durationYears;
  const g = p.gapYears;
  // distribution over states (projectLeft L in 0..d, gapLeft G in 0..g), index L * (g + 1) + G
  const W = g + 1;
  let prob = new Float64Array((d + 1) * W);
  let next = new Float64Array((d + 1) * W);
  prob[0] = 1;
  let cut = 0;
  let eur = 0;
  let fteYears = 0;
  const projectProbability: number[] = [];
  for (let t = 1; t <= Y; t++) {
    let rejected = false;
    for (const sh of s.shocks) {
      if (sh.year !== t) continue;
      if (sh.type === 'funding-cut') cut = Math.min(1, cut + (sh.share ?? 1) * (1 - cut));
      else if (sh.type === 'project-rejected') rejected = true;
    }
    const baseOn = t >= f.base.fromYear && (f.base.untilYear === null || t <= f.base.untilYear);
    if (baseOn) {
      eur += f.base.eurPerYear * (1 - cut);
      fteYears += f.base.fte * (1 - cut);
    }
    let running = 0;
    if (hasProjects && t >= p.firstYear) {
      next.fill(0);
      for (let L = 0; L <= d; L++) {
        for (let G = 0; G <= g; G++) {
          const q = prob[L * W + G] ?? 0;
          if (q === 0) continue;
          // the transitions of fundYear (mechanisms/funding.ts), with their probabilities
          const outcomes: [number, number, number][] = []; // [probability, L after the decision, G after]
          if (L === 0) {
            if (t === p.firstYear && !rejected) outcomes.push([1, d, G]);
            else if (G > 0) outcomes.push([1, 0, G - 1]);
            else if (rejected) outcomes.push([1, 0, 0]);
            else {
              if (p.successProbability > 0) outcomes.push([p.successProbability, d, 0]);
              if (p.successProbability < 1) outcomes.push([1 - p.successProbability, 0, 0]);
            }
          } else if (rejected) outcomes.push([1, 0, Math.max(0, g - 1)]);
          else outcomes.push([1, L, G]);
          for (const [w, L1, G1] of outcomes) {
            let L2 = L1;
            let G2 = G1;
            if (L2 > 0) {
              running += q * w;
              L2--;
              if (L2 === 0) G2 = g;
            }
            next[L2 * W + G2]! += q * w;
          }
        }
      }
      [prob, next] = [next, prob];
    }
    projectProbability.push(running);
    eur += running * p.eurPerYear;
    fteYears += running * p.fte;
  }
  return { eur, fteYears, projectProbability };
}

/** What the equal-money rule gives for one scenario over one horizon. */
export interface EqualMoneyResolution {
  /** The factor applied to the public streams (1 without the rule). */
  scale: number;
  /** Expected public EUR of this scenario after scaling. */
  eur: number;
  /** Expected public EUR of the reference scenario (the same as `eur` when the rule holds). */
  referenceEur: number | null;
  /** Name of the reference scenario (null without the rule). */
  reference: string | null;
}

/**
 * The equal-money factor of `s` for a horizon of `years` (default the scenario's): 1 unless `s`
 * declares `equalMoney` and carries its resolved reference (`equalMoney.reference`).
 */
export function publicScale(s: Scenario, years?: number): number {
  return resolveEqualMoney(s, years).scale;
}

/** The equal-money factor with the expected amounts it rests on (for outputs; see the module doc). */
export function resolveEqualMoney(s: Scenario, years?: number): EqualMoneyResolution {
  const ref = s.equalMoney?.reference;
  const own = expectedPublicMoney(s, years).eur;
  if (!ref) return { scale: 1, eur: own, referenceEur: null, reference: null };
  const target = expectedPublicMoney(ref, years ?? s.years).eur;
  // a scenario with no public money of its own cannot be scaled: attachEqualMoney refuses it
  const scale = own > 0 ? target / own : 1;
  return { scale, eur: own * scale, referenceEur: target, reference: ref.name };
}

/**
 * `s` with its equal-money reference attached (a copy; `s` declares `equalMoney.with`, `reference` is
 * that scenario read with the same assignments). Refused (InputError at `equalMoney.with`): a reference
 * that itself declares equal money, and a scenario without public money of its own to scale.
 */
export function attachEqualMoney(s: Scenario, reference: Scenario, file: string = s.name): Scenario {
  const where = { severity: 'error' as const, file, field: 'equalMoney.with', code: 'equal-money' };
  if (!s.equalMoney) throw new InputError([{ ...where, message: 'the scenario declares no equalMoney' }]);
  if (reference.equalMoney) {
    throw new InputError([
      {
        ...where,
        message: `'${s.equalMoney.with}' itself declares equal money with '${reference.equalMoney.with}': name a scenario with its own funding`,
      },
    ]);
  }
  if (!(expectedPublicMoney(s).eur > 0)) {
    throw new InputError([
      {
        ...where,
        message: 'the scenario has no public money (funding.base or funding.projects) that could be scaled to equal another scenario',
      },
    ]);
  }
  const ref = structuredClone(reference);
  delete ref.start.resolved;
  const out = structuredClone(s);
  out.equalMoney = { with: s.equalMoney.with, reference: ref };
  return out;
}
