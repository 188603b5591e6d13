/**
 * Tie dynamics after a first joint project: do collaboration ties outlive the project? A measure on
 * records of (organisation pair, joint project start, end, consortium size) from any source — the
 * CORDIS participations table (src/io/cordis-projects.ts) or a simulated cluster — so that real and
 * simulated data are measured the same way, on the same window (browser-safe, pure).
 *
 * Definitions. Time is in years (decimal years for dates: `2016-07-01` → 2016.497…; a project's
 * `end` is the instant it ends — for a CORDIS end date, the end of that day; a simulated project
 * running in years 3, 4, 5 has start 3 and end 6).
 * - A joint project of a pair: a project in which both organisations take part. Each pair ×
 *   project is one record (give each once: {@link projectPairRecords} does).
 * - `maxSize` (optional): records of projects with more participants are left out first, as if
 *   those projects did not exist (the README's "counting projects of at most 40 participants").
 * - The pair's first joint project: the one with the earliest start; among several with the same
 *   start, the one that ends first, then the smaller consortium (this choice only matters for the
 *   size bin and the end; the pair's next project then starts on the same day, which is an overlap).
 * - The pair's next joint project: the earliest start among its other joint projects.
 * - Window: pairs whose first joint project started in the years `from`…`to` (inclusive; the year
 *   of a start is ⌊start⌋). Only they are counted.
 * - again: the pair has a next joint project (at any time in the data). overlap: the next started
 *   before the first had ended (next.start < first.end; for CORDIS dates: on or before the first's
 *   last day). after: the next started only when the first was over (next.start ≥ first.end).
 *   again = overlap + after; shares are of the pairs in the window.
 * - Size bins: by the first joint project's consortium size, upper edges `sizeBins` (default 5,
 *   10, 20, 40: bins 2–5, 6–10, 11–20, 21–40, > 40).
 * - Censoring: the data end at `observedUntil` (default: the latest project start in all records,
 *   before the size filter): a next project starting later is not seen. Per start year y of the
 *   first project the result gives the follow-up, from observedUntil − (y + 1) to observedUntil − y
 *   years, and the pairs whose first project was still running at observedUntil (they could not yet
 *   collaborate "after").
 *
 * Organisation ids are compared as text. Memory: O(pairs) in typed arrays (a pair is a key in a Map
 * of numbers); records stream through once, in any order (the result does not depend on it).
 *
 * Indexing: pair slots and bins are indexed below the counts that sized them; the `!` on element
 * reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */

/** One organisation pair in one joint project. */
export interface JointProjectRecord {
  a: string | number;
  b: string | number;
  /** Start, in (decimal) years. */
  start: number;
  /** End, in (decimal) years: the instant the project is over. */
  end: number;
  /** Consortium size (participants of the project). */
  size: number;
}

/** A project with its participants (each once). */
export interface JointProject {
  id: string | number;
  start: number;
  end: number;
  participants: ReadonlyArray<string | number>;
}

export interface TieDynamicsOptions {
  /** First year of the window (first joint project's start year). */
  from: number;
  /** Last year of the window (inclusive). */
  to: number;
  /** Leave out projects with more participants than this. */
  maxSize?: number;
  /** Upper edges of the size bins (default 5, 10, 20, 40; a last bin takes larger ones). */
  sizeBins?: readonly number[];
  /** End of the observation (decimal years); default: the latest start in the records. */
  observedUntil?: number;
}

/** Counts and shares of pairs. */
export interface TieDynamicsCounts {
  pairs: number;
  again: number;
  overlap: number;
  after: number;
  /** again / pairs (NaN without pairs); likewise the others. */
  shareAgain: number;
  shareOverlap: number;
  shareAfter: number;
}

export interface TieDynamicsSizeRow extends TieDynamicsCounts {
  label: string;
  min: number;
  /** Infinity for the last bin. */
  max: number;
}

export interface TieDynamicsYearRow extends TieDynamicsCounts {
  year: number;
  /** Years from the end of the start year / from its beginning to the end of observation. */
  followUpMin: number;
  followUpMax: number;
  /** Pairs whose first project ended after the end of observation. */
  firstStillRunning: number;
}

export interface TieDynamicsResult {
  from: number;
  to: number;
  maxSize: number | null;
  sizeBins: number[];
  observedUntil: number;
  /** Records read, and kept after the size filter. */
  records: number;
  recordsKept: number;
  /** Distinct pairs with a joint project (any year), after the size filter. */
  pairsAll: number;
  total: TieDynamicsCounts;
  bySize: TieDynamicsSizeRow[];
  byStartYear: TieDynamicsYearRow[];
}

/** The records of projects: one per pair of distinct participants (ids compared as text). */
export function* projectPairRecords(projects: Iterable<JointProject>): Generator<JointProjectRecord> {
  for (const p of projects) {
    const ids = [...new Set(p.participants.map(String))];
    const size = ids.length;
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) yield { a: ids[i]!, b: ids[j]!, start: p.start, end: p.end, size };
  }
}

function counts(pairs: number, again: number, overlap: number): TieDynamicsCounts {
  const after = again - overlap;
  return {
    pairs,
    again,
    overlap,
    after,
    shareAgain: again / pairs,
    shareOverlap: overlap / pairs,
    shareAfter: after / pairs,
  };
}

/**
 * Pair state in typed arrays: an open-addressing hash table from a pair (lo, hi) of organisation
 * indices to a slot (linear probing, capacity a power of two, at most half full), and per slot the
 * first project's start, end and size and the earliest start of the others (∞ while there is none).
 */
class PairTable {
  n = 0;
  private cap = 1 << 16;
  private keyLo = new Int32Array(this.cap).fill(-1);
  private keyHi = new Int32Array(this.cap);
  private slotOf = new Int32Array(this.cap);
  firstStart = new Float64Array(this.cap >> 1);
  firstEnd = new Float64Array(this.cap >> 1);
  firstSize = new Float64Array(this.cap >> 1);
  secondStart = new Float64Array(this.cap >> 1);

  private static hash(lo: number, hi: number): number {
    let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return h ^ (h >>> 12);
  }

  /** The slot of pair (lo, hi), lo < hi; a new slot (first start NaN) when the pair is new. */
  slot(lo: number, hi: number): number {
    let mask = this.cap - 1;
    let i = PairTable.hash(lo, hi) & mask;
    while (this.keyLo[i] !== -1) {
      if (this.keyLo[i] === lo && this.keyHi[i] === hi) return this.slotOf[i]!;
      i = (i + 1) & mask;
    }
    if (this.n >= this.cap >> 1) {
      this.grow();
      mask = this.cap - 1;
      i = PairTable.hash(lo, hi) & mask;
      while (this.keyLo[i] !== -1) i = (i + 1) & mask;
    }
    const s = this.n++;
    this.keyLo[i] = lo;
    this.keyHi[i] = hi;
    this.slotOf[i] = s;
    this.firstStart[s] = NaN;
    this.secondStart[s] = Infinity;
    return s;
  }

  private grow(): void {
    const oldLo = this.keyLo;
    const oldHi = this.keyHi;
    const oldSlot = this.slotOf;
    this.cap *= 2;
    const mask = this.cap - 1;
    this.keyLo = new Int32Array(this.cap).fill(-1);
    this.keyHi = new Int32Array(this.cap);
    this.slotOf = new Int32Array(this.cap);
    for (let j = 0; j < oldLo.length; j++) {
      const lo = oldLo[j]!;
      if (lo === -1) continue;
      let i = PairTable.hash(lo, oldHi[j]!) & mask;
      while (this.keyLo[i] !== -1) i = (i + 1) & mask;
      this.keyLo[i] = lo;
      this.keyHi[i] = oldHi[j]!;
      this.slotOf[i] = oldSlot[j]!;
    }
    const widen = (a: Float64Array) => {
      const b = new Float64Array(this.cap >> 1);
      b.set(a);
      return b;
    };
    this.firstStart = widen(this.firstStart);
    this.firstEnd = widen(this.firstEnd);
    this.firstSize = widen(this.firstSize);
    this.secondStart = widen(this.secondStart);
  }

  /** One joint project of the pair (u, v), u ≠ v. */
  add(u: number, v: number, start: number, end: number, size: number): void {
    const s = u < v ? this.slot(u, v) : this.slot(v, u);
    const fs = this.firstStart[s]!;
    if (Number.isNaN(fs)) {
      this.firstStart[s] = start;
      this.firstEnd[s] = end;
      this.firstSize[s] = size;
      return;
    }
    const fe = this.firstEnd[s]!;
    if (start < fs || (start === fs && (end < fe || (end === fe && size < this.firstSize[s]!)))) {
      if (fs < this.secondStart[s]!) this.secondStart[s] = fs;
      this.firstStart[s] = start;
      this.firstEnd[s] = end;
      this.firstSize[s] = size;
    } else if (start < this.secondStart[s]!) this.secondStart[s] = start;
  }
}

/** Organisation ids (compared as text) to dense indices. */
class Ids {
  private readonly map = new Map<string, number>();
  of(x: string | number): number {
    const k = String(x);
    let v = this.map.get(k);
    if (v === undefined) {
      v = this.map.size;
      this.map.set(k, v);
    }
    return v;
  }
}

function checkOptions(opts: TieDynamicsOptions): number[] {
  const bins = [...(opts.sizeBins ?? [5, 10, 20, 40])];
  if (!(opts.from <= opts.to)) throw new RangeError(`tieDynamics: the window ${opts.from}–${opts.to} is empty (from > to)`);
  for (let i = 1; i < bins.length; i++) if (!(bins[i]! > bins[i - 1]!)) throw new RangeError('tieDynamics: size bins must increase');
  return bins;
}

/** The statistics of the module doc, from pair × project records. */
export function tieDynamics(records: Iterable<JointProjectRecord>, opts: TieDynamicsOptions): TieDynamicsResult {
  checkOptions(opts);
  const maxSize = opts.maxSize ?? Infinity;
  const ids = new Ids();
  const t = new PairTable();
  let read = 0;
  let kept = 0;
  let latest = -Infinity;
  for (const r of records) {
    read++;
    if (r.start > latest) latest = r.start;
    if (r.size > maxSize) continue;
    const u = ids.of(r.a);
    const v = ids.of(r.b);
    if (u === v) continue;
    kept++;
    t.add(u, v, r.start, r.end, r.size);
  }
  return summarise(t, opts, read, kept, latest);
}

/**
 * The same statistics from projects directly (what `tieDynamics(projectPairRecords(projects))`
 * gives, without making a record per pair: faster on large tables).
 */
export function tieDynamicsOfProjects(projects: Iterable<JointProject>, opts: TieDynamicsOptions): TieDynamicsResult {
  checkOptions(opts);
  const maxSize = opts.maxSize ?? Infinity;
  const ids = new Ids();
  const t = new PairTable();
  let read = 0;
  let kept = 0;
  let latest = -Infinity;
  for (const p of projects) {
    const members = [...new Set(p.participants.map((x) => ids.of(x)))];
    const size = members.length;
    const pairs = (size * (size - 1)) / 2;
    if (pairs === 0) continue;
    read += pairs;
    if (p.start > latest) latest = p.start;
    if (size > maxSize) continue;
    kept += pairs;
    for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) t.add(members[i]!, members[j]!, p.start, p.end, size);
  }
  return summarise(t, opts, read, kept, latest);
}

function summarise(t: PairTable, opts: TieDynamicsOptions, read: number, kept: number, latest: number): TieDynamicsResult {
  const bins = checkOptions(opts);
  const maxSize = opts.maxSize ?? Infinity;
  const observedUntil = opts.observedUntil ?? latest;
  const nb = bins.length + 1;
  const binPairs = new Float64Array(nb);
  const binAgain = new Float64Array(nb);
  const binOverlap = new Float64Array(nb);
  const years = opts.to - opts.from + 1;
  const yPairs = new Float64Array(years);
  const yAgain = new Float64Array(years);
  const yOverlap = new Float64Array(years);
  const yRunning = new Float64Array(years);
  let pairs = 0;
  let again = 0;
  let overlap = 0;
  for (let s = 0; s < t.n; s++) {
    const fs = t.firstStart[s]!;
    const y = Math.floor(fs);
    if (y < opts.from || y > opts.to) continue;
    let b = 0;
    while (b < bins.length && t.firstSize[s]! > bins[b]!) b++;
    const yi = y - opts.from;
    pairs++;
    binPairs[b]!++;
    yPairs[yi]!++;
    if (t.firstEnd[s]! > observedUntil) yRunning[yi]!++;
    const next = t.secondStart[s]!;
    if (next === Infinity) continue;
    again++;
    binAgain[b]!++;
    yAgain[yi]!++;
    if (next < t.firstEnd[s]!) {
      overlap++;
      binOverlap[b]!++;
      yOverlap[yi]!++;
    }
  }
  const bySize: TieDynamicsSizeRow[] = [];
  for (let b = 0; b < nb; b++) {
    const min = b === 0 ? 2 : bins[b - 1]! + 1;
    const max = b < bins.length ? bins[b]! : Infinity;
    if (min > maxSize) continue;
    const label = max === Infinity ? `>${bins[b - 1] ?? 1}` : min === max ? String(min) : `${min}-${max}`;
    bySize.push({ label, min, max, ...counts(binPairs[b]!, binAgain[b]!, binOverlap[b]!) });
  }
  const byStartYear: TieDynamicsYearRow[] = [];
  for (let i = 0; i < years; i++) {
    const year = opts.from + i;
    byStartYear.push({
      year,
      followUpMin: observedUntil - (year + 1),
      followUpMax: observedUntil - year,
      firstStillRunning: yRunning[i]!,
      ...counts(yPairs[i]!, yAgain[i]!, yOverlap[i]!),
    });
  }
  return {
    from: opts.from,
    to: opts.to,
    maxSize: Number.isFinite(maxSize) ? maxSize : null,
    sizeBins: bins,
    observedUntil,
    records: read,
    recordsKept: kept,
    pairsAll: t.n,
    total: counts(pairs, again, overlap),
    bySize,
    byStartYear,
  };
}
