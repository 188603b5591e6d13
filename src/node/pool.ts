/**
 * The one worker pool of the Node layer: piscina threads running `worker.js` (beside this module),
 * which does three kinds of task — a chunk of scenario replications (scenario.ts), a block of
 * betweenness sources (parallel-centrality.ts) and a chunk of calibration simulations
 * (calibrate.ts). Results are always delivered in task order
 * ({@link runInOrder}), so every result is the same bytes whatever the number of threads.
 *
 * - {@link defaultWorkers}: the one rule for the default number of threads (the available cores).
 * - {@link startPool}: threads started now, e.g. while the caller still loads and validates its
 *   input, so that their start-up overlaps that work; the caller destroys the pool when done.
 * - {@link sharedPool}: a process-wide pool, created on first use and reused by later calls (an
 *   `analyze` runs centrality and cross-helix betweenness: the second call does not pay the start-up).
 *   Idle piscina threads are unref'd, so the pool never keeps the process alive.
 *
 * The worker is the compiled `dist/node/worker.js`, loaded through the CommonJS shim
 * `dist/node/worker-entry.cjs` (worker-entry.cts says why). Run from the TypeScript sources (e.g. under
 * vitest) there is no compiled worker: {@link startPool} and {@link sharedPool} return undefined and
 * callers compute in the calling thread (same results).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina as PiscinaClass } from 'piscina';
import type { WorkerTask } from './worker.js';

/** piscina, loaded when the first pool starts (commands that never start threads do not pay for it). */
function piscina(): typeof PiscinaClass {
  return (createRequire(import.meta.url)('piscina') as { Piscina: typeof PiscinaClass }).Piscina;
}

/** Default worker threads for every command and function of the Node layer: the available cores. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Worker threads running HelixLab tasks; see {@link startPool} and {@link sharedPool}. */
export interface WorkerPool {
  readonly workers: number;
  /** Run one task on a free thread. */
  run<T>(task: WorkerTask): Promise<T>;
  /** End the threads (pending tasks are rejected). Idempotent. */
  destroy(): Promise<void>;
}

function workerFile(): string | undefined {
  // the CommonJS shim that import()s worker.js (worker-entry.cts says why)
  const path = fileURLToPath(new URL('./worker-entry.cjs', import.meta.url));
  return existsSync(path) ? path : undefined;
}

/**
 * Start `workers` threads now. Returns undefined when tasks would run in this thread anyway
 * (`workers` ≤ 1, or no compiled worker).
 */
export function startPool(workers: number): WorkerPool | undefined {
  const w = Math.max(1, Math.floor(workers));
  const filename = workerFile();
  if (w <= 1 || !filename) return undefined;
  const Piscina = piscina();
  const pool = new Piscina({ filename, minThreads: w, maxThreads: w, idleTimeout: 1000 });
  let destroyed: Promise<void> | undefined;
  return {
    workers: w,
    run: <T>(task: WorkerTask) => pool.run(task) as Promise<T>,
    destroy: () => (destroyed ??= pool.destroy()),
  };
}

let shared: WorkerPool | undefined;

/**
 * The process-wide pool with `workers` threads (started on first use; a request for another size
 * replaces it). Undefined when `workers` ≤ 1 or there is no compiled worker.
 */
export function sharedPool(workers = defaultWorkers()): WorkerPool | undefined {
  const w = Math.max(1, Math.floor(workers));
  if (shared && shared.workers === w) return shared;
  if (w <= 1 || !workerFile()) return undefined;
  if (shared) void shared.destroy();
  shared = startPool(w);
  return shared;
}

/** End the process-wide pool (optional: its idle threads never keep the process alive). */
export async function closeSharedPool(): Promise<void> {
  const p = shared;
  shared = undefined;
  await p?.destroy();
}

/**
 * Run tasks 0…count−1 on `pool` with at most `window` tasks in flight, and hand each result to
 * `deliver` strictly in task order (results that arrive early wait). Rejects with the first error,
 * from a task or from `deliver` (no later result is delivered).
 */
export function runInOrder<T>(
  pool: WorkerPool,
  count: number,
  task: (k: number) => WorkerTask,
  deliver: (k: number, result: T) => void,
  window: number,
): Promise<void> {
  if (count === 0) return Promise.resolve();
  const ready = new Map<number, T>();
  let nextTask = 0;
  let nextDeliver = 0;
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const launch = (): void => {
      while (!failed && nextTask < count && nextTask - nextDeliver < window) {
        const k = nextTask++;
        pool.run<T>(task(k)).then((res) => {
          if (failed) return;
          ready.set(k, res);
          try {
            for (let r = ready.get(nextDeliver); r !== undefined; r = ready.get(nextDeliver)) {
              ready.delete(nextDeliver);
              deliver(nextDeliver++, r);
            }
          } catch (err) {
            fail(err);
            return;
          }
          if (nextDeliver === count) resolve();
          else launch();
        }, fail);
      }
    };
    launch();
  });
}
