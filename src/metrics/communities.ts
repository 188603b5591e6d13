/**
 * Communities: groups of actors more densely tied to each other than to the rest, found with the
 * Louvain method (Blondel et al. 2008) maximising Newman–Girvan modularity
 * `Q = Σ_c [ L_c/m − γ (D_c/2m)² ]` (L_c: weight of ties inside community c, D_c: total strength of its
 * actors, m: total tie weight, γ: resolution, default 1). Uses graphology-communities-louvain on the
 * simple graph (tie strengths as weights by default; `weighted: false` counts ties), with its random
 * node order driven by our seeded {@link Rng} (stream `louvain`), so the same seed gives the same
 * partition. Isolates form communities of their own. With no ties at all, every actor is its own
 * community and modularity is null.
 *
 * Community ids are renumbered deterministically: larger communities first, then by the position of
 * their first actor in the graph's node order. Each community reports its helix mix (counts per role,
 * the dominant role, Blau index and IQV over the 7 roles).
 * Reference: Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008) Fast unfolding of
 * communities in large networks, J. Stat. Mech. P10008; Newman, M. E. J. (2006) PNAS 103(23).
 */
import louvainImport from 'graphology-communities-louvain';
import modularityImport from 'graphology-metrics/graph/modularity.js';
import type { SimpleGraph } from '../model/network.js';
import type { HelixRole } from '../model/types.js';
import { HELIX_ROLES } from '../model/types.js';
import { createRng } from '../util/rng.js';
import { blauIndex, iqv } from './helix.js';

// CommonJS interop: under Node ESM and Vite the default import is module.exports itself, while the
// typings (NodeNext) describe it as a namespace with a `default` member.
type LouvainFn = typeof louvainImport.default;
type ModularityFn = typeof modularityImport.default;
const louvain: LouvainFn = (louvainImport as unknown as { default?: LouvainFn }).default ?? (louvainImport as unknown as LouvainFn);
const modularityFn: ModularityFn =
  (modularityImport as unknown as { default?: ModularityFn }).default ?? (modularityImport as unknown as ModularityFn);

export interface CommunityInfo {
  id: number;
  size: number;
  counts: Record<HelixRole, number>;
  dominantRole: HelixRole;
  blau: number;
  iqv: number;
  /** Member ids in the graph's node order. */
  members: string[];
}

export interface CommunitiesResult {
  algorithm: 'louvain';
  modularity: number | null;
  count: number;
  resolution: number;
  membership: Record<string, number>;
  communities: CommunityInfo[];
}

export interface CommunitiesOptions {
  seed?: number | string;
  resolution?: number;
  /** Use tie strengths (default true). */
  weighted?: boolean;
}

/** Modularity of a given partition (graphology-metrics; equals NetworkX `modularity`). */
export function partitionModularity(
  g: SimpleGraph,
  membership: Readonly<Record<string, number | string>>,
  opts: { resolution?: number; weighted?: boolean } = {},
): number | null {
  if (g.size === 0) return null;
  return modularityFn(g, {
    getNodeCommunity: (node: string) => membership[node]!,
    getEdgeWeight: opts.weighted === false ? null : 'weight',
    resolution: opts.resolution ?? 1,
  });
}

/** Seeded Louvain communities with the helix mix of each (see the module doc). */
export function communities(g: SimpleGraph, opts: CommunitiesOptions = {}): CommunitiesResult {
  const resolution = opts.resolution ?? 1;
  const nodes = g.nodes();
  let raw: Record<string, number>;
  let modularity: number | null = null;
  if (g.size === 0) {
    raw = Object.fromEntries(nodes.map((id, i) => [id, i]));
  } else {
    const rng = createRng(opts.seed ?? 1).stream('louvain');
    const res = louvain.detailed(g, {
      getEdgeWeight: opts.weighted === false ? null : 'weight',
      resolution,
      rng: () => rng.next(),
    });
    raw = res.communities;
    modularity = res.modularity;
  }
  // renumber: size desc, then first appearance
  const first = new Map<number, number>();
  const size = new Map<number, number>();
  nodes.forEach((id, i) => {
    const c = raw[id]!;
    if (!first.has(c)) first.set(c, i);
    size.set(c, (size.get(c) ?? 0) + 1);
  });
  const order = [...first.keys()].sort((a, b) => size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!);
  const renum = new Map<number, number>(order.map((c, i) => [c, i]));
  const membership: Record<string, number> = {};
  const infos: CommunityInfo[] = order.map((_c, i) => ({
    id: i,
    size: 0,
    counts: Object.fromEntries(HELIX_ROLES.map((r) => [r, 0])) as Record<HelixRole, number>,
    dominantRole: HELIX_ROLES[0],
    blau: 0,
    iqv: 0,
    members: [],
  }));
  for (const id of nodes) {
    const c = renum.get(raw[id]!)!;
    membership[id] = c;
    const info = infos[c]!;
    info.size++;
    info.members.push(id);
    const h = g.getNodeAttribute(id, 'helix');
    if (h in info.counts) info.counts[h]++;
  }
  for (const info of infos) {
    let best: HelixRole = HELIX_ROLES[0];
    for (const r of HELIX_ROLES) if (info.counts[r] > info.counts[best]) best = r;
    info.dominantRole = best;
    info.blau = blauIndex(info.counts);
    info.iqv = iqv(info.counts, HELIX_ROLES.length);
  }
  return { algorithm: 'louvain', modularity, count: infos.length, resolution, membership, communities: infos };
}
