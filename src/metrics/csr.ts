/**
 * Compressed sparse row (CSR) adjacency of a simple undirected graph: the fast representation
 * that the hot metrics (betweenness, brokerage, lock-in) and the simulation work on.
 *
 * Node i's neighbours are `targets[offsets[i] .. offsets[i+1])`, sorted ascending, each with the
 * tie's strength in `weights` at the same position. Every undirected tie appears twice (once per
 * end). Self-loops are not stored. Node indices follow the graph's node order; `ids[i]` maps back.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { SimpleGraph } from '../model/network.js';

export interface Csr {
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  ids: string[];
}

/** Build the CSR of a simple graph (see `toSimpleGraph`). */
export function toCsr(g: SimpleGraph): Csr {
  const ids = g.nodes();
  const n = ids.length;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const deg = new Int32Array(n);
  g.forEachEdge((_e, _a, s, t) => {
    if (s === t) return;
    deg[index.get(s)!]!++;
    deg[index.get(t)!]!++;
  });
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + deg[i]!;
  const m2 = offsets[n]!;
  const targets = new Int32Array(m2);
  const weights = new Float64Array(m2);
  const fill = offsets.slice(0, n);
  g.forEachEdge((_e, a, s, t) => {
    if (s === t) return;
    const i = index.get(s)!;
    const j = index.get(t)!;
    const w = typeof a.weight === 'number' ? a.weight : 1;
    targets[fill[i]!] = j;
    weights[fill[i]!] = w;
    fill[i]!++;
    targets[fill[j]!] = i;
    weights[fill[j]!] = w;
    fill[j]!++;
  });
  sortNeighbourhoods({ n, offsets, targets, weights, ids });
  return { n, offsets, targets, weights, ids };
}

/** Build a CSR directly from index pairs (used by the simulation); duplicate pairs are summed. */
export function csrFromPairs(
  n: number,
  sources: ArrayLike<number>,
  targetsIn: ArrayLike<number>,
  w?: ArrayLike<number>,
  ids?: string[],
): Csr {
  const deg = new Int32Array(n);
  const m = sources.length;
  for (let k = 0; k < m; k++) {
    if (sources[k] === targetsIn[k]) continue;
    deg[sources[k]!]!++;
    deg[targetsIn[k]!]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + deg[i]!;
  const targets = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < m; k++) {
    const i = sources[k]!;
    const j = targetsIn[k]!;
    if (i === j) continue;
    const wk = w ? w[k]! : 1;
    targets[fill[i]!] = j;
    weights[fill[i]!] = wk;
    fill[i]!++;
    targets[fill[j]!] = i;
    weights[fill[j]!] = wk;
    fill[j]!++;
  }
  const csr: Csr = { n, offsets, targets, weights, ids: ids ?? Array.from({ length: n }, (_, i) => String(i)) };
  sortNeighbourhoods(csr);
  return mergeDuplicates(csr);
}

function sortNeighbourhoods(csr: Csr): void {
  const { n, offsets, targets, weights } = csr;
  for (let i = 0; i < n; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    // insertion sort: neighbourhoods are short; fall back to an index sort when long
    if (b - a < 32) {
      for (let k = a + 1; k < b; k++) {
        const t = targets[k]!;
        const w = weights[k]!;
        let j = k - 1;
        while (j >= a && targets[j]! > t) {
          targets[j + 1] = targets[j]!;
          weights[j + 1] = weights[j]!;
          j--;
        }
        targets[j + 1] = t;
        weights[j + 1] = w;
      }
    } else {
      const order = Array.from({ length: b - a }, (_, k) => a + k).sort((x, y) => targets[x]! - targets[y]!);
      const t2 = order.map((k) => targets[k]!);
      const w2 = order.map((k) => weights[k]!);
      for (let k = 0; k < t2.length; k++) {
        targets[a + k] = t2[k]!;
        weights[a + k] = w2[k]!;
      }
    }
  }
}

function mergeDuplicates(csr: Csr): Csr {
  const { n, offsets, targets, weights } = csr;
  let dup = false;
  for (let i = 0; i < n && !dup; i++) for (let k = offsets[i]! + 1; k < offsets[i + 1]!; k++) if (targets[k] === targets[k - 1]) dup = true;
  if (!dup) return csr;
  const no = new Int32Array(n + 1);
  const nt: number[] = [];
  const nw: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      if (nt.length > no[i]! && nt[nt.length - 1] === targets[k]) nw[nw.length - 1]! += weights[k]!;
      else {
        nt.push(targets[k]!);
        nw.push(weights[k]!);
      }
    }
    no[i + 1] = nt.length;
  }
  return { n, offsets: no, targets: Int32Array.from(nt), weights: Float64Array.from(nw), ids: csr.ids };
}

/** The CSR of a simple graph, or the CSR itself. */
export function asCsr(g: SimpleGraph | Csr): Csr {
  return 'offsets' in g && 'targets' in g ? (g as Csr) : toCsr(g as SimpleGraph);
}
