/**
 * The display graph: what sigma draws. Built from a {@link Network}: one node per actor (its
 * attributes copied, plus `x`, `y`), one edge per connected pair (parallel ties merged, self-loops
 * dropped, as in `toSimpleGraph`). A merged edge keeps `weight` (sum), `count` (ties merged),
 * `kinds`, `since` (earliest; absent when any merged tie has no start) and `until` (latest; absent
 * when any merged tie is open-ended), so the year slider can show the network as it evolves.
 *
 * Initial positions are deterministic (seeded {@link createRng}): actors start on a disc, grouped
 * in angular sectors by helix role, which already reads well on the first frame before
 * ForceAtlas2 runs. When EVERY actor carries numeric `x` and `y` attributes (a GEXF with
 * `viz:position`, e.g. exported from Gephi or from this app), those positions are kept instead
 * ({@link hasPositions}). Appearance (colour, size, labels, hiding) is NOT written here: it lives in
 * sigma's reducers (see `viz/src/graph-view.ts`), as the architecture asks.
 */
import { UndirectedGraph } from 'graphology';
import { HELIX_ROLES, createRng, type Network, type NodeAttributes } from 'helixlab';

export interface DisplayNodeAttributes extends NodeAttributes {
  x: number;
  y: number;
}
export interface DisplayEdgeAttributes {
  weight: number;
  count: number;
  kinds: string;
  since?: number;
  until?: number;
  [k: string]: unknown;
}
export type DisplayGraph = UndirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>;

/** Does every actor carry finite numeric `x` and `y` attributes? (false for an empty network) */
export function hasPositions(net: Network): boolean {
  if (net.graph.order === 0) return false;
  let all = true;
  net.graph.forEachNode((_id, a) => {
    const r = a as Record<string, unknown>;
    if (typeof r.x !== 'number' || typeof r.y !== 'number' || !Number.isFinite(r.x) || !Number.isFinite(r.y)) all = false;
  });
  return all;
}

export function buildDisplayGraph(net: Network, seed: string | number = 1, opts: { keepPositions?: boolean } = {}): DisplayGraph {
  const keep = opts.keepPositions === true && hasPositions(net);
  const g: DisplayGraph = new UndirectedGraph<DisplayNodeAttributes, DisplayEdgeAttributes>();
  const rng = createRng(seed).stream('viz-initial-layout');
  const n = net.graph.order;
  const roleIndex = new Map<string, number>(HELIX_ROLES.map((r, i) => [r, i]));
  const radius = Math.sqrt(Math.max(n, 1)) * 10;
  const sector = (2 * Math.PI) / (HELIX_ROLES.length + 1);
  // Prepared arrays, then one `graph.import` with explicit edge keys: much cheaper on large
  // networks than addNode / addEdge per item with a `g.edge(s, t)` lookup and generated keys.
  const nodes: Array<{ key: string; attributes: DisplayNodeAttributes }> = new Array(n);
  let i = 0;
  net.graph.forEachNode((id, attrs) => {
    const ri = roleIndex.get(attrs.helix) ?? HELIX_ROLES.length;
    const angle = sector * (ri + 0.1 + 0.8 * rng.next());
    const r = radius * Math.sqrt(0.05 + 0.95 * rng.next());
    const a = Object.assign({}, attrs) as DisplayNodeAttributes;
    if (!keep) {
      a.x = r * Math.cos(angle);
      a.y = r * Math.sin(angle);
    }
    nodes[i++] = { key: id, attributes: a };
  });
  // Connected pairs in first-seen order (the order addEdge would have given), merged in a Map.
  const pairs = new Map<string, { key: string; source: string; target: string; attributes: DisplayEdgeAttributes }>();
  net.graph.forEachEdge((_e, attrs, s, t) => {
    if (s === t) return;
    const w = typeof attrs.weight === 'number' ? attrs.weight : 1;
    const kind = attrs.kind ?? 'tie';
    const pk = s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`;
    const prev = pairs.get(pk);
    if (prev === undefined) {
      const rec: DisplayEdgeAttributes = { weight: w, count: 1, kinds: kind };
      if (typeof attrs.since === 'number') rec.since = attrs.since;
      if (typeof attrs.until === 'number') rec.until = attrs.until;
      pairs.set(pk, { key: `e${pairs.size}`, source: s, target: t, attributes: rec });
      return;
    }
    const a = prev.attributes;
    const next: DisplayEdgeAttributes = {
      weight: a.weight + w,
      count: a.count + 1,
      kinds: a.kinds.split(',').includes(kind) ? a.kinds : `${a.kinds},${kind}`,
    };
    // Earliest start; an open start anywhere opens the merged edge.
    if (typeof a.since === 'number' && typeof attrs.since === 'number') next.since = Math.min(a.since, attrs.since);
    if (typeof a.until === 'number' && typeof attrs.until === 'number') next.until = Math.max(a.until, attrs.until);
    prev.attributes = next;
  });
  g.import({ nodes, edges: [...pairs.values()] });
  return g;
}

/**
 * Map measure values to node sizes (pixels): linear in the square root of the value (area
 * proportional to the measure) between `min` and `max`. Missing / non-finite values get `min`.
 * Constant measures give the midpoint.
 */
export function sizeScale(values: ReadonlyMap<string, number | null>, min = 3, max = 16): (id: string) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values.values()) {
    if (v === null || !Number.isFinite(v)) continue;
    const s = Math.sqrt(Math.max(0, v));
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  return (id) => {
    const v = values.get(id);
    if (v === undefined || v === null || !Number.isFinite(v) || lo === Infinity) return min;
    if (hi === lo) return (min + max) / 2;
    return min + ((Math.sqrt(Math.max(0, v)) - lo) / (hi - lo)) * (max - min);
  };
}

/** The `k` ids with the largest values (ties broken by id, deterministic). */
export function topK(values: ReadonlyMap<string, number | null>, k: number): string[] {
  return [...values.entries()]
    .filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1]))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, Math.max(0, k))
    .map((e) => e[0]);
}

/** Edge thickness from the merged weight: 0.6 px for weight 1, growing with log(weight), capped. */
export function edgeSize(weight: number): number {
  return Math.min(4, 0.6 + 0.8 * Math.log(Math.max(1, weight)));
}
