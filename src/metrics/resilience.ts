/**
 * Resilience of a cluster network to losing one actor: for each actor asked about (in HelixLab's
 * analysis, the top actors by betweenness and each coordinator of the cluster organisation), what
 * removing it (and its ties) does to
 *
 * - the **largest connected component** (size, and share of the remaining actors),
 * - the **number of connected components** (isolates count as components),
 * - **global efficiency** (Latora & Marchiori 2001), as NetworkX `global_efficiency`:
 *   `E = 1/(n(n−1)) Σ_{i≠j} 1/d(i,j)` with hop distances (unweighted), 1/∞ = 0; 0 for n < 2.
 *   With `approx: K` (K < n) it is estimated from K seeded source actors (`Rng` stream
 *   `resilience-efficiency`; the same sources before and after each removal; a removed source is skipped),
 * - the **share of firm–research pairs that stay connected**: pairs of a firm (helix `industry` or
 *   `startup`) and a research-education actor that lie in the same component, among all such pairs of
 *   the remaining actors; null when there are no firms or no research actors.
 *
 * Summation convention: the distances are tallied as exact integer counts per distance `c_d` (ordered
 * pairs at distance d) and `E = Σ_d (c_d / d) / (n(n−1))`, summed in increasing d. The result does
 * not depend on the order of the searches, and is closer to the exact value than a running sum of
 * 1/d over millions of pairs (HelixLab before this change did that; values differ in about the
 * 10th significant digit on a 3,900-actor network).
 *
 * `delta` = after − baseline. Cost: one all-pairs BFS per actor removed (O(n·m)), or O(K·m) with
 * `approx`, done as a bit-parallel BFS: 64 sources of one component at a time, level by level, a node's
 * new sources = OR of its neighbours' frontier bits minus those already seen (the "multi-source BFS"
 * of Then et al. 2014, The More the Merrier: Efficient Multi-Source Graph Traversal, PVLDB 8(4)).
 * Sources are taken in BFS order, so that the searches of one batch end at nearly the same depth.
 * Reference: Latora, V. & Marchiori, M. (2001) Efficient behavior of small-world networks, PRL 87;
 * Albert, Jeong & Barabási (2000) Error and attack tolerance of complex networks, Nature 406.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 *
 * Size: about 500 lines: one measure with its exact and bit-parallel distance sums.
 */
import type { SimpleGraph } from '../model/network.js';
import type { HelixRole } from '../model/types.js';
import { createRng } from '../util/rng.js';
import { toCsr } from './csr.js';
import type { Csr } from './csr.js';

export interface ResilienceState {
  actors: number;
  largestComponent: number;
  largestComponentShare: number;
  components: number;
  globalEfficiency: number;
  firmResearchConnected: number | null;
}

export type ResilienceReason = 'top-betweenness' | 'coordinator';

export interface ResilienceEntry {
  id: string;
  label: string;
  helix: HelixRole;
  reasons: ResilienceReason[];
  after: ResilienceState;
  delta: { largestComponent: number; components: number; globalEfficiency: number; firmResearchConnected: number | null };
}

export interface ResilienceResult {
  baseline: ResilienceState;
  removals: ResilienceEntry[];
  /** Coordinators named in the profile that are not actors of the network. */
  unmatchedCoordinators: string[];
  /** 'all' or the number of sampled sources for efficiency. */
  efficiencySources: number | 'all';
}

export interface ResilienceOptions {
  /** Actor ids ranked by betweenness (highest first). */
  topBetweenness?: readonly string[];
  /** Coordinators (actor ids or names from the profile). */
  coordinators?: readonly string[];
  /** Estimate efficiency from K sampled sources. */
  approx?: number;
  seed?: number | string;
  /** `toCsr(g)` when already built (not rebuilt). */
  csr?: Csr;
}

const FIRMS: readonly HelixRole[] = ['industry', 'startup'];
const RESEARCH: readonly HelixRole[] = ['research-education'];

interface Work {
  csr: Csr;
  firm: Uint8Array;
  research: Uint8Array;
  sources: Int32Array | null;
  comp: Int32Array;
  queue: Int32Array;
  /** Bit-parallel BFS state: bit j of words 2u, 2u+1 of `seen` / `front` / `next` = source j of the batch. */
  seen: Int32Array;
  front: Int32Array;
  next: Int32Array;
  /** Start of each component's nodes in `queue` (filled by `state`). */
  compStart: Int32Array;
  /** Leaf compression (exact searches): `anchor[x]` = the one neighbour of a degree-1 actor x whose
   * neighbour has degree > 1, else −1; `leaves[a]` = how many such leaves hang on a. */
  anchor: Int32Array;
  leaves: Int32Array;
  /** Pair counts by core distance D: `h1[D]` pairs at D + 1, `h2[D]` at D + 2 (see `exactInverseDistanceSum`). */
  h1: Float64Array;
  h2: Float64Array;
  /** hist[d] = ordered (source, target) pairs at distance d (exact integer counts). */
  hist: Float64Array;
}

function makeWork(csr: Csr, firm: Uint8Array, research: Uint8Array, sources: Int32Array | null): Work {
  const n = csr.n;
  const w: Work = {
    csr,
    firm,
    research,
    sources,
    comp: new Int32Array(n),
    queue: new Int32Array(n),
    seen: new Int32Array(2 * n),
    front: new Int32Array(2 * n),
    next: new Int32Array(2 * n),
    hist: new Float64Array(n + 3),
    compStart: new Int32Array(n + 1),
    anchor: new Int32Array(n).fill(-1),
    leaves: new Int32Array(n),
    h1: new Float64Array(n + 3),
    h2: new Float64Array(n + 3),
  };
  const { offsets, targets } = csr;
  for (let x = 0; x < n; x++) {
    if (offsets[x + 1]! - offsets[x]! !== 1) continue;
    const a = targets[offsets[x]!]!;
    if (offsets[a + 1]! - offsets[a]! > 1) {
      w.anchor[x] = a;
      w.leaves[a]!++;
    }
  }
  return w;
}

/** Number of set bits of a 32-bit integer. */
function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Σ over ordered pairs (s, t), s a source, t ≠ s reachable, of 1/d(s,t), with `removed` deleted.
 * Sources of one component are searched 64 at a time by a bit-parallel, level-synchronous BFS over
 * that component's nodes; the distances are tallied as exact integer counts per distance, and the
 * sum is Σ_d count_d / d in increasing d — so the result does not depend on the order of the
 * searches. `comp` must hold the component ids (−1 for `removed`) of the graph without `removed`.
 */
function inverseDistanceSum(w: Work, removed: number, components: number): { sum: number; used: number } {
  const { csr, comp, seen, front, next, hist } = w;
  const { offsets, targets } = csr;
  // `queue` holds the nodes component by component, each in BFS order (see `state`): consecutive
  // sources are then close to each other, so a batch's searches finish at nearly the same level.
  const nodes = w.queue;
  const start = w.compStart;
  // sources grouped by component, in the same way
  const srcs = w.sources;
  let srcList: Int32Array;
  let srcStart: Int32Array;
  let used: number;
  if (srcs === null) {
    srcList = nodes;
    srcStart = start;
    used = start[components]!;
  } else {
    srcStart = new Int32Array(components + 1);
    for (let q = 0; q < srcs.length; q++) if (srcs[q] !== removed) srcStart[comp[srcs[q]!]! + 1]!++;
    for (let c = 0; c < components; c++) srcStart[c + 1]! += srcStart[c]!;
    srcList = new Int32Array(srcStart[components]!);
    const f2 = srcStart.slice(0, components);
    for (let q = 0; q < srcs.length; q++) if (srcs[q] !== removed) srcList[f2[comp[srcs[q]!]!]!++] = srcs[q]!;
    used = srcList.length;
  }
  hist.fill(0);
  let maxD = 0;
  // Batches of 64 sources: two 32-bit words per node (`seen[2u]`, `seen[2u + 1]`, same for `front`, `next`).
  for (let c = 0; c < components; c++) {
    const a = start[c]!;
    const b = start[c + 1]!;
    if (b - a < 2) continue;
    for (let q = srcStart[c]!; q < srcStart[c + 1]!; q += 64) {
      const size = Math.min(64, srcStart[c + 1]! - q);
      const full0 = size >= 32 ? -1 : (1 << size) - 1;
      const full1 = size === 64 ? -1 : size > 32 ? (1 << (size - 32)) - 1 : 0;
      for (let k = a; k < b; k++) {
        const u2 = nodes[k]! << 1;
        seen[u2] = 0;
        seen[u2 + 1] = 0;
        front[u2] = 0;
        front[u2 + 1] = 0;
        next[u2] = 0;
        next[u2 + 1] = 0;
      }
      for (let j = 0; j < size; j++) {
        const x = (srcList[q + j]! << 1) + (j >> 5);
        seen[x] = 1 << (j & 31);
        front[x] = 1 << (j & 31);
      }
      for (let d = 1; ; d++) {
        let found = 0;
        for (let k = a; k < b; k++) {
          const u2 = nodes[k]! << 1;
          const s0 = seen[u2]!;
          const s1 = seen[u2 + 1]!;
          if (s0 === full0 && s1 === full1) continue;
          const u = u2 >> 1;
          let acc0 = 0;
          let acc1 = 0;
          for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
            const t2 = targets[e]! << 1;
            acc0 |= front[t2]!;
            acc1 |= front[t2 + 1]!;
          }
          const f0 = acc0 & ~s0;
          const f1 = acc1 & ~s1;
          if ((f0 | f1) !== 0) {
            next[u2] = f0;
            next[u2 + 1] = f1;
            seen[u2] = s0 | f0;
            seen[u2 + 1] = s1 | f1;
            found += popcount(f0) + popcount(f1);
          }
        }
        if (found === 0) break;
        hist[d]! += found;
        if (d > maxD) maxD = d;
        for (let k = a; k < b; k++) {
          const u2 = nodes[k]! << 1;
          front[u2] = next[u2]!;
          front[u2 + 1] = next[u2 + 1]!;
          next[u2] = 0;
          next[u2 + 1] = 0;
        }
      }
      for (let k = a; k < b; k++) {
        const u2 = nodes[k]! << 1;
        front[u2] = 0;
        front[u2 + 1] = 0;
      }
    }
  }
  let sum = 0;
  for (let d = 1; d <= maxD; d++) sum += hist[d]! / d;
  return { sum, used };
}

/**
 * The exact (all sources) version of {@link inverseDistanceSum}, with the leaves compressed: an actor
 * x of degree 1 hanging on an actor a of degree > 1 lies on no shortest path between others, and
 * d(x, y) = 1 + d(a, y) for every y ≠ x. So only the other ("core") actors are searched, and a core
 * pair (a, b) at distance D stands for 1 pair at D, ℓ_a + ℓ_b pairs at D + 1 and ℓ_a·ℓ_b pairs at D + 2
 * (ℓ = leaves hanging on an actor); each core a adds 2ℓ_a pairs at distance 1 (a and its leaves) and
 * ℓ_a(ℓ_a − 1) at distance 2 (its leaves between themselves). The counts per distance are the same
 * integers as without compression, so the result is identical.
 */
function exactInverseDistanceSum(w: Work, removed: number, components: number): { sum: number; used: number } {
  const { csr, seen, front, next, hist, h1, h2, anchor, leaves } = w;
  const { n, offsets, targets } = csr;
  const order = w.queue;
  const start = w.compStart;
  const used = start[components]!;
  // removing a leaf takes it from its anchor (restored below); the leaves of a removed anchor are
  // isolates now: they are never searched, so they count nothing
  if (removed >= 0 && anchor[removed]! >= 0) leaves[anchor[removed]!]!--;
  const core = new Int32Array(used);
  hist.fill(0);
  h1.fill(0);
  h2.fill(0);
  let maxD = 2;
  const planeMask = new Int32Array(64); // [2k], [2k + 1]: the batch's sources with bit k of ℓ set
  for (let c = 0; c < components; c++) {
    // the core actors of the component, in BFS order; the local pairs of each with its leaves
    let cb = 0;
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const u = order[k]!;
      // a leaf is counted through its anchor (or is an isolate now, when its anchor was removed)
      if (anchor[u]! >= 0) continue;
      core[cb++] = u;
      const l = leaves[u]!;
      hist[1]! += 2 * l;
      hist[2]! += l * (l - 1);
    }
    if (cb < 2) continue;
    for (let q = 0; q < cb; q += 64) {
      const size = Math.min(64, cb - q);
      const full0 = size >= 32 ? -1 : (1 << size) - 1;
      const full1 = size === 64 ? -1 : size > 32 ? (1 << (size - 32)) - 1 : 0;
      for (let k = 0; k < cb; k++) {
        const u2 = core[k]! << 1;
        seen[u2] = 0;
        seen[u2 + 1] = 0;
        front[u2] = 0;
        front[u2 + 1] = 0;
        next[u2] = 0;
        next[u2 + 1] = 0;
      }
      let planes = 0;
      planeMask.fill(0);
      for (let j = 0; j < size; j++) {
        const s = core[q + j]!;
        const x = (s << 1) + (j >> 5);
        seen[x] = 1 << (j & 31);
        front[x] = 1 << (j & 31);
        const l = leaves[s]!;
        for (let k = 0; l >>> k !== 0; k++) {
          if ((l >>> k) & 1) planeMask[2 * k + (j >> 5)]! |= 1 << (j & 31);
          if (k + 1 > planes) planes = k + 1;
        }
      }
      for (let d = 1; ; d++) {
        let found = 0;
        for (let k = 0; k < cb; k++) {
          const u = core[k]!;
          const u2 = u << 1;
          const s0 = seen[u2]!;
          const s1 = seen[u2 + 1]!;
          if (s0 === full0 && s1 === full1) continue;
          let acc0 = 0;
          let acc1 = 0;
          for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
            const t2 = targets[e]! << 1;
            acc0 |= front[t2]!;
            acc1 |= front[t2 + 1]!;
          }
          const f0 = acc0 & ~s0;
          const f1 = acc1 & ~s1;
          if ((f0 | f1) !== 0) {
            next[u2] = f0;
            next[u2 + 1] = f1;
            seen[u2] = s0 | f0;
            seen[u2 + 1] = s1 | f1;
            const cnt = popcount(f0) + popcount(f1);
            found += cnt;
            // Σ ℓ over the sources just reached, from the bit planes of ℓ
            let ls = 0;
            for (let p = 0; p < planes; p++) ls += (popcount(f0 & planeMask[2 * p]!) + popcount(f1 & planeMask[2 * p + 1]!)) * (1 << p);
            const lu = leaves[u]!;
            h1[d]! += cnt * lu + ls;
            h2[d]! += lu * ls;
          }
        }
        if (found === 0) break;
        hist[d]! += found;
        if (d + 2 > maxD) maxD = d + 2;
        for (let k = 0; k < cb; k++) {
          const u2 = core[k]! << 1;
          front[u2] = next[u2]!;
          front[u2 + 1] = next[u2 + 1]!;
          next[u2] = 0;
          next[u2 + 1] = 0;
        }
      }
      for (let k = 0; k < cb; k++) {
        const u2 = core[k]! << 1;
        front[u2] = 0;
        front[u2 + 1] = 0;
      }
    }
  }
  if (removed >= 0 && anchor[removed]! >= 0) leaves[anchor[removed]!]!++;
  let sum = 0;
  for (let d = 1; d <= maxD && d <= n + 2; d++) {
    const pairs = hist[d]! + (d >= 2 ? h1[d - 1]! : 0) + (d >= 3 ? h2[d - 2]! : 0);
    if (pairs > 0) sum += pairs / d;
  }
  return { sum, used };
}

function state(w: Work, removed: number): ResilienceState {
  const { csr, firm, research, comp, queue } = w;
  const { n, offsets, targets } = csr;
  const N = removed >= 0 ? n - 1 : n;
  comp.fill(-1);
  let components = 0;
  let largest = 0;
  let F = 0;
  let R = 0;
  let pairs = 0;
  // components by BFS; `queue` ends up holding every node (but `removed`) component by component
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (s === removed || comp[s] !== -1) continue;
    const first = tail;
    let head = tail;
    w.compStart[components] = first;
    queue[tail++] = s;
    comp[s] = components;
    let f = 0;
    let r = 0;
    while (head < tail) {
      const x = queue[head++]!;
      f += firm[x]!;
      r += research[x]!;
      for (let k = offsets[x]!; k < offsets[x + 1]!; k++) {
        const y = targets[k]!;
        if (y === removed || comp[y] !== -1) continue;
        comp[y] = components;
        queue[tail++] = y;
      }
    }
    if (tail - first > largest) largest = tail - first;
    F += f;
    R += r;
    pairs += f * r;
    components++;
  }
  w.compStart[components] = tail;
  // global efficiency
  let eff = 0;
  if (N >= 2) {
    const { sum, used } = w.sources === null ? exactInverseDistanceSum(w, removed, components) : inverseDistanceSum(w, removed, components);
    eff = used > 0 ? sum / (used * (N - 1)) : 0;
  }
  return {
    actors: N,
    largestComponent: largest,
    largestComponentShare: N > 0 ? largest / N : 0,
    components,
    globalEfficiency: eff,
    firmResearchConnected: F > 0 && R > 0 ? pairs / (F * R) : null,
  };
}

/** Global efficiency of a graph (NetworkX `global_efficiency`: hops, unweighted). */
export function globalEfficiency(g: SimpleGraph | Csr): number {
  const csr = 'offsets' in g ? g : toCsr(g);
  const n = csr.n;
  return state(makeWork(csr, new Uint8Array(n), new Uint8Array(n), null), -1).globalEfficiency;
}

/** What removing each of the given actors does to the network (see the module doc). */
export function resilience(g: SimpleGraph, opts: ResilienceOptions = {}): ResilienceResult {
  const csr = opts.csr ?? toCsr(g);
  const n = csr.n;
  const index = new Map<string, number>();
  csr.ids.forEach((id, i) => index.set(id, i));
  const firm = new Uint8Array(n);
  const research = new Uint8Array(n);
  const labelIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const a = g.getNodeAttributes(csr.ids[i]!);
    if (FIRMS.includes(a.helix)) firm[i] = 1;
    if (RESEARCH.includes(a.helix)) research[i] = 1;
    if (typeof a.label === 'string' && !labelIndex.has(a.label.toLowerCase())) labelIndex.set(a.label.toLowerCase(), i);
  }
  let sources: Int32Array | null = null;
  if (opts.approx !== undefined && opts.approx > 0 && opts.approx < n) {
    const rng = createRng(opts.seed ?? 1).stream('resilience-efficiency');
    const all = Array.from({ length: n }, (_, i) => i);
    rng.shuffle(all);
    sources = Int32Array.from(all.slice(0, opts.approx).sort((a, b) => a - b));
  }
  const w = makeWork(csr, firm, research, sources);
  const baseline = state(w, -1);
  const order: number[] = [];
  const reasons = new Map<number, ResilienceReason[]>();
  const add = (i: number, r: ResilienceReason) => {
    const prev = reasons.get(i);
    if (prev) {
      if (!prev.includes(r)) prev.push(r);
    } else {
      reasons.set(i, [r]);
      order.push(i);
    }
  };
  for (const id of opts.topBetweenness ?? []) {
    const i = index.get(id);
    if (i !== undefined) add(i, 'top-betweenness');
  }
  const unmatched: string[] = [];
  for (const c of opts.coordinators ?? []) {
    const i = index.get(c) ?? labelIndex.get(c.toLowerCase());
    if (i === undefined) unmatched.push(c);
    else add(i, 'coordinator');
  }
  const removals: ResilienceEntry[] = order.map((i) => {
    const after = state(w, i);
    const a = g.getNodeAttributes(csr.ids[i]!);
    return {
      id: csr.ids[i]!,
      label: typeof a.label === 'string' ? a.label : csr.ids[i]!,
      helix: a.helix,
      reasons: reasons.get(i)!,
      after,
      delta: {
        largestComponent: after.largestComponent - baseline.largestComponent,
        components: after.components - baseline.components,
        globalEfficiency: after.globalEfficiency - baseline.globalEfficiency,
        firmResearchConnected:
          after.firmResearchConnected === null || baseline.firmResearchConnected === null
            ? null
            : after.firmResearchConnected - baseline.firmResearchConnected,
      },
    };
  });
  return { baseline, removals, unmatchedCoordinators: unmatched, efficiencySources: sources ? sources.length : 'all' };
}
