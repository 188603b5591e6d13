/**
 * Worker-thread entry (Node only, loaded by the piscina pool in pool.ts from dist/scenario/worker.js):
 * runs a chunk of replications and returns their indicators packed in one transferable buffer.
 *
 * Layout, job after job, scenario after scenario: the metrics in SCENARIO_METRICS order, each
 * `years + 1` values, then the diagnostics (renewalPairs, renewedAfterEnd, left, meanValue).
 */
import { move } from 'piscina';
import { runOnce, SCENARIO_METRICS, type MetricName } from './engine.js';
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
      // the run writes its indicators straight into this chunk's buffer (views: no copy, no
      // per-run arrays to allocate and free)
      const into = {} as Record<MetricName, Float64Array>;
      for (const m of SCENARIO_METRICS) {
        into[m] = buf.subarray(w, w + years + 1);
        w += years + 1;
      }
      const out = runOnce(s, j.seed, j.run, { years, into });
      const d = out.diagnostics;
      buf[w++] = d.renewalPairs;
      buf[w++] = d.renewedAfterEnd;
      buf[w++] = d.left;
      buf[w++] = d.meanValue;
    }
  }
  return move(buf.buffer) as ArrayBuffer;
}
