/**
 * Scenario replications as worker tasks: a chunk of jobs runs in a worker thread and returns the
 * runs' indicators packed in one transferable buffer, decoded in the main thread into views (no copy).
 *
 * Layout, job after job, scenario after scenario: the metrics in SCENARIO_METRICS order, each
 * `years + 1` values, then the diagnostics (tiePairs, tieAgain, tieOverlap, tieAfter, left, meanValue).
 */
import { runOnce, SCENARIO_METRICS, type MetricName, type RunOutput } from '../../scenario/engine.js';
import { jobScenario, type BatchJob } from '../../scenario/simulate.js';

/** A chunk of replications for a worker thread. */
export interface ScenarioChunkTask {
  kind: 'scenario-chunk';
  jobs: BatchJob[];
}

const DIAG_FIELDS = 6;

function jobYears(job: BatchJob): number {
  const first = job.scenarios[0];
  if (!first) throw new Error('a batch job without scenarios');
  return job.years ?? first.years;
}

/** Doubles a job takes in the packed buffer. */
export function jobSize(job: BatchJob): number {
  return job.scenarios.length * (SCENARIO_METRICS.length * (jobYears(job) + 1) + DIAG_FIELDS);
}

/** Run a chunk (in a worker) and pack the results. */
export function runScenarioChunk(jobs: readonly BatchJob[]): Float64Array {
  let size = 0;
  for (const j of jobs) size += jobSize(j);
  const buf = new Float64Array(size);
  let w = 0;
  for (const j of jobs) {
    const years = jobYears(j);
    for (let i = 0; i < j.scenarios.length; i++) {
      // with parameters drawn from a posterior, set on a copy (posterior.ts)
      const s = jobScenario(j, i);
      // the run writes its indicators straight into this chunk's buffer (views: no copy, no
      // per-run arrays to allocate and free)
      const into = {} as Record<MetricName, Float64Array>;
      for (const m of SCENARIO_METRICS) {
        into[m] = buf.subarray(w, w + years + 1);
        w += years + 1;
      }
      const d = runOnce(s, j.seed, j.run, { years, into }).diagnostics;
      buf[w++] = d.tiePairs;
      buf[w++] = d.tieAgain;
      buf[w++] = d.tieOverlap;
      buf[w++] = d.tieAfter;
      buf[w++] = d.left;
      buf[w++] = d.meanValue;
    }
  }
  return buf;
}

/** The run outputs of a packed chunk (views into `buf`). */
export function decodeScenarioChunk(jobs: readonly BatchJob[], buf: Float64Array): RunOutput[][] {
  const out: RunOutput[][] = [];
  let r = 0;
  const at = (i: number): number => buf[i] ?? NaN;
  for (const j of jobs) {
    const years = jobYears(j);
    const perJob: RunOutput[] = [];
    for (let s = 0; s < j.scenarios.length; s++) {
      const metrics = {} as Record<MetricName, Float64Array>;
      for (const m of SCENARIO_METRICS) {
        metrics[m] = buf.subarray(r, r + years + 1); // a view: no copy per metric and run
        r += years + 1;
      }
      perJob.push({
        metrics,
        diagnostics: {
          tiePairs: at(r),
          tieAgain: at(r + 1),
          tieOverlap: at(r + 2),
          tieAfter: at(r + 3),
          left: at(r + 4),
          meanValue: at(r + 5),
        },
      });
      r += DIAG_FIELDS;
    }
    out.push(perJob);
  }
  return out;
}
