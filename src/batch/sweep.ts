/**
 * Sweep results: the plan, the table layouts and the per-setting summary (browser-safe, pure).
 * The Node-only parts — the append-only log, the worker pool and file output — are in
 * `checkpoint.ts`, `node.ts` and `merge.ts`.
 *
 * Files of a sweep directory:
 * - `runs.csv`: one row per setting × run × year, one column per metric:
 *   `setting,<grid paths…>,run,year,<metrics…>`, in canonical job order (setting-major, run, year).
 *   `year` counts from 0 (the start state) to the scenario's `years`.
 * - `summary.csv`: one row per setting × year × metric:
 *   `setting,<grid paths…>,year,metric,n,mean,sd,ci95_lo,ci95_hi,p05,p50,p95`.
 *   Computed with the scenario engine's {@link StreamingSummary}, exactly as `helixlab simulate`
 *   summarises runs: n counts non-NaN values; sd uses n − 1; the 95% interval of the mean is
 *   mean ± t(0.975, n−1)·sd/√n; quantiles are R type 7 (exact up to 1000 runs per setting, P²
 *   beyond, so memory stays bounded). Runs are added in run order, so the bytes do not depend on
 *   how many threads computed them. Empty cells mean no value: n = 0, sd and interval with
 *   n < 2, a metric that is undefined in that year (e.g. partnerships per million in year 0), or a
 *   value that is not finite (an overflow; the sweep warns).
 * - `manifest.json`: everything needed to reproduce (scenario, grids, seed, runs, versions).
 *
 * Indexing: design and result arrays have the sizes the design fixes (points × parameters, runs ×
 * years); indices are loop counters below those sizes, so the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import { cellValue, type GridAxis, type GridValue, type Setting } from './grid.js';
import { csvRow, type Cell } from '../util/csv.js';
import type { Shard } from './jobs.js';
import { StreamingSummary } from '../scenario/aggregate.js';

export const SWEEP_FORMAT = 'helixlab-sweep/1';

export interface SweepPlan {
  /** Scenario file as given on the command line. */
  scenarioFile: string;
  /** SHA-256 of the scenario file's bytes. */
  scenarioSha256: string;
  scenarioName: string;
  /** The resolved base scenario document (defaults filled in). */
  scenario: unknown;
  axes: GridAxis[];
  runs: number;
  seed: number | string;
  /** Simulated years (rows per run = years + 1). */
  years: number;
  metrics: string[];
  shard?: Shard;
  /**
   * The posterior sample runs draw their parameters from (run r: the particle of posterior.ts
   * `drawParticle`, the same for every setting; a swept parameter keeps its grid value), or absent.
   */
  posterior?: SweepPosterior;
}

/** A sweep's posterior sample, as recorded (the file's hash decides a resume or a merge). */
export interface SweepPosterior {
  file: string;
  sha256: string;
  scenario: string;
  particles: number;
  /** The parameters drawn per run (the sample's, less the swept ones). */
  drawn: string[];
}

export interface SweepManifest {
  format: string;
  kind: 'sweep';
  helixlab: string;
  node: string;
  /** Git commit of the HelixLab checkout that ran (when run from a clone). */
  gitCommit?: string | null;
  scenario: { file: string; sha256: string; name: string; document: unknown };
  grids: { path: string; values: unknown[] }[];
  settings: number;
  runs: number;
  seed: number | string;
  seedRule: string;
  years: number;
  metrics: string[];
  jobs: number;
  shard?: Shard;
  /** Jobs in this directory (all jobs unless sharded). */
  jobsHere: number;
  files: Record<string, string>;
  /** The posterior runs drew their parameters from (absent: fixed parameters). */
  posterior?: SweepPosterior;
  /** What the bands of summary.csv contain. */
  uncertainty?: string;
  /**
   * SHA-256 (hex) of the bytes of each file of `files` (`runs`, `summary`), so that `helixlab merge`
   * can tell a shard whose numbers were changed after the sweep wrote them.
   */
  sha256?: Record<string, string>;
}

export const SEED_RULE = "run r of every setting uses createRng(seed).stream('run', r), as in `helixlab simulate`";

export function runsHeader(plan: SweepPlan): string {
  return csvRow(['setting', ...plan.axes.map((a) => a.path), 'run', 'year', ...plan.metrics]);
}

export function summaryHeader(plan: SweepPlan): string {
  return csvRow([
    'setting',
    ...plan.axes.map((a) => a.path),
    'year',
    'metric',
    'n',
    'mean',
    'sd',
    'ci95_lo',
    'ci95_hi',
    'p05',
    'p50',
    'p95',
  ]);
}

/** Per-metric arrays of length years + 1, in `plan.metrics` order. */
export type RunValues = ArrayLike<number>[];

/** The runs.csv lines of one job. */
export function runsRows(plan: SweepPlan, setting: Setting, run: number, values: RunValues): string {
  let out = '';
  const axisCells = setting.values.map(cellValue);
  for (let y = 0; y <= plan.years; y++) {
    const cells: Cell[] = [setting.index, ...axisCells, run, y];
    for (let m = 0; m < plan.metrics.length; m++) cells.push(values[m]![y]!);
    out += csvRow(cells);
  }
  return out;
}

/** `String(x)` of each value (`texts[m][y]`): the exact text of a numeric CSV cell and of a JSON number. */
export function valueTexts(values: RunValues): string[][] {
  return values.map((a) => {
    const t = new Array<string>(a.length);
    for (let y = 0; y < a.length; y++) t[y] = String(a[y]);
    return t;
  });
}

/** The cells `setting,<grid values…>` of a setting's runs.csv lines, as CSV text without a newline. */
export function runsRowPrefix(setting: Setting): string {
  return csvRow([setting.index, ...setting.values.map(cellValue)]).slice(0, -1);
}

/**
 * The runs.csv lines of one job from {@link valueTexts} and {@link runsRowPrefix}: byte-identical
 * to {@link runsRows} (numbers are written as `String(x)` there too), without formatting twice.
 */
export function runsRowsText(plan: SweepPlan, prefix: string, run: number, texts: readonly (readonly string[])[]): string {
  let out = '';
  const head = prefix + ',' + String(run) + ',';
  for (let y = 0; y <= plan.years; y++) {
    out += head + String(y);
    for (let m = 0; m < plan.metrics.length; m++) {
      const t = texts[m]![y]!;
      // NaN and ±Infinity are missing values: an empty cell, as csvRow writes them
      out += t === 'NaN' || t === 'Infinity' || t === '-Infinity' ? ',' : ',' + t;
    }
    out += '\n';
  }
  return out;
}

/**
 * Collects the runs of one setting (fed in run order) and renders its summary.csv lines.
 * Memory: at most 1000 values per metric × year of one setting (StreamingSummary).
 */
export class SettingAccumulator {
  private readonly cols: StreamingSummary[][];
  /** Run values that were ±Infinity (written and summarised as missing; callers warn). */
  infiniteValues = 0;
  /** Statistics of {@link summaryRows} that overflowed (written as missing; callers warn). */
  overflowedStatistics = 0;
  constructor(
    private readonly plan: SweepPlan,
    readonly setting: Setting,
  ) {
    this.cols = plan.metrics.map(() => Array.from({ length: plan.years + 1 }, () => new StreamingSummary()));
  }

  /** Add one run's values (call in run order). */
  add(values: RunValues): void {
    for (let m = 0; m < this.plan.metrics.length; m++) {
      for (let y = 0; y <= this.plan.years; y++) {
        const x = values[m]![y]!;
        if (x === Infinity || x === -Infinity) this.infiniteValues++;
        this.cols[m]![y]!.add(x);
      }
    }
  }

  summaryRows(): string {
    let out = '';
    const axisCells = this.setting.values.map(cellValue);
    for (let y = 0; y <= this.plan.years; y++) {
      for (let m = 0; m < this.plan.metrics.length; m++) {
        const st = this.cols[m]![y]!.result();
        if (st.n > 0 && (st.mean === null || st.p05 === null || st.p50 === null || st.p95 === null)) this.overflowedStatistics++;
        else if (st.n > 1 && (st.sd === null || st.ci95 === null)) this.overflowedStatistics++;
        out += csvRow([
          this.setting.index,
          ...axisCells,
          y,
          this.plan.metrics[m]!,
          st.n,
          st.mean,
          st.sd,
          st.ci95?.[0],
          st.ci95?.[1],
          st.p05,
          st.p50,
          st.p95,
        ]);
      }
    }
    return out;
  }
}

/** The manifest (no timestamps or thread counts, so reruns give the same bytes). */
export function buildManifest(
  plan: SweepPlan,
  versions: { helixlab: string; node: string; gitCommit?: string | null },
  jobsHere: number,
  sha256?: { runs: string; summary: string },
): SweepManifest {
  const m: SweepManifest = {
    format: SWEEP_FORMAT,
    kind: 'sweep',
    helixlab: versions.helixlab,
    node: versions.node,
    ...(versions.gitCommit !== undefined ? { gitCommit: versions.gitCommit } : {}),
    scenario: { file: plan.scenarioFile, sha256: plan.scenarioSha256, name: plan.scenarioName, document: plan.scenario },
    grids: plan.axes.map((a) => ({ path: a.path, values: a.values })),
    settings: plan.axes.reduce((n, a) => n * a.values.length, 1),
    runs: plan.runs,
    seed: plan.seed,
    seedRule: SEED_RULE,
    years: plan.years,
    metrics: plan.metrics,
    jobs: plan.axes.reduce((n, a) => n * a.values.length, 1) * plan.runs,
    jobsHere,
    files: { runs: 'runs.csv', summary: 'summary.csv' },
  };
  if (sha256) m.sha256 = { runs: sha256.runs, summary: sha256.summary };
  if (plan.shard && plan.shard.count > 1) m.shard = plan.shard;
  if (plan.posterior) m.posterior = plan.posterior;
  m.uncertainty = plan.posterior
    ? `Bands contain run-to-run noise and parameter uncertainty (posterior ${plan.posterior.file}, ${plan.posterior.particles} particles; ${plan.posterior.drawn.join(', ') || 'no parameter'} drawn per run).`
    : 'Bands contain run-to-run noise only: the parameters are fixed at the scenario values and the grid settings.';
  return m;
}

/** The fields that must agree for a resume or a merge (everything but versions and shard). */
export function planKey(plan: SweepPlan): string {
  return JSON.stringify({
    scenarioSha256: plan.scenarioSha256,
    scenario: plan.scenario,
    axes: plan.axes,
    runs: plan.runs,
    seed: plan.seed,
    years: plan.years,
    metrics: plan.metrics,
    ...(plan.posterior ? { posterior: { sha256: plan.posterior.sha256, drawn: plan.posterior.drawn } } : {}),
  });
}

/** The plan recorded in a manifest. */
export function planFromManifest(m: SweepManifest): SweepPlan {
  const plan: SweepPlan = {
    scenarioFile: m.scenario.file,
    scenarioSha256: m.scenario.sha256,
    scenarioName: m.scenario.name,
    scenario: m.scenario.document,
    axes: m.grids.map((g) => ({ path: g.path, values: g.values as GridValue[] })),
    runs: m.runs,
    seed: m.seed,
    years: m.years,
    metrics: m.metrics,
  };
  if (m.shard) plan.shard = m.shard;
  if (m.posterior) plan.posterior = m.posterior;
  return plan;
}
