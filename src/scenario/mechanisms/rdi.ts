/**
 * Members' joint RDI projects: the step from trust to collaboration, and the impact indicators
 * (cookbook table 3: new partnerships, RDI investment, EU funding, jobs).
 *
 * Formation: every tie with trust ≥ `collaborateAbove` between two members not already working
 * together starts a project in a year with probability
 *   p = rate × (u + (1 − u) × min(fteSaturation, FTE) × (0.5 + 0.5 M))
 * (u = `uncoordinated`: brokerage by the coordinator — matchmaking, shared calls — multiplies the
 * chance; M the institutional memory; FTE the firm-facing FTE, funding.ts `workFte`). A pair that
 * is already working together starts another, overlapping project with probability p × `overlap`
 * (0: a pair runs one project at a time; 1: a running project neither helps nor hinders the next;
 * calibrated to the CORDIS H2020 overlap share, docs/model.md 3.5). With probability 1/2 a third
 * partner joins: a member tied to the first partner with trust ≥ `collaborateAbove`. A project runs `durationYears`; each year all
 * pairs of partners gain trust gainProject × (1 − trust) (a tie is created if missing) and count as
 * in contact, so a tie never dissolves while its pair works together (SKIN/NEMO). When the project
 * ends the ties decay like any other.
 *
 * Indicators: `partnerships` counts pairs collaborating for the first time; `jointProjects` counts
 * projects whose partners span at least two helix roles; `rdiInvestment` adds
 * eurPerPartnerYear × partners × duration at the start; a mixed project with a research-education
 * partner wins EU funding with probability `euProbability` for `euShare` of its budget
 * (`euFunding`); `jobsPerMEur` jobs per million EUR are counted `jobsLagYears` after the project ends.
 *
 * Tie dynamics (the CORDIS H2020 measure, src/metrics/tie-dynamics.ts): every project is kept as a
 * {@link JointProject} — start = the year index it started in, end = start + duration (a project
 * running in years 3, 4, 5 has start 3 and end 6), participants = the actor indices — so that
 * `tieDynamicsOfProjects` measures the simulated pairs exactly as it measures CORDIS (engine.ts).
 *
 * Random numbers: substream `projects`.
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import type { Rng } from '../../util/rng.js';
import { HELIX_ROLES } from '../../model/types.js';
import type { Scenario } from '../schema.js';
import { pairKey, type SimState } from '../state.js';
import type { JointProject } from '../../metrics/tie-dynamics.js';
import type { Adjacency } from './encounters.js';

const RE = HELIX_ROLES.indexOf('research-education');

/** A joint project of the run (a {@link JointProject} of the tie-dynamics measure, in year indices). */
export interface Project extends JointProject {
  id: number;
  /** Year index it started in. */
  start: number;
  /** start + duration: the instant it is over. */
  end: number;
  /** Partners (actor indices), each once. */
  participants: number[];
  /** Last year it runs (end − 1). */
  endYear: number;
  eur: number;
}

export interface RdiState {
  running: Project[];
  /** Every project of the run, in the order they started. */
  all: Project[];
  collaborated: Set<number>;
  partnerships: number;
  jointProjects: number;
  rdiInvestment: number;
  euFunding: number;
  jobs: number;
  pendingJobs: Map<number, number>;
}

export function initRdi(): RdiState {
  return {
    running: [],
    all: [],
    collaborated: new Set(),
    partnerships: 0,
    jointProjects: 0,
    rdiInvestment: 0,
    euFunding: 0,
    jobs: 0,
    pendingJobs: new Map(),
  };
}

export function runRdi(s: Scenario, st: SimState, rs: RdiState, adj: Adjacency, fte: number, memory: number, year: number, rng: Rng): void {
  const r = s.rdi;
  const thr = s.trust.collaborateAbove;
  const p = Math.min(
    1,
    r.rate * (r.uncoordinated + (1 - r.uncoordinated) * Math.min(s.coordination.fteSaturation, fte) * (0.5 + 0.5 * memory)),
  );
  const ov = r.overlap;
  // formation (candidates fixed before any new project changes the tie list); with overlap 0 a pair
  // that works together draws nothing (the draws are those of a model without overlapping projects)
  const m0 = st.m;
  const starts: number[] = [];
  for (let t = 0; t < m0; t++) {
    if (st.trust[t]! < thr) continue;
    const busy = st.projects[t]! > 0;
    if (busy && ov === 0) continue;
    const a = st.tA[t]!;
    const b = st.tB[t]!;
    if (!st.member[a] || !st.member[b]) continue;
    if (rng.next() < (busy ? p * ov : p)) starts.push(a, b, busy ? 1 : 0);
  }
  for (let k = 0; k < starts.length; k += 3) {
    const a = starts[k]!;
    const b = starts[k + 1]!;
    const ab = st.tieOf(a, b);
    // a pair drawn as free that has meanwhile joined a project (as a third partner) starts none
    if (ab < 0 || (st.projects[ab]! > 0 && starts[k + 2] === 0)) continue;
    const partners = [a, b];
    if (rng.next() < 0.5) {
      const o = adj.offsets[a]!;
      const d = adj.offsets[a + 1]! - o;
      if (d > 0) {
        const c = adj.nbr[o + rng.int(d)]!;
        const tc = st.tieOf(a, c);
        if (c !== b && st.member[c] && tc >= 0 && st.trust[tc]! >= thr) partners.push(c);
      }
    }
    const dur = r.durationYears;
    const eur = r.eurPerPartnerYear * partners.length * dur;
    const pr: Project = { id: rs.all.length, start: year, end: year + dur, participants: partners, endYear: year + dur - 1, eur };
    rs.running.push(pr);
    rs.all.push(pr);
    rs.rdiInvestment += eur;
    let mixed = false;
    let research = false;
    for (const x of partners) {
      if (st.helix[x] !== st.helix[partners[0]!]) mixed = true;
      if (st.helix[x] === RE) research = true;
    }
    if (mixed) {
      rs.jointProjects++;
      if (research && rng.next() < r.euProbability) rs.euFunding += r.euShare * eur;
    }
    for (let x = 0; x < partners.length; x++) {
      for (let y = x + 1; y < partners.length; y++) {
        const key = pairKey(partners[x]!, partners[y]!);
        if (!rs.collaborated.has(key)) {
          rs.collaborated.add(key);
          rs.partnerships++;
        }
        let t = st.tieOf(partners[x]!, partners[y]!);
        if (t < 0) t = st.addTie(partners[x]!, partners[y]!, s.trust.initial, year);
        st.projects[t]!++;
      }
    }
  }
  // running projects: joint work builds trust
  const g = s.trust.gainProject;
  for (const pr of rs.running) {
    const ps = pr.participants;
    for (let x = 0; x < ps.length; x++) {
      st.inProjects[ps[x]!]!++;
      for (let y = x + 1; y < ps.length; y++) {
        if (!st.member[ps[x]!] || !st.member[ps[y]!]) continue;
        let t = st.tieOf(ps[x]!, ps[y]!);
        if (t < 0) {
          t = st.addTie(ps[x]!, ps[y]!, s.trust.initial, year);
          st.projects[t] = 1;
        }
        st.trust[t]! += g * (1 - st.trust[t]!);
        st.contact[t] = 1;
      }
    }
  }
  // ending projects
  let w = 0;
  for (const pr of rs.running) {
    if (pr.endYear > year) {
      rs.running[w++] = pr;
      continue;
    }
    const ps = pr.participants;
    for (let x = 0; x < ps.length; x++) {
      for (let y = x + 1; y < ps.length; y++) {
        const t = st.tieOf(ps[x]!, ps[y]!);
        if (t >= 0 && st.projects[t]! > 0) st.projects[t]!--;
      }
    }
    const due = year + r.jobsLagYears;
    rs.pendingJobs.set(due, (rs.pendingJobs.get(due) ?? 0) + (r.jobsPerMEur * pr.eur) / 1e6);
  }
  rs.running.length = w;
  const j = rs.pendingJobs.get(year);
  if (j !== undefined) {
    rs.jobs += j;
    rs.pendingJobs.delete(year);
  }
}
