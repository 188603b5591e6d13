/**
 * The simulation state of one run, in typed arrays (no per-actor objects), and the tie store.
 *
 * Actors are indexed 0..n-1 in order of creation and never reused: an actor who leaves keeps its index
 * with `member = 0` and loses its ties. Ties live in parallel arrays (`tA < tB`, `trust`, ...); an
 * open-addressing hash table (linear probing on the pair (a, b), at most half full, backward-shift
 * deletion; typed arrays, no allocation per lookup) maps a pair to its tie's slot in O(1); removal
 * swaps the last tie into the freed slot. Up to 2^21 actors per run.
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */

const KEY = 2097152; // 2^21 (pair keys of pairKey; actors per run)

export function pairKey(a: number, b: number): number {
  return a < b ? a * KEY + b : b * KEY + a;
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(arr: T, size: number): T {
  const C = arr.constructor as new (n: number) => T;
  const next = new C(size);
  next.set(arr);
  return next;
}

export class SimState {
  // actors
  n = 0;
  helix = new Uint8Array(256);
  sector = new Int32Array(256);
  member = new Uint8Array(256);
  passive = new Uint8Array(256);
  engagement = new Float64Array(256);
  /** Perceived yearly value, smoothed (EUR-equivalent). */
  perceived = new Float64Array(256);
  /** Activities attended this year. */
  attended = new Float64Array(256);
  /** Joint RDI projects the actor is in this year. */
  inProjects = new Int32Array(256);
  joined = new Float64Array(256);
  /** Sum of the trust of the actor's ties (kept up to date yearly by the membership mechanism). */
  trustSum = new Float64Array(256);
  nSectors = 0;
  anchor = -1;
  anchorSector = -1;

  // ties
  m = 0;
  tA = new Int32Array(2048);
  tB = new Int32Array(2048);
  trust = new Float64Array(2048);
  since = new Float64Array(2048);
  /** 1 when the pair met (activity, introduction or joint project) this year. */
  contact = new Uint8Array(2048);
  /** Running joint projects of the pair. */
  projects = new Int32Array(2048);
  /** Pair → tie slot: hash table of capacity hCap (a power of 2), keys (hLo < hHi); hLo = -1 when empty. */
  private hCap = 4096;
  private hLo = new Int32Array(4096).fill(-1);
  private hHi = new Int32Array(4096);
  private hVal = new Int32Array(4096);

  // work buffers reused from year to year (encounters.ts: adjacency, attendance slots)
  adjOffsets = new Int32Array(0);
  adjFill = new Int32Array(0);
  adjNbr = new Int32Array(0);
  slotBuf = new Int32Array(0);

  // members (rebuilt by refreshMembers)
  members = new Int32Array(256);
  memberCount = 0;

  constructor() {
    // Capacities above: 256 actors and 2,048 ties, enough for the presets and cases, so a run rarely
    // grows them (the first growth in a thread also costs recompiling the code that added the tie).
    // The arrays are replaced when they grow. V8 treats a field that has only ever been initialised
    // as a constant, and replacing it later throws away all optimised code that relied on that
    // (every mechanism at once, in the middle of a batch). Storing each once here marks the fields
    // as mutable before any code is optimised. Same values: nothing else changes.
    this.helix = this.helix.subarray(0);
    this.sector = this.sector.subarray(0);
    this.member = this.member.subarray(0);
    this.passive = this.passive.subarray(0);
    this.engagement = this.engagement.subarray(0);
    this.perceived = this.perceived.subarray(0);
    this.attended = this.attended.subarray(0);
    this.inProjects = this.inProjects.subarray(0);
    this.joined = this.joined.subarray(0);
    this.trustSum = this.trustSum.subarray(0);
    this.members = this.members.subarray(0);
    this.tA = this.tA.subarray(0);
    this.tB = this.tB.subarray(0);
    this.trust = this.trust.subarray(0);
    this.since = this.since.subarray(0);
    this.contact = this.contact.subarray(0);
    this.projects = this.projects.subarray(0);
    this.hCap = this.hCap + 0;
    this.hLo = this.hLo.subarray(0);
    this.hHi = this.hHi.subarray(0);
    this.hVal = this.hVal.subarray(0);
    this.adjOffsets = this.adjOffsets.subarray(0);
    this.adjFill = this.adjFill.subarray(0);
    this.adjNbr = this.adjNbr.subarray(0);
    this.slotBuf = this.slotBuf.subarray(0);
  }

  /**
   * Back to the empty state of `new SimState()` (every array zeroed, nothing recorded) while keeping
   * the capacity, so a thread can reuse one state for run after run without allocating.
   */
  reset(): void {
    this.n = 0;
    this.helix.fill(0);
    this.sector.fill(0);
    this.member.fill(0);
    this.passive.fill(0);
    this.engagement.fill(0);
    this.perceived.fill(0);
    this.attended.fill(0);
    this.inProjects.fill(0);
    this.joined.fill(0);
    this.trustSum.fill(0);
    this.nSectors = 0;
    this.anchor = -1;
    this.anchorSector = -1;
    this.m = 0;
    this.tA.fill(0);
    this.tB.fill(0);
    this.trust.fill(0);
    this.since.fill(0);
    this.contact.fill(0);
    this.projects.fill(0);
    this.hLo.fill(-1);
    this.members.fill(0);
    this.memberCount = 0;
  }

  addActor(helix: number, sector: number, year: number): number {
    if (this.n === this.helix.length) {
      const c = this.helix.length * 2;
      this.helix = grow(this.helix, c);
      this.sector = grow(this.sector, c);
      this.member = grow(this.member, c);
      this.passive = grow(this.passive, c);
      this.engagement = grow(this.engagement, c);
      this.perceived = grow(this.perceived, c);
      this.attended = grow(this.attended, c);
      this.inProjects = grow(this.inProjects, c);
      this.joined = grow(this.joined, c);
      this.trustSum = grow(this.trustSum, c);
      this.members = grow(this.members, c);
    }
    const i = this.n++;
    if (i >= KEY) throw new RangeError('more than 2^21 actors in one run');
    this.helix[i] = helix;
    this.sector[i] = sector;
    this.member[i] = 1;
    this.joined[i] = year;
    if (sector >= this.nSectors) this.nSectors = sector + 1;
    return i;
  }

  private static hash(lo: number, hi: number, mask: number): number {
    return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77)) & mask;
  }

  tieOf(a: number, b: number): number {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const mask = this.hCap - 1;
    const hl = this.hLo;
    for (let h = SimState.hash(lo, hi, mask); ; h = (h + 1) & mask) {
      const k = hl[h]!;
      if (k === lo && this.hHi[h] === hi) return this.hVal[h]!;
      if (k < 0) return -1;
    }
  }

  private hSet(lo: number, hi: number, t: number): void {
    const mask = this.hCap - 1;
    const hl = this.hLo;
    const hh = this.hHi;
    let h = SimState.hash(lo, hi, mask);
    while (hl[h]! >= 0 && (hl[h] !== lo || hh[h] !== hi)) h = (h + 1) & mask;
    hl[h] = lo;
    hh[h] = hi;
    this.hVal[h] = t;
  }

  private hDelete(lo: number, hi: number): void {
    const mask = this.hCap - 1;
    const hl = this.hLo;
    const hh = this.hHi;
    const hv = this.hVal;
    let h = SimState.hash(lo, hi, mask);
    while (hl[h] !== lo || hh[h] !== hi) {
      if (hl[h]! < 0) return;
      h = (h + 1) & mask;
    }
    // backward-shift deletion keeps every remaining key reachable from its home slot
    let j = h;
    for (;;) {
      j = (j + 1) & mask;
      const kl = hl[j]!;
      if (kl < 0) break;
      const home = SimState.hash(kl, hh[j]!, mask);
      // leave the entry at j when its home lies cyclically in (h, j]
      if (h <= j ? home > h && home <= j : home > h || home <= j) continue;
      hl[h] = kl;
      hh[h] = hh[j]!;
      hv[h] = hv[j]!;
      h = j;
    }
    hl[h] = -1;
  }

  private hGrow(): void {
    this.hCap *= 2;
    this.hLo = new Int32Array(this.hCap).fill(-1);
    this.hHi = new Int32Array(this.hCap);
    this.hVal = new Int32Array(this.hCap);
    for (let t = 0; t < this.m; t++) this.hSet(this.tA[t]!, this.tB[t]!, t);
  }

  addTie(a: number, b: number, trust: number, year: number): number {
    if (this.m === this.tA.length) {
      const c = this.tA.length * 2;
      this.tA = grow(this.tA, c);
      this.tB = grow(this.tB, c);
      this.trust = grow(this.trust, c);
      this.since = grow(this.since, c);
      this.contact = grow(this.contact, c);
      this.projects = grow(this.projects, c);
    }
    if (2 * (this.m + 1) > this.hCap) this.hGrow();
    const t = this.m++;
    this.tA[t] = a < b ? a : b;
    this.tB[t] = a < b ? b : a;
    this.trust[t] = trust;
    this.since[t] = year;
    this.contact[t] = 1;
    this.projects[t] = 0;
    this.hSet(this.tA[t]!, this.tB[t]!, t);
    return t;
  }

  removeTie(t: number): void {
    this.hDelete(this.tA[t]!, this.tB[t]!);
    const last = --this.m;
    if (t !== last) {
      this.tA[t] = this.tA[last]!;
      this.tB[t] = this.tB[last]!;
      this.trust[t] = this.trust[last]!;
      this.since[t] = this.since[last]!;
      this.contact[t] = this.contact[last]!;
      this.projects[t] = this.projects[last]!;
      this.hSet(this.tA[t]!, this.tB[t]!, t);
    }
  }

  /** Remove an actor from the cluster with all its ties. */
  removeActor(i: number): void {
    this.member[i] = 0;
    for (let t = this.m - 1; t >= 0; t--) if (this.tA[t] === i || this.tB[t] === i) this.removeTie(t);
  }

  /** Remove several actors at once (one pass over the ties). */
  removeActors(leaving: Uint8Array): void {
    for (let t = this.m - 1; t >= 0; t--) if (leaving[this.tA[t]!] || leaving[this.tB[t]!]) this.removeTie(t);
  }

  refreshMembers(): void {
    let c = 0;
    for (let i = 0; i < this.n; i++) if (this.member[i]) this.members[c++] = i;
    this.memberCount = c;
  }
}
