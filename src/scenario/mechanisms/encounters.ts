/**
 * Activities, encounters and introductions: how ties form and are refreshed.
 *
 * Activities a year (events, matchmaking, company visits, surveys; cookbook C2, I5, I6):
 *   A = round_stoch( min(activitiesPerFte × FTE × e, budget / eurPerActivity) ) + Poisson(volunteerActivities × engaged members)
 * with effectiveness e = (0.5 + 0.5 M) × (leaderKnowsSector ? 1 : 0.8), M the institutional memory.
 *
 * Attendance: member i attends each activity with probability attendance × engagement_i (× 0.25 when
 * passive), so k_i ~ Binomial(A, p_i). Member i makes k_i × `contactsPerActivity` contacts (the
 * fractional part by a Bernoulli draw), each drawn from the year's attendees in proportion to their
 * attendance: with probability `openness` anyone (outside
 * the circle); otherwise someone in i's circle: with probability `repeat` an existing partner who
 * attends this year (2 tries), else an attendee of the same sector who, with probability
 * `homophily`, must also have the same role, or one already tied (4 tries), else no contact. A contact with an
 * existing tie raises its trust by gainActivity × (1 − trust); a new contact is a new tie with trust
 * `initial` (knowing precedes trust, D2).
 *
 * Introductions (triadic closure, SKIN/NEMO partner search through partners' partners): each member,
 * with probability `closure`, picks a partner j uniformly; if trust(i, j) ≥ 0.3 a partner k of j
 * (uniform, not i) is introduced: a new tie i–k with trust 1.5 × initial, or a contact on an existing one.
 *
 * Random numbers: substreams `activities` and `encounters`, `closure`.
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import type { Rng } from '../../util/rng.js';
import type { Scenario } from '../schema.js';
import type { SimState } from '../state.js';

export interface Adjacency {
  offsets: Int32Array;
  nbr: Int32Array;
}

/** Neighbour lists of the current ties (actor index space); views of buffers the state keeps between years. */
export function adjacency(st: SimState): Adjacency {
  const n = st.n;
  const m = st.m;
  if (st.adjOffsets.length < n + 1) st.adjOffsets = new Int32Array(Math.max(n + 1, 2 * st.adjOffsets.length));
  if (st.adjFill.length < n) st.adjFill = new Int32Array(Math.max(n, 2 * st.adjFill.length));
  if (st.adjNbr.length < 2 * m) st.adjNbr = new Int32Array(Math.max(2 * m, 2 * st.adjNbr.length));
  const offsets = st.adjOffsets.subarray(0, n + 1).fill(0);
  const tA = st.tA;
  const tB = st.tB;
  for (let t = 0; t < m; t++) {
    offsets[tA[t]! + 1]!++;
    offsets[tB[t]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = st.adjFill;
  fill.set(offsets.subarray(0, n));
  const nbr = st.adjNbr.subarray(0, 2 * m);
  for (let t = 0; t < m; t++) {
    const a = tA[t]!;
    const b = tB[t]!;
    nbr[fill[a]!++] = b;
    nbr[fill[b]!++] = a;
  }
  return { offsets, nbr };
}

/** Number of activities this year. */
export function activityCount(
  s: Scenario,
  st: SimState,
  fte: number,
  eur: number,
  memory: number,
  rng: Rng,
): { coordinated: number; total: number } {
  const c = s.coordination;
  const eff = (0.5 + 0.5 * memory) * (c.leaderKnowsSector ? 1 : 0.8);
  const staffA = c.activitiesPerFte * fte * eff;
  const budgetA = eur / c.eurPerActivity;
  const x = Math.min(staffA, budgetA);
  let coordinated = Math.floor(x);
  if (rng.next() < x - coordinated) coordinated++;
  let engaged = 0;
  for (let k = 0; k < st.memberCount; k++) {
    const i = st.members[k]!;
    if (!st.passive[i] && st.engagement[i]! > 0.5) engaged++;
  }
  const volunteer = rng.poisson(c.volunteerActivities * engaged);
  return { coordinated, total: coordinated + volunteer };
}

const U32 = 4294967296;

/** Binomial(n, p) by inversion with one uniform (n small) or the normal approximation (n·p·(1−p) > 25). */
function binomial(n: number, p: number, u: number, rng: Rng): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const v = n * p * (1 - p);
  if (v > 25) return Math.min(n, Math.max(0, Math.round(rng.normal(n * p, Math.sqrt(v)))));
  const q = p / (1 - p);
  let pk = Math.pow(1 - p, n);
  let cdf = pk;
  let k = 0;
  while (u > cdf && k < n) {
    pk *= (q * (n - k)) / (k + 1);
    k++;
    cdf += pk;
  }
  return k;
}

/**
 * Run `count` activities: attendance and encounters. Member i attends k_i ~ Binomial(count, p_i)
 * activities; its contacts are drawn among the attendance slots of the year (member j appears k_j
 * times), i.e. with probability proportional to how often j attends (co-presence at the same
 * event is not tracked one by one: with dozens of attendees per event the difference is small and
 * this keeps a year linear in the number of members).
 */
export function runActivities(s: Scenario, st: SimState, adj: Adjacency, count: number, year: number, rng: Rng): void {
  if (count <= 0) return;
  const net = s.network;
  const tr = s.trust;
  const perContact = net.contactsPerActivity;
  const openU = net.openness * U32;
  const homU = net.homophily * U32;
  const repeatU = net.repeat * U32;
  let slots = 0;
  for (let k = 0; k < st.memberCount; k++) {
    const i = st.members[k]!;
    const p = net.attendance * st.engagement[i]! * (st.passive[i] ? 0.25 : 1);
    const a = binomial(count, p, (rng.nextInt32() >>> 0) / U32, rng);
    st.attended[i] = a;
    slots += a;
  }
  if (slots < 2) return;
  if (st.slotBuf.length < slots) st.slotBuf = new Int32Array(Math.max(slots, 2 * st.slotBuf.length));
  const slot = st.slotBuf;
  let w = 0;
  for (let k = 0; k < st.memberCount; k++) {
    const i = st.members[k]!;
    for (let a = st.attended[i]!; a > 0; a--) slot[w++] = i;
  }
  for (let k = 0; k < st.memberCount; k++) {
    const i = st.members[k]!;
    const x = st.attended[i]! * perContact;
    if (x <= 0) continue;
    let contacts = Math.floor(x);
    if (rng.nextInt32() >>> 0 < (x - contacts) * U32) contacts++;
    for (let c = 0; c < contacts; c++) {
      let j = -1;
      if (rng.nextInt32() >>> 0 < openU) {
        j = slot[Math.floor(((rng.nextInt32() >>> 0) / U32) * slots)]!;
        if (j === i) j = -1;
      } else {
        // inside the circle: first an existing partner who attends (repeated contact builds trust)
        const o = adj.offsets[i]!;
        const d = i < adj.offsets.length - 1 ? adj.offsets[i + 1]! - o : 0;
        if (d > 0 && rng.nextInt32() >>> 0 < repeatU) {
          for (let tryN = 0; tryN < 2; tryN++) {
            const cand = adj.nbr[o + Math.floor(((rng.nextInt32() >>> 0) / U32) * d)]!;
            if (st.member[cand] && st.attended[cand]! > 0) {
              j = cand;
              break;
            }
          }
        }
        // else someone of the same sector (and, by homophily, of the same role)
        for (let tryN = 0; j < 0 && tryN < 4; tryN++) {
          const cand = slot[Math.floor(((rng.nextInt32() >>> 0) / U32) * slots)]!;
          if (cand === i) continue;
          if (st.sector[i]! >= 0 && st.sector[i] === st.sector[cand] && (st.helix[i] === st.helix[cand] || rng.nextInt32() >>> 0 >= homU))
            j = cand;
          else if (st.tieOf(i, cand) >= 0) j = cand;
        }
      }
      if (j < 0) continue;
      const t = st.tieOf(i, j);
      if (t >= 0) {
        st.trust[t]! += tr.gainActivity * (1 - st.trust[t]!);
        st.contact[t] = 1;
      } else st.addTie(i, j, tr.initial, year);
    }
  }
}

/** Introductions by shared partners (triadic closure). */
export function runClosure(s: Scenario, st: SimState, adj: Adjacency, year: number, rng: Rng): void {
  const p = s.network.closure;
  if (p <= 0) return;
  const init = Math.min(1, 1.5 * s.trust.initial);
  for (let k = 0; k < st.memberCount; k++) {
    const i = st.members[k]!;
    if (rng.next() >= p) continue;
    const a0 = adj.offsets[i]!;
    const d = adj.offsets[i + 1]! - a0;
    if (d === 0) continue;
    const j = adj.nbr[a0 + rng.int(d)]!;
    const tij = st.tieOf(i, j);
    if (tij < 0 || st.trust[tij]! < 0.3) continue;
    const b0 = adj.offsets[j]!;
    const dj = adj.offsets[j + 1]! - b0;
    if (dj < 2) continue;
    const kk = adj.nbr[b0 + rng.int(dj)]!;
    if (kk === i || !st.member[kk]) continue;
    const t = st.tieOf(i, kk);
    if (t >= 0) st.contact[t] = 1;
    else st.addTie(i, kk, init, year);
  }
}
