/**
 * Blocks of sources: the source list is cut into fixed blocks of {@link BLOCK_SIZE}; each block's
 * partial sums are added to the totals strictly in block order, so any number of threads gives the
 * same doubles. Large graphs are renumbered in BFS order for memory locality before the searches
 * ({@link prepareRun}) and the totals mapped back.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { Csr } from '../csr.js';
import { accumulateSources, BrandesWorkspace, inverseWeights } from './brandes.js';
import type { BlockOptions, BlockResult } from './types.js';

/** Number of sources per block (fixed, so sums do not depend on the number of workers). */
export const BLOCK_SIZE = 32;

/** The block partition of a source list: block b covers [b·BLOCK_SIZE, min((b+1)·BLOCK_SIZE, len)). */
export function blockCount(len: number): number {
  return Math.ceil(len / BLOCK_SIZE);
}

/** Allocate a block result of the right shape. */
export function newBlockResult(n: number, blockLen: number, opts: BlockOptions): BlockResult {
  const r: BlockResult = { bc: new Float64Array(n) };
  if (opts.alsoCross) r.bc2 = new Float64Array(n);
  if (opts.perSource) {
    r.srcDistSum = new Float64Array(blockLen);
    r.srcReached = new Float64Array(blockLen);
  }
  if (opts.perNode) {
    r.nodeDistSum = new Float64Array(n);
    r.nodeReached = new Float64Array(n);
  }
  return r;
}

/** Run one block (used by the main thread and by workers). */
export function runBlock(
  csr: Csr,
  sources: ArrayLike<number>,
  block: number,
  opts: BlockOptions,
  ws?: BrandesWorkspace,
  inv?: Float64Array,
): BlockResult {
  const from = block * BLOCK_SIZE;
  const to = Math.min(sources.length, from + BLOCK_SIZE);
  const res = newBlockResult(csr.n, to - from, opts);
  accumulateSources(csr, sources, from, to, res, ws ?? new BrandesWorkspace(csr.n), opts, inv);
  return res;
}

/** Totals over all blocks, added in block order. */
export interface Totals {
  bc: Float64Array;
  bc2?: Float64Array;
  /** Per source position: distance sum and reached count (when perSource). */
  srcDistSum?: Float64Array;
  srcReached?: Float64Array;
  nodeDistSum?: Float64Array;
  nodeReached?: Float64Array;
}

export function newTotals(n: number, nSources: number, opts: BlockOptions): Totals {
  const t: Totals = { bc: new Float64Array(n) };
  if (opts.alsoCross) t.bc2 = new Float64Array(n);
  if (opts.perSource) {
    t.srcDistSum = new Float64Array(nSources);
    t.srcReached = new Float64Array(nSources);
  }
  if (opts.perNode) {
    t.nodeDistSum = new Float64Array(n);
    t.nodeReached = new Float64Array(n);
  }
  return t;
}

/** Add one block's result into the totals (callers must add blocks in block order). */
export function addBlock(tot: Totals, block: number, r: BlockResult): void {
  const n = tot.bc.length;
  for (let i = 0; i < n; i++) tot.bc[i]! += r.bc[i]!;
  if (r.bc2 && tot.bc2) for (let i = 0; i < n; i++) tot.bc2[i]! += r.bc2[i]!;
  if (r.srcDistSum && tot.srcDistSum) {
    const from = block * BLOCK_SIZE;
    tot.srcDistSum.set(r.srcDistSum, from);
    tot.srcReached!.set(r.srcReached!, from);
  }
  if (r.nodeDistSum && tot.nodeDistSum) {
    for (let i = 0; i < n; i++) {
      tot.nodeDistSum[i]! += r.nodeDistSum[i]!;
      tot.nodeReached![i]! += r.nodeReached![i]!;
    }
  }
}

/** Run all blocks in the calling thread. */
export function runAllBlocks(csr: Csr, sources: ArrayLike<number>, opts: BlockOptions): Totals {
  const run = prepareRun(csr, sources, opts);
  const tot = newTotals(run.csr.n, run.sources.length, run.opts);
  const ws = new BrandesWorkspace(run.csr.n);
  const inv = run.opts.distance === 'inverse-weight' ? inverseWeights(run.csr) : undefined;
  const nb = blockCount(run.sources.length);
  for (let b = 0; b < nb; b++) addBlock(tot, b, runBlock(run.csr, run.sources, b, run.opts, ws, inv));
  return run.finish(tot);
}

/** Graphs at least this large are renumbered for memory locality before the searches. */
export const REORDER_THRESHOLD = 2048;

/**
 * Renumber nodes in breadth-first order (from the highest-degree node of each component), so that
 * neighbours sit close together in memory: about 30% faster searches on the full H2020 graph. Returns
 * `perm[old] = new`; deterministic (ties broken by index).
 */
export function localityOrder(csr: Csr): Int32Array {
  const { n, offsets, targets } = csr;
  const byDeg = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => offsets[b + 1]! - offsets[b]! - (offsets[a + 1]! - offsets[a]!) || a - b,
  );
  const perm = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let next = 0;
  for (const r of byDeg) {
    if (perm[r]! >= 0) continue;
    let head = next;
    perm[r] = next;
    queue[next++] = r;
    while (head < next) {
      const v = queue[head++]!;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const u = targets[k]!;
        if (perm[u]! < 0) {
          perm[u] = next;
          queue[next++] = u;
        }
      }
    }
  }
  return perm;
}

/** The CSR renumbered by `perm` (neighbour lists keep their old order, mapped; not sorted). */
export function permuteCsr(csr: Csr, perm: Int32Array): Csr {
  const { n, offsets, targets, weights } = csr;
  const inv = new Int32Array(n);
  for (let v = 0; v < n; v++) inv[perm[v]!] = v;
  const no = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = inv[i]!;
    no[i + 1] = no[i]! + offsets[v + 1]! - offsets[v]!;
  }
  const nt = new Int32Array(targets.length);
  const nw = new Float64Array(weights.length);
  for (let i = 0; i < n; i++) {
    const v = inv[i]!;
    let o = no[i]!;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      nt[o] = perm[targets[k]!]!;
      nw[o] = weights[k]!;
      o++;
    }
  }
  return { n, offsets: no, targets: nt, weights: nw, ids: Array.from(inv, (v) => csr.ids[v] ?? String(v)) };
}

/**
 * A run on a (possibly) renumbered graph: the CSR, sources and per-node options in the new numbering,
 * and `finish` mapping the totals back to the original node order.
 */
export function prepareRun(
  csr: Csr,
  sources: ArrayLike<number>,
  opts: BlockOptions,
): { csr: Csr; sources: Int32Array; opts: BlockOptions; finish: (t: Totals) => Totals } {
  if (csr.n < REORDER_THRESHOLD) {
    return { csr, sources: Int32Array.from(sources), opts, finish: (t) => t };
  }
  const perm = localityOrder(csr);
  const c2 = permuteCsr(csr, perm);
  const src = Int32Array.from(sources, (s) => perm[s]!);
  const o2: BlockOptions = { ...opts };
  const tm = opts.targets;
  if (tm.kind === 'mask') {
    const m = new Uint8Array(csr.n);
    for (let v = 0; v < csr.n; v++) m[perm[v]!] = tm.mask[v]!;
    o2.targets = { kind: 'mask', mask: m };
  } else if (tm.kind === 'cross') {
    const g = new Int32Array(csr.n);
    for (let v = 0; v < csr.n; v++) g[perm[v]!] = tm.groups[v]!;
    o2.targets = { kind: 'cross', groups: g };
  }
  if (opts.alsoCross) {
    const g = new Int32Array(csr.n);
    for (let v = 0; v < csr.n; v++) g[perm[v]!] = opts.alsoCross[v]!;
    o2.alsoCross = g;
  }
  const back = (a: Float64Array): Float64Array => {
    const out = new Float64Array(a.length);
    for (let v = 0; v < a.length; v++) out[v] = a[perm[v]!]!;
    return out;
  };
  const finish = (t: Totals): Totals => {
    const r: Totals = { bc: back(t.bc) };
    if (t.bc2) r.bc2 = back(t.bc2);
    if (t.srcDistSum) {
      r.srcDistSum = t.srcDistSum;
      r.srcReached = t.srcReached!;
    }
    if (t.nodeDistSum) {
      r.nodeDistSum = back(t.nodeDistSum);
      r.nodeReached = back(t.nodeReached!);
    }
    return r;
  };
  return { csr: c2, sources: src, opts: o2, finish };
}
