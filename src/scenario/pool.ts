/**
 * The worker pool (Node only): runs replications on worker threads with piscina and hands the
 * results back **in job order**, whatever order the threads finish in, so aggregates are the same
 * bytes for any number of threads.
 *
 * Jobs are cut into chunks ({@link defaultChunk}: 25 to 200 jobs per task; one structured clone of
 * the scenarios per chunk, one transferred buffer back, decoded into views without copying); at most
 * 4 × workers chunks are in flight and results are released as soon as every earlier job has been
 * delivered, so memory stays flat in the number of runs.
 *
 * The last rounds use smaller chunks ({@link taskStarts}) so the threads finish together. A caller
 * can start the threads early ({@link startPool}) so that their start-up (thread, module loading)
 * overlaps its own loading and validation, and pass the pool in.
 *
 * With one thread, or no more jobs than one chunk, the jobs run in this thread. The worker is
 * `worker.js` beside this module. Run from the TypeScript sources (e.g. under vitest)
 * there is no compiled worker: the pool then runs the jobs in this thread (same results).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { SCENARIO_METRICS, type MetricName, type RunOutput } from './engine.js';
import { inProcessRunner, type BatchJob, type BatchRunner } from './simulate.js';
import { DIAG_FIELDS, jobSize } from './worker.js';

export interface RunBatchOptions {
  /** Worker threads (default: available parallelism). 1 runs in this thread. */
  workers?: number;
  /**
   * A pool started earlier with {@link startPool} (its threads then start while the caller is still
   * loading and validating): used instead of starting one, and left running (the caller destroys it).
   */
  pool?: ScenarioPool;
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

/** Worker threads started ahead of the jobs; see {@link startPool}. */
export interface ScenarioPool {
  readonly workers: number;
  /** @internal */
  readonly piscina: Piscina;
  destroy(): Promise<void>;
}

/**
 * Start `workers` threads now (each loads the engine as it starts), so that their start-up
 * overlaps whatever the caller does before the first job — loading and validating the scenario,
 * expanding a grid. Returns undefined when jobs would run in this thread anyway (`workers` ≤ 1 or
 * no compiled worker). Pass the pool to {@link runBatch} (`opts.pool`); destroy it when done.
 */
export function startPool(workers: number): ScenarioPool | undefined {
  const w = Math.max(1, Math.floor(workers));
  const file = workerFile();
  if (w <= 1 || !file) return undefined;
  const piscina = new Piscina({ filename: file, minThreads: w, maxThreads: w, idleTimeout: 1000 });
  let destroyed: Promise<void> | undefined;
  return {
    workers: w,
    piscina,
    destroy: () => (destroyed ??= piscina.destroy()),
  };
}

function workerFile(): string | undefined {
  const url = new URL('./worker.js', import.meta.url);
  const path = fileURLToPath(url);
  return existsSync(path) ? path : undefined;
}

function decode(jobs: readonly BatchJob[], buf: Float64Array): RunOutput[][] {
  const out: RunOutput[][] = [];
  let r = 0;
  for (const j of jobs) {
    const years = j.years ?? j.scenarios[0]!.years;
    const perJob: RunOutput[] = [];
    for (let s = 0; s < j.scenarios.length; s++) {
      const metrics = {} as Record<MetricName, Float64Array>;
      for (const m of SCENARIO_METRICS) {
        metrics[m] = buf.subarray(r, r + years + 1); // a view: no copy per metric and run
        r += years + 1;
      }
      perJob.push({
        metrics,
        diagnostics: { renewalPairs: buf[r]!, renewedAfterEnd: buf[r + 1]!, left: buf[r + 2]!, meanValue: buf[r + 3]! },
      });
      r += DIAG_FIELDS;
    }
    out.push(perJob);
  }
  return out;
}

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

/** Smallest task at the end of a batch (see {@link taskStarts}). */
export const MIN_TAIL_CHUNK = 10;

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
  const workers = given ? given.workers : Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
  const file = workerFile();
  const chunk = Math.max(1, Math.floor(opts.chunk ?? defaultChunk(jobs.length, workers)));
  // one chunk or less: starting threads would cost more than it saves (a pool already started is
  // used whatever the size)
  if (!given && (!file || !worthThreads(jobs.length, workers, chunk))) return inProcessRunner(jobs, onResult, opts.onProgress);
  const starts = taskStarts(jobs.length, chunk, workers, opts.chunk === undefined);
  const nTasks = starts.length - 1;
  const pool = given ? given.piscina : new Piscina({ filename: file!, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  const ready = new Map<number, RunOutput[][]>();
  let nextTask = 0;
  let nextDeliver = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const launch = (): void => {
        while (!failed && nextTask < nTasks && nextTask - nextDeliver < workers * 4) {
          const k = nextTask++;
          const slice = jobs.slice(starts[k]!, starts[k + 1]!);
          pool.run({ jobs: slice }).then(
            (res: ArrayBuffer) => {
              if (failed) return;
              ready.set(k, decode(slice, new Float64Array(res)));
              try {
                while (ready.has(nextDeliver)) {
                  const outs = ready.get(nextDeliver)!;
                  ready.delete(nextDeliver);
                  const base = starts[nextDeliver]!;
                  outs.forEach((o, i) => onResult(base + i, o));
                  done += outs.length;
                  opts.onProgress?.(done, jobs.length);
                  nextDeliver++;
                }
              } catch (err) {
                failed = true;
                reject(err);
                return;
              }
              if (nextDeliver === nTasks) resolve();
              else launch();
            },
            (err: unknown) => {
              failed = true;
              reject(err);
            },
          );
        }
      };
      launch();
    });
  } finally {
    if (!given) await pool.destroy();
  }
}

/**
 * A {@link BatchRunner} on worker threads, for `simulate`/`compare` (`opts.runner`): `workers`
 * threads started when the runs begin, or a pool started earlier with {@link startPool}.
 */
export function poolRunner(workers: number | ScenarioPool, chunk?: number): BatchRunner {
  return (jobs, onResult, onProgress) => {
    const o: RunBatchOptions = typeof workers === 'number' ? { workers } : { pool: workers };
    if (chunk !== undefined) o.chunk = chunk;
    if (onProgress) o.onProgress = onProgress;
    return runBatch(jobs, onResult, o);
  };
}

export { jobSize };
