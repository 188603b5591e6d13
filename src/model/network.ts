/**
 * Building the in-memory {@link Network} from a {@link NetworkDocument} and back, the
 * affiliation projection, and the simple weighted graph that the metrics work on.
 *
 * Projection (two-mode → one-mode): two actors that take part in the same activity are tied;
 * the weight of a projected tie is the number of activities the pair shares (per tie kind).
 * Projected edges carry `origin: 'affiliation'` so that writers can keep the two-mode data
 * instead of writing the projection back as ties.
 */
import { MultiUndirectedGraph, UndirectedGraph } from 'graphology';
import type {
  Activity,
  ActivityKind,
  Actor,
  Attributes,
  AttributeValue,
  EdgeAttributes,
  HelixGraph,
  Network,
  NetworkDocument,
  NodeAttributes,
  Tie,
  TieKind,
} from './types.js';

const ACTOR_FIELDS = new Set(['id', 'label', 'helix', 'subtype', 'sector', 'region', 'joined']);
const TIE_FIELDS = new Set(['source', 'target', 'kind', 'weight', 'since', 'until']);
const EDGE_INTERNAL = new Set(['origin']);

/** Tie kind that a projected activity produces. */
export function tieKindOfActivity(kind: ActivityKind): TieKind {
  switch (kind) {
    case 'project':
      return 'project';
    case 'section':
    case 'team':
      return 'section';
    default:
      return 'cooperation';
  }
}

export function emptyGraph(): HelixGraph {
  return new MultiUndirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}

export function actorToNodeAttributes(actor: Actor): NodeAttributes {
  const attrs: NodeAttributes = { label: actor.label, helix: actor.helix };
  if (actor.subtype !== undefined) attrs.subtype = actor.subtype;
  if (actor.sector !== undefined) attrs.sector = actor.sector;
  if (actor.region !== undefined) attrs.region = actor.region;
  if (actor.joined !== undefined) attrs.joined = actor.joined;
  if (actor.attributes) {
    for (const [k, v] of Object.entries(actor.attributes)) if (!ACTOR_FIELDS.has(k)) attrs[k] = v;
  }
  return attrs;
}

export function nodeAttributesToActor(id: string, attrs: NodeAttributes): Actor {
  const actor: Actor = { id, label: attrs.label ?? id, helix: attrs.helix };
  if (attrs.subtype !== undefined && attrs.subtype !== null) actor.subtype = String(attrs.subtype);
  if (attrs.sector !== undefined && attrs.sector !== null) actor.sector = String(attrs.sector);
  if (attrs.region !== undefined && attrs.region !== null) actor.region = String(attrs.region);
  if (typeof attrs.joined === 'number') actor.joined = attrs.joined;
  const free: Attributes = {};
  let any = false;
  for (const [k, v] of Object.entries(attrs)) {
    if (ACTOR_FIELDS.has(k) || v === undefined) continue;
    free[k] = v as AttributeValue;
    any = true;
  }
  if (any) actor.attributes = free;
  return actor;
}

export function tieToEdgeAttributes(tie: Tie): EdgeAttributes {
  const attrs: EdgeAttributes = { weight: tie.weight ?? 1, origin: 'tie' };
  if (tie.kind !== undefined) attrs.kind = tie.kind;
  if (tie.since !== undefined) attrs.since = tie.since;
  if (tie.until !== undefined) attrs.until = tie.until;
  if (tie.attributes) {
    for (const [k, v] of Object.entries(tie.attributes)) if (!TIE_FIELDS.has(k) && !EDGE_INTERNAL.has(k)) attrs[k] = v;
  }
  return attrs;
}

export function edgeAttributesToTie(source: string, target: string, attrs: EdgeAttributes): Tie {
  const tie: Tie = { source, target };
  if (attrs.kind !== undefined) tie.kind = attrs.kind;
  tie.weight = attrs.weight;
  if (typeof attrs.since === 'number') tie.since = attrs.since;
  if (typeof attrs.until === 'number') tie.until = attrs.until;
  const free: Attributes = {};
  let any = false;
  for (const [k, v] of Object.entries(attrs)) {
    if (TIE_FIELDS.has(k) || EDGE_INTERNAL.has(k) || v === undefined) continue;
    free[k] = v as AttributeValue;
    any = true;
  }
  if (any) tie.attributes = free;
  return tie;
}

/**
 * Project activities onto actor–actor ties: for every activity kind, the weight of a pair is the
 * number of activities of that kind both take part in. Participants missing from `known` are skipped
 * (validation reports them). Returned in a deterministic order (activity order, then participant order).
 */
export function projectAffiliations(
  activities: readonly Activity[],
  known?: (id: string) => boolean,
): Array<{ source: string; target: string; kind: TieKind; weight: number; since?: number; until?: number }> {
  const acc = new Map<string, { source: string; target: string; kind: TieKind; weight: number; since?: number; until?: number }>();
  for (const act of activities) {
    const kind = tieKindOfActivity(act.kind);
    const members = [...new Set(act.participants)].filter((p) => (known ? known(p) : true));
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const a = members[i]!;
        const b = members[j]!;
        const [s, t] = a < b ? [a, b] : [b, a];
        const key = `${kind}\u0000${s}\u0000${t}`;
        const prev = acc.get(key);
        const start = act.year;
        const end = act.endYear ?? act.year;
        if (prev) {
          prev.weight += 1;
          if (start !== undefined) prev.since = prev.since === undefined ? start : Math.min(prev.since, start);
          if (end !== undefined) prev.until = prev.until === undefined ? end : Math.max(prev.until, end);
        } else {
          const rec: { source: string; target: string; kind: TieKind; weight: number; since?: number; until?: number } = {
            source: s,
            target: t,
            kind,
            weight: 1,
          };
          if (start !== undefined) rec.since = start;
          if (end !== undefined) rec.until = end;
          acc.set(key, rec);
        }
      }
    }
  }
  return [...acc.values()];
}

/** Build a Network from an already validated document. */
export function networkFromDocument(doc: NetworkDocument): Network {
  const graph = emptyGraph();
  for (const actor of doc.actors) {
    if (!graph.hasNode(actor.id)) graph.addNode(actor.id, actorToNodeAttributes(actor));
  }
  for (const tie of doc.ties) {
    if (!graph.hasNode(tie.source) || !graph.hasNode(tie.target)) continue;
    graph.addEdge(tie.source, tie.target, tieToEdgeAttributes(tie));
  }
  const activities = doc.activities ?? [];
  for (const p of projectAffiliations(activities, (id) => graph.hasNode(id))) {
    const attrs: EdgeAttributes = { kind: p.kind, weight: p.weight, origin: 'affiliation' };
    if (p.since !== undefined) attrs.since = p.since;
    if (p.until !== undefined) attrs.until = p.until;
    graph.addEdge(p.source, p.target, attrs);
  }
  const net: Network = { graph, activities };
  if (doc.name !== undefined) net.name = doc.name;
  if (doc.description !== undefined) net.description = doc.description;
  if (doc.source !== undefined) net.source = doc.source;
  if (doc.profile !== undefined) net.profile = doc.profile;
  return net;
}

/**
 * The document for a Network. Projected edges are left out when the activities are kept
 * (`keepProjection` false, the default), so that JSON → Network → JSON is lossless.
 */
export function networkToDocument(net: Network, options: { keepProjection?: boolean } = {}): NetworkDocument {
  const actors: Actor[] = [];
  net.graph.forEachNode((id, attrs) => actors.push(nodeAttributesToActor(id, attrs)));
  const ties: Tie[] = [];
  const dropProjected = !options.keepProjection && net.activities.length > 0;
  net.graph.forEachEdge((_e, attrs, source, target) => {
    if (dropProjected && attrs.origin === 'affiliation') return;
    ties.push(edgeAttributesToTie(source, target, attrs));
  });
  const doc: NetworkDocument = { format: 'helixlab', version: 1, actors: [], ties: [] };
  if (net.name !== undefined) doc.name = net.name;
  if (net.description !== undefined) doc.description = net.description;
  if (net.source !== undefined) doc.source = net.source;
  doc.actors = actors;
  doc.ties = ties;
  if (net.activities.length > 0) doc.activities = net.activities;
  if (net.profile !== undefined) doc.profile = net.profile;
  return doc;
}

/** Node attributes of the simple analysis graph. */
export type SimpleNodeAttributes = NodeAttributes;
/** Edge attributes of the simple analysis graph: the merged weight (summed by default) and the number of merged ties. */
export interface SimpleEdgeAttributes {
  weight: number;
  count: number;
  /** Earliest `since` among the merged ties, when any has one. */
  since?: number;
}
export type SimpleGraph = UndirectedGraph<SimpleNodeAttributes, SimpleEdgeAttributes>;

/**
 * How parallel ties between the same pair (and the opposite arcs a→b, b→a of a directed input,
 * which are read as two undirected ties) become one edge of the simple graph: `sum` adds their
 * weights (the default: strengths add up), `max` keeps the strongest, `min` the weakest (with weights
 * read as distances, NetworkX's rule for shortest paths in a multigraph: the shortest parallel edge).
 */
export type ParallelRule = 'sum' | 'max' | 'min';
export const PARALLEL_RULES: readonly ParallelRule[] = ['sum', 'max', 'min'];

/**
 * The simple undirected graph that metrics work on: parallel ties between the same pair are merged
 * by summing their weights (or as `options.parallel` says, see {@link ParallelRule}); self-loops are
 * dropped. Node order is the network's node order. Optionally keep only ties active in a given year
 * (`since <= year <= until`, missing bounds open).
 */
export function toSimpleGraph(net: Network | HelixGraph, options: { year?: number; parallel?: ParallelRule } = {}): SimpleGraph {
  const source: HelixGraph = 'graph' in net ? net.graph : net;
  const rule = options.parallel ?? 'sum';
  const merge = rule === 'sum' ? (a: number, b: number) => a + b : rule === 'max' ? Math.max : Math.min;
  const g: SimpleGraph = new UndirectedGraph<SimpleNodeAttributes, SimpleEdgeAttributes>();
  source.forEachNode((id, attrs) => g.addNode(id, { ...attrs }));
  source.forEachEdge((_e, attrs, s, t) => {
    if (s === t) return;
    if (options.year !== undefined) {
      if (typeof attrs.since === 'number' && attrs.since > options.year) return;
      if (typeof attrs.until === 'number' && attrs.until < options.year) return;
    }
    const w = typeof attrs.weight === 'number' ? attrs.weight : 1;
    const since = typeof attrs.since === 'number' ? attrs.since : undefined;
    const existing = g.edge(s, t);
    if (existing !== undefined) {
      g.updateEdgeAttributes(existing, (a) => {
        const next: SimpleEdgeAttributes = { weight: merge(a.weight, w), count: a.count + 1 };
        const m = a.since === undefined ? since : since === undefined ? a.since : Math.min(a.since, since);
        if (m !== undefined) next.since = m;
        return next;
      });
    } else {
      const rec: SimpleEdgeAttributes = { weight: w, count: 1 };
      if (since !== undefined) rec.since = since;
      g.addEdge(s, t, rec);
    }
  });
  return g;
}
