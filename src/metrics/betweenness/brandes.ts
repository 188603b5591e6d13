/**
 * Single-source shortest paths (BFS for hops, Dijkstra for inverse-weight lengths) and Brandes'
 * dependency accumulation on the CSR, with reusable typed-array workspaces (one per thread).
 * The engine room of betweenness.ts and centrality.ts (closeness rides on the same searches).
 * Reference: U. Brandes (2001), A faster algorithm for betweenness centrality, J. Math. Sociol. 25(2).
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { Csr } from '../csr.js';
import { betweennessSources } from './sources.js';
import type { BlockOptions, BlockResult, DistanceMode } from './types.js';

/** Reusable buffers for single-source shortest paths (one per thread). */
export class BrandesWorkspace {
  readonly sigma: Float64Array;
  readonly coef: Float64Array;
  readonly coef2: Float64Array;
  readonly order: Int32Array;
  readonly distH: Int32Array;
  readonly distW: Float64Array;
  readonly heap: Int32Array;
  readonly heapPos: Int32Array;
  /** Number of nodes reached by the last search. */
  reached = 0;
  /** Sum of distances from the source of the last search. */
  distSum = 0;
  constructor(readonly n: number) {
    this.sigma = new Float64Array(n);
    this.coef = new Float64Array(n);
    this.coef2 = new Float64Array(n);
    this.order = new Int32Array(n);
    this.distH = new Int32Array(n).fill(-1);
    this.distW = new Float64Array(n).fill(Infinity);
    this.heap = new Int32Array(n);
    this.heapPos = new Int32Array(n).fill(-1);
  }
}

/** Lengths 1/w for the inverse-weight mode (computed once per graph). */
export function inverseWeights(csr: Csr): Float64Array {
  const inv = new Float64Array(csr.weights.length);
  for (let k = 0; k < inv.length; k++) {
    const w = csr.weights[k]!;
    inv[k] = w > 0 && Number.isFinite(w) ? 1 / w : Infinity;
  }
  return inv;
}

/** Single-source BFS from s: fills order/sigma/distH; returns the number of reached nodes. */
function bfs(csr: Csr, s: number, ws: BrandesWorkspace): number {
  const { offsets, targets } = csr;
  const { sigma, order, distH } = ws;
  distH[s] = 0;
  sigma[s] = 1;
  order[0] = s;
  let head = 0;
  let tail = 1;
  let dsum = 0;
  while (head < tail) {
    const v = order[head++]!;
    const dv = distH[v]!;
    const sv = sigma[v]!;
    const dn = dv + 1;
    for (let k = offsets[v]!, e = offsets[v + 1]!; k < e; k++) {
      const w = targets[k]!;
      const dw = distH[w]!;
      if (dw < 0) {
        distH[w] = dn;
        sigma[w] = sv;
        order[tail++] = w;
        dsum += dn;
      } else if (dw === dn) {
        sigma[w]! += sv;
      }
    }
  }
  ws.reached = tail;
  ws.distSum = dsum;
  return tail;
}

function heapPush(ws: BrandesWorkspace, size: number, v: number): number {
  const { heap, heapPos, distW } = ws;
  let i = size;
  const d = distW[v]!;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const u = heap[p]!;
    if (distW[u]! <= d) break;
    heap[i] = u;
    heapPos[u] = i;
    i = p;
  }
  heap[i] = v;
  heapPos[v] = i;
  return size + 1;
}

function heapDecrease(ws: BrandesWorkspace, v: number): void {
  const { heap, heapPos, distW } = ws;
  let i = heapPos[v]!;
  const d = distW[v]!;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const u = heap[p]!;
    if (distW[u]! <= d) break;
    heap[i] = u;
    heapPos[u] = i;
    i = p;
  }
  heap[i] = v;
  heapPos[v] = i;
}

function heapPop(ws: BrandesWorkspace, size: number): number {
  const { heap, heapPos, distW } = ws;
  const top = heap[0]!;
  heapPos[top] = -2; // settled
  const last = heap[size - 1]!;
  const m = size - 1;
  if (m > 0) {
    const d = distW[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= m) break;
      if (c + 1 < m && distW[heap[c + 1]!]! < distW[heap[c]!]!) c++;
      if (distW[heap[c]!]! >= d) break;
      heap[i] = heap[c]!;
      heapPos[heap[i]!] = i;
      i = c;
    }
    heap[i] = last;
    heapPos[last] = i;
  }
  return top;
}

/** Single-source Dijkstra from s with lengths `inv`: fills order (settle order), sigma, distW. */
function dijkstra(csr: Csr, inv: Float64Array, s: number, ws: BrandesWorkspace): number {
  const { offsets, targets } = csr;
  const { sigma, order, distW, heapPos } = ws;
  distW[s] = 0;
  let size = heapPush(ws, 0, s);
  let count = 0;
  let dsum = 0;
  while (size > 0) {
    const v = heapPop(ws, size);
    size--;
    const dv = distW[v]!;
    // sigma(v) = Σ sigma(u) over settled neighbours u with d(u) + len(u,v) == d(v)
    if (v !== s) {
      let sg = 0;
      for (let k = offsets[v]!, e = offsets[v + 1]!; k < e; k++) {
        const u = targets[k]!;
        if (heapPos[u] === -2 && u !== v && distW[u]! + inv[k]! === dv) sg += sigma[u]!;
      }
      sigma[v] = sg;
    } else sigma[v] = 1;
    order[count++] = v;
    dsum += dv;
    for (let k = offsets[v]!, e = offsets[v + 1]!; k < e; k++) {
      const w = targets[k]!;
      const pw = heapPos[w]!;
      if (pw === -2) continue;
      const nd = dv + inv[k]!;
      if (nd < distW[w]!) {
        distW[w] = nd;
        if (pw === -1) size = heapPush(ws, size, w);
        else heapDecrease(ws, w);
      }
    }
  }
  ws.reached = count;
  ws.distSum = dsum;
  return count;
}

/**
 * Reset the entries the last search touched. Hop searches only need `distH`: σ is assigned when a node
 * is discovered and the coefficients are assigned before they are read (successors come first in the
 * backward pass). Dijkstra searches reset everything (a tie of infinite length can point at an unreached
 * node whose coefficient must read 0).
 */
function resetWorkspace(ws: BrandesWorkspace, count: number, weighted = true): void {
  const { order, sigma, distH, distW, heapPos, coef, coef2 } = ws;
  if (!weighted) {
    for (let i = 0; i < count; i++) distH[order[i]!] = -1;
    return;
  }
  for (let i = 0; i < count; i++) {
    const v = order[i]!;
    sigma[v] = 0;
    coef[v] = 0;
    coef2[v] = 0;
    distH[v] = -1;
    distW[v] = Infinity;
    heapPos[v] = -1;
  }
}

/**
 * Brandes accumulation for the sources `sources[from..to)`, adding raw dependencies into `res.bc`.
 * Dependencies are pulled: δ(v) = σ(v) · Σ_{w successor of v} (t(w) + δ(w)) / σ(w), with t(w) = 1 when w
 * is a target (w ≠ s) and 0 otherwise.
 */
export function accumulateSources(
  csr: Csr,
  sources: ArrayLike<number>,
  from: number,
  to: number,
  res: BlockResult,
  ws: BrandesWorkspace,
  opts: BlockOptions,
  inv?: Float64Array,
): void {
  const { offsets, targets } = csr;
  const { sigma, coef, order, distH, distW } = ws;
  const bc = res.bc;
  const weighted = opts.distance === 'inverse-weight';
  const lengths = weighted ? (inv ?? inverseWeights(csr)) : undefined;
  const tm = opts.targets;
  const mask = tm.kind === 'mask' ? tm.mask : undefined;
  const groups = tm.kind === 'cross' ? tm.groups : undefined;
  const mult = opts.mult;
  for (let i = from; i < to; i++) {
    const s = sources[i]!;
    const ms = mult ? mult[i]! : 1;
    const count = lengths ? dijkstra(csr, lengths, s, ws) : bfs(csr, s, ws);
    if (opts.perSource) {
      res.srcDistSum![i - from] = ws.distSum;
      res.srcReached![i - from] = count;
    }
    if (opts.perNode) {
      const nds = res.nodeDistSum!;
      const nrc = res.nodeReached!;
      for (let j = 1; j < count; j++) {
        const v = order[j]!;
        nds[v]! += lengths ? distW[v]! : distH[v]!;
        nrc[v]! += 1;
      }
    }
    if (opts.alsoCross) {
      backwardDual(csr, s, count, ms, res.bc, res.bc2!, ws, opts.alsoCross, lengths);
      resetWorkspace(ws, count, lengths !== undefined);
      continue;
    }
    const gs = groups ? groups[s]! : 0;
    for (let j = count - 1; j > 0; j--) {
      const v = order[j]!;
      let acc = 0;
      if (lengths) {
        const dv = distW[v]!;
        for (let k = offsets[v]!, e = offsets[v + 1]!; k < e; k++) {
          const w = targets[k]!;
          if (dv + lengths[k]! === distW[w]!) acc += coef[w]!;
        }
      } else {
        const dn = distH[v]! + 1;
        for (let k = offsets[v]!, e = offsets[v + 1]!; k < e; k++) {
          const w = targets[k]!;
          if (distH[w] === dn) acc += coef[w]!;
        }
      }
      const delta = sigma[v]! * acc;
      bc[v]! += ms === 1 ? delta : ms * delta;
      const t = mask ? mask[v]! : groups ? (groups[v] !== gs ? 1 : 0) : 1;
      coef[v] = (t + delta) / sigma[v]!;
    }
    resetWorkspace(ws, count, lengths !== undefined);
  }
}

/** Backward pass accumulating all-target (bc) and cross-group (bc2) dependencies together. */
function backwardDual(
  csr: Csr,
  s: number,
  count: number,
  ms: number,
  bc: Float64Array,
  bc2: Float64Array,
  ws: BrandesWorkspace,
  groups: Int32Array,
  lengths: Float64Array | undefined,
): void {
  const { offsets, targets } = csr;
  const { sigma, coef, coef2, order, distH, distW } = ws;
  const gs = groups[s]!;
  for (let j = count - 1; j > 0; j--) {
    const v = order[j]!;
    let acc = 0;
    let acc2 = 0;
    if (lengths) {
      const dv = distW[v]!;
      for (let k = offsets[v]!, e = offsets[v + 1]!; k < e; k++) {
        const w = targets[k]!;
        if (dv + lengths[k]! === distW[w]!) {
          acc += coef[w]!;
          acc2 += coef2[w]!;
        }
      }
    } else {
      const dn = distH[v]! + 1;
      for (let k = offsets[v]!, e = offsets[v + 1]!; k < e; k++) {
        const w = targets[k]!;
        if (distH[w] === dn) {
          acc += coef[w]!;
          acc2 += coef2[w]!;
        }
      }
    }
    const sv = sigma[v]!;
    const delta = sv * acc;
    const delta2 = sv * acc2;
    bc[v]! += ms === 1 ? delta : ms * delta;
    bc2[v]! += ms === 1 ? delta2 : ms * delta2;
    coef[v] = (1 + delta) / sv;
    coef2[v] = ((groups[v] !== gs ? 1 : 0) + delta2) / sv;
  }
}

/**
 * Per source: the sum of shortest-path distances to the nodes it reaches and how many it reaches
 * (itself included), as used by closeness. Only BFS/Dijkstra, no dependency accumulation.
 */
export function shortestPathSums(
  csr: Csr,
  distance: DistanceMode = 'hops',
  sources?: ArrayLike<number>,
): { distSum: Float64Array; reached: Float64Array } {
  const src = sources ?? betweennessSources(csr.n).sources;
  const ws = new BrandesWorkspace(csr.n);
  const inv = distance === 'inverse-weight' ? inverseWeights(csr) : undefined;
  const distSum = new Float64Array(src.length);
  const reached = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const count = inv ? dijkstra(csr, inv, src[i]!, ws) : bfs(csr, src[i]!, ws);
    distSum[i] = ws.distSum;
    reached[i] = count;
    resetWorkspace(ws, count, inv !== undefined);
  }
  return { distSum, reached };
}

/** NetworkX closeness (wf_improved=True) from a distance sum and reached count (source included). */
export function closenessValue(distSum: number, reached: number, n: number): number {
  if (!(distSum > 0) || n <= 1) return 0;
  return ((reached - 1) / distSum) * ((reached - 1) / (n - 1));
}
