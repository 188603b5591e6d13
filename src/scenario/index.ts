/**
 * Scenario engine barrel (browser-safe: nothing here imports `node:*`).
 *
 * Public API (owner: E). Signatures kept stable for the batch tools (F):
 *
 * ```ts
 * // schema.ts — the scenario document, filled with defaults
 * export interface Scenario { name; description?; years; start; network; growth; trust; coordination;
 *                             governance; funding; projects; impact; shocks; ... }   // see schema.ts
 * export const SCENARIO_SCHEMA: object                          // = schemas/scenario.schema.json
 * export function parseScenario(text: string, file: string): Scenario   // validated; InputError file:line: field
 * export function validateScenario(doc: unknown, file: string, text?: string): Scenario
 * export function applySet(s: Scenario, assignment: string, label?: string): Scenario  // 'a.b.c=<json>', validated again
 * export function scenarioName(s: Scenario): string
 *
 * // engine.ts — one replication, pure and deterministic
 * export const SCENARIO_METRICS: readonly MetricName[]
 * export function runOnce(s: Scenario, seed: number|string, run: number, opts?: { years?: number }): RunOutput
 *   // RunOutput = { metrics: Record<MetricName, Float64Array> (length years+1, index 0 = start), diagnostics }
 *   // run r uses createRng(seed).stream('run', r); mechanisms use runRng.stream('<mechanism>')
 *
 * // aggregate.ts
 * export class StreamingSummary { add(x); result(): { n, mean, sd, p05, p50, p95, ci95 } }
 * export class RunAggregator  // per metric × year summaries fed in run order
 *
 * // simulate.ts — in-process (single thread) Monte Carlo; Node callers use scenario/node.ts for workers
 * export function simulate(s, opts: SimulateOptions): Promise<SimulationResult>
 * export function compare(ss: Scenario[], opts: SimulateOptions): Promise<ComparisonResult>
 *   // SimulateOptions = { runs; seed; years?; workers?; onProgress?; runner?: BatchRunner }
 * export type BatchRunner = (jobs: BatchJob[], onResult: (index: number, out: RunOutput[]) => void,
 *                            onProgress?) => Promise<void>   // onResult called in job order
 *
 * // node.ts (NOT re-exported here: Node-only; import from 'src/scenario/node.js' / 'dist/scenario/node.js')
 * export function loadScenarioFile(path: string): Scenario           // resolves start.network relative to the file
 * export function runBatch(jobs: BatchJob[], opts: { workers: number; onResult; onProgress?; chunk? }): Promise<void>
 *   // BatchJob = { scenarios: Scenario[]; seed: number|string; run: number; years?: number }
 *   // results arrive in job order whatever the number of threads (piscina pool of dist/scenario/worker.js)
 * export function simulate(...same as above, workers > 1 use the pool)
 * export function compare(...same as above)
 * ```
 */
export * from './schema.js';
export * from './parse.js';
export * from './engine.js';
export * from './aggregate.js';
export * from './simulate.js';
export * from './format.js';
export * from './start-network.js';
