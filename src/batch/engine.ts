/**
 * Node-only. The integration point between the batch tools and the scenario engine
 * (`src/scenario`): load the scenario, apply every grid setting up front (so a bad path or value
 * is an error before any run starts), and run jobs on the engine's worker pool.
 *
 * Seeds: job (setting s, run r) runs `runOnce(setting_s, seed, r)` — the engine derives the run's
 * stream as `createRng(seed).stream('run', r)` — exactly what `helixlab simulate --seed seed --set …`
 * does for run r.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, UsageError, didYouMean } from '../model/errors.js';
import { applySet, scenarioDocument, scenarioName, SCENARIO_METRICS, runOnce, type Scenario } from '../scenario/index.js';
import { loadScenarioFile, resolveStart, runBatch, type ScenarioPool } from '../scenario/node.js';
export type { ScenarioPool };
import { expandGrid, type GridAxis } from './grid.js';
import type { Job, Shard } from './jobs.js';
import type { JobExecutor } from './node.js';
import type { RunValues, SweepPlan } from './sweep.js';
import type { SensitivityDesign, SensitivitySpec } from './sensitivity/run.js';
import { openResultLog, readCheckpoint, removeState, writeCheckpoint, type CheckpointFile, type ResultLog } from './checkpoint.js';

export interface PreparedSweep {
  plan: SweepPlan;
  base: Scenario;
  /** One scenario per setting, in setting order. */
  settings: Scenario[];
}

export interface PrepareOptions {
  runs: number;
  seed: number | string;
  years?: number;
  shard?: Shard;
}

/** Load `file`, apply each setting of `axes`; throws InputError on any bad path or value. */
export function prepareSweep(file: string, axes: readonly GridAxis[], opts: PrepareOptions): PreparedSweep {
  const bytes = readFileSync(file);
  const base = loadScenarioFile(file);
  const settings = applySettings(base, axes, file);
  const years = opts.years ?? base.years;
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
  return { plan, base, settings };
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
export function scenarioExecutor(prepared: PreparedSweep, workers: number, pool?: ScenarioPool): JobExecutor {
  const { plan, settings } = prepared;
  return async (jobs, onResult, shouldStop) => {
    if (workers <= 1 && !pool) {
      for (let k = 0; k < jobs.length; k++) {
        if (shouldStop()) return;
        const job = jobs[k]!;
        const out = runOnce(settings[job.setting]!, plan.seed, job.run, { years: plan.years });
        onResult(job, toValues(plan.metrics, out));
        if (k % 4 === 3) await new Promise((r) => setImmediate(r));
      }
      return;
    }
    if (shouldStop()) return;
    try {
      await runBatch(
        jobs.map((job) => ({ scenarios: [settings[job.setting]!], seed: plan.seed, run: job.run, years: plan.years })),
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

export interface SensitivityRunOptions {
  /** Replications per design point (their mean is the model output). */
  runs: number;
  years?: number;
  metric: string;
  /** Year whose value is analysed (default: the last). */
  year?: number;
  workers: number;
  /** Threads started earlier (`startPool` in scenario/pool.ts); used instead of starting new ones. */
  pool?: ScenarioPool;
  /** Called with (runs done, total runs), counting the runs of points taken from the log. */
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
  /** Make the evaluation resumable: log each point's output in `checkpoint.dir` (see {@link evaluateSensitivity}). */
  checkpoint?: SensitivityCheckpointOptions;
}

export interface SensitivityCheckpointOptions {
  /** The output directory (`--out`); the log and checkpoint go to `DIR/.sensitivity`. */
  dir: string;
  /** Continue an interrupted evaluation (`--resume`). */
  resume: boolean;
  /** Seconds between fsync + checkpoint (default 2). */
  every?: number;
}

/** State directory of a resumable sensitivity analysis in its output directory. */
export const SENSITIVITY_STATE = '.sensitivity';
const SENSITIVITY_CHECKPOINT = 'helixlab-sensitivity-checkpoint/1';

export interface SensitivityEvaluation {
  /** Model output per design point (empty when {@link alreadyFinished}). */
  y: number[];
  years: number;
  year: number;
  scenarioName: string;
  scenarioSha256: string;
  /** Every point has its output. */
  complete: boolean;
  /** Design points with an output (from the log and from this invocation). */
  pointsDone: number;
  /** Points read back from the log of an earlier, interrupted invocation. */
  resumed: number;
  /**
   * SHA-256 of everything the point outputs depend on (scenario file and document, method,
   * parameters, samples, sampling, Morris levels and candidates, seed, runs, metric, year, years,
   * and the design points themselves). A resume must agree on it; the CLI records it in manifest.json.
   */
  planKey: string;
  /** `--resume` found the finished analysis with this key in the directory (manifest.json): nothing was run. */
  alreadyFinished: boolean;
}

/** What a sensitivity plan key is made of (also stored in the checkpoint, to say what differs). */
function sensitivityPlan(spec: SensitivitySpec, design: SensitivityDesign, base: Scenario, sha256: string, o: { runs: number; metric: string; year: number; years: number }): Record<string, unknown> {
  const hash = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');
  const plan: Record<string, unknown> = { scenarioSha256: sha256, scenario: hash(scenarioDocument(base)), method: spec.method, params: spec.params, samples: spec.samples };
  if (spec.method === 'sobol') plan.sampling = spec.sampling ?? 'sobol';
  else {
    plan.levels = spec.levels ?? null;
    plan.candidates = spec.candidates ?? null;
  }
  // the design points, hashed point by point (no JSON text of the whole design: it can be large)
  const h = createHash('sha256');
  for (const x of design.points) h.update(x.join(',') + '\n');
  Object.assign(plan, { seed: spec.seed, runs: o.runs, metric: o.metric, year: o.year, years: o.years, design: h.digest('hex') });
  return plan;
}

const PLAN_LABELS: Record<string, string> = {
  scenarioSha256: 'scenario file',
  scenario: 'scenario',
  design: 'design points (another HelixLab version?)',
};

/** "seed (1, now 2), samples (16, now 32)" — the fields in which two plans differ. */
function planDifferences(old: Record<string, unknown> | undefined, now: Record<string, unknown>): string {
  if (!old) return '';
  const out: string[] = [];
  for (const k of new Set([...Object.keys(old), ...Object.keys(now)])) {
    const a = JSON.stringify(old[k]);
    const b = JSON.stringify(now[k]);
    if (a === b) continue;
    const short = a !== undefined && b !== undefined && a.length <= 40 && b.length <= 40 && PLAN_LABELS[k] === undefined;
    out.push(short ? `${k} (${a}, now ${b})` : (PLAN_LABELS[k] ?? k));
  }
  return out.join(', ');
}

/** Remove the log and checkpoint of a sensitivity analysis (after its files are written). */
export function clearSensitivityState(dir: string): void {
  removeState(dir, SENSITIVITY_STATE);
}

/**
 * Evaluate a sensitivity design on the scenario in `file`: point p → the mean over runs
 * r = 0..runs−1 (summed in run order) of `metric` at `year`, run r seeded as in `simulate` (common
 * random numbers across points). Every point is applied to the scenario before any run (bad path or
 * value → InputError).
 *
 * With `opts.checkpoint`, each point's output is appended to `DIR/.sensitivity/results.ndjson`
 * (checkpoint.ts: one line `{"j":p,"m":[[y_p]]}`, exact doubles) as soon as its last run is in;
 * `DIR/.sensitivity/checkpoint.json` holds the plan key and is rewritten (after an fsync of the
 * log) every `every` seconds and at the end. After a Ctrl-C or kill -9, `resume: true` reads the
 * log back (dropping a torn last line) and runs only the points missing from it (a point whose
 * runs were only partly done is run again in full), so the outputs are the same doubles as in an
 * uninterrupted evaluation. Refused (InputError): a checkpoint with another plan key (says which
 * fields differ), or a checkpoint without `resume`. `resume` with no checkpoint but a finished
 * analysis with the same key in DIR/manifest.json returns `alreadyFinished`; with another finished
 * analysis there it is refused. The caller writes its files, then calls {@link clearSensitivityState}.
 */
export async function evaluateSensitivity(file: string, spec: SensitivitySpec, design: SensitivityDesign, opts: SensitivityRunOptions): Promise<SensitivityEvaluation> {
  const bytes = readFileSync(file);
  const base = loadScenarioFile(file);
  const metrics = SCENARIO_METRICS as readonly string[];
  if (!metrics.includes(opts.metric)) {
    const dym = didYouMean(opts.metric, metrics);
    throw new UsageError(`--metric: unknown metric '${opts.metric}'${dym ? ` (did you mean ${dym}?)` : ''}; one of ${metrics.join(', ')}`);
  }
  const years = opts.years ?? base.years;
  const year = opts.year ?? years;
  if (!Number.isInteger(year) || year < 0 || year > years) throw new UsageError(`--year: expected 0..${years}, got ${year}`);
  // check each parameter at both ends first: one message per bad path or range
  const errors: InputError[] = [];
  for (const p of spec.params) {
    for (const v of [p.lo, p.hi]) {
      try {
        applySet(base, `${p.name}=${JSON.stringify(v)}`, `--param ${p.name}`);
      } catch (err) {
        if (err instanceof InputError) errors.push(err);
        else throw err;
      }
    }
  }
  if (errors.length) throw new InputError(errors.flatMap((e) => e.diagnostics));
  const settings = design.points.map((x) => {
    let sc = base;
    spec.params.forEach((p, i) => {
      sc = applySet(sc, `${p.name}=${JSON.stringify(x[i])}`, `--param ${p.name}`);
    });
    return resolveStart(sc, dirname(resolve(file)), file);
  });
  const plan: SweepPlan = {
    scenarioFile: file,
    scenarioSha256: createHash('sha256').update(bytes).digest('hex'),
    scenarioName: scenarioName(base),
    scenario: null,
    axes: [],
    runs: opts.runs,
    seed: spec.seed,
    years,
    metrics: [opts.metric],
  };
  const planFields = sensitivityPlan(spec, design, base, plan.scenarioSha256, { runs: opts.runs, metric: opts.metric, year, years });
  const planKey = createHash('sha256').update(JSON.stringify(planFields)).digest('hex');
  const points = settings.length;
  const total = points * opts.runs;
  const y: number[] = new Array<number>(points).fill(NaN);
  const doneFlags = new Uint8Array(points);
  const evaluation = (pointsDone: number, resumed: number, alreadyFinished = false): SensitivityEvaluation => ({
    y: alreadyFinished ? [] : y,
    years,
    year,
    scenarioName: plan.scenarioName,
    scenarioSha256: plan.scenarioSha256,
    complete: alreadyFinished || pointsDone === points,
    pointsDone: alreadyFinished ? points : pointsDone,
    resumed,
    planKey,
    alreadyFinished,
  });

  // resumable: open (or check and read back) the log in DIR/.sensitivity
  const ck = opts.checkpoint;
  let log: ResultLog | undefined;
  let resumed = 0;
  if (ck) {
    const dir = ck.dir;
    if (existsSync(dir) && !statSync(dir).isDirectory()) {
      throw new InputError([{ severity: 'error', code: 'not-a-directory', file: dir, message: 'exists and is not a directory (--out names a directory)' }]);
    }
    const cpPath = join(dir, SENSITIVITY_STATE, 'checkpoint.json');
    const cp = readCheckpoint(dir, SENSITIVITY_STATE);
    if (cp && (cp.format !== SENSITIVITY_CHECKPOINT || cp.planKey !== planKey)) {
      const diff = cp.format === SENSITIVITY_CHECKPOINT ? planDifferences(cp.plan, planFields) : '';
      throw new InputError([
        {
          severity: 'error',
          code: 'resume-mismatch',
          file: cpPath,
          message: `this directory holds an unfinished sensitivity analysis with a different ${diff || 'scenario, parameters, method, samples, seed, runs, metric or year'}; use another --out (or delete ${join(dir, SENSITIVITY_STATE)} to drop it)`,
        },
      ]);
    }
    if (cp && !ck.resume) {
      throw new InputError([
        { severity: 'error', code: 'unfinished-sensitivity', file: dir, message: `holds an unfinished sensitivity analysis (${cp.done}/${cp.total} points saved): rerun with --resume to finish it, or choose another --out` },
      ]);
    }
    if (!cp && ck.resume) {
      const m = readSensitivityManifest(dir);
      if (m) {
        if (m.planKey === planKey) return evaluation(points, 0, true);
        throw new InputError([
          { severity: 'error', code: 'resume-mismatch', file: join(dir, 'manifest.json'), message: 'already holds other results (manifest.json of a different analysis) and nothing unfinished to resume; use another --out' },
        ]);
      }
    }
    if (!cp) removeState(dir, SENSITIVITY_STATE); // a fresh start: drop a stale log left without its checkpoint
    log = openResultLog(dir, points, SENSITIVITY_STATE, 'sensitivity analysis');
    if (cp) {
      resumed = log.scan((_p, v) => v.length === 1 && v[0]!.length === 1);
      for (let p = 0; p < points; p++) {
        if (log.isDone(p)) {
          y[p] = log.read(p)[0]![0]!;
          doneFlags[p] = 1;
        }
      }
    }
  }
  let pointsDone = resumed;
  const writeCp = (): void => {
    if (!log || !ck) return;
    log.sync();
    const cp: CheckpointFile = { format: SENSITIVITY_CHECKPOINT, planKey, done: log.done, total: points, plan: planFields };
    writeCheckpoint(ck.dir, cp, SENSITIVITY_STATE);
  };
  try {
    writeCp();
    const exec = scenarioExecutor({ plan, base, settings }, opts.workers, opts.pool);
    const values = new Float64Array(total).fill(NaN);
    const runsIn = new Int32Array(points);
    let done = resumed * opts.runs;
    const jobs: Job[] = [];
    for (let p = 0; p < points; p++) {
      if (doneFlags[p]) continue;
      for (let r = 0; r < opts.runs; r++) jobs.push({ index: p * opts.runs + r, setting: p, run: r });
    }
    if (done > 0) opts.onProgress?.(done, total);
    const every = (ck?.every ?? 2) * 1000;
    let last = Date.now();
    if (jobs.length > 0) {
      await exec(
        jobs,
        (job, v) => {
          const p = job.setting;
          if (doneFlags[p]) return;
          values[job.index] = v[0]![year]!;
          opts.onProgress?.(++done, total);
          if (++runsIn[p] < opts.runs) return;
          // the point's last run: its output is the mean over the runs, summed in run order
          let sum = 0;
          for (let r = 0; r < opts.runs; r++) sum += values[p * opts.runs + r]!;
          y[p] = sum / opts.runs;
          doneFlags[p] = 1;
          pointsDone++;
          if (log) {
            log.append(p, [[y[p]]]);
            if (Date.now() - last >= every) {
              writeCp();
              last = Date.now();
            }
          }
        },
        opts.shouldStop ?? (() => false),
      );
    }
    writeCp();
  } finally {
    log?.close();
  }
  return evaluation(pointsDone, resumed);
}

/** `DIR/manifest.json` of a sensitivity analysis (its plan key), or undefined when there is none. */
function readSensitivityManifest(dir: string): { planKey?: string } | undefined {
  const p = join(dir, 'manifest.json');
  if (!existsSync(p)) return undefined;
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as { kind?: unknown; planKey?: unknown };
    return { ...(typeof m.planKey === 'string' && m.kind === 'sensitivity' ? { planKey: m.planKey } : {}) };
  } catch {
    return {};
  }
}
