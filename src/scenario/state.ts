/**
 * The simulation state of one run, in typed arrays (no per-actor objects), and the tie store.
 *
 * Actors are indexed 0..n-1 in order of creation and never reused: an actor who leaves keeps its index
 * with `member = 0` and loses its ties. Ties live in parallel arrays (`tA < tB`, `trust`, ...); a
 * Map from the pair key `a * 2^21 + b` to the tie's slot gives O(1) lookup; removal swaps the last
 * tie into the freed slot. Up to 2^21 actors per run.
 */

const KEY = 2097152; // 2^21

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
  helix = new Uint8Array(64);
  sector = new Int32Array(64);
  member = new Uint8Array(64);
  passive = new Uint8Array(64);
  engagement = new Float64Array(64);
  /** Perceived yearly value, smoothed (EUR-equivalent). */
  perceived = new Float64Array(64);
  /** Activities attended this year. */
  attended = new Float64Array(64);
  /** Joint RDI projects the actor is in this year. */
  inProjects = new Int32Array(64);
  joined = new Float64Array(64);
  /** Sum of the trust of the actor's ties (kept up to date yearly by the membership mechanism). */
  trustSum = new Float64Array(64);
  nSectors = 0;
  anchor = -1;
  anchorSector = -1;

  // ties
  m = 0;
  tA = new Int32Array(256);
  tB = new Int32Array(256);
  trust = new Float64Array(256);
  since = new Float64Array(256);
  /** 1 when the pair met (activity, introduction or joint project) this year. */
  contact = new Uint8Array(256);
  /** Running joint projects of the pair. */
  projects = new Int32Array(256);
  index = new Map<number, number>();

  // members (rebuilt by refreshMembers)
  members = new Int32Array(64);
  memberCount = 0;

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

  tieOf(a: number, b: number): number {
    const t = this.index.get(pairKey(a, b));
    return t === undefined ? -1 : t;
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
    const t = this.m++;
    this.tA[t] = a < b ? a : b;
    this.tB[t] = a < b ? b : a;
    this.trust[t] = trust;
    this.since[t] = year;
    this.contact[t] = 1;
    this.projects[t] = 0;
    this.index.set(pairKey(a, b), t);
    return t;
  }

  removeTie(t: number): void {
    this.index.delete(pairKey(this.tA[t]!, this.tB[t]!));
    const last = --this.m;
    if (t !== last) {
      this.tA[t] = this.tA[last]!;
      this.tB[t] = this.tB[last]!;
      this.trust[t] = this.trust[last]!;
      this.since[t] = this.since[last]!;
      this.contact[t] = this.contact[last]!;
      this.projects[t] = this.projects[last]!;
      this.index.set(pairKey(this.tA[t]!, this.tB[t]!), t);
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
