/*
 * Metrics barrel (append-only). Engineer C's public API (final signatures):
 *
 * // centrality.ts
 * export interface CentralityOptions { distance?: 'hops' | 'inverse-weight'; approx?: number; seed?: number | string;
 *   maxIter?: number; tol?: number }
 * export interface CentralityResult { nodes: string[]; degree: Float64Array; strength: Float64Array;
 *   betweenness: Float64Array; closeness: Float64Array; eigenvector: Float64Array; pagerank: Float64Array;
 *   coreNumber: Int32Array; clustering: Float64Array;
 *   graph: { order: number; size: number; density: number; components: number; largestComponent: number;
 *     transitivity: number; averageClustering: number; eigenvectorNote?: string; pagerankNote?: string;
 *     betweennessNote?: string } }
 * export function centrality(g: SimpleGraph | Csr, opts?: CentralityOptions): CentralityResult
 *   (synchronous; betweenness computed in the calling thread. For worker threads, Node only:
 *    `centralityParallel(g, { ...opts, workers })` in './betweenness-parallel.js' returns Promise<CentralityResult>)
 * export function closeness(csr: Csr, opts?: { distance?: 'hops' | 'inverse-weight' }): Float64Array
 * export function eigenvector(csr: Csr, opts?: { maxIter?: number; tol?: number }): { values: Float64Array; converged: boolean; iterations: number }
 * export function pagerank(csr: Csr, opts?: { alpha?: number; maxIter?: number; tol?: number }): { values: Float64Array; converged: boolean; iterations: number }
 * export function coreNumber(csr: Csr): Int32Array
 * export function clustering(csr: Csr): { local: Float64Array; triangles: Float64Array; transitivity: number; averageClustering: number }
 * export function components(csr: Csr): { count: number; membership: Int32Array; sizes: number[] }
 *
 * // betweenness.ts (pure, browser-safe)
 * export interface BetweennessOptions { distance?: 'hops' | 'inverse-weight'; normalized?: boolean;
 *   approx?: number /* K pivots *\/; seed?: number | string }
 * export function betweenness(csr: Csr, opts?: BetweennessOptions): Float64Array     // = nx.betweenness_centrality(G, normalized=True)
 * export function betweennessSubset(csr: Csr, sources: ArrayLike<number>, targets: ArrayLike<number>,
 *   opts?: { distance?: 'hops' | 'inverse-weight'; normalized?: boolean }): Float64Array  // = nx.betweenness_centrality_subset (default normalized=false)
 * export function crossHelixBetweenness(g: SimpleGraph | Csr, groupAttr = 'helix' | groups: ArrayLike<string|number>,
 *   opts?: { distance?: ...; normalized?: boolean /* default true: share of cross-group pairs not involving v *\/ }): Float64Array
 * export function betweennessPivots(n: number, k: number, seed): Int32Array   // the sampled sources (deterministic)
 *
 * // betweenness-parallel.ts (Node only — NOT re-exported here; import '…/metrics/betweenness-parallel.js')
 * export function betweennessParallel(csr: Csr, opts?: BetweennessOptions & { workers?: number }): Promise<Float64Array>
 * export function centralityParallel(g: SimpleGraph | Csr, opts?: CentralityOptions & { workers?: number }): Promise<CentralityResult>
 *
 * // structural-holes.ts (NetworkX constraint / effective_size with weight='weight'; isolates → null)
 * export function constraint(g: SimpleGraph | Csr): (number | null)[]
 * export function effectiveSize(g: SimpleGraph | Csr): (number | null)[]
 * export function efficiency(g: SimpleGraph | Csr): (number | null)[]         // effectiveSize / degree
 * export function structuralHoles(g: SimpleGraph | Csr): { nodes: string[]; constraint; effectiveSize; efficiency }
 *
 * // brokerage.ts (Gould & Fernandez 1989, R sna brokerage()$raw.nli semantics)
 * export interface BrokerageRoles { coordinator: number; itinerant: number; representative: number;
 *   gatekeeper: number; liaison: number; total: number }
 * export function brokerage(g: SimpleGraph, groupAttr = 'helix'): { nodes: string[]; groups: string[];
 *   raw: BrokerageRoles[]; expected: BrokerageRoles[]; sd: BrokerageRoles[]; z: BrokerageRoles[];
 *   global: { raw: BrokerageRoles; expected: BrokerageRoles; z: BrokerageRoles } }
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
