/**
 * The worker-thread entry of the pool (pool.ts; loaded by piscina from `dist/node/worker.js`): runs
 * one task and returns its result packed in one buffer, moved (not copied) back to the main thread.
 */
import { move } from 'piscina';
import { runBetweennessBlock, type BetweennessBlockTask } from './tasks/betweenness.js';
import { runScenarioChunk, type ScenarioChunkTask } from './tasks/scenario.js';

/** What the pool's threads can do. */
export type WorkerTask = ScenarioChunkTask | BetweennessBlockTask;

export default function runTask(task: WorkerTask): ArrayBuffer {
  const out = task.kind === 'scenario-chunk' ? runScenarioChunk(task.jobs) : runBetweennessBlock(task);
  return move(out.buffer as ArrayBuffer) as ArrayBuffer;
}
