/**
 * Burt's structural holes: constraint, effective size and efficiency of every actor's ego network,
 * exactly as NetworkX `constraint(G, weight='weight')` and `effective_size(G, weight='weight')` on the
 * simple undirected graph (parallel ties merged by summing weights, self-loops dropped).
 *
 * With a_ij the merged tie weight (a strength; 0 when not tied), the proportional tie strength is
 * `p_ij = (a_ij + a_ji) / Σ_k (a_ik + a_ki)` = a_ij / s_i (s_i the strength) and the max-normalised
 * strength is `m_ij = (a_ij + a_ji) / max_k (a_ik + a_ki)` = a_ij / max_k a_ik. Then
 * - constraint `c_i = Σ_{j∈N(i)} (p_ij + Σ_{q∈N(i)} p_iq · p_qj)²` (Burt 1992, eq. 2.4); a triangle gives
 *   1.125 for every node, a star's centre 1/d, a leaf 1.
 * - effective size `E_i = Σ_{j∈N(i)} (1 − Σ_{q∈N(i)} p_iq · m_jq)` (Burt 1992, p. 52); for unweighted
 *   undirected graphs this equals Borgatti's `n − 2t/n` (n alters, t ties among them).
 * - efficiency `E_i / |N(i)|` (Burt 1992), the share of non-redundant contacts.
 * Isolates (no neighbours): null for all three (NetworkX returns NaN). Weights must be positive.
 *
 * Cost: Σ_j deg(j)² over the graph (every wedge is visited once per end); the scan of a neighbour's list
 * is replaced by binary searches in the ego's own list when that is cheaper (hubs next to small egos).
 *
 * References: R. S. Burt (1992), Structural Holes: The Social Structure of Competition, Harvard UP;
 * S. P. Borgatti (1997), Structural holes: unpacking Burt's redundancy measures, Connections 20(1);
 * NetworkX `networkx.algorithms.structuralholes`.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { SimpleGraph } from '../model/network.js';
import { toCsr, type Csr } from './csr.js';

export interface StructuralHolesResult {
  nodes: string[];
  constraint: (number | null)[];
  effectiveSize: (number | null)[];
  efficiency: (number | null)[];
}

function asCsr(g: SimpleGraph | Csr): Csr {
  return 'offsets' in g && 'targets' in g ? (g as Csr) : toCsr(g as SimpleGraph);
}

function lowerBound(a: Int32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Constraint, effective size and efficiency of every node (see module doc). */
export function structuralHoles(g: SimpleGraph | Csr): StructuralHolesResult {
  const csr = asCsr(g);
  const { n, offsets, targets, weights } = csr;
  const strength = new Float64Array(n);
  const maxW = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let mx = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const w = weights[k]!;
      s += w;
      if (w > mx) mx = w;
    }
    strength[i] = s;
    maxW[i] = mx;
  }
  const pv = new Float64Array(n); // p_vq for q in N(v), 0 elsewhere
  const indirect = new Float64Array(n); // Σ_q p_vq p_qj for j in N(v)
  const constraint: (number | null)[] = new Array(n).fill(null);
  const effectiveSize: (number | null)[] = new Array(n).fill(null);
  const efficiency: (number | null)[] = new Array(n).fill(null);
  for (let v = 0; v < n; v++) {
    const a = offsets[v]!;
    const b = offsets[v + 1]!;
    const dv = b - a;
    if (dv === 0) continue;
    const sv = strength[v]!;
    for (let k = a; k < b; k++) pv[targets[k]!] = sv === 0 ? 0 : weights[k]! / sv;
    let es = 0;
    for (let k = a; k < b; k++) {
      const q = targets[k]!;
      const pvq = pv[q]!;
      const sq = strength[q]!;
      const mq = maxW[q]!;
      const qa = offsets[q]!;
      const qb = offsets[q + 1]!;
      const dq = qb - qa;
      let red = 0; // Σ_{j∈N(v)} p_vj m_qj
      // visit j ∈ N(v) ∩ N(q), with w_qj
      if (dq > dv * (1 + Math.log2(dq + 1))) {
        for (let kk = a; kk < b; kk++) {
          const j = targets[kk]!;
          const pos = lowerBound(targets, qa, qb, j);
          if (pos < qb && targets[pos] === j) {
            const wqj = weights[pos]!;
            indirect[j]! += pvq * (sq === 0 ? 0 : wqj / sq);
            red += pv[j]! * (mq === 0 ? 0 : wqj / mq);
          }
        }
      } else {
        for (let kk = qa; kk < qb; kk++) {
          const j = targets[kk]!;
          const pvj = pv[j]!;
          if (pvj === 0 || j === v) continue;
          const wqj = weights[kk]!;
          indirect[j]! += pvq * (sq === 0 ? 0 : wqj / sq);
          red += pvj * (mq === 0 ? 0 : wqj / mq);
        }
      }
      es += 1 - red;
    }
    let c = 0;
    for (let k = a; k < b; k++) {
      const j = targets[k]!;
      const t = pv[j]! + indirect[j]!;
      c += t * t;
    }
    for (let k = a; k < b; k++) {
      const j = targets[k]!;
      pv[j] = 0;
      indirect[j] = 0;
    }
    constraint[v] = c;
    effectiveSize[v] = es;
    efficiency[v] = es / dv;
  }
  return { nodes: csr.ids.slice(), constraint, effectiveSize, efficiency };
}

/** Burt's constraint per node (`nx.constraint(G, weight='weight')`; isolates → null). */
export function constraint(g: SimpleGraph | Csr): (number | null)[] {
  return structuralHoles(g).constraint;
}

/** Burt's effective size per node (`nx.effective_size(G, weight='weight')`; isolates → null). */
export function effectiveSize(g: SimpleGraph | Csr): (number | null)[] {
  return structuralHoles(g).effectiveSize;
}

/** Burt's efficiency = effective size / number of neighbours (isolates → null). */
export function efficiency(g: SimpleGraph | Csr): (number | null)[] {
  return structuralHoles(g).efficiency;
}
