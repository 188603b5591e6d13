/**
 * Node-only. The calibration runner: ABC-SMC (src/calibrate/smc.ts) with each generation's
 * simulations evaluated in this thread or on the worker pool, and the result written to a
 * directory.
 *
 * - {@link runCalibration}: the simulator is either a {@link Simulator} object (run in this thread)
 *   or plain data ({@link CalibrationSimulatorSpec}), which worker threads can rebuild; with
 *   `workers` > 1 (or a `pool`) and a spec, every batch of jobs is cut into chunks that run on the
 *   pool (`runInOrder`: results come back in job order). Either way the statistics of job k are
 *   those of its own seed stream, and acceptance is decided in job order by the main thread, so the
 *   result is the same bytes for any number of workers.
 * - {@link writeCalibration}: `DIR/calibration.json`, `DIR/posterior.csv`, `DIR/calibration.md`,
 *   each written atomically.
 *
 * Chunks: a batch of B jobs on W threads is cut into chunks of ⌈B / (4W)⌉ jobs (at least 8), with
 * at most 2W chunks in flight, so the threads stay busy while the main thread decides acceptance.
 *
 * What the scenario engine needs to plug in (a later step): a `CalibrationSimulatorSpec` kind that
 * names a scenario document and the parameter paths, and a `Simulator` built from it in
 * src/node/tasks/calibration.ts (apply the parameters to the scenario, run the engine with a seed
 * drawn from the job's stream, return its metric series by year index); the runner and the
 * algorithm stay as they are.
 */
import { join } from 'node:path';
import {
  calibrate,
  checkProblem,
  runJob,
  type AbcSmcOptions,
  type BatchEvaluator,
  type CalibrationHooks,
  type CalibrationJob,
  type CalibrationProblem,
  type Simulator,
} from '../calibrate/smc.js';
import { statisticSpecs } from '../calibrate/targets.js';
import { calibrationResult, type CalibrationResult } from '../calibrate/result.js';
import { calibrationJson, calibrationMarkdown, posteriorCsv } from '../calibrate/format.js';
import { writeFileAtomic } from './atomic.js';
import { runInOrder, startPool, type WorkerPool } from './pool.js';
import { simulatorFromSpec, type CalibrationChunkTask, type CalibrationSimulatorSpec } from './tasks/calibration.js';
import { batchVersions } from './version.js';

export type { CalibrationSimulatorSpec } from './tasks/calibration.js';

/** Options of {@link runCalibration}: the algorithm's, the threads', progress and provenance. */
export interface CalibrationRunOptions extends AbcSmcOptions, CalibrationHooks {
  /** Worker threads (default 1: this thread). Threads are used only for a simulator given as a spec. */
  workers?: number;
  /** Threads started earlier (`startPool`); used instead of starting new ones, and not destroyed. */
  pool?: WorkerPool;
  /** Added to the result's provenance (e.g. the targets file and its SHA-256, the simulator). */
  provenance?: Record<string, unknown>;
}

function isSpec(s: Simulator | CalibrationSimulatorSpec): s is CalibrationSimulatorSpec {
  return typeof (s as { run?: unknown }).run !== 'function';
}

/** An evaluator that runs the jobs in this thread. */
export function inThreadEvaluator(problem: CalibrationProblem, simulator: Simulator, seed: AbcSmcOptions['seed'] = 1): BatchEvaluator {
  const specs = statisticSpecs(problem.targets);
  return async (jobs) => {
    const out: Float64Array[] = [];
    for (let k = 0; k < jobs.length; k++) {
      out.push(runJob(simulator, problem, seed ?? 1, jobs[k]!, specs));
      // let the event loop breathe (Ctrl-C, progress) every few hundred runs
      if (k % 256 === 255) await new Promise((r) => setImmediate(r));
    }
    return out;
  };
}

/** An evaluator that cuts each batch into chunks and runs them on `pool` (results in job order). */
export function poolEvaluator(
  pool: WorkerPool,
  problem: CalibrationProblem,
  simulator: CalibrationSimulatorSpec,
  seed: AbcSmcOptions['seed'] = 1,
): BatchEvaluator {
  const m = problem.targets.targets.length;
  const plain: CalibrationProblem = { params: problem.params.map((p) => ({ ...p })), targets: { targets: problem.targets.targets } };
  if (problem.targets.startYear !== undefined) plain.targets.startYear = problem.targets.startYear;
  return async (jobs) => {
    const size = Math.max(8, Math.ceil(jobs.length / (4 * pool.workers)));
    const chunks: CalibrationJob[][] = [];
    for (let i = 0; i < jobs.length; i += size) chunks.push(jobs.slice(i, i + size));
    const out: Float64Array[] = [];
    await runInOrder<ArrayBuffer>(
      pool,
      chunks.length,
      (c): CalibrationChunkTask => ({ kind: 'calibration-chunk', simulator, problem: plain, seed: seed ?? 1, jobs: chunks[c]! }),
      (c, buf) => {
        const all = new Float64Array(buf);
        for (let k = 0; k < chunks[c]!.length; k++) out.push(all.subarray(k * m, k * m + m));
      },
      2 * pool.workers,
    );
    return out;
  };
}

/**
 * Calibrate `problem` with `simulator` (see the module doc; the targets are checked against the
 * simulator's metrics and horizon first); resolves with the result, whose
 * provenance records the HelixLab and Node versions, the simulator spec (when given as data) and
 * `opts.provenance`.
 */
export async function runCalibration(
  problem: CalibrationProblem,
  simulator: Simulator | CalibrationSimulatorSpec,
  opts: CalibrationRunOptions = {},
): Promise<CalibrationResult> {
  const seed = opts.seed ?? 1;
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  const spec = isSpec(simulator) ? simulator : undefined;
  const inThread = spec ? simulatorFromSpec(spec) : (simulator as Simulator);
  checkProblem(problem, inThread);
  let pool = opts.pool;
  let own: WorkerPool | undefined;
  if (!pool && spec && workers > 1) pool = own = startPool(workers);
  try {
    const evaluate =
      pool && spec
        ? poolEvaluator(pool, problem, spec, seed)
        : inThreadEvaluator(problem, spec ? simulatorFromSpec(spec) : (simulator as Simulator), seed);
    const hooks: CalibrationHooks = {};
    if (opts.onBatch) hooks.onBatch = opts.onBatch;
    if (opts.onGeneration) hooks.onGeneration = opts.onGeneration;
    if (opts.shouldStop) hooks.shouldStop = opts.shouldStop;
    const outcome = await calibrate(problem, evaluate, opts, hooks);
    const provenance: Record<string, unknown> = { ...batchVersions() };
    if (spec) provenance.simulator = spec;
    if (problem.targets.file !== undefined) provenance.targetsFile = problem.targets.file;
    Object.assign(provenance, opts.provenance ?? {});
    return calibrationResult(outcome, provenance);
  } finally {
    await own?.destroy();
  }
}

/** Write `calibration.json`, `posterior.csv` and `calibration.md` into `dir` (atomically); returns their paths. */
export function writeCalibration(dir: string, result: CalibrationResult): string[] {
  const files: Array<[string, string]> = [
    ['calibration.json', calibrationJson(result)],
    ['posterior.csv', posteriorCsv(result)],
    ['calibration.md', calibrationMarkdown(result)],
  ];
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileAtomic(path, text);
    return path;
  });
}
