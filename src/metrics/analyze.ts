/**
 * `analyzeNetwork`: every measure of HelixLab's network analysis in one result, the stable output
 * contract of `helixlab analyze --format json` (other programs parse it; keys are only ever added).
 *
 * Top-level keys:
 * - `graph`: name, source, size and structure of the simple graph (see `centrality`), the options used.
 * - `nodes`: one object per actor (graph node order) with the centrality measures of `centrality.ts`
 *   (`nx`-compatible), Burt's `constraint` / `effectiveSize` / `efficiency` (null for isolates), the
 *   Gould–Fernandez `brokerage` counts by helix role with their `expected` values and `z` scores,
 *   `crossHelixBetweenness` (betweenness over pairs of actors in different helix roles), the Louvain
 *   `community` id and the actor's E-I index by helix role (`eiIndex`). With a group attribute
 *   (`groupBy`), also `group`.
 * - `helix`: counts, coverage, missing strands, Blau, IQV, E-I with its permutation p-value, attribute
 *   assortativity, Leydesdorff's synergy T (three and four strands); `groups`: the same mix by the
 *   group attribute (default `sector`) when actors carry it, else null. See helix.ts.
 * - `lockIn`: score, level, components, reasons, weights, details (lockin.ts; the group attribute
 *   is the sector).
 * - `esca`: the ESCA minimum criteria (esca.ts).
 * - `resilience`: removing each of the `top` actors by betweenness and each coordinator (resilience.ts).
 * - `communities`: seeded Louvain, modularity and each community's helix mix (communities.ts).
 *
 * Conventions: the measures work on the simple graph of `toSimpleGraph` (parallel ties summed,
 * self-loops dropped); NaN and infinities become null in JSON. Every random step is seeded from
 * `seed` (default 1) through named `Rng` streams, so the same seed gives the same bytes.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { HelixRole, Network } from '../model/types.js';
import type { ParallelRule, SimpleGraph } from '../model/network.js';
import { surveySummary, type SurveySummary } from '../model/summary.js';
import { toSimpleGraph } from '../model/network.js';
import { centrality, type CentralityOptions, type CentralityResult, type GraphSummary } from './centrality.js';
import { crossHelixBetweenness, groupIndex, type DistanceMode } from './betweenness.js';
import { structuralHoles } from './structural-holes.js';
import { brokerageFromGroups, BROKERAGE_ROLES, type BrokerageRoles, type BrokerageZ } from './brokerage.js';
import { toCsr, type Csr } from './csr.js';
import {
  attributeAssortativity,
  blauIndex,
  codeGroups,
  eiIndex,
  eiPermutationTest,
  helixComposition,
  iqv,
  type HelixComposition,
} from './helix.js';
import { lockInRisk, type LockInResult, type LockInWeights } from './lockin.js';
import { escaCheck, type EscaResult } from './esca.js';
import { resilience, type ResilienceResult } from './resilience.js';
import { communities as louvainCommunities } from './communities.js';

export interface AnalyzeOptions {
  /** Node attribute grouping actors besides helix role (default `sector`). */
  groupBy?: string;
  /** How many top actors (by betweenness) the resilience check removes, and reports list (default 10). */
  top?: number;
  /** Path lengths for betweenness/closeness (default `hops`). */
  distance?: DistanceMode;
  /** Pivot-sampled betweenness/closeness and efficiency with K sources. */
  approx?: number;
  /** Seed for every random step (default 1). */
  seed?: number | string;
  /** Permutations of the E-I test (default 1000). */
  permutations?: number;
  /**
   * Precomputed centrality of `toSimpleGraph(net)` with `analysisCentralityOptions(opts)`, e.g. from
   * the worker-thread version (`centralityParallel`), which gives bit-identical values.
   */
  centrality?: CentralityResult;
  lockInWeights?: Partial<LockInWeights>;
  /** Reference year for renewal and the ESCA check (default: the latest year in the data). */
  year?: number;
  /** How parallel ties and opposite arcs are merged into one edge (default `sum`; see `ParallelRule`). */
  parallel?: ParallelRule;
  /**
   * `toSimpleGraph(net)` when the caller has built it already (e.g. for `centralityParallel`), and
   * optionally its `toCsr`: they are then not rebuilt. Must be of the same network.
   */
  simpleGraph?: SimpleGraph;
  csr?: Csr;
  /**
   * The member-survey summary of the network when the caller has it (null: none), e.g. for a compact
   * network whose graph view carries no tie kinds; otherwise it is computed from the ties.
   */
  survey?: SurveySummary | null;
  /** Called after each phase with its name and wall time in ms (benchmarks; `performance.now`). */
  onPhase?: (phase: string, ms: number) => void;
}

export type BrokerageWithNull = BrokerageRoles & { expected: BrokerageRoles; z: BrokerageZ };

export interface NodeAnalysis {
  id: string;
  label: string;
  helix: HelixRole;
  degree: number;
  strength: number;
  betweenness: number;
  closeness: number;
  eigenvector: number;
  pagerank: number;
  coreNumber: number;
  clustering: number;
  constraint: number | null;
  effectiveSize: number | null;
  efficiency: number | null;
  brokerage: BrokerageWithNull;
  crossHelixBetweenness: number;
  community: number;
  eiIndex: number | null;
  group?: string | null;
}

export interface GraphAnalysis extends GraphSummary {
  name: string | null;
  source: string | null;
  activities: number;
  options: {
    seed: number | string;
    distance: DistanceMode;
    approx: number | null;
    permutations: number;
    top: number;
    groupBy: string;
    /** Only when not the default `sum`. */
    parallel?: ParallelRule;
  };
  /** The member-survey ties (kind `survey`), only when the network has any. */
  survey?: SurveySummary;
}

export interface GroupComposition {
  attribute: string;
  counts: Record<string, number>;
  unknown: number;
  blau: number;
  /** IQV with K = the number of groups observed. */
  iqv: number;
  eiIndex: number | null;
  eiPValue: number | null;
  assortativity: number | null;
}

export interface HelixAnalysis extends HelixComposition {
  groups: GroupComposition | null;
}

export interface CommunitySummary {
  id: number;
  size: number;
  counts: Record<HelixRole, number>;
  dominantRole: HelixRole;
  blau: number;
  iqv: number;
  /** The three best-connected members (by degree, then id). */
  keyActors: string[];
}

export interface CommunitiesAnalysis {
  algorithm: 'louvain';
  modularity: number | null;
  count: number;
  resolution: number;
  communities: CommunitySummary[];
}

export interface AnalysisResult {
  graph: GraphAnalysis;
  nodes: NodeAnalysis[];
  helix: HelixAnalysis;
  lockIn: LockInResult;
  esca: EscaResult;
  resilience: ResilienceResult;
  communities: CommunitiesAnalysis;
}

/** The centrality options `analyzeNetwork` uses (cross-helix betweenness in the same searches). */
export function analysisCentralityOptions(opts: AnalyzeOptions = {}): CentralityOptions {
  const copts: CentralityOptions = { distance: opts.distance ?? 'hops', seed: opts.seed ?? 1, crossGroups: 'helix' };
  if (opts.approx !== undefined) copts.approx = opts.approx;
  return copts;
}

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);

/** Analyse a network: every measure of the output contract (see the module doc). */
export function analyzeNetwork(net: Network, opts: AnalyzeOptions = {}): AnalysisResult {
  const seed = opts.seed ?? 1;
  const top = opts.top ?? 10;
  const distance = opts.distance ?? 'hops';
  const permutations = opts.permutations ?? 1000;
  const groupBy = opts.groupBy ?? 'sector';
  const onPhase = opts.onPhase;
  let t0 = onPhase ? performance.now() : 0;
  /** Report the phase just finished (no-op without `onPhase`). */
  const phase = (name: string): void => {
    if (!onPhase) return;
    const t = performance.now();
    onPhase(name, t - t0);
    t0 = t;
  };
  const g = opts.simpleGraph ?? toSimpleGraph(net, opts.parallel !== undefined ? { parallel: opts.parallel } : {});
  const csr = opts.csr ?? toCsr(g);
  phase('simple graph + CSR');
  const c = opts.centrality ?? centrality(g, analysisCentralityOptions(opts));
  phase('centrality');
  const sh = structuralHoles(csr);
  phase('structural holes');
  const helixGroups = groupIndex(g, 'helix');
  const br = brokerageFromGroups(csr, helixGroups.groups, helixGroups.names);
  phase('brokerage');
  const cross = c.crossHelixBetweenness ?? crossHelixBetweenness(g, 'helix', { distance });
  phase('cross-helix betweenness');
  const comm = louvainCommunities(g, { seed });
  phase('communities (Louvain)');
  const ei = eiIndex(g, { attribute: 'helix' });
  const helix = helixComposition(net, { permutations, seed }, g);
  phase('helix composition + E-I permutations');
  const groups = groupComposition(g, groupBy, permutations, seed);
  phase('group composition + E-I permutations');

  const nodes: NodeAnalysis[] = c.nodes.map((id, i) => {
    const a = g.getNodeAttributes(id);
    const b = br.raw[i]!;
    const node: NodeAnalysis = {
      id,
      label: typeof a.label === 'string' && a.label !== '' ? a.label : id,
      helix: a.helix,
      degree: c.degree[i]!,
      strength: c.strength[i]!,
      betweenness: c.betweenness[i]!,
      closeness: c.closeness[i]!,
      eigenvector: c.eigenvector[i]!,
      pagerank: c.pagerank[i]!,
      coreNumber: c.coreNumber[i]!,
      clustering: c.clustering[i]!,
      constraint: sh.constraint[i] ?? null,
      effectiveSize: sh.effectiveSize[i] ?? null,
      efficiency: sh.efficiency[i] ?? null,
      brokerage: { ...b, expected: br.expected[i]!, z: br.z[i]! },
      crossHelixBetweenness: finite(cross[i]!),
      community: comm.membership[id]!,
      eiIndex: ei.byActor[id] ?? null,
    };
    if (groups !== null || opts.groupBy !== undefined) {
      const v = a[groupBy];
      node.group = v === undefined || v === null || v === '' ? null : String(v);
    }
    return node;
  });

  const ranked = rankBy(nodes, (n) => n.betweenness);
  const coordinators = net.profile?.coordinators ?? [];
  const ropts: { topBetweenness: string[]; coordinators: readonly string[]; seed: number | string; approx?: number } = {
    topBetweenness: ranked.slice(0, top).map((n) => n.id),
    coordinators,
    seed,
  };
  if (opts.approx !== undefined) ropts.approx = opts.approx;
  phase('node table');
  const res = resilience(g, { ...ropts, csr });
  phase('resilience');

  const lopts: { sectorAttribute: string; weights?: Partial<LockInWeights>; year?: number } = { sectorAttribute: groupBy };
  if (opts.lockInWeights) lopts.weights = opts.lockInWeights;
  if (opts.year !== undefined) lopts.year = opts.year;
  const lockIn = lockInRisk(g, { ...lopts, csr });
  phase('lock-in');
  const esca = escaCheck(net, opts.year !== undefined ? { year: opts.year } : {});
  phase('ESCA');

  const degreeOf = new Map(nodes.map((n) => [n.id, n.degree]));
  const communities: CommunitiesAnalysis = {
    algorithm: comm.algorithm,
    modularity: comm.modularity,
    count: comm.count,
    resolution: comm.resolution,
    communities: comm.communities.map((k) => ({
      id: k.id,
      size: k.size,
      counts: k.counts,
      dominantRole: k.dominantRole,
      blau: k.blau,
      iqv: k.iqv,
      keyActors: [...k.members].sort((x, y) => degreeOf.get(y)! - degreeOf.get(x)! || (x < y ? -1 : x > y ? 1 : 0)).slice(0, 3),
    })),
  };

  const graph: GraphAnalysis = {
    name: net.name ?? net.profile?.name ?? null,
    source: net.source ?? null,
    ...c.graph,
    activities: net.activities.length,
    options: { seed, distance, approx: opts.approx ?? null, permutations, top, groupBy },
  };
  if (opts.parallel !== undefined && opts.parallel !== 'sum') graph.options.parallel = opts.parallel;
  const survey = opts.survey !== undefined ? (opts.survey ?? undefined) : surveySummary(net);
  if (survey) graph.survey = survey;
  phase('assemble');
  return { graph, nodes, helix: { ...helix, groups }, lockIn, esca, resilience: res, communities };
}

/** The mix of actors by a free attribute (null when no actor carries it). */
export function groupComposition(
  g: SimpleGraph,
  attribute: string,
  permutations = 1000,
  seed: number | string = 1,
): GroupComposition | null {
  const coding = codeGroups(g, attribute);
  const counts: Record<string, number> = {};
  let unknown = 0;
  for (const name of coding.groups) counts[name] = 0;
  for (const code of coding.codes) {
    if (code < 0) unknown++;
    else counts[coding.groups[code]!]!++;
  }
  if (coding.groups.length === 0) return null;
  const e = eiIndex(g, { attribute });
  const p = eiPermutationTest(g, { attribute, permutations, seed });
  return {
    attribute,
    counts,
    unknown,
    blau: blauIndex(counts),
    iqv: iqv(counts, coding.groups.length),
    eiIndex: e.network,
    eiPValue: p.pValue,
    assortativity: attributeAssortativity(g, attribute),
  };
}

/** Node measures that are finite for every actor of a sound network (never undefined by definition). */
const ALWAYS_FINITE = [
  'degree',
  'strength',
  'betweenness',
  'closeness',
  'eigenvector',
  'pagerank',
  'coreNumber',
  'clustering',
  'crossHelixBetweenness',
] as const;

/**
 * Measures of `ALWAYS_FINITE` that came out NaN or infinite for some actors, with how many
 * (e.g. when parallel ties of weight 1e308 sum to infinity). The renderers show them as missing
 * (null in JSON, an empty CSV cell, "–"); the CLI turns this list into a warning.
 */
export function nonFiniteMeasures(r: AnalysisResult): Array<{ measure: string; actors: number }> {
  const out: Array<{ measure: string; actors: number }> = [];
  for (const m of ALWAYS_FINITE) {
    let k = 0;
    for (const n of r.nodes) if (!Number.isFinite(n[m])) k++;
    if (k > 0) out.push({ measure: m, actors: k });
  }
  return out;
}

/** Nodes sorted by a value, highest first, ties by id (deterministic). */
export function rankBy(nodes: readonly NodeAnalysis[], value: (n: NodeAnalysis) => number): NodeAnalysis[] {
  return [...nodes].sort((a, b) => value(b) - value(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Plain names of the Gould–Fernandez roles (undirected: representative = gatekeeper). */
export const BROKER_ROLE_NAMES: Readonly<Record<Exclude<keyof BrokerageRoles, 'total'>, string>> = {
  coordinator: 'links two actors of its own role (coordinator)',
  itinerant: 'links two actors of one other role (itinerant)',
  representative: 'links its own role with another (gatekeeper / representative)',
  gatekeeper: 'links its own role with another (gatekeeper / representative)',
  liaison: 'links two different other roles (liaison)',
};

/** The brokerage role an actor plays most (raw counts), or null when it brokers nothing. */
export function dominantBrokerRole(b: BrokerageRoles): Exclude<keyof BrokerageRoles, 'total'> | null {
  let best: Exclude<keyof BrokerageRoles, 'total'> | null = null;
  for (const k of BROKERAGE_ROLES) {
    if (k === 'total') continue;
    if (b[k] > 0 && (best === null || b[k] > b[best])) best = k;
  }
  return best;
}
