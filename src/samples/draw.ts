/**
 * The small drawing and apportioning helpers of the sample generator: exact apportionment of slots
 * over named values (largest remainder) and dealing them to actors, weighted draws of an index
 * (all of them, among a mask, several without replacement), integers from a range and yearly
 * counts, the sizes of small groups, and the year slots of a cumulative member path.
 *
 * The seeded ones draw only from the `Rng` they are given, in a fixed order: the generator's output
 * depends on the exact sequence of draws, so any change here changes the bundled samples.
 *
 * Browser-safe: no Node imports.
 */
import type { Rng } from '../util/rng.js';
import type { PerYear } from './spec.js';

/** Non-negative weights, one per candidate index. */
export type Weights = readonly number[] | Float64Array;

/**
 * Exact apportionment of `n` slots over named values by the largest-remainder method
 * (Hamilton); ties go to the earlier value. Integer counts summing to `n` are kept as they are.
 */
export function apportion(n: number, weights: ReadonlyArray<readonly [string, number]>): string[] {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  if (n <= 0 || weights.length === 0 || total <= 0) return [];
  const quotas = weights.map(([k, w], i) => {
    const q = (n * w) / total;
    const alloc = Math.floor(q + 1e-9);
    return { k, i, q, alloc, rest: q - alloc };
  });
  let left = n - quotas.reduce((a, x) => a + x.alloc, 0);
  // the remaining slots, one each, to the largest remainders (round robin when there are more slots)
  const order = [...quotas].sort((a, b) => b.rest - a.rest || a.i - b.i);
  while (left > 0) {
    for (const x of order) {
      if (left <= 0) break;
      x.alloc += 1;
      left--;
    }
  }
  const out: string[] = [];
  for (const x of quotas) for (let c = 0; c < x.alloc; c++) out.push(x.k);
  return out;
}

/**
 * Deal `slots` (one value per actor) to actors: actors with a fixed value consume a matching slot
 * (or one of the most frequent value when none is left); the rest is shuffled and dealt in order.
 */
export function deal(slots: string[], fixed: Array<string | undefined>, rng: Rng): string[] {
  const pool = [...slots];
  for (const f of fixed) {
    if (f === undefined) continue;
    let at = pool.indexOf(f);
    if (at < 0) {
      const freq = new Map<string, number>();
      for (const s of pool) freq.set(s, (freq.get(s) ?? 0) + 1);
      let best: string | undefined;
      let bestN = 0;
      for (const [s, c] of freq) if (c > bestN) [best, bestN] = [s, c];
      at = best === undefined ? -1 : pool.indexOf(best);
    }
    if (at >= 0) pool.splice(at, 1);
  }
  rng.shuffle(pool);
  const out: string[] = [];
  let j = 0;
  for (const f of fixed) out.push(f ?? pool[j++] ?? '');
  return out;
}

/** Weighted draw of an index; `weights` may contain zeros. Returns -1 when the total is 0. */
export function drawIndex(rng: Rng, weights: Weights): number {
  // The hot loop of the generator. `weights[i]!`: i < weights.length. Indexed loops with `!` measured
  // fastest (for-of over both arrays and Float64Arrays is several times slower, `?? 0` ~1.5 times).
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  if (!(total > 0)) return -1;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    if (u < w) return i;
    u -= w;
  }
  // rounding left `u` at the very end: the last positive weight
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return -1;
}

/** Weighted draw of an index among those passing `ok`; -1 when their total weight is 0. */
export function drawMasked(rng: Rng, weights: Weights, ok: (i: number) => boolean): number {
  // `weights[i]!`: i < weights.length (as in drawIndex)
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w > 0 && ok(i)) total += w;
  }
  if (!(total > 0)) return -1;
  let u = rng.next() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w > 0) || !ok(i)) continue;
    last = i;
    if (u < w) return i;
    u -= w;
  }
  return last;
}

/** Draw up to `k` distinct items by sequential weighted sampling without replacement. */
export function drawMany<T extends object>(rng: Rng, candidates: readonly T[], weight: (x: T) => number, k: number): T[] {
  const ws = candidates.map(weight);
  const out: T[] = [];
  for (let t = 0; t < k; t++) {
    const i = drawIndex(rng, ws);
    const c = i < 0 ? undefined : candidates[i];
    if (c === undefined) break;
    out.push(c);
    ws[i] = 0;
  }
  return out;
}

/** An integer uniform on the inclusive range `[lo, hi]`. */
export function intIn(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + rng.int(hi - lo + 1);
}

/** A yearly count: uniform on a `[low, high]` range, or Poisson-distributed with the given mean. */
export function countIn(rng: Rng, perYear: PerYear): number {
  return Array.isArray(perYear) ? intIn(rng, perYear) : rng.poisson(perYear);
}

/**
 * Sizes of the groups `m` people split into with group sizes in `[lo, hi]`: `G` groups, `G` the
 * rounded `m / mean` clamped to `[ceil(m / hi), floor(m / lo)]` (at least 1), sizes as even as
 * possible (the larger ones first). When `m < lo` one group of `m`; when `[lo, hi]` cannot be met
 * exactly (e.g. 5 people in pairs) the sizes stay as close to the range as possible.
 */
export function groupSizes(m: number, [lo, hi]: readonly [number, number]): number[] {
  if (m <= 0) return [];
  let g = Math.round(m / ((lo + hi) / 2));
  g = Math.max(g, Math.ceil(m / hi));
  g = Math.min(g, Math.max(1, Math.floor(m / lo)));
  g = Math.max(1, g);
  const base = Math.floor(m / g);
  const extra = m - base * g;
  return Array.from({ length: g }, (_x, i) => base + (i < extra ? 1 : 0));
}

/** A point of a cumulative member path. */
export interface GrowthPoint {
  year: number;
  members: number;
}

/**
 * The piecewise-linear path through `pts` (sorted by year) at year `y`, held flat before the first
 * and after the last point.
 */
function pathAt(pts: readonly GrowthPoint[], y: number): number {
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (first === undefined || last === undefined) return 0; // no points: not reached, `growth` is non-empty
  if (y <= first.year) return first.members;
  if (y >= last.year) return last.members;
  // first.year < y < last.year: interpolate on the first segment [a, b] with b.year >= y
  let a = first;
  for (const b of pts) {
    if (b.year >= y) return a.members + ((b.members - a.members) * (y - a.year)) / (b.year - a.year);
    a = b;
  }
  return last.members; // not reached: last.year > y
}

/** Year slots of the cumulative member path (length n, ascending). */
export function joinSlots(n: number, foundedYear: number, lastYear: number, growth?: readonly GrowthPoint[]): number[] {
  const years: number[] = [];
  for (let y = foundedYear; y <= lastYear; y++) years.push(y);
  let path: number[];
  if (growth && growth.length > 0) {
    const pts = [...growth].sort((a, b) => a.year - b.year);
    path = years.map((y) => pathAt(pts, y));
  } else {
    path = years.map((_y, i) => i + 1);
  }
  const end = path.at(-1) ?? 0;
  const slots: number[] = [];
  let prev = 0;
  path.forEach((members, i) => {
    const y = foundedYear + i;
    let c = end > 0 ? Math.round((members * n) / end) : n;
    if (i === path.length - 1) c = n;
    c = Math.min(n, Math.max(prev, c));
    for (let k = prev; k < c; k++) slots.push(y);
    prev = c;
  });
  return slots;
}
