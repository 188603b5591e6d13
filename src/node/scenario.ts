/**
 * Scenarios in Node: files ({@link loadScenarioFile}, {@link resolveStart}) and replications on the
 * worker pool ({@link runBatch}; {@link simulate} and {@link compare} on threads when `workers > 1`).
 *
 * The pool gets jobs in chunks ({@link defaultChunk}: 25 to 200 jobs per task; one structured clone
 * of the scenarios per chunk, one transferred buffer back, decoded into views without copying); at
 * most 4 × workers chunks are in flight and results are released in job order as soon as every
 * earlier job has been delivered, so memory stays flat in the number of runs and the aggregates are
 * the same bytes for any number of threads. The last rounds use smaller chunks ({@link taskStarts})
 * so the threads finish together. With one thread, no compiled worker, or no more jobs than one
 * chunk, the jobs run in this thread (same results).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { readNetworkFiles } from './files.js';
import { applySet, parseScenario } from '../scenario/parse.js';
import { attachEqualMoney } from '../scenario/money.js';
import { parseAssumptionRegister, type AssumptionRegister } from '../scenario/assumptions.js';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../scenario/schema.js';
import { startStateFromNetwork } from '../scenario/start-network.js';
import {
  compare as compareWith,
  inProcessRunner,
  simulate as simulateWith,
  type BatchJob,
  type BatchRunner,
  type ComparisonResult,
  type SimulateOptions,
  type SimulationResult,
} from '../scenario/simulate.js';
import type { RunOutput } from '../scenario/engine.js';
import { defaultWorkers, runInOrder, startPool, type WorkerPool } from './pool.js';
import { decodeScenarioChunk } from './tasks/scenario.js';
import { checkPosteriorFor, parsePosteriorSample, type PosteriorSample } from '../scenario/posterior.js';

/** Load the start network of a scenario (path relative to `baseDir`). */
export function resolveStart(s: Scenario, baseDir: string, file: string): Scenario {
  if (s.start.network === undefined || s.start.resolved) return s;
  const path = resolve(baseDir, s.start.network);
  if (!existsSync(path)) {
    throw new InputError([
      {
        severity: 'error',
        file,
        field: 'start.network',
        code: 'missing-file',
        message: `start network '${s.start.network}' not found (looked for ${path})`,
      },
    ]);
  }
  const net = readNetworkFiles([path]).network;
  const out = structuredClone(s);
  out.start.resolved = startStateFromNetwork(net, s.start.network);
  return out;
}

/** Read, validate and complete a scenario file; `start.network` is read relative to the file. */
export function loadScenarioFile(path: string): Scenario {
  return loadScenarioWithSets(path, []);
}

/**
 * Read a scenario file, apply `--set` assignments (`path=<json>`) in order (each validated), then
 * load its start network relative to the file. A scenario that declares `equalMoney` gets its
 * reference scenario (relative to the file) read with the same assignments attached (money.ts).
 */
export function loadScenarioWithSets(path: string, sets: readonly string[], label = '--set'): Scenario {
  let s = parseScenario(readFileSync(path, 'utf8'), path);
  for (const a of sets) s = applySet(s, a, label);
  const dir = dirname(resolve(path));
  if (s.equalMoney) {
    const refPath = resolve(dir, s.equalMoney.with);
    if (!existsSync(refPath)) {
      throw new InputError([
        {
          severity: 'error',
          file: path,
          field: 'equalMoney.with',
          code: 'missing-file',
          message: `'${s.equalMoney.with}' not found (looked for ${refPath})`,
        },
      ]);
    }
    let ref = parseScenario(readFileSync(refPath, 'utf8'), refPath);
    for (const a of sets) ref = applySet(ref, a, label);
    s = attachEqualMoney(s, ref, path);
  }
  return resolveStart(s, dir, path);
}

/** The bundled assumption register, `scenarios/assumptions.json` of the package. */
export function bundledAssumptionsPath(): string {
  // dist/node/scenario.js → the package root is two levels up
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios', 'assumptions.json');
}

/** Read and check an assumption register (default: the bundled one). */
export function loadAssumptionRegister(path: string = bundledAssumptionsPath()): AssumptionRegister {
  if (!existsSync(path)) {
    throw new InputError([{ severity: 'error', file: path, code: 'missing-file', message: 'no such file (the assumption register)' }]);
  }
  return parseAssumptionRegister(readFileSync(path, 'utf8'), path);
}

export interface RunBatchOptions {
  /** Worker threads (default: {@link defaultWorkers}). 1 runs in this thread. */
  workers?: number;
  /**
   * A pool started earlier with `startPool` (its threads then start while the caller is still
   * loading and validating): used instead of starting one, and left running (the caller destroys it).
   */
  pool?: WorkerPool;
  /** Jobs per task sent to a worker (default {@link defaultChunk}: 25 to 200). */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Default jobs per task: about 8 tasks per thread (so threads finish together and the first
 * results come early), at least 25 jobs (message and cloning costs stay small against the runs) and
 * at most 200 (results of a task are held until delivered: memory per task stays small).
 */
export function defaultChunk(jobs: number, workers: number): number {
  return Math.max(25, Math.min(200, Math.ceil(jobs / (8 * Math.max(1, workers)))));
}

/**
 * Whether `jobs` jobs go to `workers` threads at all: more than one thread and more jobs than one
 * task of `chunk` (default {@link defaultChunk}); otherwise they run in the calling thread.
 */
export function worthThreads(jobs: number, workers: number, chunk = defaultChunk(jobs, workers)): boolean {
  return workers > 1 && jobs > chunk;
}

/**
 * Threads started before the scenarios are loaded and validated (their start-up overlaps that),
 * when `jobs` jobs will go to threads anyway; undefined otherwise. Destroy it when done.
 */
export function earlyPool(jobs: number, workers: number): WorkerPool | undefined {
  return worthThreads(jobs, workers) ? startPool(workers) : undefined;
}

/** Smallest task at the end of a batch (see {@link taskStarts}). */
export const MIN_TAIL_CHUNK = 10;

/**
 * Where each task starts (and, last, `jobs`). Tasks of `chunk` jobs; with `taper`, the tasks of the
 * last rounds shrink (to at least {@link MIN_TAIL_CHUNK} jobs) so that the threads finish close
 * together instead of one thread running a whole last chunk alone. Which jobs go together does
 * not change any result (results are delivered in job order).
 */
export function taskStarts(jobs: number, chunk: number, workers: number, taper: boolean): number[] {
  const starts = [0];
  let at = 0;
  while (at < jobs) {
    const left = jobs - at;
    let size = chunk;
    // the last ~2 rounds: about a quarter of what is left per thread
    if (taper && left < 2 * workers * chunk) size = Math.max(MIN_TAIL_CHUNK, Math.min(chunk, Math.ceil(left / (4 * workers))));
    at = Math.min(jobs, at + size);
    starts.push(at);
  }
  return starts;
}

/**
 * Run jobs on `workers` threads; `onResult(index, outputs)` is called in job order. For the batch
 * tools: one job = one replication of one or more scenarios (several when they are compared under
 * common random numbers).
 */
export async function runBatch(
  jobs: readonly BatchJob[],
  onResult: (index: number, outputs: RunOutput[]) => void,
  opts: RunBatchOptions = {},
): Promise<void> {
  if (jobs.length === 0) return;
  const given = opts.pool;
  const workers = given ? given.workers : Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
  const chunk = Math.max(1, Math.floor(opts.chunk ?? defaultChunk(jobs.length, workers)));
  // one chunk or less: starting threads would cost more than it saves (a pool already started is
  // used whatever the size)
  const pool = given ?? (worthThreads(jobs.length, workers, chunk) ? startPool(workers) : undefined);
  if (!pool) return inProcessRunner(jobs, onResult, opts.onProgress);
  const starts = taskStarts(jobs.length, chunk, workers, opts.chunk === undefined);
  const slice = (k: number): BatchJob[] => jobs.slice(starts[k], starts[k + 1]);
  let done = 0;
  try {
    await runInOrder<ArrayBuffer>(
      pool,
      starts.length - 1,
      (k) => ({ kind: 'scenario-chunk', jobs: slice(k) }),
      (k, buf) => {
        const outs = decodeScenarioChunk(slice(k), new Float64Array(buf));
        const base = starts[k] ?? 0;
        outs.forEach((o, i) => onResult(base + i, o));
        done += outs.length;
        opts.onProgress?.(done, jobs.length);
      },
      workers * 4,
    );
  } finally {
    if (!given) await pool.destroy();
  }
}

/**
 * A `BatchRunner` on worker threads, for {@link simulate}/{@link compare} (`opts.runner`): `workers`
 * threads started when the runs begin, or a pool started earlier with `startPool`.
 */
export function poolRunner(workers: number | WorkerPool, chunk?: number): BatchRunner {
  return (jobs, onResult, onProgress) => {
    const o: RunBatchOptions = typeof workers === 'number' ? { workers } : { pool: workers };
    if (chunk !== undefined) o.chunk = chunk;
    if (onProgress) o.onProgress = onProgress;
    return runBatch(jobs, onResult, o);
  };
}

function withPool(opts: SimulateOptions): SimulateOptions {
  if (opts.runner || !opts.workers || opts.workers <= 1) return opts;
  return { ...opts, runner: poolRunner(opts.workers) };
}

/** Monte Carlo of one scenario; `workers > 1` runs on worker threads (same bytes as one thread). */
export function simulate(s: Scenario, opts: SimulateOptions): Promise<SimulationResult> {
  return simulateWith(s, withPool(opts));
}

/** Scenarios compared under common random numbers; `workers > 1` runs on worker threads. */
export function compare(ss: Scenario[], opts: SimulateOptions): Promise<ComparisonResult> {
  return compareWith(ss, withPool(opts));
}

/** A scenario's posterior sample, resolved ({@link resolvePosterior}). */
export interface ResolvedPosterior {
  /** null: the runs keep the scenario's own parameter values. */
  posterior: PosteriorSample | null;
  /** For people (e.g. the scenario changed since the posterior was made). */
  warnings: string[];
}

/**
 * The posterior sample the runs of `s` (read from `scenarioFile`) draw their parameters from:
 * `option` 'none' → none; a file → that file; absent → the scenario's own `posterior` field (a file
 * relative to the scenario file), if it has one. The sample must belong to the scenario (posterior.ts
 * `checkPosteriorFor`: the same scenario name unless the scenario file declares the file itself,
 * every parameter a numeric parameter of the scenario with legal values); otherwise an `InputError`
 * naming the posterior file (exit 2).
 */
export function resolvePosterior(s: Scenario, scenarioFile: string, option?: string): ResolvedPosterior {
  if (option === 'none') return { posterior: null, warnings: [] };
  const declaredPath = s.posterior !== undefined ? join(dirname(scenarioFile), s.posterior) : undefined;
  const path = option ?? declaredPath;
  if (path === undefined) return { posterior: null, warnings: [] };
  if (!existsSync(path)) {
    const where =
      option === undefined
        ? { file: scenarioFile, field: 'posterior', message: `the posterior sample '${s.posterior}' was not found (looked for ${path})` }
        : { file: path, message: 'no such file (a posterior sample: posterior-sample.csv of `helixlab calibrate --out DIR`, or none)' };
    throw new InputError([{ severity: 'error', code: 'missing-file', ...where }]);
  }
  const post = parsePosteriorSample(readFileSync(path, 'utf8'), path);
  const declared = declaredPath !== undefined && resolve(declaredPath) === resolve(path);
  return { posterior: post, warnings: checkPosteriorFor(post, s, declared) };
}
