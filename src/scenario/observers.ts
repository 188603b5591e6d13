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
 * - lockIn: the analysis module's lock-in score (`lockInFromCsr`, src/metrics/lockin.ts) on the
 *   member network, ties' formation years as `tieSince`, members' joining years, reference year = t.
 * - partnershipsPerMillion: partnerships per 1 M EUR of public money (NaN while publicCost = 0;
 *   summaries leave NaN runs out and report null when no run has a value).
 * - reached: actors that have ever been members (cumulative, E9).
 */
import type { Csr } from '../metrics/csr.js';
import { lockInFromCsr } from '../metrics/lockin.js';
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
  members: 'organisations',
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
  private idx = new Int32Array(64);
  private ids: string[] = [];

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
    const helix = new Uint8Array(nm);
    const sector = new Int32Array(nm);
    const joined = new Float64Array(nm);
    for (let k = 0; k < nm; k++) {
      const i = st.members[k]!;
      this.idx[i] = k;
      helix[k] = st.helix[i]!;
      sector[k] = st.sector[i]!;
      joined[k] = st.joined[i]!;
    }
    // CSR of the member network built directly (neighbourhoods sorted by insertion sort: they are
    // short), with each tie's formation year aligned with the targets for the renewal component
    const m = st.m;
    const offsets = new Int32Array(nm + 1);
    for (let k = 0; k < m; k++) {
      offsets[this.idx[st.tA[k]!]! + 1]!++;
      offsets[this.idx[st.tB[k]!]! + 1]!++;
    }
    for (let k = 0; k < nm; k++) offsets[k + 1]! += offsets[k]!;
    const fill = offsets.slice(0, nm);
    const targets = new Int32Array(2 * m);
    const since = new Float64Array(2 * m);
    for (let k = 0; k < m; k++) {
      const a = this.idx[st.tA[k]!]!;
      const b = this.idx[st.tB[k]!]!;
      const y = st.since[k]!;
      targets[fill[a]!] = b;
      since[fill[a]!++] = y;
      targets[fill[b]!] = a;
      since[fill[b]!++] = y;
    }
    for (let v = 0; v < nm; v++) {
      const lo = offsets[v]!;
      const hi = offsets[v + 1]!;
      for (let x = lo + 1; x < hi; x++) {
        const tv = targets[x]!;
        const sv = since[x]!;
        let y = x - 1;
        while (y >= lo && targets[y]! > tv) {
          targets[y + 1] = targets[y]!;
          since[y + 1] = since[y]!;
          y--;
        }
        targets[y + 1] = tv;
        since[y + 1] = sv;
      }
    }
    const csr: Csr = { n: nm, offsets, targets, weights: new Float64Array(2 * m).fill(1), ids: this.ids };
    return lockInFromCsr(csr, { helix, sector, joined }, { year: t, tieSince: since, reasons: false }).score;
  }
}
