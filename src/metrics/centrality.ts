/**
 * Centrality per actor and graph-level structure, on the simple undirected graph (parallel ties merged
 * by summing weights, self-loops dropped: see `toSimpleGraph`). Every measure agrees with NetworkX 3.6
 * to 1e-9 (tests compare against committed NetworkX numbers, test/fixtures/reference/*.json).
 *
 * Per node (arrays in the graph's node order, `nodes[i]` is the id):
 * - degree: number of distinct neighbours (NetworkX `G.degree` on the simple graph); strength: sum of the
 *   merged tie weights (`G.degree(weight='weight')`).
 * - betweenness: `nx.betweenness_centrality(G, normalized=True)` over hop counts (see betweenness.ts;
 *   weights are strengths, never distances; `distance: 'inverse-weight'` uses length 1/w); with
 *   `approx: K`, the pivot estimate of betweenness.ts.
 * - closeness: `nx.closeness_centrality(G)` with wf_improved=True:
 *   `C(u) = (r−1)/Σ_v d(u,v) · (r−1)/(n−1)`, r = nodes reachable from u (u included); 0 for isolates.
 *   Same distance convention as betweenness. With `approx: K`, closeness is estimated from the same pivot
 *   searches (Eppstein & Wang 2004): for a node in a component C that holds at least two pivots and has
 *   more than K nodes, Σ_v d(u,v) is estimated as (|C|−1) × the mean distance from u to the pivots of C
 *   (excluding u); smaller components, and components with fewer than two pivots, are computed exactly.
 * - eigenvector: `nx.eigenvector_centrality(G, weight='weight')`: power iteration on A + I (the shift makes
 *   it converge on bipartite graphs), start vector 1/n, Euclidean normalisation after each step, stop when
 *   Σ|x − x_prev| < n·tol (tol 1e-6), at most 100 iterations. On a disconnected graph this is what NetworkX
 *   returns: the components with the largest leading eigenvalue carry the weight, the others decay towards 0
 *   (small but non-zero values at the stopping point). NetworkX raises PowerIterationFailedConvergence after
 *   100 iterations; we continue the SAME iteration up to 1000 iterations and say so in
 *   `graph.eigenvectorNote`; if it still has not converged we return the last iterate with a note.
 *   (Identical to NetworkX whenever NetworkX converges.)
 * - pagerank: `nx.pagerank(G, alpha=0.85, weight='weight')`: x ← α(x·P + Σ_dangling x · 1/n) + (1−α)/n with
 *   P the row-normalised weight matrix, start 1/n, stop when Σ|x − x_prev| < n·1e-6, at most 100
 *   iterations (continued to 1000 with a note, as for eigenvector). Isolates are dangling nodes whose rank is
 *   spread uniformly.
 * - coreNumber: `nx.core_number(G)` (Batagelj & Zaversnik 2003), unweighted.
 * - clustering: `nx.clustering(G)` unweighted: 2T(v)/(d(v)(d(v)−1)), 0 when d < 2.
 * Graph level: order n, size m (merged ties), density `2m/(n(n−1))` (0 for n ≤ 1), number of connected
 * components (isolates count), size of the largest, `nx.transitivity(G)` (3 × triangles / connected triples,
 * 0 without triangles) and `nx.average_clustering(G)` (mean over all nodes, zeros included; 0 for n = 0).
 *
 * Graphology-metrics is not used for these: its betweenness reads weights as distances and its
 * eigenvector/pagerank iterate on graphology's object graph; the CSR versions here follow NetworkX's
 * exact iteration (same start vector, update order, stopping rule), which is what makes 1e-9 agreement
 * possible, and are an order of magnitude faster on large graphs.
 *
 * References: L. C. Freeman (1978/79) Centrality in social networks; S. Wasserman & K. Faust (1994);
 * P. Bonacich (1987) Power and centrality; L. Page, S. Brin et al. (1999) The PageRank citation ranking;
 * V. Batagelj & M. Zaversnik (2003) An O(m) algorithm for cores decomposition; D. J. Watts & S. Strogatz
 * (1998); D. Eppstein & J. Wang (2004) Fast approximation of centrality; NetworkX 3.6 documentation.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 *
 * Size: just over 500 lines: one measure family (degree, strength, closeness, eigenvector, PageRank,
 * core number, clustering) sharing the CSR and one path plan.
 */
import type { SimpleGraph } from '../model/network.js';
import {
  betweennessSources,
  closenessValue,
  crossGroups,
  finishCross,
  rescaleBetweenness,
  runAllBlocks,
  shortestPathSums,
  type BlockOptions,
  type DistanceMode,
  type SourcePlan,
  type Totals,
} from './betweenness.js';
import { toCsr, type Csr } from './csr.js';

export interface CentralityOptions {
  /** Shortest-path lengths for betweenness and closeness: 'hops' (default) or 'inverse-weight'. */
  distance?: DistanceMode;
  /** Pivot-sampled betweenness (and closeness) with K sources; exact when omitted or ≥ n. */
  approx?: number;
  /** Seed of the pivot sample (default 0). */
  seed?: number | string;
  /**
   * Also compute cross-helix betweenness (normalised, as `crossHelixBetweenness`) in the same shortest-path
   * searches: a node attribute name (e.g. 'helix') or a group per node. Bit-identical to calling
   * `crossHelixBetweenness(g, crossGroups, { distance, approx, seed })`, for about half the extra cost.
   */
  crossGroups?: string | ArrayLike<string | number>;
}

export interface GraphSummary {
  order: number;
  size: number;
  density: number;
  components: number;
  largestComponent: number;
  transitivity: number;
  averageClustering: number;
  /** Set when eigenvector centrality needed more than NetworkX's 100 iterations or did not converge. */
  eigenvectorNote?: string;
  /** Set when PageRank needed more than 100 iterations or did not converge. */
  pagerankNote?: string;
  /** Set when betweenness/closeness are pivot estimates. */
  betweennessNote?: string;
}

export interface CentralityResult {
  nodes: string[];
  degree: Float64Array;
  strength: Float64Array;
  betweenness: Float64Array;
  closeness: Float64Array;
  eigenvector: Float64Array;
  pagerank: Float64Array;
  coreNumber: Int32Array;
  clustering: Float64Array;
  /** Present when `crossGroups` was given. */
  crossHelixBetweenness?: Float64Array;
  graph: GraphSummary;
}

export interface PowerIterationResult {
  values: Float64Array;
  converged: boolean;
  iterations: number;
  /** Set when more than NetworkX's iteration limit was needed, or no convergence. */
  note?: string;
}

function asCsr(g: SimpleGraph | Csr): Csr {
  return 'offsets' in g && 'targets' in g ? (g as Csr) : toCsr(g as SimpleGraph);
}

/** Number of distinct neighbours per node. */
export function degrees(csr: Csr): Float64Array {
  const d = new Float64Array(csr.n);
  for (let i = 0; i < csr.n; i++) d[i] = csr.offsets[i + 1]! - csr.offsets[i]!;
  return d;
}

/** Sum of the merged tie weights per node. */
export function strengths(csr: Csr): Float64Array {
  const s = new Float64Array(csr.n);
  for (let i = 0; i < csr.n; i++) {
    let acc = 0;
    for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]!; k++) acc += csr.weights[k]!;
    s[i] = acc;
  }
  return s;
}

/** Connected components: membership per node (component index in order of first node), and sizes. */
export function components(csr: Csr): { count: number; membership: Int32Array; sizes: number[] } {
  const { n, offsets, targets } = csr;
  const membership = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    if (membership[s]! >= 0) continue;
    const c = sizes.length;
    membership[s] = c;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = targets[k]!;
        if (membership[w]! < 0) {
          membership[w] = c;
          queue[tail++] = w;
        }
      }
    }
    sizes.push(tail);
  }
  return { count: sizes.length, membership, sizes };
}

/** Euclidean norm with scaling (no overflow/underflow), as math.hypot of all entries. */
function hypot(x: Float64Array): number {
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]!);
    if (a > max) max = a;
  }
  if (max === 0 || !Number.isFinite(max)) return max;
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i]! / max;
    s += r * r;
  }
  return max * Math.sqrt(s);
}

const NX_MAX_ITER = 100;
const EXTENDED_MAX_ITER = 1000;

/**
 * Eigenvector centrality as `nx.eigenvector_centrality(G, weight='weight')` (see module doc): NetworkX's
 * iteration on A + I, continued past NetworkX's `maxIter` (100) up to `extendedMaxIter` (1000) with a note.
 */
export function eigenvector(
  g: Csr | SimpleGraph,
  opts: { maxIter?: number; extendedMaxIter?: number; tol?: number } = {},
): PowerIterationResult {
  const csr = asCsr(g);
  const { n, offsets, targets, weights } = csr;
  const maxIter = opts.maxIter ?? NX_MAX_ITER;
  const limit = Math.max(maxIter, opts.extendedMaxIter ?? EXTENDED_MAX_ITER);
  const tol = opts.tol ?? 1e-6;
  if (n === 0) return { values: new Float64Array(0), converged: true, iterations: 0 };
  let x = new Float64Array(n).fill(1 / n);
  for (let it = 1; it <= limit; it++) {
    const xlast = x;
    x = xlast.slice();
    for (let v = 0; v < n; v++) {
      const xv = xlast[v]!;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) x[targets[k]!]! += xv * weights[k]!;
    }
    const norm = hypot(x) || 1;
    let err = 0;
    for (let i = 0; i < n; i++) {
      x[i] = x[i]! / norm;
      err += Math.abs(x[i]! - xlast[i]!);
    }
    if (err < n * tol) {
      const r: PowerIterationResult = { values: x, converged: true, iterations: it };
      if (it > maxIter)
        r.note = `eigenvector centrality converged after ${it} iterations (NetworkX stops at ${maxIter} and raises PowerIterationFailedConvergence)`;
      return r;
    }
  }
  return {
    values: x,
    converged: false,
    iterations: limit,
    note: `eigenvector centrality did not converge in ${limit} iterations (tolerance ${tol} per node); values are the last iterate`,
  };
}

/**
 * PageRank as `nx.pagerank(G, alpha=0.85, weight='weight')` (NetworkX's scipy iteration; see module doc).
 */
export function pagerank(
  g: Csr | SimpleGraph,
  opts: { alpha?: number; maxIter?: number; extendedMaxIter?: number; tol?: number } = {},
): PowerIterationResult {
  const csr = asCsr(g);
  const { n, offsets, targets, weights } = csr;
  const alpha = opts.alpha ?? 0.85;
  const maxIter = opts.maxIter ?? NX_MAX_ITER;
  const limit = Math.max(maxIter, opts.extendedMaxIter ?? EXTENDED_MAX_ITER);
  const tol = opts.tol ?? 1e-6;
  if (n === 0) return { values: new Float64Array(0), converged: true, iterations: 0 };
  const invS = new Float64Array(n);
  const dangling: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) s += weights[k]!;
    if (s !== 0) invS[i] = 1 / s;
    else dangling.push(i);
  }
  // row-normalised matrix entries, as scipy's Q @ A: w * (1/S_i)
  const P = new Float64Array(weights.length);
  for (let i = 0; i < n; i++) for (let k = offsets[i]!; k < offsets[i + 1]!; k++) P[k] = weights[k]! * invS[i]!;
  const p = 1 / n;
  let x = new Float64Array(n).fill(1 / n);
  for (let it = 1; it <= limit; it++) {
    const xlast = x;
    const xa = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const xi = xlast[i]!;
      if (xi === 0) continue;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) xa[targets[k]!]! += xi * P[k]!;
    }
    let dsum = 0;
    for (const d of dangling) dsum += xlast[d]!;
    x = new Float64Array(n);
    let err = 0;
    for (let i = 0; i < n; i++) {
      x[i] = alpha * (xa[i]! + dsum * p) + (1 - alpha) * p;
      err += Math.abs(x[i]! - xlast[i]!);
    }
    if (err < n * tol) {
      const r: PowerIterationResult = { values: x, converged: true, iterations: it };
      if (it > maxIter)
        r.note = `PageRank converged after ${it} iterations (NetworkX stops at ${maxIter} and raises PowerIterationFailedConvergence)`;
      return r;
    }
  }
  return {
    values: x,
    converged: false,
    iterations: limit,
    note: `PageRank did not converge in ${limit} iterations; values are the last iterate`,
  };
}

/** Core number of every node (`nx.core_number`), Batagelj–Zaversnik bucket algorithm, O(m). */
export function coreNumber(g: Csr | SimpleGraph): Int32Array {
  const csr = asCsr(g);
  const { n, offsets, targets } = csr;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let i = 0; i < n; i++) {
    deg[i] = offsets[i + 1]! - offsets[i]!;
    if (deg[i]! > maxDeg) maxDeg = deg[i]!;
  }
  const bin = new Int32Array(maxDeg + 1);
  for (let i = 0; i < n; i++) bin[deg[i]!]!++;
  let start = 0;
  for (let d = 0; d <= maxDeg; d++) {
    const c = bin[d]!;
    bin[d] = start;
    start += c;
  }
  const pos = new Int32Array(n);
  const vert = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    pos[v] = bin[deg[v]!]!;
    vert[pos[v]!] = v;
    bin[deg[v]!]!++;
  }
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1]!;
  bin[0] = 0;
  for (let i = 0; i < n; i++) {
    const v = vert[i]!;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const u = targets[k]!;
      if (deg[u]! > deg[v]!) {
        const du = deg[u]!;
        const pu = pos[u]!;
        const pw = bin[du]!;
        const w = vert[pw]!;
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du]!++;
        deg[u] = du - 1;
      }
    }
  }
  return deg;
}

/**
 * Unweighted local clustering (`nx.clustering`), triangles per node, transitivity and average clustering.
 * Triangles are counted once each with the degree-ordered "forward" algorithm (`forEachTriangle`), O(m^1.5).
 */
export function clustering(g: Csr | SimpleGraph): {
  local: Float64Array;
  triangles: Float64Array;
  transitivity: number;
  averageClustering: number;
} {
  const csr = asCsr(g);
  const { n, offsets } = csr;
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = offsets[i + 1]! - offsets[i]!;
  const tri = new Float64Array(n);
  forEachTriangle(csr, (u, v, w) => {
    tri[u]!++;
    tri[v]!++;
    tri[w]!++;
  });
  const local = new Float64Array(n);
  let tsum = 0;
  let contri = 0;
  let csum = 0;
  for (let v = 0; v < n; v++) {
    const d = deg[v]!;
    const t2 = 2 * tri[v]!;
    local[v] = t2 === 0 ? 0 : t2 / (d * (d - 1));
    tsum += t2;
    contri += d * (d - 1);
    csum += local[v]!;
  }
  return {
    local,
    triangles: tri,
    transitivity: tsum === 0 ? 0 : tsum / contri,
    averageClustering: n === 0 ? 0 : csum / n,
  };
}

/**
 * Call `f(u, v, w)` once for every triangle (Chiba–Nishizeki / "forward" algorithm): edges are oriented
 * from lower to higher (degree, index) rank and each node's out-list is intersected with a marker of its
 * out-neighbours' out-lists. O(m^1.5).
 */
export function forEachTriangle(csr: Csr, f: (u: number, v: number, w: number) => void): void {
  const { n, offsets, targets } = csr;
  const deg = new Int32Array(n);
  for (let i = 0; i < n; i++) deg[i] = offsets[i + 1]! - offsets[i]!;
  const byRank = Array.from({ length: n }, (_, i) => i).sort((a, b) => deg[a]! - deg[b]! || a - b);
  const rank = new Int32Array(n);
  byRank.forEach((v, r) => (rank[v] = r));
  const oo = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    let c = 0;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) if (rank[targets[k]!]! > rank[v]!) c++;
    oo[v + 1] = oo[v]! + c;
  }
  const ot = new Int32Array(oo[n]!);
  for (let v = 0; v < n; v++) {
    let o = oo[v]!;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) if (rank[targets[k]!]! > rank[v]!) ot[o++] = targets[k]!;
  }
  const mark = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) {
    const a = oo[u]!;
    const b = oo[u + 1]!;
    if (b - a < 2) continue;
    for (let k = a; k < b; k++) mark[ot[k]!] = u;
    for (let k = a; k < b; k++) {
      const v = ot[k]!;
      for (let q = oo[v]!; q < oo[v + 1]!; q++) {
        const w = ot[q]!;
        if (mark[w] === u) f(u, v, w);
      }
    }
  }
}

/** Closeness (`nx.closeness_centrality`, wf_improved=True) of every node, exact. */
export function closeness(g: Csr | SimpleGraph, opts: { distance?: DistanceMode } = {}): Float64Array {
  const csr = asCsr(g);
  const { distSum, reached } = shortestPathSums(csr, opts.distance ?? 'hops');
  const c = new Float64Array(csr.n);
  for (let i = 0; i < csr.n; i++) c[i] = closenessValue(distSum[i]!, reached[i]!, csr.n);
  return c;
}

/** Plan of the shortest-path work for betweenness + closeness (shared with the parallel version). */
export interface PathPlan extends SourcePlan {
  block: BlockOptions;
}

export function pathPlan(csr: Csr, opts: CentralityOptions, crossGroupIndex?: Int32Array): PathPlan {
  const plan = betweennessSources(csr, opts, crossGroupIndex ? { groups: crossGroupIndex } : {});
  const block: BlockOptions = { distance: opts.distance ?? 'hops', targets: { kind: 'all' } };
  if (crossGroupIndex) block.alsoCross = crossGroupIndex;
  if (plan.sampled) block.perNode = true;
  else block.perSource = true;
  if (plan.mult) block.mult = plan.mult;
  return { ...plan, block };
}

/**
 * Betweenness and closeness from the block totals of a path plan (exact: closeness from the per-source
 * sums; sampled: pivot estimate, with small or pivot-poor components computed exactly).
 */
export function finishPaths(
  csr: Csr,
  plan: PathPlan,
  tot: Totals,
  opts: CentralityOptions,
): { betweenness: Float64Array; closeness: Float64Array; crossHelixBetweenness?: Float64Array; note?: string } {
  const n = csr.n;
  const bc = rescaleBetweenness(tot.bc, n, true, plan.sampled ? plan.sources : undefined);
  const cross = tot.bc2 && plan.block.alsoCross ? finishCross(tot.bc2, plan, plan.block.alsoCross, { normalized: true }) : undefined;
  const clo = new Float64Array(n);
  if (!plan.sampled) {
    // twins share their representative's distance sums
    for (let v = 0; v < n; v++) {
      const i = plan.sourceOf ? plan.sourceOf[v]! : v;
      clo[v] = closenessValue(tot.srcDistSum![i]!, tot.srcReached![i]!, n);
    }
    return cross ? { betweenness: bc, closeness: clo, crossHelixBetweenness: cross } : { betweenness: bc, closeness: clo };
  }
  const K = plan.sources.length;
  const comp = components(csr);
  const pivotsIn = new Int32Array(comp.count);
  for (const s of plan.sources) pivotsIn[comp.membership[s]!]!++;
  const exactNodes: number[] = [];
  for (let v = 0; v < n; v++) {
    const c = comp.membership[v]!;
    const size = comp.sizes[c]!;
    if (size <= 1) continue;
    if (size <= K || pivotsIn[c]! < 2) {
      exactNodes.push(v);
      continue;
    }
    const avg = tot.nodeDistSum![v]! / tot.nodeReached![v]!;
    clo[v] = avg > 0 ? (1 / avg) * ((size - 1) / (n - 1)) : 0;
  }
  if (exactNodes.length > 0) {
    const { distSum, reached } = shortestPathSums(csr, opts.distance ?? 'hops', exactNodes);
    exactNodes.forEach((v, i) => (clo[v] = closenessValue(distSum[i]!, reached[i]!, n)));
  }
  const note = `betweenness estimated from ${K} of ${n} pivot sources (seed ${String(opts.seed ?? 0)}); closeness estimated from the same pivots in components larger than ${K} nodes`;
  return cross ? { betweenness: bc, closeness: clo, crossHelixBetweenness: cross, note } : { betweenness: bc, closeness: clo, note };
}

/** Everything except the shortest-path measures. */
export function centralityWithoutPaths(csr: Csr): Omit<CentralityResult, 'betweenness' | 'closeness'> {
  const n = csr.n;
  const m = csr.offsets[n]! / 2;
  const ev = eigenvector(csr);
  const pr = pagerank(csr);
  const cl = clustering(csr);
  const comp = components(csr);
  const graph: GraphSummary = {
    order: n,
    size: m,
    density: n <= 1 ? 0 : (m / (n * (n - 1))) * 2,
    components: comp.count,
    largestComponent: comp.sizes.reduce((a, b) => Math.max(a, b), 0),
    transitivity: cl.transitivity,
    averageClustering: cl.averageClustering,
  };
  if (ev.note) graph.eigenvectorNote = ev.note;
  if (pr.note) graph.pagerankNote = pr.note;
  return {
    nodes: csr.ids.slice(),
    degree: degrees(csr),
    strength: strengths(csr),
    eigenvector: ev.values,
    pagerank: pr.values,
    coreNumber: coreNumber(csr),
    clustering: cl.local,
    graph,
  };
}

/**
 * All centrality measures and the graph summary in one call (single thread). For worker threads use
 * `centralityParallel` from '../node/parallel-centrality.js' (Node only; same numbers, bit for bit).
 */
export function centrality(g: SimpleGraph | Csr, opts: CentralityOptions = {}): CentralityResult {
  const csr = asCsr(g);
  const groups = opts.crossGroups === undefined ? undefined : crossGroups(g, csr, opts.crossGroups);
  const plan = pathPlan(csr, opts, groups);
  const tot = runAllBlocks(csr, plan.sources, plan.block);
  const paths = finishPaths(csr, plan, tot, opts);
  const rest = centralityWithoutPaths(csr);
  if (paths.note) rest.graph.betweennessNote = paths.note;
  const out: CentralityResult = { ...rest, betweenness: paths.betweenness, closeness: paths.closeness };
  if (paths.crossHelixBetweenness) out.crossHelixBetweenness = paths.crossHelixBetweenness;
  return out;
}
