/**
 * Node-only. A sensitivity analysis of a scenario into files (what `helixlab sensitivity` runs):
 * evaluate the design ({@link evaluateSensitivity}; resumable when there is an output directory),
 * compute the indices, and write `DIR/sensitivity.json`, `sensitivity.csv`, `samples.csv` and
 * `manifest.json` (each atomically), then drop the log in `DIR/.sensitivity`.
 *
 * Determinism: the files depend only on the scenario, the spec, the run options and the versions —
 * not on the number of threads or on interruptions (a resumed run reads the finished points' outputs
 * back as the same doubles), so an interrupted-then-resumed run writes the same bytes as an
 * uninterrupted one.
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read (jobs, shards,
 * records); the `!` on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseJsonText } from '../../io/json.js';
import { InputError, UsageError, didYouMean } from '../../model/errors.js';
import { applySet, scenarioDocument, scenarioName, SCENARIO_METRICS, type Scenario } from '../../index.js';
import type { Job } from '../../batch/jobs.js';
import type { SweepPlan } from '../../batch/sweep.js';
import { writeFileAtomic } from '../atomic.js';
import { csvRows } from '../../util/csv.js';
import { loadScenarioFile, resolveStart } from '../scenario.js';
import type { WorkerPool } from '../pool.js';
import { scenarioExecutor } from './executor.js';
import { openResultLog, readCheckpoint, removeState, writeCheckpoint, type CheckpointFile, type ResultLog } from './checkpoint.js';
import {
  analyzeSensitivity,
  sensitivityRows,
  type SensitivityDesign,
  type SensitivityParam,
  type SensitivityResult,
  type SensitivitySpec,
} from '../../batch/sensitivity/run.js';
import type { SobolSampling } from '../../batch/sensitivity/sobol.js';

export interface SensitivityRunOptions {
  /** Replications per design point (their mean is the model output). */
  runs: number;
  years?: number;
  metric: string;
  /** Year whose value is analysed (default: the last). */
  year?: number;
  workers: number;
  /** Threads started earlier (`startPool` in node/pool.ts); used instead of starting new ones. */
  pool?: WorkerPool;
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
  /** Every parameter of the scenario as run (defaults included). */
  scenarioDocument: Record<string, unknown>;
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
function sensitivityPlan(
  spec: SensitivitySpec,
  design: SensitivityDesign,
  base: Scenario,
  sha256: string,
  o: { runs: number; metric: string; year: number; years: number },
): Record<string, unknown> {
  const hash = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');
  const plan: Record<string, unknown> = {
    scenarioSha256: sha256,
    scenario: hash(scenarioDocument(base)),
    method: spec.method,
    params: spec.params,
    samples: spec.samples,
  };
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
export async function evaluateSensitivity(
  file: string,
  spec: SensitivitySpec,
  design: SensitivityDesign,
  opts: SensitivityRunOptions,
): Promise<SensitivityEvaluation> {
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
    scenarioDocument: scenarioDocument(base),
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
      throw new InputError([
        { severity: 'error', code: 'not-a-directory', file: dir, message: 'exists and is not a directory (--out names a directory)' },
      ]);
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
        {
          severity: 'error',
          code: 'unfinished-sensitivity',
          file: dir,
          message: `holds an unfinished sensitivity analysis (${cp.done}/${cp.total} points saved): rerun with --resume to finish it, or choose another --out`,
        },
      ]);
    }
    if (!cp && ck.resume) {
      const m = readSensitivityManifest(dir);
      if (m) {
        if (m.planKey === planKey) return evaluation(points, 0, true);
        throw new InputError([
          {
            severity: 'error',
            code: 'resume-mismatch',
            file: join(dir, 'manifest.json'),
            message:
              'already holds other results (manifest.json of a different analysis) and nothing unfinished to resume; use another --out',
          },
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
    const exec = scenarioExecutor({ plan, base, settings, posterior: null, warnings: [] }, opts.workers, opts.pool);
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
          if (++runsIn[p]! < opts.runs) return;
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
    const m = parseJsonText(readFileSync(p, 'utf8')) as { kind?: unknown; planKey?: unknown };
    return { ...(typeof m.planKey === 'string' && m.kind === 'sensitivity' ? { planKey: m.planKey } : {}) };
  } catch {
    return {};
  }
}

export const SENSITIVITY_FORMAT = 'helixlab-sensitivity/1';

/** The manifest fields (also the head of sensitivity.json and of `--format json`). */
export interface SensitivityManifest {
  format: typeof SENSITIVITY_FORMAT;
  kind: 'sensitivity';
  helixlab: string;
  node: string;
  /** Git commit of the HelixLab checkout that ran (when run from a clone). */
  gitCommit?: string | null;
  /** The scenario file, its hash and name, and every parameter as run (defaults included). */
  scenario: { file: string; sha256: string; name: string; document?: unknown };
  method: SensitivitySpec['method'];
  params: SensitivityParam[];
  samples: number;
  /** Sobol only. */
  sampling: SobolSampling | undefined;
  points: number;
  metric: string;
  year: number;
  years: number;
  runs: number;
  seed: number | string;
  seedRule: string;
  /** Morris only. */
  levels: number | undefined;
  candidates: number | undefined;
  bootstrap: number | undefined;
}

export interface SensitivityDocument extends SensitivityManifest {
  result: SensitivityResult;
}

export interface SensitivityJobOptions extends Omit<SensitivityRunOptions, 'checkpoint'> {
  /** Output directory; with it the evaluation is resumable and the files are written there. */
  out?: string;
  /** Finish an interrupted analysis in `out`. */
  resume?: boolean;
  versions: { helixlab: string; node: string; gitCommit?: string | null };
  /** Seconds between fsync + checkpoint of the log (default 2). */
  checkpointEvery?: number;
}

export interface SensitivityOutcome {
  /** `stopped`: shouldStop() ended the evaluation early (finished points are in `out`'s log). */
  status: 'done' | 'stopped' | 'already-finished';
  evaluation: SensitivityEvaluation;
  /** The document written (or, when already finished, the one found in `out`); absent when stopped. */
  doc?: SensitivityDocument;
}

function seedRule(spec: SensitivitySpec): string {
  const design =
    spec.method === 'sobol' && (spec.sampling ?? 'sobol') === 'sobol'
      ? " (Sobol' sequence, digital shift from its stream('shift'))"
      : spec.method === 'sobol'
        ? " (A from its stream('A'), B from stream('B'))"
        : '';
  return `design: createRng(seed).stream('sensitivity', method)${design}; run r of every point: createRng(seed).stream('run', r), as in \`helixlab simulate\``;
}

/** Evaluate, analyse and (with `opts.out`) write the files of a sensitivity analysis. */
export async function runSensitivity(
  scenario: string,
  spec: SensitivitySpec,
  design: SensitivityDesign,
  opts: SensitivityJobOptions,
): Promise<SensitivityOutcome> {
  const { out, resume, versions, checkpointEvery, ...run } = opts;
  const ro: SensitivityRunOptions = { ...run };
  if (out) ro.checkpoint = { dir: out, resume: resume === true, ...(checkpointEvery !== undefined ? { every: checkpointEvery } : {}) };
  const ev = await evaluateSensitivity(scenario, spec, design, ro);
  if (ev.alreadyFinished && out) {
    const file = join(out, 'sensitivity.json');
    let doc: SensitivityDocument;
    try {
      doc = parseJsonText(readFileSync(file, 'utf8')) as SensitivityDocument;
    } catch {
      throw new InputError([
        {
          severity: 'error',
          code: 'bad-result',
          file,
          message: 'missing or not valid JSON although manifest.json is there; run again without --resume',
        },
      ]);
    }
    return { status: 'already-finished', evaluation: ev, doc };
  }
  if (!ev.complete) return { status: 'stopped', evaluation: ev };
  const bad = ev.y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    // the saved outputs are of no use for another metric or year
    if (out) clearSensitivityState(out);
    throw new InputError([
      {
        severity: 'error',
        code: 'non-finite',
        file: scenario,
        field: run.metric,
        message: `the metric is not a finite number (${ev.y[bad]}) at design point ${bad} (year ${ev.year}); choose another metric or year`,
      },
    ]);
  }
  const result = analyzeSensitivity(spec, design, ev.y);
  const manifest: SensitivityManifest = {
    format: SENSITIVITY_FORMAT,
    kind: 'sensitivity',
    helixlab: versions.helixlab,
    node: versions.node,
    ...(versions.gitCommit !== undefined ? { gitCommit: versions.gitCommit } : {}),
    scenario: { file: scenario, sha256: ev.scenarioSha256, name: ev.scenarioName, document: ev.scenarioDocument },
    method: spec.method,
    params: spec.params,
    samples: spec.samples,
    sampling: spec.method === 'sobol' ? (spec.sampling ?? 'sobol') : undefined,
    points: design.points.length,
    metric: run.metric,
    year: ev.year,
    years: ev.years,
    runs: run.runs,
    seed: spec.seed,
    seedRule: seedRule(spec),
    levels: spec.method === 'morris' ? spec.levels : undefined,
    candidates: spec.method === 'morris' ? spec.candidates : undefined,
    bootstrap: spec.bootstrap,
  };
  const doc: SensitivityDocument = { ...manifest, result };
  if (out) {
    writeFileAtomic(join(out, 'sensitivity.json'), JSON.stringify(doc, null, 2) + '\n');
    writeFileAtomic(join(out, 'sensitivity.csv'), csvRows(sensitivityRows(result)));
    writeFileAtomic(
      join(out, 'samples.csv'),
      csvRows([['point', ...spec.params.map((p) => p.name), 'y'], ...design.points.map((x, i) => [i, ...x, ev.y[i]!])]),
    );
    const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 12);
    // planKey: what a later --resume in this directory must agree on (see evaluateSensitivity)
    const files = { result: 'sensitivity.json', indices: 'sensitivity.csv', samples: 'samples.csv' };
    writeFileAtomic(
      join(out, 'manifest.json'),
      JSON.stringify({ ...manifest, resultSha256: hash, planKey: ev.planKey, files }, null, 2) + '\n',
    );
    clearSensitivityState(out);
  }
  return { status: 'done', evaluation: ev, doc };
}
