/**
 * Membership: the value members perceive, their engagement, churn and recruitment.
 *
 * Goal fit f_i: 1 with goals co-created with the members, `goalFitImposed` when the city sets them
 * (G4, G10, D11); with a steering anchor firm, members outside the anchor's sector get
 * f_i × (1 − 0.4 × steer) (G12, J4).
 *
 * Yearly value (EUR-equivalent, H6, H7: networking, learning, partners):
 *   v_i = f_i × M × (perActivity × attended_i + perTrust × min(Σ_j trust_ij, 10) + perProject × projects_i)
 * where M is the institutional memory (funding.ts): in a young cluster, or one that just lost its
 * coordinator, members cannot yet see what they get (H4: benefits show after a few years; B1: the
 * cluster's attractiveness falls when the project ends; B10: fees are unattractive early).
 * cost c_i = fee_i + timePerActivity × attended_i (fee_i = feeEur for organisations, a tenth for
 * individuals, from `funding.members.startYear`). Perceived value is smoothed,
 * V_i ← (V_i + v_i) / 2, since firms weigh benefits over years and avoid quitting too early (H4).
 *
 * Engagement e_i moves halfway to f_i × (0.5 + 0.5 × min(1, V_i / (c_i + perActivity))) each year
 * (× 0.3 for passive members); a coordinator's departure cuts it by the continuity loss (B1).
 *
 * Churn: probability churnBase × (2 − f_i) + churnSensitivity × max(0, (c_i − V_i) / c_i), halved in
 * the first year (H4). A member who pays nothing and attends nothing stays on as a nominal member
 * (E12). The anchor firm leaves only through an `anchor-exit` shock.
 *
 * Recruitment (E7, E8, B13): Poisson with mean
 *   recruitRate × members × (0.15 + 0.85 × a × cap × (0.5 + 0.5 M)) × feeFactor × √f̄
 * a = min(1, coordinated activities / 10) (attractiveness of the programme), cap = max(0, 1 −
 * members / (membersPerFte × FTE)) (one FTE serves about 150 members; FTE the firm-facing FTE, funding.ts `workFte`), M the
 * institutional memory,
 * feeFactor = min(1, V̄ / (2 × fee)) for prospects comparing the fee with the value members get
 * (B10: they join when members get at least twice the fee; 1 without a fee), f̄ the mean goal fit. 0.15 is recruitment by members' own
 * referrals.
 * A recruit comes from outside the circle with probability `openness` (a role drawn from
 * `entrants`; a sectored role gets a new sector with probability 1/2, else a random existing one; no
 * ties yet); otherwise a member refers it (a sectored recruit shares the referrer's sector; a tie to
 * the referrer with trust 2 × initial). Newcomers are passive with probability `passiveShare`.
 *
 * Random numbers: substream `membership` (churn) and `recruitment`.
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import type { Rng } from '../../util/rng.js';
import { HELIX_ROLES } from '../../model/types.js';
import type { Scenario } from '../schema.js';
import type { SimState } from '../state.js';
import { isSectored } from './start.js';

const IND = HELIX_ROLES.indexOf('individual');

export function goalFit(s: Scenario, st: SimState, i: number, anchorActive: boolean): number {
  let f = s.governance.coCreatedGoals ? 1 : s.governance.goalFitImposed;
  if (anchorActive && st.anchor >= 0 && st.sector[i] !== st.anchorSector) f *= 1 - 0.4 * s.funding.anchor.steer;
  return f;
}

export function feeOf(s: Scenario, st: SimState, i: number, year: number): number {
  const m = s.funding.members;
  if (m.feeEur <= 0 || year < m.startYear) return 0;
  return st.helix[i] === IND ? m.feeEur * 0.1 : m.feeEur;
}

/** Value, engagement and churn. Returns the number of members who left. */
export function updateMembers(s: Scenario, st: SimState, year: number, anchorActive: boolean, memory: number, rng: Rng): number {
  const v = s.value;
  st.trustSum.fill(0, 0, st.n);
  for (let t = 0; t < st.m; t++) {
    st.trustSum[st.tA[t]!]! += st.trust[t]!;
    st.trustSum[st.tB[t]!]! += st.trust[t]!;
  }
  const leaving = new Uint8Array(st.n);
  let left = 0;
  const g = s.growth;
  for (let k = 0; k < st.memberCount; k++) {
    const i = st.members[k]!;
    const f = goalFit(s, st, i, anchorActive);
    const value =
      f * memory * (v.perActivity * st.attended[i]! + v.perTrust * Math.min(st.trustSum[i]!, 10) + v.perProject * st.inProjects[i]!);
    const cost = feeOf(s, st, i, year) + v.timePerActivity * st.attended[i]!;
    const V = st.joined[i] === year - 1 || st.joined[i] === year ? Math.max(value, st.perceived[i]!) : 0.5 * (st.perceived[i]! + value);
    st.perceived[i] = V;
    const target = f * (0.5 + 0.5 * Math.min(1, V / (cost + v.perActivity))) * (st.passive[i] ? 0.3 : 1);
    st.engagement[i]! += 0.5 * (target - st.engagement[i]!);
    if (i === st.anchor && anchorActive) continue;
    let p = g.churnBase * (2 - f);
    if (cost > 0) p += g.churnSensitivity * Math.max(0, (cost - V) / cost);
    if (year - st.joined[i]! <= 1) p *= 0.5;
    if (rng.next() < p) {
      leaving[i] = 1;
      st.member[i] = 0;
      left++;
    }
  }
  if (left > 0) st.removeActors(leaving);
  st.refreshMembers();
  return left;
}

/** New members of the year. Returns how many joined. */
export function recruit(
  s: Scenario,
  st: SimState,
  year: number,
  ctx: { fte: number; coordinated: number; memory: number; anchorActive: boolean },
  rng: Rng,
): number {
  const g = s.growth;
  const M = st.memberCount;
  if (M === 0) return 0;
  const a = Math.min(1, ctx.coordinated / 10);
  const cap = ctx.fte > 0 ? Math.max(0, 1 - M / (g.membersPerFte * ctx.fte)) : 0;
  let meanV = 0;
  let meanF = 0;
  for (let k = 0; k < M; k++) {
    const i = st.members[k]!;
    meanV += st.perceived[i]!;
    meanF += goalFit(s, st, i, ctx.anchorActive);
  }
  meanV /= M;
  meanF /= M;
  const fee = s.funding.members.feeEur > 0 && year + 1 >= s.funding.members.startYear ? s.funding.members.feeEur : 0;
  const feeFactor = fee > 0 ? Math.min(1, meanV / (g.feeValueMultiple * fee)) : 1;
  const r = g.referralShare;
  const lambda = g.recruitRate * M * (r + (1 - r) * a * cap * (0.5 + 0.5 * ctx.memory)) * feeFactor * Math.sqrt(meanF);
  const count = rng.poisson(lambda);
  // a typed array: the same element kind whatever the scenario's weights (whole or fractional)
  const weights = new Float64Array(HELIX_ROLES.length);
  let total = 0;
  for (let r = 0; r < HELIX_ROLES.length; r++) {
    weights[r] = g.entrants[HELIX_ROLES[r]!] ?? 0;
    total += weights[r]!;
  }
  const net = s.network;
  for (let c = 0; c < count; c++) {
    let h = 0;
    if (total > 0) {
      let u = rng.next() * total;
      while (h < weights.length - 1 && u >= weights[h]!) u -= weights[h++]!;
    }
    const outside = rng.next() < net.openness;
    let sector = -1;
    let referrer = -1;
    if (outside) {
      if (isSectored(h)) sector = rng.next() < 0.5 || st.nSectors === 0 ? st.nSectors : rng.int(st.nSectors);
    } else {
      referrer = st.members[rng.int(M)]!;
      if (isSectored(h)) sector = st.sector[referrer]! >= 0 ? st.sector[referrer]! : st.nSectors > 0 ? rng.int(st.nSectors) : 0;
    }
    const i = st.addActor(h, sector, year);
    const passive = rng.next() < g.passiveShare;
    st.passive[i] = passive ? 1 : 0;
    st.engagement[i] = passive ? 0.15 : 0.6;
    st.perceived[i] = meanV;
    st.attended[i] = 0;
    st.inProjects[i] = 0;
    if (referrer >= 0) st.addTie(i, referrer, Math.min(1, 2 * s.trust.initial), year);
  }
  st.refreshMembers();
  return count;
}
