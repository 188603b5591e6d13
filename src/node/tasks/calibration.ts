/**
 * Calibration simulations as worker tasks: a chunk of {@link CalibrationJob}s (plain data) runs in
 * a worker thread and returns the statistics of every job, job after job in target order, packed in
 * one transferable buffer.
 *
 * The simulator travels as plain data too ({@link CalibrationSimulatorSpec}) and is rebuilt in the
 * thread (the last one is kept, so a thread builds it once per calibration). Today the specs are the
 * toy simulators of src/calibrate/toys.ts; the scenario engine is to be added here as one more kind
 * (a scenario document and the parameter paths), with nothing else to change: the job, its seed
 * stream (`jobRng`) and the statistics are the same in every thread.
 */
import { runJob, type CalibrationJob, type CalibrationProblem, type Simulator } from '../../calibrate/smc.js';
import { statisticSpecs, type StatisticSpec } from '../../calibrate/targets.js';
import { toySimulator, type ToySpec } from '../../calibrate/toys.js';
import type { SeedPart } from '../../util/rng.js';

/** A simulator that can be rebuilt in a worker thread. */
export type CalibrationSimulatorSpec = ToySpec;

/** A chunk of calibration jobs for a worker thread. */
export interface CalibrationChunkTask {
  kind: 'calibration-chunk';
  simulator: CalibrationSimulatorSpec;
  problem: CalibrationProblem;
  seed: SeedPart;
  jobs: CalibrationJob[];
}

/** The simulator a spec describes. */
export function simulatorFromSpec(spec: CalibrationSimulatorSpec): Simulator {
  return toySimulator(spec);
}

let cache: { key: string; simulator: Simulator; specs: StatisticSpec[] } | undefined;

/** Run a chunk (in a worker) and pack the statistics: jobs × targets doubles. */
export function runCalibrationChunk(task: CalibrationChunkTask): Float64Array {
  const key = JSON.stringify([task.simulator, task.problem]);
  if (!cache || cache.key !== key)
    cache = { key, simulator: simulatorFromSpec(task.simulator), specs: statisticSpecs(task.problem.targets) };
  const { simulator, specs } = cache;
  const m = specs.length;
  const out = new Float64Array(task.jobs.length * m);
  task.jobs.forEach((job, k) => out.set(runJob(simulator, task.problem, task.seed, job, specs), k * m));
  return out;
}
