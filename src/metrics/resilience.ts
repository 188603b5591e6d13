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
 * `delta` = after − baseline. Cost: one all-pairs BFS per actor removed (O(n·m)), or O(K·m) with `approx`.
 * Reference: Latora, V. & Marchiori, M. (2001) Efficient behavior of small-world networks, PRL 87;
 * Albert, Jeong & Barabási (2000) Error and attack tolerance of complex networks, Nature 406.
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
}

const FIRMS: readonly HelixRole[] = ['industry', 'startup'];
const RESEARCH: readonly HelixRole[] = ['research-education'];

interface Work {
  csr: Csr;
  firm: Uint8Array;
  research: Uint8Array;
  sources: Int32Array | null;
  comp: Int32Array;
  dist: Int32Array;
  queue: Int32Array;
}

function state(w: Work, removed: number): ResilienceState {
  const { csr, firm, research, comp, dist, queue } = w;
  const { n, offsets, targets } = csr;
  const N = removed >= 0 ? n - 1 : n;
  comp.fill(-1);
  let components = 0;
  let largest = 0;
  let F = 0;
  let R = 0;
  let pairs = 0;
  for (let s = 0; s < n; s++) {
    if (s === removed || comp[s] !== -1) continue;
    let head = 0;
    let tail = 0;
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
    if (tail > largest) largest = tail;
    F += f;
    R += r;
    pairs += f * r;
    components++;
  }
  // global efficiency
  let eff = 0;
  if (N >= 2) {
    let sum = 0;
    let used = 0;
    const srcs = w.sources;
    const count = srcs ? srcs.length : n;
    for (let q = 0; q < count; q++) {
      const s = srcs ? srcs[q]! : q;
      if (s === removed) continue;
      used++;
      dist.fill(-1);
      dist[s] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = s;
      while (head < tail) {
        const x = queue[head++]!;
        const dx = dist[x]!;
        for (let k = offsets[x]!; k < offsets[x + 1]!; k++) {
          const y = targets[k]!;
          if (y === removed || dist[y] !== -1) continue;
          dist[y] = dx + 1;
          sum += 1 / (dx + 1);
          queue[tail++] = y;
        }
      }
    }
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
  const w: Work = {
    csr,
    firm: new Uint8Array(n),
    research: new Uint8Array(n),
    sources: null,
    comp: new Int32Array(n),
    dist: new Int32Array(n),
    queue: new Int32Array(n),
  };
  return state(w, -1).globalEfficiency;
}

/** What removing each of the given actors does to the network (see the module doc). */
export function resilience(g: SimpleGraph, opts: ResilienceOptions = {}): ResilienceResult {
  const csr = toCsr(g);
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
  const w: Work = { csr, firm, research, sources, comp: new Int32Array(n), dist: new Int32Array(n), queue: new Int32Array(n) };
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
