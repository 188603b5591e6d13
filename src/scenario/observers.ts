/**
 * Observers: the yearly indicators recorded for every run (the cookbook's table 3 plus the network
 * state). The mechanisms never record anything themselves; the engine calls {@link observe} after
 * each simulated year (and once for the starting state, year 0).
 *
 * - members: current members; ties: current ties between members.
 * - meanTrust: mean trust over ties (0 without ties).
 * - crossHelixShare: share of ties joining two different helix roles (0 without ties).
 * - activities, coordinatorFte: this year's activities (coordinated + members' own) and paid FTE
 *   (both 0 in year 0).
 * - partnerships, jointProjects, rdiInvestment (EUR), euFunding (EUR), jobs, publicCost (EUR):
 *   cumulative since year 0.
 * - lockIn: the analysis module's lock-in score (`lockInScoreFromCsr`, src/metrics/lockin.ts) on the
 *   member network, ties' formation years as `tieSince`, members' joining years, reference year = t.
 * - partnershipsPerMillion: partnerships per 1 M EUR of public money (NaN while publicCost = 0;
 *   summaries leave NaN runs out and report null when no run has a value).
 * - reached: actors that have ever been members (cumulative, E9).
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import type { Csr } from '../metrics/csr.js';
import { lockInScoreFromCsr } from '../metrics/lockin.js';
import type { SimState } from './state.js';

export const SCENARIO_METRICS = [
  'members',
  'ties',
  'meanTrust',
  'crossHelixShare',
  'activities',
  'coordinatorFte',
  'partnerships',
  'jointProjects',
  'rdiInvestment',
  'euFunding',
  'jobs',
  'lockIn',
  'publicCost',
  'partnershipsPerMillion',
  'reached',
] as const;
export type MetricName = (typeof SCENARIO_METRICS)[number];

/** Units shown in tables and docs. */
export const METRIC_UNITS: Record<MetricName, string> = {
  members: 'actors',
  ties: 'ties',
  meanTrust: '0-1',
  crossHelixShare: 'share',
  activities: 'per year',
  coordinatorFte: 'FTE',
  partnerships: 'cumulative',
  jointProjects: 'cumulative',
  rdiInvestment: 'EUR, cumulative',
  euFunding: 'EUR, cumulative',
  jobs: 'cumulative',
  lockIn: '0-1',
  publicCost: 'EUR, cumulative',
  partnershipsPerMillion: 'per M EUR public',
  reached: 'cumulative',
};

export interface Flows {
  activities: number;
  fte: number;
  partnerships: number;
  jointProjects: number;
  rdiInvestment: number;
  euFunding: number;
  jobs: number;
  publicCost: number;
}

export class Observer {
  private idx = new Int32Array(256);
  private ids: string[] = [];
  // buffers reused from year to year (views of the right length are handed to the lock-in score)
  private bHelix = new Uint8Array(256);
  private bSector = new Int32Array(256);
  private bJoined = new Float64Array(256);
  private bOffsets = new Int32Array(257);
  private bFill = new Int32Array(256);
  private bTargets = new Int32Array(4096);
  private bSince = new Float64Array(4096);
  private bUnsortedT = new Int32Array(4096);
  private bUnsortedS = new Float64Array(4096);
  private bOnes = new Float64Array(4096).fill(1);

  constructor() {
    // mark the growable buffers as mutable fields before any code is optimised (see SimState)
    this.idx = this.idx.subarray(0);
    this.bHelix = this.bHelix.subarray(0);
    this.bSector = this.bSector.subarray(0);
    this.bJoined = this.bJoined.subarray(0);
    this.bOffsets = this.bOffsets.subarray(0);
    this.bFill = this.bFill.subarray(0);
    this.bTargets = this.bTargets.subarray(0);
    this.bSince = this.bSince.subarray(0);
    this.bUnsortedT = this.bUnsortedT.subarray(0);
    this.bUnsortedS = this.bUnsortedS.subarray(0);
    this.bOnes = this.bOnes.subarray(0);
  }

  private ensure(nm: number, m2: number): void {
    if (this.bHelix.length < nm) {
      const c = Math.max(nm, 2 * this.bHelix.length);
      this.bHelix = new Uint8Array(c);
      this.bSector = new Int32Array(c);
      this.bJoined = new Float64Array(c);
      this.bOffsets = new Int32Array(c + 1);
      this.bFill = new Int32Array(c);
    }
    if (this.bTargets.length < m2) {
      const c = Math.max(m2, 2 * this.bTargets.length);
      this.bTargets = new Int32Array(c);
      this.bSince = new Float64Array(c);
      this.bUnsortedT = new Int32Array(c);
      this.bUnsortedS = new Float64Array(c);
      this.bOnes = new Float64Array(c).fill(1);
    }
  }

  /** Write the indicators of year `t` into `out[metric][t]`. */
  observe(st: SimState, t: number, f: Flows, out: Record<MetricName, Float64Array>): void {
    const m = st.m;
    let trustSum = 0;
    let cross = 0;
    for (let k = 0; k < m; k++) {
      trustSum += st.trust[k]!;
      if (st.helix[st.tA[k]!] !== st.helix[st.tB[k]!]) cross++;
    }
    out.members[t] = st.memberCount;
    out.ties[t] = m;
    out.meanTrust[t] = m > 0 ? trustSum / m : 0;
    out.crossHelixShare[t] = m > 0 ? cross / m : 0;
    out.activities[t] = f.activities;
    out.coordinatorFte[t] = f.fte;
    out.partnerships[t] = f.partnerships;
    out.jointProjects[t] = f.jointProjects;
    out.rdiInvestment[t] = f.rdiInvestment;
    out.euFunding[t] = f.euFunding;
    out.jobs[t] = f.jobs;
    out.publicCost[t] = f.publicCost;
    out.partnershipsPerMillion[t] = f.publicCost > 0 ? f.partnerships / (f.publicCost / 1e6) : NaN;
    out.reached[t] = st.n;
    out.lockIn[t] = this.lockIn(st, t);
  }

  private lockIn(st: SimState, t: number): number {
    const nm = st.memberCount;
    if (nm < 3) return NaN;
    if (this.idx.length < st.n) this.idx = new Int32Array(st.helix.length);
    while (this.ids.length < nm) this.ids.push(String(this.ids.length));
    this.ensure(nm, 2 * st.m);
    // the buffers themselves, not views of length nm (a view is an object: 8 per year and run
    // added up to a sixth of what a run allocated); the lock-in score reads indices below nm only
    const helix = this.bHelix;
    const sector = this.bSector;
    const joined = this.bJoined;
    for (let k = 0; k < nm; k++) {
      const i = st.members[k]!;
      this.idx[i] = k;
      helix[k] = st.helix[i]!;
      sector[k] = st.sector[i]!;
      joined[k] = st.joined[i]!;
    }
    // CSR of the member network built directly with each tie's formation year aligned with the
    // targets (for the renewal component). Neighbourhoods must be sorted: a first pass lists each
    // member's neighbours unsorted, a second walks the members in increasing order and appends each
    // to its neighbours' lists, which therefore come out sorted (a counting sort: O(n + m), and the
    // same arrays as sorting each list).
    const m = st.m;
    const offsets = this.bOffsets;
    offsets.fill(0, 0, nm + 1);
    const idx = this.idx;
    const tA = st.tA;
    const tB = st.tB;
    for (let k = 0; k < m; k++) {
      offsets[idx[tA[k]!]! + 1]!++;
      offsets[idx[tB[k]!]! + 1]!++;
    }
    for (let k = 0; k < nm; k++) offsets[k + 1]! += offsets[k]!;
    const fill = this.bFill;
    for (let k = 0; k < nm; k++) fill[k] = offsets[k]!;
    const uT = this.bUnsortedT;
    const uS = this.bUnsortedS;
    for (let k = 0; k < m; k++) {
      const a = idx[tA[k]!]!;
      const b = idx[tB[k]!]!;
      const y = st.since[k]!;
      uT[fill[a]!] = b;
      uS[fill[a]!++] = y;
      uT[fill[b]!] = a;
      uS[fill[b]!++] = y;
    }
    const targets = this.bTargets;
    const since = this.bSince;
    for (let k = 0; k < nm; k++) fill[k] = offsets[k]!;
    for (let v = 0; v < nm; v++) {
      const hi = offsets[v + 1]!;
      for (let x = offsets[v]!; x < hi; x++) {
        const u = uT[x]!;
        const f = fill[u]!++;
        targets[f] = v;
        since[f] = uS[x]!;
      }
    }
    const csr: Csr = { n: nm, offsets, targets, weights: this.bOnes, ids: this.ids };
    return lockInScoreFromCsr(csr, { helix, sector, joined }, { year: t, tieSince: since });
  }
}
