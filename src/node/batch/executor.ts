/**
 * Node-only. The integration point between the batch tools and the scenario engine
 * (`src/scenario`): load the scenario, apply every grid setting up front (so a bad path or value
 * is an error before any run starts), and run jobs on the engine's worker pool.
 *
 * Seeds: job (setting s, run r) runs `runOnce(setting_s, seed, r)` — the engine derives the run's
 * stream as `createRng(seed).stream('run', r)` — exactly what `helixlab simulate --seed seed --set …`
 * does for run r.
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read (jobs, shards,
 * records); the `!` on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../../model/errors.js';
import { applySet, scenarioDocument, scenarioName, SCENARIO_METRICS, runOnce, type Scenario } from '../../index.js';
import { loadScenarioFile, resolvePosterior, resolveStart, runBatch } from '../scenario.js';
import { cumulativeWeights, drawParticle, type ParamDraw, type PosteriorSample } from '../../scenario/posterior.js';
import { withParams } from '../../scenario/params.js';
import type { WorkerPool } from '../pool.js';
import { expandGrid, type GridAxis } from '../../batch/grid.js';
import type { Job, Shard } from '../../batch/jobs.js';
import type { RunValues, SweepPlan } from '../../batch/sweep.js';

/**
 * Runs jobs and hands each result to `onResult` (in any order; the sweep writer orders them);
 * stops early when `shouldStop()` turns true.
 */
export type JobExecutor = (
  jobs: readonly Job[],
  onResult: (job: Job, values: RunValues) => void,
  shouldStop: () => boolean,
) => Promise<void>;

export interface PreparedSweep {
  plan: SweepPlan;
  base: Scenario;
  /** One scenario per setting, in setting order. */
  settings: Scenario[];
  /** The posterior runs draw their parameters from (null: fixed parameters). */
  posterior: PosteriorSample | null;
  /** Warnings for people (e.g. the scenario changed since its posterior was made). */
  warnings: string[];
}

export interface PrepareOptions {
  runs: number;
  seed: number | string;
  years?: number;
  shard?: Shard;
  /** `--posterior`: a file, or 'none' (default: the scenario's own `posterior`). */
  posterior?: string;
}

/** Load `file`, apply each setting of `axes`; throws InputError on any bad path or value. */
export function prepareSweep(file: string, axes: readonly GridAxis[], opts: PrepareOptions): PreparedSweep {
  const bytes = readFileSync(file);
  const base = loadScenarioFile(file);
  const settings = applySettings(base, axes, file);
  const years = opts.years ?? base.years;
  const post = resolvePosterior(base, file, opts.posterior);
  const plan: SweepPlan = {
    scenarioFile: file,
    scenarioSha256: createHash('sha256').update(bytes).digest('hex'),
    scenarioName: scenarioName(base),
    scenario: scenarioDocument(base),
    axes: axes.map((a) => ({ path: a.path, values: a.values })),
    runs: opts.runs,
    seed: opts.seed,
    years,
    metrics: [...SCENARIO_METRICS],
  };
  if (opts.shard && opts.shard.count > 1) plan.shard = opts.shard;
  const p = post.posterior;
  if (p) {
    const swept = new Set(axes.map((a) => a.path));
    plan.posterior = {
      file: p.file,
      sha256: createHash('sha256').update(readFileSync(p.file)).digest('hex'),
      scenario: p.scenario,
      particles: p.n,
      drawn: p.parameters.filter((x) => !swept.has(x)),
    };
  }
  return { plan, base, settings, posterior: p, warnings: post.warnings };
}

/**
 * The parameters of run `run` drawn from the sweep's posterior, less the swept ones (a grid value
 * wins over a drawn one); null without a posterior.
 */
export function sweepDraw(prepared: PreparedSweep, run: number, cum?: Float64Array): ParamDraw | null {
  const post = prepared.posterior;
  const drawn = prepared.plan.posterior?.drawn;
  if (!post || !drawn) return null;
  const d = drawParticle(post, prepared.plan.seed, run, cum);
  const keep = d.paths.map((x) => drawn.includes(x));
  return { paths: d.paths.filter((_x, i) => keep[i]), values: d.values.filter((_v, i) => keep[i]) };
}

/**
 * Apply every setting to `base` (loaded from `file`). Every bad value is reported, with the grid it
 * came from, before the factorial is built.
 */
export function applySettings(base: Scenario, axes: readonly GridAxis[], file: string): Scenario[] {
  // validate each axis value alone first: one clear message per bad value, before the factorial
  const errors: InputError[] = [];
  for (const a of axes) {
    for (const v of a.values) {
      try {
        applySet(base, `${a.path}=${JSON.stringify(v)}`, `--grid ${a.path}`);
      } catch (err) {
        if (err instanceof InputError) errors.push(err);
        else throw err;
      }
    }
  }
  if (errors.length) throw new InputError(errors.flatMap((e) => e.diagnostics));
  return expandGrid(axes).map((s) => {
    let sc = base;
    s.assignments.forEach((asg, i) => {
      sc = applySet(sc, asg, `--grid ${axes[i]!.path}`);
    });
    // a start.* assignment drops the resolved start network: resolve it again, like simulate --set
    return resolveStart(sc, dirname(resolve(file)), file);
  });
}

function toValues(metrics: readonly string[], out: { metrics: Record<string, ArrayLike<number>> }): RunValues {
  return metrics.map((m) => {
    const v = out.metrics[m];
    if (!v) throw new Error(`the engine returned no metric '${m}'`);
    return v;
  });
}

/** Thrown from a result callback to stop the engine's pool after a Ctrl-C. */
class StopRequested extends Error {}

/**
 * A {@link JobExecutor} on the scenario engine. `workers` ≤ 1 runs in this thread (yielding to
 * the event loop between jobs so Ctrl-C is seen); otherwise all jobs go to the engine's worker
 * pool (`runBatch`, results in job order). To stop, the result callback throws after delivering a
 * result: the pool is torn down, and the jobs still in flight are simply computed again on resume.
 */
export function scenarioExecutor(prepared: PreparedSweep, workers: number, pool?: WorkerPool): JobExecutor {
  const { plan, settings } = prepared;
  const cum = prepared.posterior ? cumulativeWeights(prepared.posterior) : undefined;
  return async (jobs, onResult, shouldStop) => {
    if (workers <= 1 && !pool) {
      for (let k = 0; k < jobs.length; k++) {
        if (shouldStop()) return;
        const job = jobs[k]!;
        const draw = sweepDraw(prepared, job.run, cum);
        const s = settings[job.setting]!;
        const out = runOnce(draw ? withParams(s, draw.paths, draw.values) : s, plan.seed, job.run, { years: plan.years });
        onResult(job, toValues(plan.metrics, out));
        if (k % 4 === 3) await new Promise((r) => setImmediate(r));
      }
      return;
    }
    if (shouldStop()) return;
    try {
      await runBatch(
        jobs.map((job) => {
          const draw = sweepDraw(prepared, job.run, cum);
          return {
            scenarios: [settings[job.setting]!],
            seed: plan.seed,
            run: job.run,
            years: plan.years,
            ...(draw ? { params: [draw] } : {}),
          };
        }),
        (i, outs) => {
          onResult(jobs[i]!, toValues(plan.metrics, outs[0]!));
          if (shouldStop()) throw new StopRequested();
        },
        pool ? { pool } : { workers },
      );
    } catch (err) {
      if (!(err instanceof StopRequested)) throw err;
    }
  };
}
