/**
 * Scenario engine barrel (browser-safe: nothing here imports `node:*`). The model is documented in
 * docs/model.md (ODD protocol).
 *
 * Public API (owner: E). Signatures kept stable for the batch tools (F):
 *
 * ```ts
 * // schema.ts — the scenario document, filled with defaults
 * export interface Scenario { name; description?; startYear?; years; start; network; growth; trust;
 *                             coordination; governance; funding; rdi; value; shocks }
 * export const SCENARIO_SCHEMA, SCENARIO_DEFAULTS, SHOCK_TYPES
 * // parse.ts
 * export function parseScenario(text: string, file: string): Scenario   // validated; InputError file:line: field
 * export function validateScenario(doc: unknown, file: string, text?: string, fallbackName?: string): Scenario
 * export function applySet(s: Scenario, assignment: string, label = '--set'): Scenario  // 'a.b.c=<json>', validated again
 * export function scenarioDocument(s: Scenario): Record<string, unknown>   // the file fields (no resolved start)
 * export function scenarioName(s: Scenario): string
 *
 * // engine.ts — one replication, pure and deterministic
 * export const SCENARIO_METRICS: readonly MetricName[]; export const METRIC_UNITS
 * export function runOnce(s: Scenario, seed: number|string, run: number,
 *                         opts?: { years?: number; into?: Record<MetricName, Float64Array>; onYear?: (t: number, st: SimState) => void }): RunOutput
 *   // RunOutput = { metrics: Record<MetricName, Float64Array> (length years+1, index 0 = start),
 *   //               diagnostics: { renewalPairs, renewedAfterEnd, left, meanValue } }
 *   // run r uses createRng(seed).stream('run', r); mechanisms use runRng.stream('<mechanism>')
 *
 * // aggregate.ts
 * export class StreamingSummary { add(x: number): void; result(): { n, missing, mean, sd, p05, p50, p95, ci95 } }
 * export class PairedDifference { add(a, b): void; result(): { n, meanDiff, ci95, probGreater } }
 * export class RunAggregatorBase  // one StreamingSummary per metric × year, fed in run order
 *
 * // simulate.ts — Monte Carlo in this thread; Node callers use scenario/node.ts for worker threads
 * export function simulate(s: Scenario, opts: SimulateOptions): Promise<SimulationResult>
 * export function compare(ss: Scenario[], opts: SimulateOptions): Promise<ComparisonResult>
 *   // SimulateOptions = { runs; seed; years?; workers?; onProgress?; runner?: BatchRunner }
 * export type BatchJob = { scenarios: Scenario[]; seed: number|string; run: number; years?: number }
 * export type BatchRunner = (jobs, onResult: (index: number, outputs: RunOutput[]) => void, onProgress?) => Promise<void>
 *
 * // snapshots.ts — opt-in recording of one run's network, year by year (docs/model.md 3.7)
 * export function recordNetwork(s: Scenario, seed, run: number, opts?: { years?; name? }): { output: RunOutput; network: NetworkHistory }
 * export class NetworkRecorder { onYear(t, st): void; result(): NetworkHistory }   // pass onYear to runOnce
 * export function historyCounts(h: NetworkHistory, t: number): { actors; ties; meanTrust }
 *
 * // format.ts — resultToJson, simulationTable, comparisonTable, simulationCsv
 * // start-network.ts — startStateFromNetwork(net: Network): StartState
 *
 * // node.ts (NOT re-exported here: Node-only; import 'src/scenario/node.js' / 'dist/scenario/node.js')
 * export function loadScenarioFile(path: string): Scenario           // resolves start.network relative to the file
 * export function resolveStart(s: Scenario, baseDir: string, file: string): Scenario
 * export function runBatch(jobs: BatchJob[], onResult: (index, outputs) => void,
 *                          opts?: { workers?; chunk?; onProgress? }): Promise<void>
 *   // results arrive in job order whatever the number of threads (piscina pool of dist/scenario/worker.js;
 *   // from the TypeScript sources there is no compiled worker and the jobs run in this thread)
 * export function simulate(...), compare(...)   // as above; workers > 1 use the pool
 * ```
 */
export * from './schema.js';
export * from './parse.js';
export * from './engine.js';
export * from './aggregate.js';
export * from './simulate.js';
export * from './format.js';
export * from './start-network.js';
export * from './snapshots.js';
export type { SimState } from './state.js';
