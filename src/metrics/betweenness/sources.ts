/**
 * Which sources a betweenness run searches from: all nodes; K pivots drawn without replacement by
 * the seeded HelixLab Rng (Brandes & Pich 2007, as NetworkX `k=`); or, for exact hop-count runs, one
 * representative per class of structurally equivalent nodes ("twins", which have identical
 * dependency vectors) with the class size as its multiplicity.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import { createRng } from '../../util/rng.js';
import type { Csr } from '../csr.js';
import type { BetweennessOptions } from './types.js';

/** The K pivot sources (sorted ascending) drawn without replacement with the seeded Rng. */
export function betweennessPivots(n: number, k: number, seed: number | string = 0): Int32Array {
  const kk = Math.max(0, Math.min(n, Math.floor(k)));
  const rng = createRng(seed).stream('betweenness-pivots');
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = 0; i < kk; i++) {
    const j = i + rng.int(n - i);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  return perm.slice(0, kk).sort();
}

/** Sources of an exact or sampled run, with twin multiplicities when twins were merged. */
export interface SourcePlan {
  sources: Int32Array;
  sampled: boolean;
  /** Per source position: the size of its twin class (absent: all 1). */
  mult?: Float64Array;
  /** Per node: the position in `sources` of its twin class's representative (absent: identity). */
  sourceOf?: Int32Array;
}

/**
 * The source list for the options: the pivots when 1 ≤ approx < n; otherwise all nodes, or, for exact
 * hop-count runs (`twins`), one representative per twin class (see {@link twinClasses}).
 */
export function betweennessSources(csr: Csr | number, opts: BetweennessOptions = {}, twins?: { groups?: Int32Array } | false): SourcePlan {
  const n = typeof csr === 'number' ? csr : csr.n;
  if (opts.approx !== undefined && opts.approx >= 1 && opts.approx < n) {
    return { sources: betweennessPivots(n, opts.approx, opts.seed ?? 0), sampled: true };
  }
  if (twins && typeof csr !== 'number' && (opts.distance ?? 'hops') === 'hops') {
    const t = twinClasses(csr, twins.groups);
    if (t.sources.length < n) return { sources: t.sources, sampled: false, mult: t.mult, sourceOf: t.sourceOf };
  }
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return { sources: all, sampled: false };
}

function mix32(x: number, salt: number): number {
  let h = Math.imul(x ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Twin classes (structural equivalence): nodes with the same closed neighbourhood (N(v) ∪ {v}: adjacent
 * twins, e.g. members of one project clique who share no other project) or the same open neighbourhood
 * N(v) (non-adjacent twins), and the same group when `groups` is given. In an unweighted graph a source's
 * twin has exactly the same dependencies on every node outside the class (its shortest paths are the
 * source's with the first node swapped) and twins never lie inside each other's shortest paths, so
 * Brandes' accumulation needs one source per class, counted |class| times (Puzis, Elovici & Dolev 2007).
 * Used only for exact hop-count runs. Representatives are the classes' first nodes, in node order.
 */
export function twinClasses(csr: Csr, groups?: Int32Array): { sources: Int32Array; mult: Float64Array; sourceOf: Int32Array } {
  const { n, offsets, targets } = csr;
  const classOf = new Int32Array(n).fill(-1);
  const reps: number[] = [];
  const sizes: number[] = [];
  const closedEqual = (u: number, v: number): boolean => {
    const du = offsets[u + 1]! - offsets[u]!;
    if (du !== offsets[v + 1]! - offsets[v]!) return false;
    // u ∈ N(v) and N(u) \ {v} = N(v) \ {u}
    let a = offsets[u]!;
    let b = offsets[v]!;
    const ae = offsets[u + 1]!;
    const be = offsets[v + 1]!;
    let adjacent = false;
    for (;;) {
      while (a < ae && targets[a] === v) {
        a++;
        adjacent = true;
      }
      while (b < be && targets[b] === u) b++;
      if (a >= ae || b >= be) return adjacent && a >= ae && b >= be;
      if (targets[a] !== targets[b]) return false;
      a++;
      b++;
    }
  };
  const openEqual = (u: number, v: number): boolean => {
    const a = offsets[u]!;
    const b = offsets[v]!;
    const d = offsets[u + 1]! - a;
    if (d !== offsets[v + 1]! - b) return false;
    for (let k = 0; k < d; k++) if (targets[a + k] !== targets[b + k]) return false;
    return true;
  };
  const hashOf = (v: number, closed: boolean): string => {
    let h1 = 0;
    let h2 = 0;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      h1 = (h1 + mix32(targets[k]!, 0x1234567)) >>> 0;
      h2 = (h2 ^ mix32(targets[k]!, 0x7654321)) >>> 0;
    }
    if (closed) {
      h1 = (h1 + mix32(v, 0x1234567)) >>> 0;
      h2 = (h2 ^ mix32(v, 0x7654321)) >>> 0;
    }
    return `${offsets[v + 1]! - offsets[v]!}:${h1}:${h2}:${groups ? groups[v] : 0}`;
  };
  for (const closed of [true, false]) {
    const buckets = new Map<string, number[]>();
    for (let v = 0; v < n; v++) {
      if (classOf[v]! >= 0 && (closed || sizes[classOf[v]!]! > 1)) continue;
      const key = hashOf(v, closed);
      const list = buckets.get(key);
      let found = -1;
      if (list) {
        for (const c of list) {
          const r = reps[c]!;
          if ((!groups || groups[r] === groups[v]) && (closed ? closedEqual(r, v) : openEqual(r, v))) {
            found = c;
            break;
          }
        }
      }
      if (found >= 0) {
        if (!closed && classOf[v]! >= 0) sizes[classOf[v]!] = 0; // leaves its singleton closed class
        classOf[v] = found;
        sizes[found]!++;
      } else if (closed || classOf[v]! < 0) {
        const c = reps.length;
        reps.push(v);
        sizes.push(1);
        classOf[v] = c;
        if (list) list.push(c);
        else buckets.set(key, [c]);
      } else {
        // singleton from the closed pass: it may still gather open twins
        const c = classOf[v]!;
        if (list) list.push(c);
        else buckets.set(key, [c]);
      }
    }
  }
  const pos = new Int32Array(reps.length).fill(-1);
  const srcList: number[] = [];
  const multList: number[] = [];
  for (let c = 0; c < reps.length; c++) {
    if (sizes[c] === 0) continue;
    pos[c] = srcList.length;
    srcList.push(reps[c]!);
    multList.push(sizes[c]!);
  }
  const sourceOf = new Int32Array(n);
  for (let v = 0; v < n; v++) sourceOf[v] = pos[classOf[v]!]!;
  return { sources: Int32Array.from(srcList), mult: Float64Array.from(multList), sourceOf };
}
