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
 * Run jobs on `workers` threads; `onResult(index, outputs)` is called in job order. For the batch
 * tools: one job = one replication of one or more scenarios (several when they are compared under
 * common random numbers).
 */
export async function runBatch(
  jobs: readonly BatchJob[],
  onResult: (index: number, outputs: RunOutput[]) => void,
  opts: RunBatchOptions = {},
): Promise<void> {
  const workers = Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
  const file = workerFile();
  const chunk = Math.max(1, Math.floor(opts.chunk ?? defaultChunk(jobs.length, workers)));
  // one chunk or less: starting threads would cost more than it saves
  if (workers <= 1 || !file || jobs.length <= chunk) return inProcessRunner(jobs, onResult, opts.onProgress);
  const nTasks = Math.ceil(jobs.length / chunk);
  const pool = new Piscina({ filename: file, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
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
          const slice = jobs.slice(k * chunk, Math.min(jobs.length, (k + 1) * chunk));
          pool.run({ jobs: slice }).then(
            (res: ArrayBuffer) => {
              if (failed) return;
              ready.set(k, decode(slice, new Float64Array(res)));
              try {
                while (ready.has(nextDeliver)) {
                  const outs = ready.get(nextDeliver)!;
                  ready.delete(nextDeliver);
                  const base = nextDeliver * chunk;
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
    await pool.destroy();
  }
}

/** A {@link BatchRunner} on the pool, for `simulate`/`compare` (`opts.runner`). */
export function poolRunner(workers: number, chunk?: number): BatchRunner {
  return (jobs, onResult, onProgress) => {
    const o: RunBatchOptions = { workers };
    if (chunk !== undefined) o.chunk = chunk;
    if (onProgress) o.onProgress = onProgress;
    return runBatch(jobs, onResult, o);
  };
}

export { jobSize };
