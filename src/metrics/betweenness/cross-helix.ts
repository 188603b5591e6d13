/**
 * Cross-helix betweenness: only shortest paths between actors of different groups (helix roles by
 * default) count. Formula and normalisation in betweenness.ts's module doc; equal to the sum over
 * groups of NetworkX `betweenness_centrality_subset(G, S=group, T=V∖group, normalized=False)`.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { SimpleGraph } from '../../model/network.js';
import { asCsr, type Csr } from '../csr.js';
import { runAllBlocks } from './blocks.js';
import { betweennessSources, type SourcePlan } from './sources.js';
import type { BlockOptions, DistanceMode } from './types.js';

/** Group index per node from a node attribute (missing → group ''), plus the group names. */
export function groupIndex(g: SimpleGraph, attr: string): { groups: Int32Array; names: string[] } {
  const names: string[] = [];
  const idx = new Map<string, number>();
  const groups = new Int32Array(g.order);
  let i = 0;
  g.forEachNode((_id, a) => {
    const raw = (a as Record<string, unknown>)[attr];
    const key = raw === undefined || raw === null ? '' : String(raw);
    let k = idx.get(key);
    if (k === undefined) {
      k = names.length;
      idx.set(key, k);
      names.push(key);
    }
    groups[i++] = k;
  });
  return { groups, names };
}

/** Scale raw cross-group sums (ordered pairs) into the documented normalisation, in place. */
export function rescaleCross(raw: Float64Array, groups: Int32Array, normalized: boolean): Float64Array {
  const n = raw.length;
  for (let i = 0; i < n; i++) raw[i]! *= 0.5; // ordered → unordered pairs
  if (!normalized) return raw;
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) sizes.set(groups[i]!, (sizes.get(groups[i]!) ?? 0) + 1);
  let sq = 0;
  for (const c of sizes.values()) sq += c * c;
  const pairs = (n * n - sq) / 2;
  for (let i = 0; i < n; i++) {
    const denom = pairs - (n - sizes.get(groups[i]!)!);
    raw[i] = denom > 0 ? raw[i]! / denom : 0;
  }
  return raw;
}

/**
 * Cross-helix betweenness: betweenness over shortest paths between actors of DIFFERENT groups only
 * (groups from node attribute `groupAttr`, default `helix`, or an explicit group per node index).
 * Normalised by default to the share of cross-group pairs (not involving v) that v brokers; with
 * `normalized: false`, the number of such pairs (fractional, σ(s,t|v)/σ(s,t) summed).
 */
export function crossHelixBetweenness(
  g: SimpleGraph | Csr,
  groupAttr: string | ArrayLike<string | number> = 'helix',
  opts: CrossHelixOptions = {},
): Float64Array {
  const csr = asCsr(g);
  const groups = crossGroups(g, csr, groupAttr);
  const plan = betweennessSources(csr, opts, { groups });
  const tot = runAllBlocks(csr, plan.sources, crossBlockOptions(plan, groups, opts));
  return finishCross(tot.bc, plan, groups, opts);
}

export interface CrossHelixOptions {
  distance?: DistanceMode;
  /** Default true: share of cross-group pairs (not involving v) that v brokers. */
  normalized?: boolean;
  /** Pivot-sampled estimate with K sources (as for `betweenness`); exact when omitted or ≥ n. */
  approx?: number;
  seed?: number | string;
}

/** Group index per node for the cross-group variant. */
export function crossGroups(g: SimpleGraph | Csr, csr: Csr, groupAttr: string | ArrayLike<string | number>): Int32Array {
  if (typeof groupAttr === 'string') {
    if ('offsets' in g) throw new TypeError('crossHelixBetweenness on a Csr needs an explicit group per node');
    return groupIndex(g as SimpleGraph, groupAttr).groups;
  }
  const map = new Map<string | number, number>();
  const groups = new Int32Array(csr.n);
  for (let i = 0; i < csr.n; i++) {
    const key = groupAttr[i]!;
    let k = map.get(key);
    if (k === undefined) map.set(key, (k = map.size));
    groups[i] = k;
  }
  return groups;
}

export function crossBlockOptions(plan: SourcePlan, groups: Int32Array, opts: CrossHelixOptions): BlockOptions {
  const block: BlockOptions = { distance: opts.distance ?? 'hops', targets: { kind: 'cross', groups } };
  if (plan.mult) block.mult = plan.mult;
  return block;
}

/**
 * Raw ordered-pair sums → cross-helix values. A sampled run is first scaled to the full source set as
 * NetworkX does for `k` pivots: ×(n−1)/K for non-pivots, ×(n−1)/(K−1) for pivots.
 */
export function finishCross(raw: Float64Array, plan: SourcePlan, groups: Int32Array, opts: CrossHelixOptions): Float64Array {
  const n = raw.length;
  if (plan.sampled && n > 2) {
    const K = plan.sources.length;
    const isSrc = new Uint8Array(n);
    for (const s of plan.sources) isSrc[s] = 1;
    for (let i = 0; i < n; i++) raw[i]! *= isSrc[i] ? (K > 1 ? (n - 1) / (K - 1) : NaN) : (n - 1) / K;
  }
  return rescaleCross(raw, groups, opts.normalized ?? true);
}
