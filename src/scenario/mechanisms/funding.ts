/**
 * Funding and coordination: which streams pay in a year, the coordinator FTE and budget they buy,
 * and the loss of continuity when a coordinator leaves.
 *
 * Streams (combinable; all EUR a year):
 * - base (permanent public): `eurPerYear` and `fte` from `fromYear` to `untilYear`; a `funding-cut`
 *   shock removes `share` of it from its year on.
 * - projects: a project runs `durationYears`; after it ends the cluster waits `gapYears`, then applies
 *   once a year, each application granted with `successProbability` (substream `projects`); a
 *   `project-rejected` shock turns that year's application (or the running project's renewal) down.
 *   The first project is granted in `firstYear`.
 * - members: `feeEur` per member organisation (individuals pay a tenth) from `startYear`; `staffShare`
 *   of it buys staff time at `staffCostPerFte`.
 * - anchor: an anchor firm pays `eurPerYear` and `fte` from `fromYear` until an `anchor-exit` shock.
 *
 * Public money (`publicCost`) is base plus projects; fees and the anchor are private. A scenario that
 * declares equal money with another has both public streams scaled by one factor (money.ts).
 *
 * Continuity (cookbook B1, B2, B7, C3): institutional memory M ∈ [0, 1] (starts at 0.5) scales the
 * coordinator's effectiveness. When paid coordination disappears — a project ends and its FTE goes,
 * a funding cut, a `coordinator-leaves` shock, and (share `projectEndTurnover`, default 0) a
 * project's coordinator at the switch to a back-to-back project — the loss is
 * ℓ = `memoryLoss × (share of FTE lost) / organisations`: M × (1 − ℓ), every member's engagement
 * × (1 − `engagementLossShare` × ℓ), every tie's trust × (1 − `trustLossShare` × ℓ) (the last two in
 * the engine); coordination shared by k organisations loses 1/k as much (the relay baton). Under
 * continued coordination M grows by `min(1, memoryGain × min(FTE, fteSaturation)) × (1 − M)`; with no
 * coordinator at all M decays by `memoryDecay × M`.
 *
 * Firm-facing FTE (`workFte`): FTE − `funding.projects.adminShare` × project FTE (default 0.2 = one day a
 * week, an assumption). Project-paid staff spend part of their time on the next application,
 * reporting and administration (B18: base funding spends nothing on fundraising; B14, B19). The engine passes `workFte` to the
 * joint-project brokerage (rdi.ts) and the
 * recruitment capacity (membership.ts); activities, memory and the `coordinatorFte` metric use `fte`.
 */
import type { Rng } from '../../util/rng.js';
import { publicScale } from '../money.js';
import type { Scenario } from '../schema.js';

export interface FundingState {
  /** Project phase: years left in the running project (0 = none). */
  projectLeft: number;
  /** Years to wait before the next application. */
  gapLeft: number;
  baseCutShare: number;
  anchorGone: boolean;
  memory: number;
  prevFte: number;
  prevProjectFte: number;
  /** The equal-money factor of the public streams for this run's horizon (1 without the rule; money.ts). */
  publicScale: number;
}

export interface YearFunding {
  eur: number;
  publicEur: number;
  fte: number;
  /** Firm-facing FTE: `fte` less the project staff's administration (`funding.projects.adminShare`, B18). */
  workFte: number;
  projectRunning: boolean;
  /** Share of coordination lost this year (after dividing by the organisations). */
  loss: number;
}

export function initFunding(s: Scenario, years: number): FundingState {
  const scale = publicScale(s, years);
  return { projectLeft: 0, gapLeft: 0, baseCutShare: 0, anchorGone: false, memory: 0.5, prevFte: 0, prevProjectFte: 0, publicScale: scale };
}

/**
 * Decide the funding of year `t` (1-based). `orgMembers`/`individuals` are the fee payers at the
 * start of the year. Mutates `st`.
 */
export function fundYear(
  s: Scenario,
  st: FundingState,
  t: number,
  orgMembers: number,
  individuals: number,
  rng: Rng,
  shocks: { coordinatorLeaves: boolean; projectRejected: boolean; fundingCut: number; anchorExit: boolean },
): YearFunding {
  const f = s.funding;
  if (shocks.fundingCut > 0) st.baseCutShare = Math.min(1, st.baseCutShare + shocks.fundingCut * (1 - st.baseCutShare));
  if (shocks.anchorExit) st.anchorGone = true;

  // base
  const baseOn = t >= f.base.fromYear && (f.base.untilYear === null || t <= f.base.untilYear);
  const k = st.publicScale;
  const baseEur = baseOn ? k * f.base.eurPerYear * (1 - st.baseCutShare) : 0;
  const baseFte = baseOn ? k * f.base.fte * (1 - st.baseCutShare) : 0;

  // projects: a state machine, one application a year once the gap is over
  const p = f.projects;
  const hasProjects = p.eurPerYear > 0 || p.fte > 0;
  let projectRunning = false;
  let projectStarted = false;
  if (hasProjects && t >= p.firstYear) {
    if (st.projectLeft === 0) {
      if (t === p.firstYear && !shocks.projectRejected) {
        st.projectLeft = p.durationYears;
        projectStarted = true;
      } else if (st.gapLeft > 0) {
        st.gapLeft--;
      } else {
        // an application (the draw is made whatever the outcome, to keep the substream aligned)
        const granted = rng.next() < p.successProbability && !shocks.projectRejected;
        if (granted) {
          st.projectLeft = p.durationYears;
          projectStarted = true;
        }
      }
    } else if (shocks.projectRejected) {
      // the running project's continuation is turned down: it stops now
      st.projectLeft = 0;
      st.gapLeft = Math.max(0, p.gapYears - 1);
    }
    if (st.projectLeft > 0) {
      projectRunning = true;
      st.projectLeft--;
      if (st.projectLeft === 0) st.gapLeft = p.gapYears;
    }
  }
  const projEur = projectRunning ? k * p.eurPerYear : 0;
  const projFte = projectRunning ? k * p.fte : 0;

  // member fees
  const m = f.members;
  const feeIncome = m.feeEur > 0 && t >= m.startYear ? m.feeEur * (orgMembers + 0.1 * individuals) : 0;
  const feeFte = (feeIncome * m.staffShare) / s.coordination.staffCostPerFte;

  // anchor
  const a = f.anchor;
  const anchorOn = !st.anchorGone && t >= a.fromYear;
  const anchorEur = anchorOn ? a.eurPerYear : 0;
  const anchorFte = anchorOn ? a.fte : 0;

  const fte = baseFte + projFte + feeFte + anchorFte;
  const eur = baseEur + projEur + feeIncome + anchorEur;

  // continuity: share of the coordination that left
  let lostShare = 0;
  if (st.prevFte > 0) {
    const drop = Math.max(0, st.prevFte - fte);
    // the project's coordinator goes when the project ends and none runs this year (the FTE is gone);
    // between back-to-back projects a share `projectEndTurnover` of it changes hands (default 0)
    const projectTurnover =
      st.prevProjectFte > 0 && !projectRunning
        ? st.prevProjectFte
        : st.prevProjectFte > 0 && projectStarted
          ? st.prevProjectFte * s.coordination.projectEndTurnover
          : 0;
    lostShare = Math.min(1, Math.max(drop, projectTurnover) / st.prevFte);
  }
  if (shocks.coordinatorLeaves) lostShare = Math.min(1, lostShare + 1);
  const loss = (s.coordination.memoryLoss * lostShare) / s.coordination.organisations;
  st.memory *= 1 - loss;
  const c = s.coordination;
  if (fte > 0) st.memory += Math.min(1, c.memoryGain * Math.min(c.fteSaturation, fte) * (1 - lostShare)) * (1 - st.memory);
  else st.memory -= c.memoryDecay * st.memory;
  st.prevFte = fte;
  st.prevProjectFte = projFte;
  return { eur, publicEur: baseEur + projEur, fte, workFte: fte - projFte * f.projects.adminShare, projectRunning, loss };
}
