/**
 * The scenario engine: one replication of a cluster over `years` simulated years (ODD protocol in
 * docs/model.md). Pure and deterministic: the same scenario, seed and run give the same numbers.
 *
 * Random numbers: run r with seed S draws from `createRng(S).stream('run', r)`; every mechanism has
 * its own substream of that (`start`, `projects` for funding applications, `activities`,
 * `encounters`, `closure`, `rdi`, `membership`, `recruitment`), so under common random numbers the
 * regimes compared see the same draws mechanism by mechanism.
 *
 * A year t = 1..years runs, in this order:
 *  1. shocks of year t (coordinator-leaves, anchor-exit, funding-cut, project-rejected);
 *  2. funding and coordination (mechanisms/funding.ts): FTE, budget, continuity loss;
 *  3. activities and encounters (mechanisms/encounters.ts);
 *  4. introductions by shared partners (triadic closure);
 *  5. joint RDI projects (mechanisms/rdi.ts);
 *  6. tie decay and dissolution (mechanisms/trust.ts);
 *  7. value, engagement, churn, then recruitment (mechanisms/membership.ts);
 *  8. observation (observers.ts).
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import { createRng } from '../util/rng.js';
import type { Scenario } from './schema.js';
import { SimState } from './state.js';
import { fundYear, initFunding } from './mechanisms/funding.js';
import { initState } from './mechanisms/start.js';
import { activityCount, adjacency, runActivities, runClosure } from './mechanisms/encounters.js';
import { initRdi, runRdi } from './mechanisms/rdi.js';
import { decayTies } from './mechanisms/trust.js';
import { recruit, updateMembers } from './mechanisms/membership.js';
import { Observer, SCENARIO_METRICS, type Flows, type MetricName } from './observers.js';
import { HELIX_ROLES } from '../model/types.js';
import { poolTies, tieSeries, tieWindow, type TieSeries } from './ties.js';

export { SCENARIO_METRICS, METRIC_UNITS, type MetricName } from './observers.js';

export interface RunDiagnostics {
  /**
   * Member pairs whose first joint project started in the run's tie window (ties.ts `tieWindow`:
   * years Y − 6 … Y − 4, the follow-up of the CORDIS H2020 measure; 0 when the run has no window).
   */
  tiePairs: number;
  /** Of those, pairs with another joint project (measured as in CORDIS: tieDynamicsOfProjects). */
  tieAgain: number;
  /** … whose next joint project started before the first had ended. */
  tieOverlap: number;
  /** … whose next joint project started only after the first had ended (again = overlap + after). */
  tieAfter: number;
  /** Members who left over the run. */
  left: number;
  /** Members' mean perceived yearly value (EUR-equivalent) at the end. */
  meanValue: number;
}

export interface RunOutput {
  /** Each metric per year; index 0 is the starting state, index t the state after year t. */
  metrics: Record<MetricName, Float64Array>;
  diagnostics: RunDiagnostics;
  /**
   * Tie dynamics by the year index of the pairs' first joint project (ties.ts), observed until the
   * end of the run. Present on the outputs of `runOnce`; not carried back from worker threads.
   */
  ties?: TieSeries;
}

const IND = HELIX_ROLES.indexOf('individual');

// One state and observer per thread, reused run after run (reset to empty at the start of each run:
// the results are those of fresh objects, without allocating and growing their arrays every run).
// runOnce is synchronous, so no two runs of a thread share them at once.
let spare: { st: SimState; obs: Observer } | undefined;

export interface RunOnceOptions {
  /** Override the scenario's horizon. */
  years?: number;
  /**
   * Arrays to write the indicators into (each of length ≥ years + 1; e.g. views of one buffer, as the
   * worker threads do, so a run allocates no arrays of its own). Default: new arrays.
   */
  into?: Record<MetricName, Float64Array>;
  /**
   * Called after each year's observation (t = 0 for the starting state, then 1..years) with the
   * run's live state, e.g. to record the network (snapshots.ts). Read only, and only during the
   * call: the state is reused by the next run. Default: none (nothing else is done).
   */
  onYear?: (t: number, st: SimState) => void;
}

/** One replication. `run` selects the random substream; `opts.years` overrides the scenario's horizon. */
export function runOnce(s: Scenario, seed: number | string, run: number, opts: RunOnceOptions = {}): RunOutput {
  const years = opts.years ?? s.years;
  const runRng = createRng(seed).stream('run', run);
  const rStart = runRng.stream('start');
  const rProjects = runRng.stream('projects');
  const rActivities = runRng.stream('activities');
  const rEncounters = runRng.stream('encounters');
  const rClosure = runRng.stream('closure');
  const rRdi = runRng.stream('rdi');
  const rMembers = runRng.stream('membership');
  const rRecruit = runRng.stream('recruitment');

  let metrics = opts.into;
  if (!metrics) {
    metrics = {} as Record<MetricName, Float64Array>;
    for (const k of SCENARIO_METRICS) metrics[k] = new Float64Array(years + 1);
  }

  const reuse = spare;
  spare = undefined;
  const st = reuse ? reuse.st : new SimState();
  if (reuse) st.reset();
  const obs = reuse ? reuse.obs : new Observer();
  initState(s, st, rStart);
  const fund = initFunding(s, years);
  const rdi = initRdi();
  const flows: Flows = { activities: 0, fte: 0, partnerships: 0, jointProjects: 0, rdiInvestment: 0, euFunding: 0, jobs: 0, publicCost: 0 };
  obs.observe(st, 0, flows, metrics);
  const onYear = opts.onYear;
  if (onYear) onYear(0, st);
  let left = 0;

  for (let t = 1; t <= years; t++) {
    // 1. shocks
    let coordinatorLeaves = false;
    let projectRejected = false;
    let fundingCut = 0;
    let anchorExit = false;
    for (const sh of s.shocks) {
      if (sh.year !== t) continue;
      if (sh.type === 'coordinator-leaves') coordinatorLeaves = true;
      else if (sh.type === 'project-rejected') projectRejected = true;
      else if (sh.type === 'funding-cut') fundingCut = Math.min(1, fundingCut + (sh.share ?? 1));
      else if (sh.type === 'anchor-exit') anchorExit = true;
    }
    if (anchorExit && st.anchor >= 0 && st.member[st.anchor]) {
      // the anchor's value chain loses its reason to take part (G11)
      for (let k = 0; k < st.memberCount; k++) {
        const i = st.members[k]!;
        if (st.sector[i] === st.anchorSector) st.engagement[i]! *= 0.7;
      }
      st.removeActor(st.anchor);
      st.refreshMembers();
    }
    const anchorActive = !(fund.anchorGone || anchorExit) && st.anchor >= 0;

    // 2. funding and coordination
    let orgs = 0;
    let indiv = 0;
    for (let k = 0; k < st.memberCount; k++) {
      if (st.helix[st.members[k]!] === IND) indiv++;
      else orgs++;
    }
    const yf = fundYear(s, fund, t, orgs, indiv, rProjects, { coordinatorLeaves, projectRejected, fundingCut, anchorExit });
    if (yf.loss > 0) {
      // the coordinator's active contacts go with them: members' engagement and the trust of every
      // tie drop (B1: firms' trust in cluster work falls); shared coordination divides the loss
      const eLoss = 1 - s.coordination.engagementLossShare * yf.loss;
      const tLoss = 1 - s.coordination.trustLossShare * yf.loss;
      for (let k = 0; k < st.memberCount; k++) st.engagement[st.members[k]!]! *= eLoss;
      for (let k = 0; k < st.m; k++) st.trust[k]! *= tLoss;
    }
    flows.publicCost += yf.publicEur;
    flows.fte = yf.fte;

    // 3. activities and encounters
    st.attended.fill(0, 0, st.n);
    st.inProjects.fill(0, 0, st.n);
    const act = activityCount(s, st, yf.fte, yf.eur, fund.memory, rActivities);
    flows.activities = act.total;
    const adj = adjacency(st);
    runActivities(s, st, adj, act.total, t, rEncounters);

    // 4. introductions, 5. joint projects (on the ties at the start of the year)
    runClosure(s, st, adj, t, rClosure);
    runRdi(s, st, rdi, adj, yf.workFte, fund.memory, t, rRdi);
    flows.partnerships = rdi.partnerships;
    flows.jointProjects = rdi.jointProjects;
    flows.rdiInvestment = rdi.rdiInvestment;
    flows.euFunding = rdi.euFunding;
    flows.jobs = rdi.jobs;

    // 6. decay
    decayTies(s, st);

    // 7. membership
    left += updateMembers(s, st, t, anchorActive, fund.memory, rMembers);
    recruit(s, st, t, { fte: yf.workFte, coordinated: act.coordinated, memory: fund.memory, anchorActive }, rRecruit);

    // 8. observe
    obs.observe(st, t, flows, metrics);
    if (onYear) onYear(t, st);
  }
  const ties = tieSeries(rdi.all, years);
  const w = tieWindow(years);
  const tc = w ? poolTies(ties, w.from, w.to) : { pairs: 0, again: 0, overlap: 0, after: 0 };
  let v = 0;
  for (let k = 0; k < st.memberCount; k++) v += st.perceived[st.members[k]!]!;
  const meanValue = st.memberCount > 0 ? v / st.memberCount : 0;
  spare = { st, obs };
  return {
    metrics,
    diagnostics: { tiePairs: tc.pairs, tieAgain: tc.again, tieOverlap: tc.overlap, tieAfter: tc.after, left, meanValue },
    ties,
  };
}
