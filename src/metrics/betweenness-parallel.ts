/**
 * Node-only: betweenness (and the closeness pass that rides on it) with the sources split across
 * worker threads. Same numbers as betweenness.ts / centrality.ts, bit for bit, whatever the number of
 * workers: the source list is cut into fixed blocks of BLOCK_SIZE sources, workers take blocks as they
 * become free, each returns its block's partial sums, and the main thread adds the blocks strictly in
 * block order (buffering blocks that arrive early).
 *
 * The CSR is copied once into SharedArrayBuffers that all workers read. This file is also the worker's
 * entry point (it recognises itself through `workerData.kind`). Run from the compiled `dist/` (the worker
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
  rescaleBetweenness,
  runAllBlocks,
  runBlock,
  betweennessSources,
  type BetweennessOptions,
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

interface WorkerInit {
  kind: typeof KIND;
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  sources: Int32Array;
  opts: BlockOptions;
}

interface BlockMessage {
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
 * Run all source blocks on `workers` threads (≤ 1: in the calling thread) and add the block results in
 * block order.
 */
export async function runBlocksParallel(csr: Csr, sources: Int32Array, opts: BlockOptions, workers = defaultWorkers()): Promise<Totals> {
  const nb = blockCount(sources.length);
  const nw = Math.min(Math.max(1, Math.floor(workers)), nb);
  if (nw <= 1) return runAllBlocks(csr, sources, opts);
  const init: WorkerInit = {
    kind: KIND,
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
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: unknown) => {
        if (failed) return;
        failed = true;
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      const send = (w: Worker) => {
        if (nextToSend < nb) w.postMessage(nextToSend++);
      };
      for (let i = 0; i < nw; i++) {
        const w = new Worker(new URL(import.meta.url), { workerData: init });
        pool.push(w);
        w.on('message', (msg: BlockMessage) => {
          pending.set(msg.block, msg.result);
          while (pending.has(nextToAdd)) {
            addBlock(tot, nextToAdd, pending.get(nextToAdd)!);
            pending.delete(nextToAdd);
            nextToAdd++;
          }
          if (nextToAdd === nb) resolve();
          else send(w);
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (code !== 0 && nextToAdd < nb) fail(new Error(`betweenness worker exited with code ${code}`));
        });
        send(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return tot;
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

/**
 * `centrality(g, opts)` with the shortest-path work (betweenness, closeness) on worker threads; the other
 * measures are computed in the calling thread meanwhile. Identical result to `centrality`.
 */
export async function centralityParallel(
  g: SimpleGraph | Csr,
  opts: CentralityOptions & { workers?: number } = {},
): Promise<CentralityResult> {
  const csr = 'offsets' in g && 'targets' in g ? (g as Csr) : toCsr(g as SimpleGraph);
  const plan = pathPlan(csr, opts);
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
  return { ...rest, betweenness: paths.betweenness, closeness: paths.closeness };
}

// ---- worker side ----
if (!isMainThread && parentPort && (workerData as WorkerInit | undefined)?.kind === KIND) {
  const init = workerData as WorkerInit;
  const csr: Csr = { n: init.n, offsets: init.offsets, targets: init.targets, weights: init.weights, ids: [] };
  const ws = new BrandesWorkspace(csr.n);
  const inv = init.opts.distance === 'inverse-weight' ? inverseWeights(csr) : undefined;
  const port = parentPort;
  port.on('message', (block: number) => {
    const result = runBlock(csr, init.sources, block, init.opts, ws, inv);
    const transfer: ArrayBuffer[] = [result.bc.buffer as ArrayBuffer];
    for (const a of [result.srcDistSum, result.srcReached, result.nodeDistSum, result.nodeReached]) if (a) transfer.push(a.buffer as ArrayBuffer);
    port.postMessage({ block, result } satisfies BlockMessage, transfer);
  });
}
