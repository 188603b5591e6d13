/**
 * Node-only. Running a sweep: the job list, the append-only log, stop/resume, and the final files.
 *
 * The model is reached through one function, a {@link JobExecutor}: given jobs in canonical order
 * it calls `onResult` once per job with the per-metric yearly values (in `plan.metrics` order) and
 * checks `shouldStop()` between batches. `engine.ts` provides the executor backed by the scenario
 * engine's worker pool; tests can pass an in-process one.
 *
 * Determinism: results go into the log keyed by job index, and runs.csv / summary.csv are written
 * in canonical job order — streamed while the results arrive (the pool delivers them in job order;
 * jobs finished before a `--resume` are read back from the log), so the end of a sweep only closes
 * and renames the files. The bytes do not depend on the number of threads, on the order in which
 * jobs finished, on interruptions, or on how the work was sharded (see merge.ts). Each number is
 * formatted once (`String(x)`), and that text goes both into the log line and into runs.csv.
 * The files being streamed are `DIR/.sweep/*.part` until the last job is in; then they are renamed
 * over `DIR/runs.csv` and `DIR/summary.csv` (atomic). Set `HELIXLAB_SWEEP_TIMING=1` to get one
 * stderr line with the time of the first and last result and of the end (used by bench/sweep.mjs).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InputError } from '../../model/errors.js';
import { parseJsonText } from '../../io/json.js';
import { AtomicWriter, writeFileAtomic } from '../atomic.js';

export { AtomicWriter };
import { settingAt } from '../../batch/grid.js';
import { jobAt, shardJobIndices, type Job } from '../../batch/jobs.js';
import {
  SWEEP_FORMAT,
  SettingAccumulator,
  buildManifest,
  planFromManifest,
  planKey,
  runsHeader,
  runsRowPrefix,
  runsRows,
  runsRowsText,
  summaryHeader,
  valueTexts,
  type RunValues,
  type SweepManifest,
  type SweepPlan,
} from '../../batch/sweep.js';
import type { JobExecutor } from './executor.js';
import { encodeRecordText, openResultLog, readCheckpoint, removeState, stateDir, writeCheckpoint, type ResultLog } from './checkpoint.js';

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
  /**
   * Values that were not finite in the files written (±Infinity run values, overflowed summary
   * statistics): written as empty cells; the CLI warns. Absent when there were none.
   */
  nonFinite?: { values: number; statistics: number };
}

/**
 * Write runs.csv, summary.csv and manifest.json for the jobs `indices` (ascending), taking each
 * job's values from `get` (called once per job, in that order). Used by merges (from shard files).
 */
export function writeSweepFiles(
  outDir: string,
  plan: SweepPlan,
  indices: readonly number[],
  get: (job: number) => RunValues,
  versions: { helixlab: string; node: string },
  /** Called after the last job, before anything is committed (a throw leaves no files). */
  beforeCommit?: () => void,
): void {
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
    beforeCommit?.();
    runs.commit();
    summary.commit();
  } catch (err) {
    runs.abort();
    summary.abort();
    throw err;
  }
  const sha256 = { runs: runs.sha256, summary: summary.sha256 };
  writeFileAtomic(join(outDir, 'manifest.json'), JSON.stringify(buildManifest(plan, versions, indices.length, sha256), null, 2) + '\n');
}

/**
 * Streams runs.csv and summary.csv of a sweep (jobs added in canonical order, as
 * {@link writeSweepFiles} writes them) and commits them with the manifest.
 */
class SweepFilesWriter {
  private readonly runs: AtomicWriter;
  private readonly summary: AtomicWriter;
  private acc: SettingAccumulator | undefined;
  private prefix = '';
  private done = false;
  /** ±Infinity run values and overflowed statistics of the settings finished so far. */
  readonly nonFinite = { values: 0, statistics: 0 };
  constructor(
    private readonly outDir: string,
    private readonly plan: SweepPlan,
  ) {
    // the partial files live in DIR/.sweep (fixed names, truncated on open), so a kill -9 leaves
    // nothing beside the results and the next --resume or fresh start replaces or removes them
    this.runs = new AtomicWriter(join(outDir, 'runs.csv'), join(stateDir(outDir), 'runs.csv.part'));
    try {
      this.summary = new AtomicWriter(join(outDir, 'summary.csv'), join(stateDir(outDir), 'summary.csv.part'));
    } catch (err) {
      this.runs.abort();
      throw err;
    }
    this.runs.write(runsHeader(plan));
    this.summary.write(summaryHeader(plan));
  }

  /** Add job `j` (the next in canonical order): its values and their {@link valueTexts}. */
  add(j: number, values: RunValues, texts: string[][]): void {
    const job = jobAt(j, this.plan.runs);
    if (!this.acc || this.acc.setting.index !== job.setting) {
      if (this.acc) this.finishSetting(this.acc);
      this.acc = new SettingAccumulator(this.plan, settingAt(this.plan.axes, job.setting));
      this.prefix = runsRowPrefix(this.acc.setting);
    }
    this.runs.write(runsRowsText(this.plan, this.prefix, job.run, texts));
    this.acc.add(values);
  }

  private finishSetting(acc: SettingAccumulator): void {
    this.summary.write(acc.summaryRows());
    this.nonFinite.values += acc.infiniteValues;
    this.nonFinite.statistics += acc.overflowedStatistics;
  }

  commit(versions: { helixlab: string; node: string }, jobsHere: number): void {
    if (this.acc) this.finishSetting(this.acc);
    this.runs.commit();
    this.summary.commit();
    this.done = true;
    const sha256 = { runs: this.runs.sha256, summary: this.summary.sha256 };
    writeFileAtomic(
      join(this.outDir, 'manifest.json'),
      JSON.stringify(buildManifest(this.plan, versions, jobsHere, sha256), null, 2) + '\n',
    );
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    this.runs.abort();
    this.summary.abort();
  }
}

function checkValues(plan: SweepPlan) {
  return (_job: number, values: number[][]): boolean =>
    values.length === plan.metrics.length && values.every((v) => v.length === plan.years + 1);
}

/** SHA-256 of everything a resume must agree on (plan and shard). */
function keyOf(plan: SweepPlan): string {
  return createHash('sha256')
    .update(planKey(plan))
    .update(JSON.stringify(plan.shard ?? null))
    .digest('hex');
}

/** Run (or resume) a sweep into `outDir`. */
export async function runSweep(opts: SweepRunOptions): Promise<SweepRunResult> {
  const { outDir, plan } = opts;
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new InputError([
      { severity: 'error', code: 'not-a-directory', file: outDir, message: 'exists and is not a directory (--out names a directory)' },
    ]);
  }
  const key = keyOf(plan);
  const totalJobs = plan.axes.reduce((n, a) => n * a.values.length, 1) * plan.runs;
  const indices = shardJobIndices(totalJobs, plan.shard);
  const cp = readCheckpoint(outDir);
  const finished = existsSync(join(outDir, 'manifest.json')) && !cp;
  if (cp && cp.planKey !== key) {
    throw new InputError([
      {
        severity: 'error',
        code: 'resume-mismatch',
        file: join(outDir, '.sweep', 'checkpoint.json'),
        message: 'this directory holds a sweep with a different scenario, grid, runs, seed, years or shard; use another --out',
      },
    ]);
  }
  if (cp && !opts.resume) {
    throw new InputError([
      {
        severity: 'error',
        code: 'unfinished-sweep',
        file: outDir,
        message: 'holds an unfinished sweep: rerun with --resume to finish it, or choose another --out',
      },
    ]);
  }
  if (finished) {
    let same: boolean;
    try {
      const m = parseJsonText(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as SweepManifest;
      const p = planFromManifest(m);
      same = m.format === SWEEP_FORMAT && keyOf(p) === key;
    } catch {
      same = false;
    }
    if (!same) {
      throw new InputError([
        {
          severity: 'error',
          code: 'exists',
          file: outDir,
          message: 'already holds other results (manifest.json of a different sweep); choose another --out',
        },
      ]);
    }
    if (!opts.resume) {
      throw new InputError([
        {
          severity: 'error',
          code: 'exists',
          file: outDir,
          message: 'already holds a finished sweep (manifest.json); choose another --out or delete it',
        },
      ]);
    }
    return { complete: true, done: indices.length, total: indices.length, computed: 0 };
  }
  if (!cp) {
    // a fresh start: clear a stale log left without its checkpoint
    removeState(outDir);
  }
  const log: ResultLog = openResultLog(outDir, totalJobs);
  let computed = 0;
  let nonFinite: { values: number; statistics: number } | undefined;
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
    // runs.csv and summary.csv are written while results arrive, in canonical order: the pool
    // delivers in job order, jobs finished before a resume are read back from the log, and a
    // result that arrives ahead of its turn waits in `early`. The files are temp files until the
    // last job is in; an interrupted invocation deletes them (the log is what survives).
    const timing = process.env.HELIXLAB_SWEEP_TIMING ? { t0: performance.now(), first: NaN, last: NaN } : undefined;
    const files = new SweepFilesWriter(outDir, plan);
    try {
      let next = 0;
      const early = new Map<number, { values: RunValues; texts: string[][] }>();
      const drain = (): void => {
        while (next < indices.length && log.isDone(indices[next]!)) {
          const j = indices[next]!;
          let e = early.get(j);
          if (e) early.delete(j);
          else {
            const values = log.read(j);
            e = { values, texts: valueTexts(values) };
          }
          files.add(j, e.values, e.texts);
          next++;
        }
      };
      drain();
      const handle = (job: Job, values: RunValues): void => {
        if (log.isDone(job.index)) return;
        const texts = valueTexts(values);
        log.appendLine(job.index, encodeRecordText(job.index, texts));
        computed++;
        doneHere++;
        if (indices[next] === job.index) {
          files.add(job.index, values, texts);
          next++;
          drain();
        } else early.set(job.index, { values, texts });
        opts.onProgress?.(doneHere, indices.length);
        if (Date.now() - last >= every) {
          writeCp();
          last = Date.now();
        }
      };
      // The pool hands a worker its next task from this thread's event loop, so results are not
      // processed inside the pool's callback (a chunk of 200 results would keep both workers
      // waiting): they are queued and handled a few at a time in setImmediate turns, between
      // which the pool's messages get through. Whatever is still queued when the executor returns
      // (finished, or stopped by Ctrl-C) is handled before the files are finished.
      const queue: ({ job: Job; values: RunValues } | undefined)[] = [];
      let head = 0;
      let scheduled = false;
      let failure: { err: unknown } | undefined;
      const processQueue = (limit: number): void => {
        const end = Math.min(queue.length, head + limit);
        while (head < end) {
          const e = queue[head]!;
          queue[head++] = undefined;
          handle(e.job, e.values);
        }
        if (head === queue.length) {
          queue.length = 0;
          head = 0;
        }
      };
      const schedule = (): void => {
        if (scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          if (failure) return;
          try {
            processQueue(8);
          } catch (err) {
            failure = { err };
            return;
          }
          if (head < queue.length) schedule();
        });
      };
      try {
        await opts.executor(
          pending,
          (job, values) => {
            if (failure) throw failure.err;
            if (values.length !== plan.metrics.length)
              throw new Error(`job ${job.index}: expected ${plan.metrics.length} metrics, got ${values.length}`);
            if (timing) {
              if (Number.isNaN(timing.first)) timing.first = performance.now();
              timing.last = performance.now();
            }
            queue.push({ job, values });
            schedule();
          },
          stop,
        );
      } catch (err) {
        // the executor failed: keep the results it delivered (log them) so a --resume need not redo them
        if (!failure) {
          try {
            processQueue(Infinity);
            writeCp();
          } catch {
            /* the original error is the one to report */
          }
        }
        throw err;
      }
      if (failure) throw failure.err;
      processQueue(Infinity);
      writeCp();
      drain();
      if (next < indices.length) {
        files.abort();
        return { complete: false, done: doneHere, total: indices.length, computed };
      }
      files.commit(opts.versions, indices.length);
      nonFinite = files.nonFinite;
      if (timing) {
        const t = (x: number): string => ((x - timing.t0) / 1000).toFixed(3);
        // diagnostics for bench/sweep.mjs: seconds since the log was opened (before the pool starts)
        process.stderr.write(
          `HELIXLAB_SWEEP_TIMING first=${t(timing.first)} last=${t(timing.last)} end=${t(performance.now())} uptime=${process.uptime().toFixed(3)}\n`,
        );
      }
    } catch (err) {
      files.abort();
      throw err;
    }
  } finally {
    log.close();
  }
  removeState(outDir);
  const warn = nonFinite !== undefined && (nonFinite.values > 0 || nonFinite.statistics > 0);
  return { complete: true, done: indices.length, total: indices.length, computed, ...(warn ? { nonFinite } : {}) };
}
