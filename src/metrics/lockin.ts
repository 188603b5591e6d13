/**
 * Lock-in risk of a cluster network: a score from 0 (open, diverse, renewing) to 1 (closed,
 * inward-looking, dependent on one actor), with a level and plain-language reasons.
 *
 * **This composite is HelixLab's own.** No published lock-in index exists; each component follows a
 * mechanism named in the literature (Boschma 2005; Broekel & Boschma 2012; Crespo, Suire & Vicente
 * 2014; Giuliani & Bell 2005) and the defaults are argued in `docs/lock-in.md`. All components are in
 * [0, 1], higher = more lock-in risk, computed on the simple undirected graph (unweighted; isolates
 * count as actors):
 *
 * - **closure**: global transitivity `T = 3·triangles / connected triples` against the density `p`
 *   (the expected transitivity of a G(n, p) random graph with the same density, so no sampling):
 *   `(T − p) / (1 − p)` clipped to [0, 1]; `T` itself when `p = 1`. null without connected triples.
 * - **insularity**: the share of ties inside one helix role, `I/(E+I) = (1 − EI)/2` with Krackhardt's
 *   E-I index; when sectors are known, the mean of that and the share of ties inside one sector (ties
 *   with an unknown end are left out). null without countable ties.
 * - **concentration**: Freeman's degree centralisation `Σ_i (d_max − d_i) / ((n−1)(n−2))` (1 for a
 *   star: everything depends on one hub or anchor firm; 0 when all degrees are equal). The normalised
 *   degree Herfindahl `(Σ (d_i/2m)² − 1/n)/(1 − 1/n)` is reported in the details. null for n < 3 or
 *   no ties.
 * - **homogeneity**: `1 − IQV` of the helix roles (K = 7 possible roles); when sectors are known, the
 *   mean of that and `1 − IQV` of the sectors (K = sectors observed; one sector → 1).
 * - **brokerDependence**: cross-helix brokerage of actor v = pairs of its neighbours in different helix
 *   roles that are not tied to each other (v is their only two-step bridge), counted in O(Σ deg²)
 *   from the triangles. The top broker's share of all such brokerage and the fragmentation increase
 *   when it leaves (Borgatti's fragmentation `1 − Σ_k s_k(s_k−1)/(n(n−1))`, share of pairs that cannot
 *   reach each other, one component sweep) are averaged. null when no actor has neighbours of two
 *   different roles. The top broker is the one with the most brokerage, ties broken by the smaller id.
 * - **renewal**: the share of young ties (formed less than `renewalWindow` years before `year`, default
 *   3 years: one project cycle) and of newly joined actors, averaged over whichever is known;
 *   `1 − share / renewalTarget` clipped to [0, 1] (default target 0.25: a quarter of the ties renewed per
 *   cycle counts as fully renewing). `year` defaults to the latest year seen. null without any years.
 *
 * **Score** = Σ w_c·x_c / Σ w_c over the components that are not null (weights renormalised over the
 * rest). **Levels**: low < 0.35 ≤ medium < 0.55 ≤ high ({@link LOCKIN_THRESHOLDS}).
 *
 * {@link lockInFromCsr} is the fast core (the simulation calls it every simulated year; no sampling,
 * a few typed arrays, linear apart from the triangle count); {@link lockInRisk} builds its inputs from a
 * graph. Reference: Boschma, R. (2005) Proximity and innovation: a critical assessment, Regional
 * Studies 39(1); Broekel, T. & Boschma, R. (2012) Knowledge networks in the Dutch aviation industry:
 * the proximity paradox, J. Econ. Geogr. 12(2); Crespo, J., Suire, R. & Vicente, J. (2014) Lock-in or
 * lock-out? How structural properties of knowledge networks affect regional resilience, J. Econ.
 * Geogr. 14(1); Giuliani, E. & Bell, M. (2005) The micro-determinants of meso-level learning and
 * innovation: evidence from a Chilean wine cluster, Research Policy 34(1).
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { SimpleGraph } from '../model/network.js';
import { HELIX_ROLES } from '../model/types.js';
import type { HelixRole } from '../model/types.js';
import type { Csr } from './csr.js';
import { toCsr } from './csr.js';

export const LOCKIN_COMPONENTS = ['closure', 'insularity', 'concentration', 'homogeneity', 'brokerDependence', 'renewal'] as const;
export type LockInComponent = (typeof LOCKIN_COMPONENTS)[number];
export type LockInWeights = Record<LockInComponent, number>;
export type LockInLevel = 'low' | 'medium' | 'high';

/** Default weights (argued in docs/lock-in.md); they sum to 1. */
export const DEFAULT_LOCKIN_WEIGHTS: Readonly<LockInWeights> = Object.freeze({
  closure: 0.2,
  insularity: 0.2,
  concentration: 0.15,
  homogeneity: 0.15,
  brokerDependence: 0.15,
  renewal: 0.15,
});

/** Score thresholds: `medium` from 0.35, `high` from 0.55. */
export const LOCKIN_THRESHOLDS = Object.freeze({ medium: 0.35, high: 0.55 });

export interface LockInDetails {
  actors: number;
  ties: number;
  density: number;
  transitivity: number | null;
  internalRoleShare: number | null;
  internalSectorShare: number | null;
  degreeCentralisation: number | null;
  degreeHerfindahl: number | null;
  hub: string | null;
  /** Share of the other actors the hub is tied to (its degree / (n − 1)). */
  hubShare: number | null;
  roleIqv: number | null;
  sectorIqv: number | null;
  dominantRole: HelixRole | null;
  dominantRoleShare: number | null;
  topBroker: string | null;
  topBrokerShare: number | null;
  fragmentationIncrease: number | null;
  youngTieShare: number | null;
  newActorShare: number | null;
  year: number | null;
  renewalWindow: number;
}

export interface LockInResult {
  score: number;
  level: LockInLevel;
  components: Record<LockInComponent, number | null>;
  reasons: string[];
  weights: LockInWeights;
  details: LockInDetails;
}

/** Per-node attributes for {@link lockInFromCsr}, aligned with the CSR's node indices. */
export interface LockInNodeAttrs {
  /** Index into HELIX_ROLES; values ≥ 7 mean unknown. */
  helix: Uint8Array;
  /** Sector code, −1 unknown. */
  sector?: Int32Array;
  /** Year joined, NaN unknown. */
  joined?: Float64Array;
}

export interface LockInCsrOptions {
  /** Reference year for renewal (default: the latest tie or joining year). */
  year?: number;
  /** Year each tie was formed, aligned with `csr.targets` (NaN unknown). */
  tieSince?: Float64Array;
  weights?: Partial<LockInWeights>;
  /** Years within which a tie or an actor counts as new (default 3). */
  renewalWindow?: number;
  /** Share of new ties/actors that counts as fully renewing (default 0.25). */
  renewalTarget?: number;
  /** Names for the reasons, aligned with node indices (default `csr.ids`). */
  labels?: readonly string[];
  /** Write the plain-language reasons (default true; the simulation may skip them). */
  reasons?: boolean;
}

/** Complete and check a partial weight set: finite, ≥ 0, not all 0. */
export function resolveLockInWeights(partial: Partial<LockInWeights> = {}): LockInWeights {
  const w: LockInWeights = { ...DEFAULT_LOCKIN_WEIGHTS };
  for (const [k, v] of Object.entries(partial)) {
    if (!(LOCKIN_COMPONENTS as readonly string[]).includes(k)) {
      throw new RangeError(`unknown lock-in component '${k}' (expected one of ${LOCKIN_COMPONENTS.join(', ')})`);
    }
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new RangeError(`lock-in weight ${k} must be a number >= 0, got ${String(v)}`);
    w[k as LockInComponent] = v;
  }
  if (LOCKIN_COMPONENTS.every((c) => w[c] === 0)) throw new RangeError('lock-in weights are all 0');
  return w;
}

export function lockInLevel(score: number): LockInLevel {
  return score >= LOCKIN_THRESHOLDS.high ? 'high' : score >= LOCKIN_THRESHOLDS.medium ? 'medium' : 'low';
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const UNKNOWN_ROLE = HELIX_ROLES.length;

const SMALL_SECTOR_CODES = 65536;

/**
 * Work arrays of {@link lockInFromCsr}, kept between calls (the simulation calls it every simulated
 * year of every run) and grown on demand; every call overwrites the part it uses first, so results
 * do not depend on earlier calls. Not shared between threads (each worker has its own module).
 */
class LockInScratch {
  cap = 0;
  mark = new Int32Array(0);
  crossPairs = new Float64Array(0);
  closedCross = new Float64Array(0);
  comp = new Int32Array(0);
  queue = new Int32Array(0);
  readonly cnt = new Float64Array(UNKNOWN_ROLE + 1);
  readonly roleCount = new Float64Array(UNKNOWN_ROLE + 1);
  private sCount = new Float64Array(0);
  private sOrder = new Int32Array(0);
  constructor() {
    // store each growable field once now, so V8 does not treat it as a constant and throw away
    // optimised callers when it grows later (see SimState in scenario/state.ts)
    this.cap = this.cap + 0;
    this.mark = this.mark.subarray(0);
    this.crossPairs = this.crossPairs.subarray(0);
    this.closedCross = this.closedCross.subarray(0);
    this.comp = this.comp.subarray(0);
    this.queue = this.queue.subarray(0);
    this.sCount = this.sCount.subarray(0);
    this.sOrder = this.sOrder.subarray(0);
  }
  ensure(n: number): this {
    if (n > this.cap) {
      const c = Math.max(n, 2 * this.cap, 64);
      this.cap = c;
      this.mark = new Int32Array(c);
      this.crossPairs = new Float64Array(c);
      this.closedCross = new Float64Array(c);
      this.comp = new Int32Array(c);
      this.queue = new Int32Array(c);
    }
    return this;
  }
  /** Zeroed counts for codes 0..k-1 (callers reset what they touched). */
  sectorCount(k: number): Float64Array {
    if (this.sCount.length < k) this.sCount = new Float64Array(Math.max(k, 2 * this.sCount.length));
    return this.sCount;
  }
  sectorOrder(n: number): Int32Array {
    if (this.sOrder.length < n) this.sOrder = new Int32Array(Math.max(n, 2 * this.sOrder.length));
    return this.sOrder;
  }
}
const SCRATCH = new LockInScratch();
const scratch = (n: number): LockInScratch => SCRATCH.ensure(n);

/** Fragmentation `1 − Σ s(s−1)/(N(N−1))` of the graph without `removed` (−1: none). */
function fragmentation(csr: Csr, removed: number, comp: Int32Array, queue: Int32Array): number {
  const { n, offsets, targets } = csr;
  comp.fill(-1, 0, n);
  const N = removed >= 0 ? n - 1 : n;
  if (N < 2) return 0;
  let connectedPairs = 0;
  let c = 0;
  for (let s = 0; s < n; s++) {
    if (s === removed || comp[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    comp[s] = c;
    while (head < tail) {
      const x = queue[head++]!;
      for (let k = offsets[x]!; k < offsets[x + 1]!; k++) {
        const y = targets[k]!;
        if (y === removed || comp[y] !== -1) continue;
        comp[y] = c;
        queue[tail++] = y;
      }
    }
    connectedPairs += tail * (tail - 1);
    c++;
  }
  return 1 - connectedPairs / (N * (N - 1));
}

/** Lock-in risk from a CSR (the fast core; see the module doc). */
export function lockInFromCsr(csr: Csr, nodeAttrs: LockInNodeAttrs, opts: LockInCsrOptions = {}): LockInResult {
  const weights = opts.weights === undefined ? { ...DEFAULT_LOCKIN_WEIGHTS } : resolveLockInWeights(opts.weights);
  const r = lockInCore(csr, nodeAttrs, opts);
  const nul = (x: number): number | null => (Number.isNaN(x) ? null : x);
  const components: Record<LockInComponent, number | null> = {
    closure: nul(r[R.closure]!),
    insularity: nul(r[R.insularity]!),
    concentration: nul(r[R.concentration]!),
    homogeneity: nul(r[R.homogeneity]!),
    brokerDependence: nul(r[R.brokerDependence]!),
    renewal: nul(r[R.renewal]!),
  };
  const score = weightedScore(r, weights);
  const level = lockInLevel(score);
  const n = r[R.n]!;
  const m = r[R.m]!;
  const hub = r[R.hub]!;
  const dmax = r[R.dmax]!;
  const topBroker = r[R.topBroker]!;
  const dominantRole = r[R.dominantRole]!;
  const year = r[R.year]!;
  const labels = opts.labels ?? csr.ids;
  const details: LockInDetails = {
    actors: n,
    ties: m,
    density: r[R.density]!,
    transitivity: nul(r[R.transitivity]!),
    internalRoleShare: nul(r[R.internalRoleShare]!),
    internalSectorShare: nul(r[R.internalSectorShare]!),
    degreeCentralisation: components.concentration,
    degreeHerfindahl: nul(r[R.herf]!),
    hub: hub >= 0 && dmax > 0 ? csr.ids[hub]! : null,
    hubShare: hub >= 0 && m > 0 && n > 1 ? dmax / (n - 1) : null,
    roleIqv: nul(r[R.roleIqv]!),
    sectorIqv: nul(r[R.sectorIqv]!),
    dominantRole: dominantRole >= 0 ? HELIX_ROLES[dominantRole]! : null,
    dominantRoleShare: dominantRole >= 0 ? r[R.dominantRoleShare]! : null,
    topBroker: topBroker >= 0 ? csr.ids[topBroker]! : null,
    topBrokerShare: nul(r[R.topBrokerShare]!),
    fragmentationIncrease: nul(r[R.fragInc]!),
    youngTieShare: nul(r[R.youngTieShare]!),
    newActorShare: nul(r[R.newActorShare]!),
    year: Number.isNaN(year) ? null : year,
    renewalWindow: r[R.window]!,
  };
  const reasons =
    opts.reasons === false
      ? []
      : lockInReasons(components, weights, details, {
          hubLabel: hub >= 0 ? (labels[hub] ?? csr.ids[hub]!) : null,
          brokerLabel: topBroker >= 0 ? (labels[topBroker] ?? csr.ids[topBroker]!) : null,
          hubDegree: dmax,
        });
  return { score, level, components, reasons, weights, details };
}

/**
 * The score alone, as {@link lockInFromCsr} computes it (same bits), without building the
 * components, details and reasons objects: for the simulation, which scores every simulated year
 * of every run. `opts.weights`, `year`, `tieSince`, `renewalWindow`, `renewalTarget` as there.
 * The arrays may be longer than needed (reused buffers): only node indices below `csr.n` and tie
 * slots below `csr.offsets[csr.n]` are read — except that without `opts.year` the default reference
 * year scans all of `tieSince`, so pass `year` with oversized buffers.
 */
export function lockInScoreFromCsr(csr: Csr, nodeAttrs: LockInNodeAttrs, opts: LockInCsrOptions = {}): number {
  const weights = opts.weights === undefined ? DEFAULT_LOCKIN_WEIGHTS : resolveLockInWeights(opts.weights);
  return weightedScore(lockInCore(csr, nodeAttrs, opts), weights);
}

/** Σ w·x / Σ w over the judged components (NaN = not judged), clamped to [0, 1]; 0 when none is judged. */
function weightedScore(r: Float64Array, weights: Readonly<LockInWeights>): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < LOCKIN_COMPONENTS.length; k++) {
    const x = r[k]!;
    if (Number.isNaN(x)) continue;
    const w = weights[LOCKIN_COMPONENTS[k]!];
    num += w * x;
    den += w;
  }
  return den > 0 ? clamp01(num / den) : 0;
}

/**
 * Slots of the numeric core's result (one reused Float64Array; NaN where the public result has
 * null). The first six are the components in LOCKIN_COMPONENTS order.
 */
const R = {
  closure: 0,
  insularity: 1,
  concentration: 2,
  homogeneity: 3,
  brokerDependence: 4,
  renewal: 5,
  n: 6,
  m: 7,
  density: 8,
  transitivity: 9,
  internalRoleShare: 10,
  internalSectorShare: 11,
  herf: 12,
  hub: 13,
  dmax: 14,
  roleIqv: 15,
  sectorIqv: 16,
  dominantRole: 17,
  dominantRoleShare: 18,
  topBroker: 19,
  topBrokerShare: 20,
  fragInc: 21,
  youngTieShare: 22,
  newActorShare: 23,
  year: 24,
  window: 25,
} as const;
const RAW = new Float64Array(26);
const num = (x: number | null): number => (x === null ? NaN : x);

/**
 * The numeric core of the score: every component and detail as numbers in {@link RAW} (slots
 * {@link R}; NaN for "not judged"). Plain numbers only, no objects: the simulation calls this every
 * year of every run, and a stable shape keeps the optimised code from being thrown away.
 */
function lockInCore(csr: Csr, nodeAttrs: LockInNodeAttrs, opts: LockInCsrOptions): Float64Array {
  const { n, offsets, targets } = csr;
  const helix = nodeAttrs.helix;
  const sector = nodeAttrs.sector;
  const joined = nodeAttrs.joined;
  const m = offsets[n]! / 2;
  const window = opts.renewalWindow ?? 3;
  const target = opts.renewalTarget ?? 0.25;
  const density = n > 1 ? m / ((n * (n - 1)) / 2) : 0;

  // work arrays are reused between calls (no allocation: the simulation calls this every year of
  // every run); only indices below n are read, so they may be longer than n
  const sc0 = scratch(n);
  // --- role counts, ties inside role / sector, degrees
  const roleCount = sc0.roleCount.fill(0);
  let known = 0;
  let dmax = 0;
  let hub = -1;
  let sumD2 = 0;
  let wedges = 0;
  for (let i = 0; i < n; i++) {
    const h = helix[i]! < UNKNOWN_ROLE ? helix[i]! : UNKNOWN_ROLE;
    roleCount[h]!++;
    if (h < UNKNOWN_ROLE) known++;
    const d = offsets[i + 1]! - offsets[i]!;
    if (d > dmax || (d === dmax && hub >= 0 && d > 0 && csr.ids[i]! < csr.ids[hub]!)) {
      dmax = d;
      hub = i;
    }
    sumD2 += d * d;
    wedges += (d * (d - 1)) / 2;
  }
  let roleI = 0;
  let roleAll = 0;
  let secI = 0;
  let secAll = 0;
  let sinceKnown = 0;
  let sinceYoung = 0;
  let maxYear = -Infinity;
  const tieSince = opts.tieSince;
  if (opts.year === undefined) {
    // the default reference year (only needed when none is given)
    if (tieSince) for (let k = 0; k < tieSince.length; k++) if (tieSince[k]! > maxYear) maxYear = tieSince[k]!;
    if (joined) for (let i = 0; i < n; i++) if (joined[i]! > maxYear) maxYear = joined[i]!;
  }
  const year = opts.year ?? (Number.isFinite(maxYear) ? maxYear : NaN);
  for (let i = 0; i < n; i++) {
    const hi = helix[i]!;
    const si = sector ? sector[i]! : -1;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const j = targets[k]!;
      if (j <= i) continue;
      const hj = helix[j]!;
      if (hi < UNKNOWN_ROLE && hj < UNKNOWN_ROLE) {
        roleAll++;
        if (hi === hj) roleI++;
      }
      if (si >= 0 && sector) {
        const sj = sector[j]!;
        if (sj >= 0) {
          secAll++;
          if (si === sj) secI++;
        }
      }
      if (tieSince) {
        const y = tieSince[k]!;
        if (!Number.isNaN(y)) {
          sinceKnown++;
          if (year - y < window) sinceYoung++;
        }
      }
    }
  }

  // --- triangles, cross-helix neighbour pairs and the closed ones
  const mark = sc0.mark.fill(-1, 0, n);
  const crossPairs = sc0.crossPairs.fill(0, 0, n);
  const closedCross = sc0.closedCross.fill(0, 0, n);
  const cnt = sc0.cnt.fill(0);
  let triangles = 0;
  let sumCross = 0;
  for (let u = 0; u < n; u++) {
    const a = offsets[u]!;
    const b = offsets[u + 1]!;
    let dk = 0;
    let same = 0;
    for (let k = a; k < b; k++) {
      const t = targets[k]!;
      mark[t] = u;
      const h = helix[t]!;
      if (h < UNKNOWN_ROLE) {
        same += cnt[h]!;
        cnt[h]!++;
        dk++;
      }
    }
    for (let r = 0; r <= UNKNOWN_ROLE; r++) cnt[r] = 0;
    const cp = (dk * (dk - 1)) / 2 - same;
    crossPairs[u] = cp;
    sumCross += cp;
    const hu = helix[u]!;
    for (let k = a; k < b; k++) {
      const v = targets[k]!;
      if (v <= u) continue;
      const hv = helix[v]!;
      const vb = offsets[v]!;
      for (let q = offsets[v + 1]! - 1; q >= vb; q--) {
        const w = targets[q]!;
        if (w <= v) break;
        if (mark[w] !== u) continue;
        triangles++;
        const hw = helix[w]!;
        if (hv !== hw && hv < UNKNOWN_ROLE && hw < UNKNOWN_ROLE) closedCross[u]!++;
        if (hu !== hw && hu < UNKNOWN_ROLE && hw < UNKNOWN_ROLE) closedCross[v]!++;
        if (hu !== hv && hu < UNKNOWN_ROLE && hv < UNKNOWN_ROLE) closedCross[w]!++;
      }
    }
  }

  // --- closure
  const transitivity = wedges > 0 ? (3 * triangles) / wedges : null;
  const closure = transitivity === null ? null : density >= 1 ? clamp01(transitivity) : clamp01((transitivity - density) / (1 - density));

  // --- insularity
  const internalRoleShare = roleAll > 0 ? roleI / roleAll : null;
  const internalSectorShare = secAll > 0 ? secI / secAll : null;
  const insularity =
    internalRoleShare === null
      ? internalSectorShare
      : internalSectorShare === null
        ? internalRoleShare
        : (internalRoleShare + internalSectorShare) / 2;

  // --- concentration
  let concentration: number | null = null;
  let herf: number | null = null;
  if (n >= 3 && m > 0) {
    concentration = clamp01((n * dmax - 2 * m) / ((n - 1) * (n - 2)));
    herf = clamp01((sumD2 / (4 * m * m) - 1 / n) / (1 - 1 / n));
  }

  // --- homogeneity
  let roleIqv: number | null = null;
  let dominantRole = -1;
  if (known > 0) {
    let s = 0;
    for (let r = 0; r < UNKNOWN_ROLE; r++) {
      const p = roleCount[r]! / known;
      s += p * p;
      if (dominantRole < 0 || roleCount[r]! > roleCount[dominantRole]!) dominantRole = r;
    }
    roleIqv = clamp01((1 - s) / (1 - 1 / UNKNOWN_ROLE));
  }
  let sectorIqv: number | null = null;
  if (sector) {
    // sector counts in order of first appearance (the order of the sum below); small codes are
    // counted in a reused typed array, others in a Map (same counts, same order)
    let smax = -1;
    for (let i = 0; i < n; i++) if (sector[i]! > smax) smax = sector[i]!;
    let sk = 0;
    let size = 0;
    let s2 = 0;
    if (smax < SMALL_SECTOR_CODES) {
      const cntS = sc0.sectorCount(smax + 1);
      const order = sc0.sectorOrder(n);
      for (let i = 0; i < n; i++) {
        const s = sector[i]!;
        if (s < 0) continue;
        if (cntS[s] === 0) order[size++] = s;
        cntS[s]!++;
        sk++;
      }
      if (sk > 0 && size > 1) {
        for (let x = 0; x < size; x++) {
          const c = cntS[order[x]!]!;
          s2 += (c / sk) * (c / sk);
        }
      }
      for (let x = 0; x < size; x++) cntS[order[x]!] = 0;
    } else {
      const sc = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const s = sector[i]!;
        if (s < 0) continue;
        sc.set(s, (sc.get(s) ?? 0) + 1);
        sk++;
      }
      size = sc.size;
      if (sk > 0 && size > 1) for (const c of sc.values()) s2 += (c / sk) * (c / sk);
    }
    if (sk > 0) {
      if (size <= 1) sectorIqv = 0;
      else sectorIqv = clamp01((1 - s2) / (1 - 1 / size));
    }
  }
  // the mean of the known parts 1 − IQV (role, sector)
  const homogeneity =
    roleIqv !== null && sectorIqv !== null
      ? (1 - roleIqv + (1 - sectorIqv)) / 2
      : roleIqv !== null
        ? 1 - roleIqv
        : sectorIqv !== null
          ? 1 - sectorIqv
          : null;

  // --- broker dependence
  let brokerDependence: number | null = null;
  let topBroker = -1;
  let topBrokerShare: number | null = null;
  let fragInc: number | null = null;
  if (sumCross > 0) {
    let total = 0;
    let best = 0;
    for (let v = 0; v < n; v++) {
      const bv = crossPairs[v]! - closedCross[v]!;
      total += bv;
      if (bv > best || (bv === best && bv > 0 && topBroker >= 0 && csr.ids[v]! < csr.ids[topBroker]!)) {
        best = bv;
        topBroker = v;
      }
    }
    if (total > 0 && topBroker >= 0) {
      topBrokerShare = best / total;
      const comp = sc0.comp;
      const queue = sc0.queue;
      const before = fragmentation(csr, -1, comp, queue);
      const after = fragmentation(csr, topBroker, comp, queue);
      fragInc = Math.max(0, after - before);
    } else {
      topBrokerShare = 0;
      fragInc = 0;
    }
    brokerDependence = clamp01((topBrokerShare + fragInc) / 2);
  }

  // --- renewal
  let joinedKnown = 0;
  let joinedNew = 0;
  if (joined && !Number.isNaN(year)) {
    for (let i = 0; i < n; i++) {
      const y = joined[i]!;
      if (Number.isNaN(y)) continue;
      joinedKnown++;
      if (year - y < window) joinedNew++;
    }
  }
  const youngTieShare = sinceKnown > 0 ? sinceYoung / sinceKnown : null;
  const newActorShare = joinedKnown > 0 ? joinedNew / joinedKnown : null;
  let renewal: number | null = null;
  if (youngTieShare !== null || newActorShare !== null) {
    const share = youngTieShare === null ? newActorShare! : newActorShare === null ? youngTieShare : (youngTieShare + newActorShare) / 2;
    renewal = clamp01(1 - share / target);
  }

  const r = RAW;
  r[R.closure] = num(closure);
  r[R.insularity] = num(insularity);
  r[R.concentration] = num(concentration);
  r[R.homogeneity] = num(homogeneity);
  r[R.brokerDependence] = num(brokerDependence);
  r[R.renewal] = num(renewal);
  r[R.n] = n;
  r[R.m] = m;
  r[R.density] = density;
  r[R.transitivity] = num(transitivity);
  r[R.internalRoleShare] = num(internalRoleShare);
  r[R.internalSectorShare] = num(internalSectorShare);
  r[R.herf] = num(herf);
  r[R.hub] = hub;
  r[R.dmax] = dmax;
  r[R.roleIqv] = num(roleIqv);
  r[R.sectorIqv] = num(sectorIqv);
  r[R.dominantRole] = dominantRole;
  r[R.dominantRoleShare] = dominantRole >= 0 ? roleCount[dominantRole]! / known : NaN;
  r[R.topBroker] = topBroker;
  r[R.topBrokerShare] = num(topBrokerShare);
  r[R.fragInc] = num(fragInc);
  r[R.youngTieShare] = num(youngTieShare);
  r[R.newActorShare] = num(newActorShare);
  r[R.year] = year;
  r[R.window] = window;
  return r;
}

/** The plain-language reasons, the heaviest contributions first. */
function lockInReasons(
  components: Record<LockInComponent, number | null>,
  weights: LockInWeights,
  d: LockInDetails,
  names: { hubLabel: string | null; brokerLabel: string | null; hubDegree: number },
): string[] {
  if (d.actors < 3 || d.ties === 0) {
    return [`The network is too small to judge lock-in (${d.actors} actors, ${d.ties} ties).`];
  }
  const out: Array<{ key: number; text: string }> = [];
  const missing: string[] = [];
  for (const c of LOCKIN_COMPONENTS) {
    const x = components[c];
    if (x === null) {
      missing.push(missingText(c));
      continue;
    }
    out.push({ key: weights[c] * x, text: componentText(c, x, d, names) });
  }
  out.sort((a, b) => b.key - a.key);
  return [...out.map((o) => o.text), ...missing];
}

function missingText(c: LockInComponent): string {
  switch (c) {
    case 'closure':
      return 'Closure could not be judged: no actor has two partners.';
    case 'insularity':
      return 'Insularity could not be judged: no tie has both roles known.';
    case 'concentration':
      return 'Concentration could not be judged: too few actors or ties.';
    case 'homogeneity':
      return 'Homogeneity could not be judged: no helix roles known.';
    case 'brokerDependence':
      return 'Broker dependence was not judged: no actor has partners in two different helix roles, so there is no cross-helix brokerage to depend on.';
    case 'renewal':
      return 'Renewal could not be judged: the data has no years for ties or for when actors joined.';
  }
}

function componentText(
  c: LockInComponent,
  x: number,
  d: LockInDetails,
  names: { hubLabel: string | null; brokerLabel: string | null; hubDegree: number },
): string {
  const r = x.toFixed(2);
  switch (c) {
    case 'closure':
      return (
        `Closure ${r}: ${pct(d.transitivity ?? 0)} of the actor triples that could close into a triangle do so, ` +
        `against ${pct(d.density)} expected in a random network of the same density` +
        (x >= 0.4 ? ' — partners mostly know each other already, so little new information comes in.' : '.')
      );
    case 'insularity': {
      const parts: string[] = [];
      if (d.internalRoleShare !== null) parts.push(`${pct(d.internalRoleShare)} of ties stay within the same helix role`);
      if (d.internalSectorShare !== null) parts.push(`${pct(d.internalSectorShare)} within the same sector`);
      return (
        `Insularity ${r}: ${parts.join(' and ')}` +
        (x >= 0.5 ? ' — few ties cross between firms, research, the public sector and others.' : '.')
      );
    }
    case 'concentration':
      return (
        `Concentration ${r}: the best-connected actor${names.hubLabel ? `, ${names.hubLabel},` : ''} is tied to ${names.hubDegree} others ` +
        `(${pct(d.hubShare ?? 0)} of the actors); degree centralisation is ${r}` +
        (x >= 0.5 ? ' — the cluster depends on one hub or anchor.' : '.')
      );
    case 'homogeneity': {
      const dom = d.dominantRole ? `${pct(d.dominantRoleShare ?? 0)} of actors are ${d.dominantRole}` : 'roles unknown';
      const sec = d.sectorIqv !== null ? `; sector diversity is ${pct(d.sectorIqv)} of its maximum` : '';
      return (
        `Homogeneity ${r}: ${dom}; helix-role diversity (IQV) is ${pct(d.roleIqv ?? 0)} of its maximum${sec}` +
        (x >= 0.5 ? ' — the actors are much alike.' : '.')
      );
    }
    case 'brokerDependence':
      return (
        `Broker dependence ${r}: ` +
        (d.topBroker === null || (d.topBrokerShare ?? 0) === 0
          ? 'actors of different helix roles are tied directly; nobody is needed as a go-between.'
          : `${names.brokerLabel} holds ${pct(d.topBrokerShare ?? 0)} of the cross-helix brokerage (partners in different roles that only it connects)` +
            ((d.fragmentationIncrease ?? 0) > 0.005
              ? `; without it ${pct(d.fragmentationIncrease ?? 0)} more of the pairs of actors could no longer reach each other.`
              : '; the network stays connected without it.'))
      );
    case 'renewal': {
      const parts: string[] = [];
      if (d.youngTieShare !== null) parts.push(`${pct(d.youngTieShare)} of ties were formed in the last ${d.renewalWindow} years`);
      if (d.newActorShare !== null) parts.push(`${pct(d.newActorShare)} of actors joined in that time`);
      return (
        `Renewal ${r}: ${parts.join(' and ')}${d.year !== null ? ` (up to ${d.year})` : ''}` +
        (x >= 0.5 ? ' — the network is not renewing itself.' : '.')
      );
    }
  }
}

export interface LockInOptions {
  /** Node attribute used as the sector (default `sector`); actors without it are unknown. */
  sectorAttribute?: string;
  year?: number;
  weights?: Partial<LockInWeights>;
  renewalWindow?: number;
  renewalTarget?: number;
  reasons?: boolean;
}

/** Lock-in risk of a simple graph (see the module doc): builds the CSR inputs and calls {@link lockInFromCsr}. */
export function lockInRisk(g: SimpleGraph, opts: LockInOptions = {}): LockInResult {
  const csr = toCsr(g);
  const { n, ids, offsets, targets } = csr;
  const helix = new Uint8Array(n);
  const sector = new Int32Array(n).fill(-1);
  const joined = new Float64Array(n).fill(NaN);
  const labels: string[] = new Array<string>(n);
  const sectorAttr = opts.sectorAttribute ?? 'sector';
  const sectorCodes = new Map<string, number>();
  let anySector = false;
  let anyJoined = false;
  for (let i = 0; i < n; i++) {
    const a = g.getNodeAttributes(ids[i]!);
    const h = HELIX_ROLES.indexOf(a.helix);
    helix[i] = h >= 0 ? h : UNKNOWN_ROLE;
    labels[i] = typeof a.label === 'string' && a.label !== '' ? a.label : ids[i]!;
    const s = a[sectorAttr];
    if (s !== undefined && s !== null && s !== '') {
      const key = String(s);
      let c = sectorCodes.get(key);
      if (c === undefined) {
        c = sectorCodes.size;
        sectorCodes.set(key, c);
      }
      sector[i] = c;
      anySector = true;
    }
    if (typeof a.joined === 'number' && Number.isFinite(a.joined)) {
      joined[i] = a.joined;
      anyJoined = true;
    }
  }
  let tieSince: Float64Array | undefined;
  let anySince = false;
  g.forEachEdge((_e, a) => {
    if (typeof a.since === 'number') anySince = true;
  });
  if (anySince) {
    tieSince = new Float64Array(targets.length).fill(NaN);
    for (let i = 0; i < n; i++) {
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const e = g.edge(ids[i]!, ids[targets[k]!]!);
        const s = e === undefined ? undefined : g.getEdgeAttribute(e, 'since');
        if (typeof s === 'number') tieSince[k] = s;
      }
    }
  }
  const attrs: LockInNodeAttrs = { helix };
  if (anySector) attrs.sector = sector;
  if (anyJoined) attrs.joined = joined;
  const o: LockInCsrOptions = { labels };
  if (opts.year !== undefined) o.year = opts.year;
  if (tieSince) o.tieSince = tieSince;
  if (opts.weights) o.weights = opts.weights;
  if (opts.renewalWindow !== undefined) o.renewalWindow = opts.renewalWindow;
  if (opts.renewalTarget !== undefined) o.renewalTarget = opts.renewalTarget;
  if (opts.reasons !== undefined) o.reasons = opts.reasons;
  return lockInFromCsr(csr, attrs, o);
}
