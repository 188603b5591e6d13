/**
 * Betweenness (and the closeness pass that rides on it) with the sources split across the worker
 * pool's threads, and the whole network analysis on top of it ({@link analyzeNetworkParallel}).
 * Same numbers as betweenness.ts / centrality.ts / analyze.ts, bit for bit, whatever the number of
 * workers: the source list is cut into fixed blocks of BLOCK_SIZE sources, threads take blocks as they
 * become free, each returns its block's partial sums, and the main thread adds the blocks strictly in
 * block order (blocks that arrive early wait).
 *
 * The CSR is copied once per call into SharedArrayBuffers that all threads read (tasks/betweenness.ts).
 * The threads are the process-wide pool (pool.ts `sharedPool`), reused by later calls; idle ones never
 * keep the process alive. Run from the compiled `dist/` (the threads load `dist/node/worker.js`); from
 * the TypeScript sources everything runs in the calling thread.
 */
import { toSimpleGraph, type SimpleGraph } from '../model/network.js';
import type { Network } from '../model/types.js';
import {
  addBlock,
  blockCount,
  newTotals,
  prepareRun,
  rescaleBetweenness,
  runAllBlocks,
  betweennessSources,
  crossBlockOptions,
  crossGroups,
  finishCross,
  groupIndex,
  type BetweennessOptions,
  type CrossHelixOptions,
  type BlockOptions,
  type Totals,
} from '../metrics/betweenness.js';
import { analyzeNetwork, analysisCentralityOptions, type AnalysisResult, type AnalyzeOptions } from '../metrics/analyze.js';
import { closeSharedPool, defaultWorkers, runInOrder, sharedPool } from './pool.js';
import { shareRun, unpackBlockResult } from './tasks/betweenness.js';
import { centralityWithoutPaths, finishPaths, pathPlan, type CentralityOptions, type CentralityResult } from '../metrics/centrality.js';
import { toCsr, type Csr } from '../metrics/csr.js';

/**
 * Runs are serialised: each thread keeps the workspace of its current run, and two runs interleaved
 * on the same threads would rebuild it at every switch.
 */
let queue: Promise<unknown> = Promise.resolve();
let runCounter = 0;

/**
 * Start the process-wide pool's threads now (optional): a caller can do this before reading its
 * input, so that thread start-up overlaps with parsing. Idle threads never keep the process alive.
 */
export function warmBetweennessPool(workers = defaultWorkers()): void {
  sharedPool(workers);
}

/**
 * Run all source blocks on `workers` threads of the process-wide pool (≤ 1, or no compiled worker:
 * in the calling thread) and add the block results in block order.
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
  const pool = nw > 1 ? sharedPool(nw) : undefined;
  if (!pool) return runAllBlocks(csr0, sources0, opts0);
  const run = prepareRun(csr0, sources0, opts0);
  const { csr, sources, opts } = run;
  const task = shareRun(++runCounter, csr, sources, opts);
  const tot = newTotals(csr.n, sources.length, opts);
  try {
    // two blocks in flight per thread, so that a thread never waits for the main thread
    await runInOrder<ArrayBuffer>(
      pool,
      nb,
      (block) => ({ ...task, block }),
      (block, buf) => addBlock(tot, block, unpackBlockResult(new Float64Array(buf), csr.n, sources.length, block, opts)),
      2 * pool.workers,
    );
  } catch (e) {
    await closeSharedPool();
    throw e;
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

/** Options of {@link analyzeNetworkParallel}. */
export interface ParallelAnalyzeOptions extends AnalyzeOptions {
  /** Worker threads (default: {@link defaultWorkers}). */
  workers?: number;
  /**
   * Networks with fewer actors are analysed in the calling thread (default 20,000: below it, starting
   * the threads costs more than it saves — measured on the CORDIS DE slice, 3,899 actors).
   */
  parallelFrom?: number;
  /**
   * Close the shared worker pool once the path searches are done (default false): for a one-shot
   * run such as the CLI's, which then has the threads' memory for the rest of the analysis.
   */
  releasePool?: boolean;
}

/** From this many actors on, {@link analyzeNetworkParallel} runs the path searches on worker threads. */
export const PARALLEL_FROM_ACTORS = 20_000;

/**
 * `analyzeNetwork(net, opts)` with the shortest-path searches (betweenness, closeness, cross-helix
 * betweenness in one pass) on worker threads for large networks. The simple graph and its CSR are
 * built once and shared by every measure. Identical result to `analyzeNetwork`, bit for bit.
 */
export async function analyzeNetworkParallel(net: Network, opts: ParallelAnalyzeOptions = {}): Promise<AnalysisResult> {
  const { workers = defaultWorkers(), parallelFrom = PARALLEL_FROM_ACTORS, releasePool = false, ...ao } = opts;
  if (net.graph.order >= parallelFrom && workers > 1) {
    let t = performance.now();
    const simpleGraph = ao.simpleGraph ?? toSimpleGraph(net, ao.parallel !== undefined ? { parallel: ao.parallel } : {});
    const csr = ao.csr ?? toCsr(simpleGraph);
    const crossGroups = groupIndex(simpleGraph, 'helix').groups;
    ao.simpleGraph = simpleGraph;
    ao.csr = csr;
    ao.onPhase?.('simple graph + CSR (once)', performance.now() - t);
    t = performance.now();
    ao.centrality = await centralityParallel(csr, { ...analysisCentralityOptions(ao), crossGroups, workers });
    // a one-shot run (the CLI) needs the threads no more: their memory is freed for the rest
    if (releasePool) await closeSharedPool();
    ao.onPhase?.(`centrality on ${workers} worker threads (incl. thread start)`, performance.now() - t);
  }
  return analyzeNetwork(net, ao);
}
