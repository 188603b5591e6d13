/**
 * The numeric core of the lock-in score ({@link lockInCore}): every component and detail as plain
 * numbers in one reused array, with work arrays kept between calls. The formulas are in the module
 * doc of `../lockin.ts`; this file is their implementation, written for the simulation, which scores
 * every simulated year of every run.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import { HELIX_ROLES } from '../../model/types.js';
import type { Csr } from '../csr.js';
import type { LockInCsrOptions, LockInNodeAttrs } from './types.js';

/** Clamp to [0, 1]. */
export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
/** Role code of actors without a known helix role. */
export const UNKNOWN_ROLE = HELIX_ROLES.length;

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

/**
 * Slots of the numeric core's result (one reused Float64Array; NaN where the public result has
 * null). The first six are the components in LOCKIN_COMPONENTS order.
 */
export const R = {
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
export function lockInCore(csr: Csr, nodeAttrs: LockInNodeAttrs, opts: LockInCsrOptions): Float64Array {
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
