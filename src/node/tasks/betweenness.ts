/**
 * Betweenness source blocks as worker tasks. A run's graph (CSR), sources and per-node options live
 * in SharedArrayBuffers made once per run ({@link shareRun}); every task names the run and one block
 * and carries references to those shared arrays (no copy). A thread keeps the last run's workspace
 * and inverse weights, so only the first block of a run on each thread pays for them. The block's
 * partial sums come back packed in one transferable buffer ({@link packBlockResult}).
 */
import { BrandesWorkspace, inverseWeights, runBlock, BLOCK_SIZE, type BlockOptions, type BlockResult } from '../../metrics/betweenness.js';
import type { Csr } from '../../metrics/csr.js';

/** One block of one run, for a worker thread. */
export interface BetweennessBlockTask {
  kind: 'betweenness-block';
  run: number;
  block: number;
  n: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  sources: Int32Array;
  opts: BlockOptions;
}

/** A typed array copied into shared memory (threads read it without a copy). */
function shared<T extends Int32Array | Float64Array | Uint8Array>(a: T): T {
  const buf = new SharedArrayBuffer(a.byteLength);
  const copy = (a instanceof Int32Array ? new Int32Array(buf) : a instanceof Uint8Array ? new Uint8Array(buf) : new Float64Array(buf)) as T;
  copy.set(a as never);
  return copy;
}

/** The fields of a run's tasks, with every array in shared memory. */
export function shareRun(run: number, csr: Csr, sources: Int32Array, opts: BlockOptions): Omit<BetweennessBlockTask, 'block'> {
  const o: BlockOptions = { ...opts };
  const tm = opts.targets;
  if (tm.kind === 'mask') o.targets = { kind: 'mask', mask: shared(tm.mask) };
  else if (tm.kind === 'cross') o.targets = { kind: 'cross', groups: shared(tm.groups) };
  if (opts.mult) o.mult = shared(opts.mult);
  if (opts.alsoCross) o.alsoCross = shared(opts.alsoCross);
  return {
    kind: 'betweenness-block',
    run,
    n: csr.n,
    offsets: shared(csr.offsets),
    targets: shared(csr.targets),
    weights: shared(csr.weights),
    sources: shared(sources),
    opts: o,
  };
}

/** Number of sources in `block` of a source list of length `len`. */
function blockLength(len: number, block: number): number {
  return Math.min(len, (block + 1) * BLOCK_SIZE) - block * BLOCK_SIZE;
}

/** The arrays of a block result in one buffer: bc, bc2, srcDistSum, srcReached, nodeDistSum, nodeReached (those present). */
export function packBlockResult(r: BlockResult): Float64Array {
  const parts = [r.bc, r.bc2, r.srcDistSum, r.srcReached, r.nodeDistSum, r.nodeReached].filter((a): a is Float64Array => a !== undefined);
  let size = 0;
  for (const a of parts) size += a.length;
  const out = new Float64Array(size);
  let at = 0;
  for (const a of parts) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** The block result packed by {@link packBlockResult} (views into `buf`). */
export function unpackBlockResult(buf: Float64Array, n: number, sources: number, block: number, opts: BlockOptions): BlockResult {
  const len = blockLength(sources, block);
  let at = 0;
  const take = (k: number): Float64Array => buf.subarray(at, (at += k));
  const r: BlockResult = { bc: take(n) };
  if (opts.alsoCross) r.bc2 = take(n);
  if (opts.perSource) {
    r.srcDistSum = take(len);
    r.srcReached = take(len);
  }
  if (opts.perNode) {
    r.nodeDistSum = take(n);
    r.nodeReached = take(n);
  }
  if (at !== buf.length) throw new Error(`betweenness block ${block}: ${buf.length} values, expected ${at}`);
  return r;
}

/** The thread's current run: its CSR view, a workspace and (inverse-weight mode) the lengths. */
let current: { run: number; csr: Csr; ws: BrandesWorkspace; inv?: Float64Array } | undefined;

/** Run one block in this thread (the worker side of a task). */
export function runBetweennessBlock(t: BetweennessBlockTask): Float64Array {
  if (!current || current.run !== t.run) {
    const csr: Csr = { n: t.n, offsets: t.offsets, targets: t.targets, weights: t.weights, ids: [] };
    // a fresh workspace per run: hop runs leave σ/coefficients stale by design
    current = { run: t.run, csr, ws: new BrandesWorkspace(t.n) };
    if (t.opts.distance === 'inverse-weight') current.inv = inverseWeights(csr);
  }
  return packBlockResult(runBlock(current.csr, t.sources, t.block, t.opts, current.ws, current.inv));
}
