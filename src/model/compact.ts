/**
 * A compact network: actors and ties in typed arrays, for networks too large for the graphology
 * graph of {@link Network} (millions of ties: a graphology edge with its attribute object costs
 * several hundred bytes, a compact tie 24). Built by the streaming CSV reader
 * (`src/io/csv-compact.ts`) from nodes and edges tables; `helixlab info` summarises it directly
 * ({@link summarizeCompact}) and `helixlab analyze` analyses it through {@link CompactSimpleGraph},
 * a read-only view with the part of graphology's API that the measures use, and its CSR
 * ({@link CompactSimpleGraph.csr}).
 *
 * Same results as the graphology path, by construction:
 * - actors in file order with the node attributes `actorToNodeAttributes` gives (label, helix,
 *   subtype, sector, region, joined, then the free attributes in column order);
 * - the simple graph merges parallel ties by summing their weights in file order (or by the
 *   `parallel` rule: the largest, the smallest), counts them,
 *   keeps the earliest `since`, drops self-loops, and lists its edges in the order of their first
 *   tie with that tie's orientation — the order and the floating-point sums of `toSimpleGraph`;
 * - the CSR lists each node's neighbours in ascending order, as `toCsr` does.
 * The summary follows `summarizeNetwork`'s conventions. What a CSV network cannot hold (activities,
 * profile, name) is absent here too.
 *
 * Memory: about 30 bytes per tie and 100 per actor for the network; the view adds its merged edge
 * list (about 40 bytes per distinct pair) and the CSR (24 bytes per pair).
 *
 * Indexing: arrays are sized by the actor count n, the tie count m or the pair count; every index
 * is below the size of the array it reads, by construction; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks such reads.
 */
import { UnionFind } from '../util/union-find.js';
import type { Csr } from '../metrics/csr.js';
import type { ParallelRule, SimpleEdgeAttributes, SimpleGraph, SimpleNodeAttributes } from './network.js';
import { helixCoverage, type NetworkSummary, type SurveySummary } from './summary.js';
import { HELIX_ROLES, type AttributeValue, type HelixGraph, type HelixRole, type Network } from './types.js';

/** A text column of the actors, as codes into its distinct values (−1 = no value). */
export interface CompactColumn {
  name: string;
  codes: Int32Array;
  values: string[];
  /**
   * How the values are typed as attributes (the CSV rule: all numbers; in a `;`-separated table all
   * numbers with a decimal point or comma (`number-comma`); all true/false; else text).
   */
  type: 'text' | 'number' | 'number-comma' | 'boolean';
}

/** A network in typed arrays (see the module doc). */
export interface CompactNetwork {
  /** Actors. */
  n: number;
  ids: string[];
  labels: string[];
  /** Index into HELIX_ROLES. */
  helix: Uint8Array;
  subtype: CompactColumn;
  sector: CompactColumn;
  region: CompactColumn;
  /** Year joined, NaN when not given. */
  joined: Float64Array;
  /** Free attributes (extra columns) in column order. */
  extras: CompactColumn[];
  /** Ties (self-loops included), in file order. */
  m: number;
  source: Int32Array;
  target: Int32Array;
  weight: Float64Array;
  /** `since` of each tie, NaN when not given. */
  since: Float64Array;
  /** The member-survey ties (kind `survey`), when there are any: `summarizeNetwork`'s `survey`. */
  survey?: SurveySummary;
}

const ACTOR_FIELDS = new Set(['id', 'label', 'helix', 'subtype', 'sector', 'region', 'joined']);

function columnValue(c: CompactColumn, i: number): AttributeValue | undefined {
  const code = c.codes[i]!;
  if (code < 0) return undefined;
  const v = c.values[code]!;
  if (c.type === 'number') return Number(v);
  if (c.type === 'number-comma') return Number(v.replace(',', '.'));
  if (c.type === 'boolean') return v.toLowerCase() === 'true';
  return v;
}

/** The node attributes of actor `i`, as `actorToNodeAttributes` builds them. */
export function compactNodeAttributes(c: CompactNetwork, i: number): SimpleNodeAttributes {
  const attrs: SimpleNodeAttributes = { label: c.labels[i]!, helix: HELIX_ROLES[c.helix[i]!]! };
  const subtype = columnValue(c.subtype, i);
  if (subtype !== undefined) attrs.subtype = String(subtype);
  const sector = columnValue(c.sector, i);
  if (sector !== undefined) attrs.sector = String(sector);
  const region = columnValue(c.region, i);
  if (region !== undefined) attrs.region = String(region);
  const joined = c.joined[i]!;
  if (!Number.isNaN(joined)) attrs.joined = joined;
  for (const col of c.extras) {
    if (ACTOR_FIELDS.has(col.name)) continue;
    const v = columnValue(col, i);
    if (v !== undefined) attrs[col.name] = v;
  }
  return attrs;
}

// ---------------------------------------------------------------------------------------------
// The simple graph: merged pairs
// ---------------------------------------------------------------------------------------------

/** The distinct actor pairs of the ties (self-loops dropped), see {@link mergePairs}. */
interface Pairs {
  count: number;
  /** Pair p in (smaller index, larger index) order. */
  lo: Int32Array;
  hi: Int32Array;
  weight: Float64Array;
  ties: Int32Array;
  /** Earliest `since`, NaN when no tie of the pair has one. */
  since: Float64Array;
  /** The pairs in the order of their first tie, and that tie's orientation (1 = hi is its source). */
  order: Int32Array;
  flipped: Uint8Array;
}

/**
 * Merge the ties into pairs: counting sort by the smaller end (stable in tie order), then an
 * insertion sort by the larger end inside each bucket (small: the degree), so the ties of a pair
 * are summed in file order, like `toSimpleGraph`.
 */
function mergePairs(c: CompactNetwork, parallel: ParallelRule = 'sum'): Pairs {
  const merge = parallel === 'sum' ? (a: number, b: number) => a + b : parallel === 'max' ? Math.max : Math.min;
  const { n, m, source, target } = c;
  const start = new Int32Array(n + 1);
  let loops = 0;
  for (let k = 0; k < m; k++) {
    const s = source[k]!;
    const t = target[k]!;
    if (s === t) loops++;
    else start[Math.min(s, t) + 1]!++;
  }
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const byLo = new Int32Array(m - loops);
  const fill = start.slice(0, n);
  for (let k = 0; k < m; k++) {
    const s = source[k]!;
    const t = target[k]!;
    if (s !== t) byLo[fill[Math.min(s, t)]!++] = k;
  }
  const hiOf = (k: number): number => Math.max(source[k]!, target[k]!);
  for (let a = 0; a < n; a++) {
    for (let x = start[a]! + 1; x < start[a + 1]!; x++) {
      const k = byLo[x]!;
      const h = hiOf(k);
      let y = x - 1;
      while (y >= start[a]! && hiOf(byLo[y]!) > h) {
        byLo[y + 1] = byLo[y]!;
        y--;
      }
      byLo[y + 1] = k;
    }
  }
  // count the distinct pairs, then fill them
  let P = 0;
  for (let a = 0; a < n; a++) {
    let prev = -1;
    for (let x = start[a]!; x < start[a + 1]!; x++) {
      const h = hiOf(byLo[x]!);
      if (h !== prev) P++;
      prev = h;
    }
  }
  const lo = new Int32Array(P);
  const hi = new Int32Array(P);
  const weight = new Float64Array(P);
  const ties = new Int32Array(P);
  const since = new Float64Array(P);
  const first = new Int32Array(P);
  let p = -1;
  for (let a = 0; a < n; a++) {
    let prev = -1;
    for (let x = start[a]!; x < start[a + 1]!; x++) {
      const k = byLo[x]!;
      const h = hiOf(k);
      const w = c.weight[k]!;
      const s = c.since[k]!;
      if (h !== prev) {
        p++;
        lo[p] = a;
        hi[p] = h;
        weight[p] = w;
        ties[p] = 1;
        since[p] = s;
        first[p] = k;
      } else {
        weight[p] = merge(weight[p]!, w);
        ties[p]!++;
        if (!Number.isNaN(s)) since[p] = Number.isNaN(since[p]!) ? s : Math.min(since[p]!, s);
      }
      prev = h;
    }
  }
  // the pairs in the order of their first tie (a counting sort over tie indices)
  const at = new Int32Array(m).fill(-1);
  for (let q = 0; q < P; q++) at[first[q]!] = q;
  const order = new Int32Array(P);
  const flipped = new Uint8Array(P);
  let o = 0;
  for (let k = 0; k < m; k++) {
    const q = at[k]!;
    if (q < 0) continue;
    order[o++] = q;
    if (source[k]! !== lo[q]!) flipped[q] = 1;
  }
  return { count: P, lo, hi, weight, ties, since, order, flipped };
}

/** The CSR of the merged pairs: neighbours ascending, weights the summed strengths (see `toCsr`). */
function pairsCsr(n: number, ids: string[], pairs: Pairs): Csr {
  const offsets = new Int32Array(n + 1);
  for (let q = 0; q < pairs.count; q++) {
    offsets[pairs.lo[q]! + 1]!++;
    offsets[pairs.hi[q]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const targets = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  // pairs are in (lo, hi) order: every node gets its smaller neighbours first, ascending, then its
  // larger ones, ascending
  for (let q = 0; q < pairs.count; q++) {
    const a = pairs.lo[q]!;
    const b = pairs.hi[q]!;
    const w = pairs.weight[q]!;
    targets[fill[a]!] = b;
    weights[fill[a]!++] = w;
    targets[fill[b]!] = a;
    weights[fill[b]!++] = w;
  }
  return { n, offsets, targets, weights, ids };
}

// ---------------------------------------------------------------------------------------------
// The summary of `helixlab info`
// ---------------------------------------------------------------------------------------------

/** `summarizeNetwork` of the network a compact network stands for (see the module doc). */
export function summarizeCompact(c: CompactNetwork): NetworkSummary {
  const { n, m } = c;
  const roles = Object.fromEntries(HELIX_ROLES.map((r) => [r, 0])) as Record<HelixRole, number>;
  const subtypes: Partial<Record<HelixRole, Record<string, number>>> = {};
  for (let i = 0; i < n; i++) {
    const role = HELIX_ROLES[c.helix[i]!]!;
    roles[role]++;
    const code = c.subtype.codes[i]!;
    const st = code >= 0 && c.subtype.values[code] !== '' ? c.subtype.values[code]! : 'unspecified';
    const bucket = (subtypes[role] ??= {});
    bucket[st] = (bucket[st] ?? 0) + 1;
  }
  const sets = new UnionFind(n);
  let selfLoops = 0;
  for (let k = 0; k < m; k++) {
    const s = c.source[k]!;
    const t = c.target[k]!;
    if (s === t) {
      selfLoops++;
      continue;
    }
    sets.union(s, t);
  }
  const pairs = mergePairs(c);
  const degree = new Int32Array(n);
  for (let q = 0; q < pairs.count; q++) {
    degree[pairs.lo[q]!]!++;
    degree[pairs.hi[q]!]!++;
  }
  const sizes = new Int32Array(n);
  let count = 0;
  let isolates = 0;
  for (let i = 0; i < n; i++) {
    const r = sets.find(i);
    if (sizes[r] === 0) count++;
    sizes[r]!++;
    if (degree[i] === 0) isolates++;
  }
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, sizes[i]!);
  const summary: NetworkSummary = {
    actors: n,
    ties: { explicit: m, projected: 0, selfLoops, pairs: pairs.count, density: n < 2 ? 0 : pairs.count / ((n * (n - 1)) / 2) },
    activities: 0,
    activitiesByKind: {},
    roles,
    subtypes,
    components: { count, largest },
    isolates,
    coverage: helixCoverage(roles),
  };
  if (c.survey) summary.survey = c.survey;
  return summary;
}

// ---------------------------------------------------------------------------------------------
// The read-only simple-graph view for the measures
// ---------------------------------------------------------------------------------------------

type EdgeCallback = (
  edge: string,
  attributes: SimpleEdgeAttributes,
  source: string,
  target: string,
  sourceAttributes: SimpleNodeAttributes,
  targetAttributes: SimpleNodeAttributes,
  undirected: boolean,
) => void;

/**
 * A read-only view of the simple graph of a compact network with the members of graphology's
 * `UndirectedGraph` that HelixLab's measures and graphology-communities-louvain use (nodes and
 * their attributes, edges in `toSimpleGraph` order with `{weight, count, since}`, degrees, `edge`,
 * `hasNode`). Node attribute objects are made on request, so they cost no memory between uses.
 * Anything that would change the graph throws. Use {@link asSimpleGraph} where a `SimpleGraph`
 * is expected.
 */
export class CompactSimpleGraph {
  readonly type = 'undirected';
  readonly multi = false;
  readonly allowSelfLoops = true;
  readonly selfLoopCount = 0;
  /** The CSR of the simple graph (neighbours ascending; `toCsr` of the graphology path). */
  readonly csr: Csr;
  private readonly pairs: Pairs;
  private readonly index = new Map<string, number>();

  private readonly c: CompactNetwork;

  /** `parallel`: how parallel ties are merged (default `sum`), as `toSimpleGraph`'s option. */
  constructor(network: CompactNetwork, parallel: ParallelRule = 'sum') {
    this.pairs = mergePairs(network, parallel);
    this.csr = pairsCsr(network.n, network.ids, this.pairs);
    network.ids.forEach((id, i) => this.index.set(id, i));
    // the ties are in the pairs now: keep only the actors, so the tie arrays can be freed
    this.c = {
      ...network,
      m: 0,
      source: new Int32Array(0),
      target: new Int32Array(0),
      weight: new Float64Array(0),
      since: new Float64Array(0),
    };
  }

  get order(): number {
    return this.c.n;
  }
  get size(): number {
    return this.pairs.count;
  }
  nodes(): string[] {
    return [...this.c.ids];
  }
  hasNode(id: string): boolean {
    return this.index.has(id);
  }
  private at(id: string): number {
    const i = this.index.get(id);
    if (i === undefined) throw new Error(`CompactSimpleGraph: no node '${id}'`);
    return i;
  }
  getNodeAttributes(id: string): SimpleNodeAttributes {
    return compactNodeAttributes(this.c, this.at(id));
  }
  getNodeAttribute<K extends keyof SimpleNodeAttributes>(id: string, name: K): SimpleNodeAttributes[K] {
    return compactNodeAttributes(this.c, this.at(id))[name];
  }
  forEachNode(cb: (id: string, attributes: SimpleNodeAttributes) => void): void {
    for (let i = 0; i < this.c.n; i++) cb(this.c.ids[i]!, compactNodeAttributes(this.c, i));
  }
  degree(id: string): number {
    const i = this.at(id);
    return this.csr.offsets[i + 1]! - this.csr.offsets[i]!;
  }
  undirectedDegreeWithoutSelfLoops(id: string): number {
    return this.degree(id);
  }
  private edgeAttributes(q: number): SimpleEdgeAttributes {
    const a: SimpleEdgeAttributes = { weight: this.pairs.weight[q]!, count: this.pairs.ties[q]! };
    const s = this.pairs.since[q]!;
    if (!Number.isNaN(s)) a.since = s;
    return a;
  }
  forEachEdge(cb: EdgeCallback): void {
    const { ids } = this.c;
    const P = this.pairs;
    // node attributes only when the callback takes them (Louvain does not read them)
    const wantsAttrs = cb.length > 4;
    for (let o = 0; o < P.count; o++) {
      const q = P.order[o]!;
      const a = P.flipped[q] ? P.hi[q]! : P.lo[q]!;
      const b = P.flipped[q] ? P.lo[q]! : P.hi[q]!;
      const sa = wantsAttrs ? compactNodeAttributes(this.c, a) : (undefined as unknown as SimpleNodeAttributes);
      const ta = wantsAttrs ? compactNodeAttributes(this.c, b) : (undefined as unknown as SimpleNodeAttributes);
      cb(`e${q}`, this.edgeAttributes(q), ids[a]!, ids[b]!, sa, ta, true);
    }
  }
  /** The key of the edge between two actors, or undefined. */
  edge(s: string, t: string): string | undefined {
    const a = this.index.get(s);
    const b = this.index.get(t);
    if (a === undefined || b === undefined || a === b) return undefined;
    const { offsets, targets } = this.csr;
    let lo = offsets[a]!;
    let hi = offsets[a + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = targets[mid]!;
      if (v === b) return this.pairKey(Math.min(a, b), Math.max(a, b));
      if (v < b) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
  private pairKey(a: number, b: number): string {
    // the pairs are sorted by (lo, hi): binary search
    const P = this.pairs;
    let lo = 0;
    let hi = P.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = P.lo[mid]! - a || P.hi[mid]! - b;
      if (d === 0) return `e${mid}`;
      if (d < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error('CompactSimpleGraph: pair index out of step with the CSR');
  }
  getEdgeAttributes(key: string): SimpleEdgeAttributes {
    return this.edgeAttributes(Number(key.slice(1)));
  }
  getEdgeAttribute<K extends keyof SimpleEdgeAttributes>(key: string, name: K): SimpleEdgeAttributes[K] {
    // read straight from the arrays: the lock-in measure asks this for every CSR slot
    const q = Number(key.slice(1));
    const P = this.pairs;
    const v = name === 'weight' ? P.weight[q]! : name === 'count' ? P.ties[q]! : Number.isNaN(P.since[q]!) ? undefined : P.since[q]!;
    return v as SimpleEdgeAttributes[K];
  }
  // graphology's guards (graphology-utils isGraph) look for these; the view is read-only
  addUndirectedEdgeWithKey(): never {
    throw new Error('CompactSimpleGraph is read-only');
  }
  dropNode(): never {
    throw new Error('CompactSimpleGraph is read-only');
  }
  setNodeAttribute(): never {
    throw new Error('CompactSimpleGraph is read-only');
  }
}

/** The view typed as the `SimpleGraph` the measures take (it has every member they use). */
export function asSimpleGraph(view: CompactSimpleGraph): SimpleGraph {
  return view as unknown as SimpleGraph;
}

/**
 * What `analyzeNetwork` needs of a compact network: a `Network` whose graph is the read-only
 * simple-graph view (a CSV network has no activities, profile or name), the view as the simple
 * graph, its CSR and the member-survey summary. Pass `simpleGraph`, `csr` and `survey` as the
 * options of the same name.
 */
export function compactAnalysisInput(
  c: CompactNetwork,
  opts: { parallel?: ParallelRule } = {},
): { network: Network; simpleGraph: SimpleGraph; csr: Csr; survey: SurveySummary | null } {
  const view = new CompactSimpleGraph(c, opts.parallel);
  const simpleGraph = asSimpleGraph(view);
  return { network: { graph: simpleGraph as unknown as HelixGraph, activities: [] }, simpleGraph, csr: view.csr, survey: c.survey ?? null };
}
