/**
 * The worker-thread entry of the pool (pool.ts; loaded by piscina from `dist/node/worker.js`): runs
 * one task — a chunk of scenario replications, a block of betweenness sources, or a chunk of
 * calibration simulations — and returns its result packed in one buffer, moved (not copied) back
 * to the main thread.
 */
import { move } from 'piscina';
import { runBetweennessBlock, type BetweennessBlockTask } from './tasks/betweenness.js';
import { runScenarioChunk, type ScenarioChunkTask } from './tasks/scenario.js';
import { runCalibrationChunk, type CalibrationChunkTask } from './tasks/calibration.js';

/** What the pool's threads can do. */
export type WorkerTask = ScenarioChunkTask | BetweennessBlockTask | CalibrationChunkTask;

export default function runTask(task: WorkerTask): ArrayBuffer {
  const out =
    task.kind === 'scenario-chunk'
      ? runScenarioChunk(task.jobs)
      : task.kind === 'calibration-chunk'
        ? runCalibrationChunk(task)
        : runBetweennessBlock(task);
  return move(out.buffer as ArrayBuffer) as ArrayBuffer;
}
