/**
 * Node-only: betweenness (and the closeness pass that rides on it) with the sources split across
 * worker threads. Same numbers as betweenness.ts / centrality.ts, bit for bit, whatever the number of
 * workers: the source list is cut into fixed blocks of BLOCK_SIZE sources, workers take blocks as they
 * become free, each returns its block's partial sums, and the main thread adds the blocks strictly in
 * block order (buffering blocks that arrive early).
 *
 * The CSR is copied once per call into SharedArrayBuffers that all workers read. The threads are pooled
 * and reused by later calls in the same process; idle ones are unref'd (they never keep the process
 * alive; `closeBetweennessPool()` ends them). This file is also the worker's entry point (it recognises
 * itself through `workerData.kind`). Run from the compiled `dist/` (the worker
 * loads this module's .js file). Browser code must not import this module (it imports node:worker_threads).
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { SimpleGraph } from '../model/network.js';
import {
  addBlock,
  blockCount,
  BrandesWorkspace,
  inverseWeights,
  newTotals,
  prepareRun,
  rescaleBetweenness,
  runAllBlocks,
  runBlock,
  betweennessSources,
  crossBlockOptions,
  crossGroups,
  finishCross,
  type BetweennessOptions,
  type CrossHelixOptions,
  type BlockOptions,
  type BlockResult,
  type Totals,
} from './betweenness.js';
import {
  centralityWithoutPaths,
  finishPaths,
  pathPlan,
  type CentralityOptions,
  type CentralityResult,
} from './centrality.js';
import { toCsr, type Csr } from './csr.js';

const KIND = 'helixlab-betweenness-worker';

/** A run's data, sent once to every worker of the pool (the arrays live in SharedArrayBuffers). */
interface RunInit {
  type: 'init';
  run: number;
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  sources: Int32Array;
  opts: BlockOptions;
}

interface BlockRequest {
  type: 'block';
  run: number;
  block: number;
}

interface BlockMessage {
  run: number;
  block: number;
  result: BlockResult;
}

function shared<T extends Int32Array | Float64Array>(a: T): T {
  const buf = new SharedArrayBuffer(a.byteLength);
  const copy = (a instanceof Int32Array ? new Int32Array(buf) : new Float64Array(buf)) as T;
  copy.set(a as never);
  return copy;
}

/** Default worker count: the machine's available parallelism. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The worker pool, created on first use and kept for later calls in the same process (an `analyze`
 * computes centrality and cross-helix betweenness: the second call does not pay the thread start-up).
 * Idle workers are unref'd, so they never keep the process alive. Runs are serialised.
 */
const pool: Worker[] = [];
let runCounter = 0;
let queue: Promise<unknown> = Promise.resolve();

/** Terminate the pooled worker threads (optional: idle workers do not keep the process alive). */
export async function closeBetweennessPool(): Promise<void> {
  const ws = pool.splice(0, pool.length);
  await Promise.all(ws.map((w) => w.terminate()));
}

/**
 * Start the pooled threads now (optional): a CLI can call this before reading its input, so that thread
 * start-up overlaps with parsing. Idle threads never keep the process alive.
 */
export function warmBetweennessPool(workers = defaultWorkers()): void {
  if (workers > 1) ensurePool(Math.floor(workers));
}

function ensurePool(size: number): Worker[] {
  while (pool.length < size) {
    const w = new Worker(new URL(import.meta.url), { workerData: { kind: KIND } });
    w.unref();
    w.on('exit', () => {
      const i = pool.indexOf(w);
      if (i >= 0) pool.splice(i, 1);
    });
    pool.push(w);
  }
  return pool.slice(0, size);
}

/**
 * Run all source blocks on `workers` threads (≤ 1: in the calling thread) and add the block results in
 * block order.
 */
export function runBlocksParallel(csr0: Csr, sources0: Int32Array, opts0: BlockOptions, workers = defaultWorkers()): Promise<Totals> {
  const next = queue.then(
    () => runBlocksNow(csr0, sources0, opts0, workers),
    () => runBlocksNow(csr0, sources0, opts0, workers),
  );
  queue = next.catch(() => undefined);
  return next;
}

async function runBlocksNow(csr0: Csr, sources0: Int32Array, opts0: BlockOptions, workers: number): Promise<Totals> {
  const nb = blockCount(sources0.length);
  const nw = Math.min(Math.max(1, Math.floor(workers)), nb);
  if (nw <= 1) return runAllBlocks(csr0, sources0, opts0);
  const run = prepareRun(csr0, sources0, opts0);
  const { csr, sources, opts } = run;
  const id = ++runCounter;
  const init: RunInit = {
    type: 'init',
    run: id,
    n: csr.n,
    offsets: shared(csr.offsets),
    targets: shared(csr.targets),
    weights: shared(csr.weights),
    sources: shared(sources),
    opts,
  };
  const tot = newTotals(csr.n, sources.length, opts);
  const pending = new Map<number, BlockResult>();
  let nextToAdd = 0;
  let nextToSend = 0;
  const ws = ensurePool(nw);
  const cleanups: (() => void)[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let done = false;
      const fail = (err: unknown) => {
        if (done) return;
        done = true;
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      const send = (w: Worker) => {
        if (nextToSend < nb) w.postMessage({ type: 'block', run: id, block: nextToSend++ } satisfies BlockRequest);
      };
      for (const w of ws) {
        w.ref();
        const onMessage = (msg: BlockMessage) => {
          if (msg.run !== id || done) return;
          pending.set(msg.block, msg.result);
          while (pending.has(nextToAdd)) {
            addBlock(tot, nextToAdd, pending.get(nextToAdd)!);
            pending.delete(nextToAdd);
            nextToAdd++;
          }
          if (nextToAdd === nb) {
            done = true;
            resolve();
          } else send(w);
        };
        const onError = (err: Error) => fail(err);
        const onExit = (code: number) => fail(new Error(`betweenness worker exited with code ${code}`));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        cleanups.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
          w.unref();
        });
        w.postMessage(init);
        // two blocks in flight per worker, so that a worker never waits for the main thread
        send(w);
        send(w);
      }
    });
  } catch (e) {
    await closeBetweennessPool();
    throw e;
  } finally {
    for (const c of cleanups) c();
  }
  return run.finish(tot);
}

/** `betweenness(csr, opts)` computed on worker threads (identical result). */
export async function betweennessParallel(
  g: Csr | SimpleGraph,
  opts: BetweennessOptions & { workers?: number } = {},
): Promise<Float64Array> {
  const csr = 'offsets' in g && 'targets' in g ? (g as Csr) : toCsr(g as SimpleGraph);
  const plan = betweennessSources(csr, opts, opts.twins === false ? false : {});
  const block: BlockOptions = { distance: opts.distance ?? 'hops', targets: { kind: 'all' } };
  if (plan.mult) block.mult = plan.mult;
  const tot = await runBlocksParallel(csr, plan.sources, block, opts.workers);
  return rescaleBetweenness(tot.bc, csr.n, opts.normalized ?? true, plan.sampled ? plan.sources : undefined);
}

/** `crossHelixBetweenness(g, groupAttr, opts)` computed on worker threads (identical result). */
export async function crossHelixBetweennessParallel(
  g: SimpleGraph | Csr,
  groupAttr: string | ArrayLike<string | number> = 'helix',
  opts: CrossHelixOptions & { workers?: number } = {},
): Promise<Float64Array> {
  const csr = 'offsets' in g && 'targets' in g ? (g as Csr) : toCsr(g as SimpleGraph);
  const groups = crossGroups(g, csr, groupAttr);
  const plan = betweennessSources(csr, opts, { groups });
  const tot = await runBlocksParallel(csr, plan.sources, crossBlockOptions(plan, groups, opts), opts.workers);
  return finishCross(tot.bc, plan, groups, opts);
}

/**
 * `centrality(g, opts)` with the shortest-path work (betweenness, closeness) on worker threads; the other
 * measures are computed in the calling thread meanwhile. Identical result to `centrality`.
 */
export async function centralityParallel(
  g: SimpleGraph | Csr,
  opts: CentralityOptions & { workers?: number } = {},
): Promise<CentralityResult> {
  const csr = 'offsets' in g && 'targets' in g ? (g as Csr) : toCsr(g as SimpleGraph);
  const groups = opts.crossGroups === undefined ? undefined : crossGroups(g, csr, opts.crossGroups);
  const plan = pathPlan(csr, opts, groups);
  const running = runBlocksParallel(csr, plan.sources, plan.block, opts.workers);
  let rest: ReturnType<typeof centralityWithoutPaths>;
  try {
    rest = centralityWithoutPaths(csr);
  } catch (e) {
    await running.catch(() => undefined);
    throw e;
  }
  const tot = await running;
  const paths = finishPaths(csr, plan, tot, opts);
  if (paths.note) rest.graph.betweennessNote = paths.note;
  const out: CentralityResult = { ...rest, betweenness: paths.betweenness, closeness: paths.closeness };
  if (paths.crossHelixBetweenness) out.crossHelixBetweenness = paths.crossHelixBetweenness;
  return out;
}

// ---- worker side ----
if (!isMainThread && parentPort && (workerData as { kind?: string } | undefined)?.kind === KIND) {
  const port = parentPort;
  let current: { run: number; csr: Csr; sources: Int32Array; opts: BlockOptions; inv?: Float64Array } | undefined;
  let ws: BrandesWorkspace | undefined;
  port.on('message', (msg: RunInit | BlockRequest) => {
    if (msg.type === 'init') {
      const csr: Csr = { n: msg.n, offsets: msg.offsets, targets: msg.targets, weights: msg.weights, ids: [] };
      current = { run: msg.run, csr, sources: msg.sources, opts: msg.opts };
      if (msg.opts.distance === 'inverse-weight') current.inv = inverseWeights(csr);
      ws = new BrandesWorkspace(csr.n); // fresh per run: hop runs leave σ/coefficients stale by design
      return;
    }
    if (!current || current.run !== msg.run) throw new Error(`betweenness worker: block for unknown run ${msg.run}`);
    const result = runBlock(current.csr, current.sources, msg.block, current.opts, ws, current.inv);
    const transfer: ArrayBuffer[] = [result.bc.buffer as ArrayBuffer];
    for (const a of [result.bc2, result.srcDistSum, result.srcReached, result.nodeDistSum, result.nodeReached]) if (a) transfer.push(a.buffer as ArrayBuffer);
    port.postMessage({ run: msg.run, block: msg.block, result } satisfies BlockMessage, transfer);
  });
}
