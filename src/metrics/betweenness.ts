/**
 * Shortest-path betweenness centrality (Brandes 2001) on the CSR adjacency, with reusable
 * typed-array workspaces, a subset variant, a cross-group ("cross-helix") variant and pivot sampling.
 *
 * Formula: for a node v, `c_B(v) = Σ_{s≠v≠t} σ(s,t|v) / σ(s,t)`, where σ(s,t) is the number of
 * shortest s–t paths and σ(s,t|v) the number of those passing through v.
 *
 * Conventions (all equal to NetworkX 3.6):
 * - `betweenness(csr)` = `nx.betweenness_centrality(G, normalized=True)` on the undirected simple graph:
 *   the raw sum over ordered (s,t) pairs is multiplied by `1/((n−1)(n−2))` (which is the unordered-pair
 *   count divided by `(n−1)(n−2)/2`). `normalized: false` gives the unordered-pair count (NetworkX
 *   `normalized=False`). Graphs with n ≤ 2 give zeros.
 * - Distances are hop counts by default. Tie weights are STRENGTHS, never distances; with
 *   `distance: 'inverse-weight'` a tie of weight w has length 1/w and Dijkstra is used (NetworkX with
 *   `weight=` an edge attribute holding `1/w`; ties of equal length are detected by exact floating-point
 *   equality of `d(v) + 1/w`, exactly as NetworkX). Ties with weight ≤ 0 or non-finite weight are ignored
 *   in that mode.
 * - Disconnected graphs: pairs in different components contribute nothing. Isolates get 0.
 * - `approx: K` (1 ≤ K < n): K pivot sources are drawn without replacement by the seeded HelixLab Rng
 *   (stream `betweenness-pivots`) and the sum over those sources is extrapolated as NetworkX 3.6
 *   `betweenness_centrality(G, k=K, endpoints=False)` does: normalised scale `1/((K−1)(n−2))` for
 *   sampled nodes (they cannot count themselves as source) and `1/(K(n−2))` for the others
 *   (Brandes & Pich 2007). The estimator is unbiased for non-pivot nodes; its standard error shrinks as
 *   1/√K (see docs/metrics.md for measured errors).
 * - `betweennessSubset(csr, S, T)` = `nx.betweenness_centrality_subset(G, S, T, normalized=false)`:
 *   `Σ_{s∈S, t∈T} σ(s,t|v)/σ(s,t)` multiplied by 1/2 (NetworkX's undirected convention, even when S and
 *   T are disjoint); `normalized: true` multiplies by `1/((n−1)(n−2))` instead.
 * - `crossHelixBetweenness(g, attr)`: only unordered pairs {s,t} whose groups differ count:
 *   raw(v) = Σ_{{s,t}: g(s)≠g(t), s,t≠v} σ(s,t|v)/σ(s,t), which equals Σ_groups
 *   `betweenness_centrality_subset(G, S=group, T=V∖group, normalized=False)`. Normalised (the default)
 *   by the number of such pairs not involving v, `(n² − Σ_g n_g²)/2 − (n − n_{g(v)})`, so the value is the
 *   share of cross-group pairs whose shortest paths v brokers (in [0, 1]; 0 when there are no such pairs).
 *   Nodes without the attribute form one group of their own (`''`).
 *
 * Speed (same numbers): exact hop-count runs search once per twin class of structurally equivalent
 * nodes ({@link twinClasses}); graphs of ≥ {@link REORDER_THRESHOLD} nodes are renumbered in BFS order for
 * memory locality; centrality can accumulate plain and cross-group dependencies in one pass
 * (`alsoCross`). Results differ from a plain Brandes loop only by floating-point rounding (≤ 1e-15 relative).
 *
 * Determinism: sources are processed in fixed blocks of {@link BLOCK_SIZE}; each block's partial sums
 * are added to the total in block order, so the worker-thread version (node/parallel-centrality.ts) gives
 * bit-identical results whatever the number of workers.
 *
 * References: U. Brandes (2001), A faster algorithm for betweenness centrality, J. Math. Sociol. 25(2);
 * U. Brandes (2008), On variants of shortest-path betweenness centrality and their generic computation,
 * Social Networks 30(2); U. Brandes & C. Pich (2007), Centrality estimation in large networks,
 * Int. J. Bifurcation and Chaos 17(7); NetworkX `betweenness_centrality`, `betweenness_centrality_subset`.
 *
 * Layout: this module holds the public measures; the machinery is in `betweenness/` — `brandes.ts`
 * (searches and accumulation), `blocks.ts` (blocks of sources, locality renumbering), `sources.ts`
 * (pivots and twins), `cross-helix.ts` (the cross-group variant), `types.ts`.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { SimpleGraph } from '../model/network.js';
import { asCsr, type Csr } from './csr.js';
import { runAllBlocks } from './betweenness/blocks.js';
import { betweennessSources } from './betweenness/sources.js';
import type { BetweennessOptions, BlockOptions, DistanceMode } from './betweenness/types.js';

export type { BetweennessOptions, BlockOptions, BlockResult, DistanceMode, TargetMode } from './betweenness/types.js';
export { BrandesWorkspace, accumulateSources, closenessValue, inverseWeights, shortestPathSums } from './betweenness/brandes.js';
export {
  BLOCK_SIZE,
  REORDER_THRESHOLD,
  addBlock,
  blockCount,
  localityOrder,
  newBlockResult,
  newTotals,
  permuteCsr,
  prepareRun,
  runAllBlocks,
  runBlock,
  type Totals,
} from './betweenness/blocks.js';
export { betweennessPivots, betweennessSources, twinClasses, type SourcePlan } from './betweenness/sources.js';
export {
  crossBlockOptions,
  crossGroups,
  crossHelixBetweenness,
  finishCross,
  groupIndex,
  rescaleCross,
  type CrossHelixOptions,
} from './betweenness/cross-helix.js';

/** Apply NetworkX 3.6's rescaling (endpoints=False, undirected) to raw sums, in place. */
export function rescaleBetweenness(raw: Float64Array, n: number, normalized: boolean, sampled?: Int32Array): Float64Array {
  const N = n - 1;
  if (N < 2) return raw;
  if (!sampled) {
    const scale = normalized ? 1 / (N * (N - 1)) : N / (N * 2);
    if (scale !== 1) for (let i = 0; i < n; i++) raw[i]! *= scale;
    return raw;
  }
  const K = sampled.length;
  const sSrc = normalized ? (K > 1 ? 1 / ((K - 1) * (N - 1)) : NaN) : K > 1 ? N / ((K - 1) * 2) : NaN;
  const sNon = normalized ? 1 / (K * (N - 1)) : N / (K * 2);
  const isSrc = new Uint8Array(n);
  for (let i = 0; i < K; i++) isSrc[sampled[i]!] = 1;
  for (let i = 0; i < n; i++) raw[i]! *= isSrc[i] ? sSrc : sNon;
  return raw;
}

/**
 * Betweenness centrality of every node (index order of the CSR), as NetworkX
 * `betweenness_centrality(G, normalized=True)` by default. See the module doc for the conventions.
 */
export function betweenness(g: Csr | SimpleGraph, opts: BetweennessOptions = {}): Float64Array {
  const csr = asCsr(g);
  const plan = betweennessSources(csr, opts, opts.twins === false ? false : {});
  const block: BlockOptions = { distance: opts.distance ?? 'hops', targets: { kind: 'all' } };
  if (plan.mult) block.mult = plan.mult;
  const tot = runAllBlocks(csr, plan.sources, block);
  return rescaleBetweenness(tot.bc, csr.n, opts.normalized ?? true, plan.sampled ? plan.sources : undefined);
}

/**
 * Subset betweenness: only shortest paths from `sources` to `targets` count, as NetworkX
 * `betweenness_centrality_subset(G, sources, targets, normalized=false)` (default `normalized: false`).
 */
export function betweennessSubset(
  g: Csr | SimpleGraph,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  opts: { distance?: DistanceMode; normalized?: boolean } = {},
): Float64Array {
  const csr = asCsr(g);
  const mask = new Uint8Array(csr.n);
  for (let i = 0; i < targets.length; i++) mask[targets[i]!] = 1;
  const src = Int32Array.from(sources as ArrayLike<number>);
  const tot = runAllBlocks(csr, src, { distance: opts.distance ?? 'hops', targets: { kind: 'mask', mask } });
  const n = csr.n;
  const bc = tot.bc;
  if (n - 1 < 2) return bc;
  const scale = opts.normalized ? 1 / ((n - 1) * (n - 2)) : 0.5;
  for (let i = 0; i < n; i++) bc[i]! *= scale;
  return bc;
}
