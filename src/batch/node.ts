/**
 * Node-only. Running a sweep: the job list, the append-only log, stop/resume, and the final files.
 *
 * The model is reached through one function, a {@link JobExecutor}: given jobs in canonical order
 * it calls `onResult` once per job with the per-metric yearly values (in `plan.metrics` order) and
 * checks `shouldStop()` between batches. `engine.ts` provides the executor backed by the scenario
 * engine's worker pool; tests can pass an in-process one.
 *
 * Determinism: results go into the log keyed by job index, and the final files are written from
 * the log in canonical order, so the bytes do not depend on the number of threads, on the order in
 * which jobs finished, on interruptions, or on how the work was sharded (see merge.ts).
 * Output files are written to a temporary file beside the target and renamed.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { InputError } from '../model/errors.js';
import { tempPathFor, writeFileAtomic } from '../util/atomic.js';
import { settingAt } from './grid.js';
import { jobAt, shardJobIndices, type Job } from './jobs.js';
import { SWEEP_FORMAT, SettingAccumulator, buildManifest, planFromManifest, planKey, runsHeader, runsRows, summaryHeader, type RunValues, type SweepManifest, type SweepPlan } from './sweep.js';
import { openResultLog, readCheckpoint, removeState, writeCheckpoint, type ResultLog } from './checkpoint.js';

export type JobExecutor = (jobs: readonly Job[], onResult: (job: Job, values: RunValues) => void, shouldStop: () => boolean) => Promise<void>;

export interface SweepRunOptions {
  outDir: string;
  plan: SweepPlan;
  executor: JobExecutor;
  resume?: boolean;
  versions: { helixlab: string; node: string };
  /** Called after each finished job with (done, total in this directory). */
  onProgress?: (done: number, total: number) => void;
  /** Polled between batches; true = stop cleanly after the jobs in flight. */
  shouldStop?: () => boolean;
  /** Seconds between fsync + checkpoint (default 2). */
  checkpointEvery?: number;
}

export interface SweepRunResult {
  complete: boolean;
  done: number;
  total: number;
  /** Jobs computed in this invocation. */
  computed: number;
}

/** Streams text into a temp file and renames it over `path` on commit. */
export class AtomicWriter {
  private readonly tmp: string;
  private fd: number;
  private buf = '';
  constructor(private readonly path: string) {
    mkdirSync(dirname(path) || '.', { recursive: true });
    this.tmp = tempPathFor(path);
    this.fd = openSync(this.tmp, 'w');
  }
  write(text: string): void {
    this.buf += text;
    if (this.buf.length > 1 << 16) this.flush();
  }
  private flush(): void {
    if (this.buf) writeSync(this.fd, this.buf);
    this.buf = '';
  }
  commit(): void {
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.tmp, this.path);
  }
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmp, { force: true });
  }
}

/**
 * Write runs.csv, summary.csv and manifest.json for the jobs `indices` (ascending), taking each
 * job's values from `get`. Used by sweeps (from the log) and merges (from shard files).
 */
export function writeSweepFiles(outDir: string, plan: SweepPlan, indices: readonly number[], get: (job: number) => RunValues, versions: { helixlab: string; node: string }): void {
  const runs = new AtomicWriter(join(outDir, 'runs.csv'));
  const summary = new AtomicWriter(join(outDir, 'summary.csv'));
  try {
    runs.write(runsHeader(plan));
    summary.write(summaryHeader(plan));
    let acc: SettingAccumulator | undefined;
    for (const j of indices) {
      const job = jobAt(j, plan.runs);
      if (!acc || acc.setting.index !== job.setting) {
        if (acc) summary.write(acc.summaryRows());
        acc = new SettingAccumulator(plan, settingAt(plan.axes, job.setting));
      }
      const values = get(j);
      runs.write(runsRows(plan, acc.setting, job.run, values));
      acc.add(values);
    }
    if (acc) summary.write(acc.summaryRows());
    runs.commit();
    summary.commit();
  } catch (err) {
    runs.abort();
    summary.abort();
    throw err;
  }
  writeFileAtomic(join(outDir, 'manifest.json'), JSON.stringify(buildManifest(plan, versions, indices.length), null, 2) + '\n');
}

function checkValues(plan: SweepPlan) {
  return (_job: number, values: number[][]): boolean => values.length === plan.metrics.length && values.every((v) => v.length === plan.years + 1);
}

/** SHA-256 of everything a resume must agree on (plan and shard). */
function keyOf(plan: SweepPlan): string {
  return createHash('sha256').update(planKey(plan)).update(JSON.stringify(plan.shard ?? null)).digest('hex');
}

/** Run (or resume) a sweep into `outDir`. */
export async function runSweep(opts: SweepRunOptions): Promise<SweepRunResult> {
  const { outDir, plan } = opts;
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new InputError([{ severity: 'error', code: 'not-a-directory', file: outDir, message: 'exists and is not a directory (--out names a directory)' }]);
  }
  const key = keyOf(plan);
  const totalJobs = plan.axes.reduce((n, a) => n * a.values.length, 1) * plan.runs;
  const indices = shardJobIndices(totalJobs, plan.shard);
  const cp = readCheckpoint(outDir);
  const finished = existsSync(join(outDir, 'manifest.json')) && !cp;
  if (cp && cp.planKey !== key) {
    throw new InputError([
      { severity: 'error', code: 'resume-mismatch', file: join(outDir, '.sweep', 'checkpoint.json'), message: 'this directory holds a sweep with a different scenario, grid, runs, seed, years or shard; use another --out' },
    ]);
  }
  if (cp && !opts.resume) {
    throw new InputError([
      { severity: 'error', code: 'unfinished-sweep', file: outDir, message: 'holds an unfinished sweep: rerun with --resume to finish it, or choose another --out' },
    ]);
  }
  if (finished) {
    let same = false;
    try {
      const m = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as SweepManifest;
      const p = planFromManifest(m);
      same = m.format === SWEEP_FORMAT && keyOf(p) === key;
    } catch {
      same = false;
    }
    if (!same) {
      throw new InputError([{ severity: 'error', code: 'exists', file: outDir, message: 'already holds other results (manifest.json of a different sweep); choose another --out' }]);
    }
    if (!opts.resume) {
      throw new InputError([{ severity: 'error', code: 'exists', file: outDir, message: 'already holds a finished sweep (manifest.json); choose another --out or delete it' }]);
    }
    return { complete: true, done: indices.length, total: indices.length, computed: 0 };
  }
  if (!cp) {
    // a fresh start: clear a stale log left without its checkpoint
    removeState(outDir);
  }
  const log: ResultLog = openResultLog(outDir, totalJobs);
  let computed = 0;
  try {
    if (cp) log.scan(checkValues(plan));
    const writeCp = (): void => {
      log.sync();
      writeCheckpoint(outDir, { format: 'helixlab-sweep-checkpoint/1', planKey: key, done: log.done, total: indices.length });
    };
    writeCp();
    const pending: Job[] = indices.filter((j) => !log.isDone(j)).map((j) => jobAt(j, plan.runs));
    let doneHere = indices.length - pending.length;
    opts.onProgress?.(doneHere, indices.length);
    const every = (opts.checkpointEvery ?? 2) * 1000;
    let last = Date.now();
    const stop = opts.shouldStop ?? (() => false);
    await opts.executor(
      pending,
      (job, values) => {
        if (values.length !== plan.metrics.length) throw new Error(`job ${job.index}: expected ${plan.metrics.length} metrics, got ${values.length}`);
        log.append(job.index, values);
        computed++;
        doneHere++;
        opts.onProgress?.(doneHere, indices.length);
        if (Date.now() - last >= every) {
          writeCp();
          last = Date.now();
        }
      },
      stop,
    );
    writeCp();
    const complete = indices.every((j) => log.isDone(j));
    if (!complete) return { complete: false, done: doneHere, total: indices.length, computed };
    writeSweepFiles(outDir, plan, indices, (j) => log.read(j), opts.versions);
  } finally {
    log.close();
  }
  removeState(outDir);
  return { complete: true, done: indices.length, total: indices.length, computed };
}

/** HelixLab version (from package.json) and Node version, for manifests. */
export function batchVersions(): { helixlab: string; node: string } {
  const here = dirname(fileURLToPath(import.meta.url));
  let helixlab = '0.0.0';
  for (const p of [join(here, '..', '..', 'package.json'), join(here, '..', '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'helixlab' && pkg.version) {
        helixlab = pkg.version;
        break;
      }
    } catch {
      /* try the next */
    }
  }
  return { helixlab, node: process.version };
}

