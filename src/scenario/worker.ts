/**
 * Worker-thread entry (Node only, loaded by the piscina pool in pool.ts from dist/scenario/worker.js):
 * runs a chunk of replications and returns their indicators packed in one transferable buffer.
 *
 * Layout, job after job, scenario after scenario: the metrics in SCENARIO_METRICS order, each
 * `years + 1` values, then the diagnostics (renewalPairs, renewedAfterEnd, left, meanValue).
 */
import { move } from 'piscina';
import { runOnce, SCENARIO_METRICS } from './engine.js';
import type { BatchJob } from './simulate.js';

export const DIAG_FIELDS = 4;

export function jobSize(job: BatchJob): number {
  const years = job.years ?? job.scenarios[0]!.years;
  return job.scenarios.length * (SCENARIO_METRICS.length * (years + 1) + DIAG_FIELDS);
}

export default function runChunk(task: { jobs: BatchJob[] }): ArrayBuffer {
  let size = 0;
  for (const j of task.jobs) size += jobSize(j);
  const buf = new Float64Array(size);
  let w = 0;
  for (const j of task.jobs) {
    const years = j.years ?? j.scenarios[0]!.years;
    for (const s of j.scenarios) {
      const out = runOnce(s, j.seed, j.run, { years });
      for (const m of SCENARIO_METRICS) {
        buf.set(out.metrics[m], w);
        w += years + 1;
      }
      const d = out.diagnostics;
      buf[w++] = d.renewalPairs;
      buf[w++] = d.renewedAfterEnd;
      buf[w++] = d.left;
      buf[w++] = d.meanValue;
    }
  }
  return move(buf.buffer) as ArrayBuffer;
}
