/*
 * Metrics barrel (append-only). Engineer C's public API (final signatures):
 *
 * // centrality.ts
 * export interface CentralityOptions { distance?: 'hops' | 'inverse-weight'; approx?: number; seed?: number | string;
 *   crossGroups?: string | ArrayLike<string | number> /* also cross-helix betweenness, same searches *\/ }
 * export interface CentralityResult { nodes: string[]; degree: Float64Array; strength: Float64Array;
 *   betweenness: Float64Array; closeness: Float64Array; eigenvector: Float64Array; pagerank: Float64Array;
 *   coreNumber: Int32Array; clustering: Float64Array; crossHelixBetweenness?: Float64Array; graph: GraphSummary }
 * export interface GraphSummary { order; size; density; components; largestComponent; transitivity;
 *   averageClustering; eigenvectorNote?: string; pagerankNote?: string; betweennessNote?: string }
 * export function centrality(g: SimpleGraph | Csr, opts?: CentralityOptions): CentralityResult   (one thread)
 * export function closeness(g: Csr | SimpleGraph, opts?: { distance? }): Float64Array
 * export function eigenvector(g, opts?: { maxIter?; extendedMaxIter?; tol? }): PowerIterationResult  // { values, converged, iterations, note? }
 * export function pagerank(g, opts?: { alpha?; maxIter?; extendedMaxIter?; tol? }): PowerIterationResult
 * export function coreNumber(g): Int32Array
 * export function clustering(g): { local: Float64Array; triangles: Float64Array; transitivity: number; averageClustering: number }
 * export function components(csr: Csr): { count: number; membership: Int32Array; sizes: number[] }
 * export function degrees(csr), strengths(csr): Float64Array
 *
 * // betweenness.ts (pure, browser-safe)
 * export interface BetweennessOptions { distance?: 'hops' | 'inverse-weight'; normalized?: boolean /* default true *\/;
 *   approx?: number /* K pivots *\/; seed?: number | string; twins?: boolean }
 * export function betweenness(g: Csr | SimpleGraph, opts?: BetweennessOptions): Float64Array   // nx.betweenness_centrality
 * export function betweennessSubset(g: Csr | SimpleGraph, sources: ArrayLike<number>, targets: ArrayLike<number>,
 *   opts?: { distance?; normalized?: boolean /* default false, as NetworkX *\/ }): Float64Array  // nx.betweenness_centrality_subset
 * export function crossHelixBetweenness(g: SimpleGraph | Csr, groupAttr: string | ArrayLike<string | number> = 'helix',
 *   opts?: { distance?; normalized?: boolean /* default true: share of cross-group pairs not involving v *\/;
 *   approx?: number; seed?: number | string }): Float64Array
 * export function betweennessPivots(n: number, k: number, seed?): Int32Array   // the sampled sources (deterministic)
 * export function twinClasses(csr: Csr, groups?: Int32Array): { sources; mult; sourceOf }
 *
 * // betweenness-parallel.ts (Node only — NOT re-exported here; import '…/metrics/betweenness-parallel.js')
 * export function betweennessParallel(g: Csr | SimpleGraph, opts?: BetweennessOptions & { workers?: number }): Promise<Float64Array>
 * export function centralityParallel(g: SimpleGraph | Csr, opts?: CentralityOptions & { workers?: number }): Promise<CentralityResult>
 * export function crossHelixBetweennessParallel(g, groupAttr = 'helix', opts?: CrossHelixOptions & { workers?: number }): Promise<Float64Array>
 *   (all bit-identical to the one-thread versions whatever the number of workers; run from dist/)
 *
 * // structural-holes.ts (NetworkX constraint / per-node effective_size with weight='weight'; isolates → null)
 * export function structuralHoles(g: SimpleGraph | Csr): { nodes: string[]; constraint: (number | null)[];
 *   effectiveSize: (number | null)[]; efficiency: (number | null)[] }
 * export function constraint(g), effectiveSize(g), efficiency(g): (number | null)[]
 *
 * // brokerage.ts (Gould & Fernandez 1989, R sna brokerage() semantics)
 * export interface BrokerageRoles { coordinator: number; itinerant: number; representative: number;
 *   gatekeeper: number; liaison: number; total: number }
 * export type BrokerageZ = { [K in keyof BrokerageRoles]: number | null }
 * export function brokerage(g: SimpleGraph, groupAttr = 'helix'): BrokerageResult   // { nodes; groups; groupNames;
 *   groupSizes; raw: BrokerageRoles[]; expected: BrokerageRoles[]; sd: BrokerageZ[]; z: BrokerageZ[];
 *   global: { raw; expected; sd: BrokerageZ; z: BrokerageZ } }
 * export function brokerageFromGroups(csr: Csr, cl: Int32Array, names: string[]): BrokerageResult
 *
 * Note for analyze (D): `centrality(g, { crossGroups: 'helix', distance, approx, seed })` returns
 * `crossHelixBetweenness` computed in the SAME searches (bit-identical to crossHelixBetweenness(g, 'helix',
 * { distance, approx, seed }), ~half the cost of a second pass). If you keep the separate call, pass
 * { approx, seed } to it too. In the CLI, centralityParallel (same options) gives the same bytes on all cores.
 */
export * from './csr.js';
export * from './centrality.js';
export * from './betweenness.js';
export * from './structural-holes.js';
export * from './brokerage.js';
export * from './helix.js';
export * from './lockin.js';
export * from './esca.js';
export * from './resilience.js';
export * from './communities.js';
export * from './analyze.js';
