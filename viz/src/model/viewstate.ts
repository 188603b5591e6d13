/**
 * View state of the network view: which actors and ties are shown. Pure functions over a
 * graphology graph (the simple analysis graph of `toSimpleGraph`), unit-tested in
 * `test/viz-model.test.ts`; the DOM code only calls them and feeds the result to sigma's reducers.
 *
 * Conventions
 * - Role / sector filters keep actors whose `helix` / `sector` is selected (`sectors: null` = all;
 *   actors without a sector are kept when the pseudo-sector {@link NO_SECTOR} is selected).
 * - Minimum degree: the number of distinct neighbours in the whole network (not the filtered view).
 * - k-core: actors whose core number (from the analysis module, Batagelj & Zaversnik 2003) is ≥ k.
 * - Year: an actor is present in year Y when it has no `joined` year or joined ≤ Y; a tie when
 *   `since` ≤ Y (missing bound = open); ties merged by `toSimpleGraph` carry their earliest `since`.
 * - Ego network: actors within `depth` steps (1 or 2) of the centre, counting only ties present in
 *   the chosen year; the other filters then apply, except that the centre is always shown.
 */
import type { AbstractGraph, Attributes } from 'graphology-types';

export const NO_SECTOR = '(no sector)';

export interface ViewFilters {
  /** Helix roles shown. */
  roles: ReadonlySet<string>;
  /** Sectors shown; null = all. */
  sectors: ReadonlySet<string> | null;
  minDegree: number;
  /** Minimum core number; 0 = off. */
  kCore: number;
  /** Show the network as of this year; null = all years. */
  year: number | null;
  ego: { node: string; depth: 1 | 2 } | null;
}

export function defaultFilters(roles: Iterable<string>): ViewFilters {
  return { roles: new Set(roles), sectors: null, minDegree: 0, kCore: 0, year: null, ego: null };
}

type G = AbstractGraph<Attributes, Attributes>;

/** Is the edge present in the given year (null = any year)? */
export function edgeInYear(attrs: Attributes, year: number | null): boolean {
  if (year === null) return true;
  if (typeof attrs.since === 'number' && attrs.since > year) return false;
  if (typeof attrs.until === 'number' && attrs.until < year) return false;
  return true;
}

export function nodeInYear(attrs: Attributes, year: number | null): boolean {
  if (year === null) return true;
  return !(typeof attrs.joined === 'number' && attrs.joined > year);
}

/** Actors within `depth` steps of `center` over ties present in `year`. */
export function egoNodes(graph: G, center: string, depth: number, year: number | null = null): Set<string> {
  const seen = new Set<string>();
  if (!graph.hasNode(center)) return seen;
  seen.add(center);
  let frontier = [center];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const u of frontier) {
      graph.forEachEdge(u, (_e, attrs, s, t) => {
        if (!edgeInYear(attrs, year)) return;
        const v = s === u ? t : s;
        if (!seen.has(v) && nodeInYear(graph.getNodeAttributes(v), year)) {
          seen.add(v);
          next.push(v);
        }
      });
    }
    frontier = next;
  }
  return seen;
}

/**
 * The set of visible actors. `coreNumber` maps actor id → core number (needed only when kCore > 0;
 * without it the k-core filter is ignored).
 */
export function visibleNodes(graph: G, f: ViewFilters, coreNumber?: ReadonlyMap<string, number>): Set<string> {
  const ego = f.ego ? egoNodes(graph, f.ego.node, f.ego.depth, f.year) : null;
  const out = new Set<string>();
  graph.forEachNode((id, attrs) => {
    if (ego && !ego.has(id)) return;
    if (ego && id === f.ego!.node) {
      out.add(id);
      return;
    }
    if (!f.roles.has(String(attrs.helix))) return;
    if (f.sectors) {
      const s = typeof attrs.sector === 'string' && attrs.sector !== '' ? attrs.sector : NO_SECTOR;
      if (!f.sectors.has(s)) return;
    }
    if (f.minDegree > 0 && graph.degree(id) < f.minDegree) return;
    if (f.kCore > 0 && coreNumber && (coreNumber.get(id) ?? 0) < f.kCore) return;
    if (!nodeInYear(attrs, f.year)) return;
    out.add(id);
  });
  return out;
}

/** Visible edges: both ends visible and present in the year. */
export function visibleEdges(graph: G, nodes: ReadonlySet<string>, year: number | null): Set<string> {
  const out = new Set<string>();
  graph.forEachEdge((e, attrs, s, t) => {
    if (nodes.has(s) && nodes.has(t) && edgeInYear(attrs, year)) out.add(e);
  });
  return out;
}

/** Sorted distinct sectors (with {@link NO_SECTOR} last when some actor has none) and their counts. */
export function sectorsOf(graph: G): Array<{ sector: string; count: number }> {
  const m = new Map<string, number>();
  graph.forEachNode((_id, attrs) => {
    const s = typeof attrs.sector === 'string' && attrs.sector !== '' ? attrs.sector : NO_SECTOR;
    m.set(s, (m.get(s) ?? 0) + 1);
  });
  return [...m.entries()]
    .map(([sector, count]) => ({ sector, count }))
    .sort((a, b) => (a.sector === NO_SECTOR ? 1 : b.sector === NO_SECTOR ? -1 : a.sector.localeCompare(b.sector)));
}

/**
 * The span of years in the data: `joined` of actors and `since`/`until` of ties (and activity
 * years when given). null when the data has no years.
 */
export function yearRange(
  graph: G,
  activities: ReadonlyArray<{ year?: number; endYear?: number }> = [],
): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  const see = (v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  };
  graph.forEachNode((_id, a) => see(a.joined));
  graph.forEachEdge((_e, a) => {
    see(a.since);
    see(a.until);
  });
  for (const act of activities) {
    see(act.year);
    see(act.endYear);
  }
  return min === Infinity ? null : { min, max };
}
