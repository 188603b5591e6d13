/**
 * Monte Carlo over replications: `simulate` (one scenario) and `compare` (several, paired under
 * common random numbers), with the JSON contract of `helixlab simulate` / `helixlab compare`.
 *
 * Replication r of every scenario uses `createRng(seed).stream('run', r)` (see engine.ts), so in a
 * comparison replication r of each regime sees the same starting cluster and, mechanism by
 * mechanism, the same random draws; paired differences B − A then have far less noise than
 * independent runs. Results are aggregated in run order (never completion order), so the output is
 * the same whatever runs them: in this thread (the default runner here, browser-safe) or the
 * worker pool of `src/node/scenario.ts` (helixlab/node).
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import { UsageError } from '../model/errors.js';
import { PairedDifference, RunAggregatorBase, type SummaryResult } from './aggregate.js';
import { runOnce, SCENARIO_METRICS, type MetricName, type RunOutput } from './engine.js';
import type { Scenario } from './schema.js';
import { resolveEqualMoney } from './money.js';
import { scenarioDocument } from './parse.js';
import { tieWindow, type TieCounts } from './ties.js';
import { withParams } from './params.js';
import {
  cumulativeWeights,
  drawParticle,
  uncertaintyStatement,
  type ParamDraw,
  type PosteriorSample,
  type UncertaintyStatement,
} from './posterior.js';

export interface BatchJob {
  scenarios: Scenario[];
  seed: number | string;
  run: number;
  years?: number;
  /**
   * Parameters of this run drawn from a posterior, one entry per scenario (null: the scenario's own
   * values): set with `withParams` before the run (posterior.ts).
   */
  params?: ReadonlyArray<ParamDraw | null>;
}

/** The scenario a job runs for scenario i: with its drawn parameters, if any. */
export function jobScenario(job: BatchJob, i: number): Scenario {
  const s = job.scenarios[i]!;
  const p = job.params?.[i];
  return p ? withParams(s, p.paths, p.values) : s;
}

/** Runs jobs and calls `onResult(index, outputs)` in job order (one output per scenario of the job). */
export type BatchRunner = (
  jobs: readonly BatchJob[],
  onResult: (index: number, outputs: RunOutput[]) => void,
  onProgress?: (done: number, total: number) => void,
) => Promise<void>;

export interface SimulateOptions {
  runs: number;
  seed: number | string;
  years?: number;
  /** Worker threads (honoured by src/node/scenario.ts; the in-process runner ignores it). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called with every replication's outputs (one per scenario), in run order (e.g. to write tidy per-run rows). */
  onRun?: (run: number, outputs: readonly RunOutput[]) => void;
  runner?: BatchRunner;
  /** Where the result comes from (versions, files); attached to the result as `provenance`. */
  provenance?: ProvenanceBase;
  /**
   * A posterior sample per scenario (in order; null or missing: the scenario's own values): run r of
   * scenario i draws its parameters from posteriors[i] (posterior.ts `drawParticle`: the same
   * particle for run r of every scenario with the same posterior), and the result says that its
   * bands contain parameter uncertainty.
   */
  posteriors?: ReadonlyArray<PosteriorSample | null>;
}

/** What the caller knows about the run's origin (the Node layer fills versions, commit and files). */
export interface ProvenanceBase {
  /** HelixLab version. */
  helixlab: string;
  node?: string;
  /** Git commit of the HelixLab checkout that ran, when run from a clone. */
  gitCommit?: string | null;
  /** The scenario files, in the order of the scenarios. */
  files?: (string | null)[];
}

/** Everything needed to reproduce a result: versions, seeds, runs, and every scenario with every default. */
export interface Provenance extends ProvenanceBase {
  seed: number | string;
  runs: number;
  years: number;
  seedRule: string;
  /** Every scenario as run: every parameter including the defaults (the start network summarised). */
  scenarios: Record<string, unknown>[];
  /** Per scenario: what its bands contain (run-to-run noise; with a posterior, parameter uncertainty too). */
  uncertainty: string[];
}

/** Public money of a scenario in a result: expected (exact) and realised (mean over the runs). */
export interface PublicMoney {
  /** Expected public EUR over the horizon, after the equal-money factor. */
  expectedEur: number;
  /** The scenario this one is scaled to equal (`equalMoney.with`), or null. */
  equalMoneyWith: string | null;
  /** The factor applied to its public streams (1 without equal money). */
  scale: number;
  /** Mean over the runs of the realised public EUR (`publicCost` in the last year). */
  realisedMeanEur: number | null;
}

/** Whether the scenarios of a comparison spend the same public money (in expectation, within 1 %). */
export interface MoneyCheck {
  equal: boolean;
  /** Largest |expected − baseline's| / baseline's over the scenarios (null when the baseline spends nothing). */
  maxRelativeDifference: number | null;
  /** The statement for people. */
  message: string;
}

export interface YearSummary {
  year: number;
  mean: number | null;
  sd: number | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
}

export interface FinalSummary {
  mean: number | null;
  sd: number | null;
  ci95: [number, number] | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
  /** Runs with a value (partnershipsPerMillion has none while no public money was spent). */
  n: number;
}

export interface MetricSummary {
  byYear: YearSummary[];
  final: FinalSummary;
}

export interface SimulationResult {
  scenario: string;
  runs: number;
  seed: number | string;
  years: number;
  publicMoney: PublicMoney;
  metrics: Record<MetricName, MetricSummary>;
  /** Tie dynamics after a first joint project, measured as in CORDIS H2020 (docs/model.md 3.5). */
  diagnostics: {
    ties: TieDiagnostics;
    /** Run values that were not finite (an overflow), left out of the summaries as missing; absent when none. */
    infiniteValues?: number;
  };
  /** What the bands contain: run-to-run noise, or also parameter uncertainty (a posterior). */
  uncertainty: UncertaintyStatement;
  /** Present on a `simulate` result (a `compare` result carries one for all its scenarios). */
  provenance?: Provenance;
}

/**
 * Tie dynamics after a first joint project, summed over the runs (ties.ts): member pairs whose first
 * joint project started in the window, and how many of them had another joint project (again), with
 * the next one starting before the first had ended (overlap) or after (after). The same definitions
 * and follow-up (4–7 years) as `helixlab cordis-dynamics` on the H2020 participations.
 */
export interface TieDiagnostics {
  /**
   * First-start years of the window (calendar years with the scenario's startYear, else year indices);
   * null when the run is shorter than 5 years.
   */
  window: [number, number] | null;
  pairs: number;
  again: number;
  overlap: number;
  after: number;
  /** again / pairs (null without pairs); likewise the others. */
  shareAgain: number | null;
  shareOverlap: number | null;
  shareAfter: number | null;
}

export interface Difference {
  meanDiff: number | null;
  ci95: [number, number] | null;
  probGreater: number | null;
}

export interface ComparisonResult {
  baseline: string;
  runs: number;
  seed: number | string;
  years: number;
  moneyCheck: MoneyCheck;
  scenarios: SimulationResult[];
  /** differences[scenario][metric]: final value of the scenario minus the baseline's, paired by run. */
  differences: Record<string, Record<MetricName, Difference>>;
  /** The same for each run's mean over years 1..years (the whole path, not only its end). */
  differencesOverYears: Record<string, Record<MetricName, Difference>>;
  /** The same for each run's sum over years 1..years (for cumulative metrics: the area under the path). */
  differencesCumulated: Record<string, Record<MetricName, Difference>>;
  provenance?: Provenance;
}

/** The run's seed rule, as recorded in provenance. */
export const SEED_RULE_RUNS = "replication r of every scenario: createRng(seed).stream('run', r), one substream per mechanism";

/** Mean over years 1..years of one run's series (NaN values left out; NaN when none). */
export function meanOverYears(series: ArrayLike<number>, years: number): number {
  let s = 0;
  let n = 0;
  for (let y = 1; y <= years; y++) {
    const v = series[y]!;
    if (Number.isNaN(v)) continue;
    s += v;
    n++;
  }
  return n > 0 ? s / n : NaN;
}

/** Sum over years 1..years of one run's series (NaN values left out). */
export function sumOverYears(series: ArrayLike<number>, years: number): number {
  let s = 0;
  for (let y = 1; y <= years; y++) {
    const v = series[y]!;
    if (!Number.isNaN(v)) s += v;
  }
  return s;
}

/** The public money of `s` over `years`, with the realised mean. */
export function publicMoneyOf(s: Scenario, years: number, realisedMeanEur: number | null): PublicMoney {
  const r = resolveEqualMoney(s, years);
  return { expectedEur: r.eur, equalMoneyWith: s.equalMoney?.with ?? null, scale: r.scale, realisedMeanEur };
}

/** Compare the scenarios' expected public money with the baseline's (the first); equal within 1 %. */
export function moneyCheck(names: readonly string[], money: readonly PublicMoney[]): MoneyCheck {
  const base = money[0]?.expectedEur ?? 0;
  const fmtEur = (x: number) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} EUR` : 'not a finite amount');
  const list = names.map((n, i) => `${n} ${fmtEur(money[i]?.expectedEur ?? 0)}`).join(', ');
  if (money.some((m) => !Number.isFinite(m.expectedEur))) {
    // an overflow (a parameter near the largest number): no comparison of amounts is possible
    return {
      equal: false,
      maxRelativeDifference: null,
      message: `NOT an equal-money comparison: the expected public money is not a finite amount (${list}); a parameter near the largest number?`,
    };
  }
  if (!(base > 0)) {
    const all0 = money.every((m) => m.expectedEur === 0);
    return {
      equal: all0,
      maxRelativeDifference: null,
      message: all0
        ? 'Equal public money: none of the scenarios spends public money.'
        : `NOT an equal-money comparison: the baseline spends no public money (expected public money: ${list}).`,
    };
  }
  let max = 0;
  for (const m of money) max = Math.max(max, Math.abs(m.expectedEur - base) / base);
  const equal = max <= 0.01;
  return {
    equal,
    maxRelativeDifference: max,
    message: equal
      ? `Equal public money (expected over the horizon, within 1%): ${list}.`
      : `NOT an equal-money comparison: expected public money differs by up to ${(100 * max).toFixed(1)}% (${list}); differences mix the regimes with the amounts of money.`,
  };
}

/** Every parameter of a scenario as run (defaults included); the start network summarised, the equal-money reference by name. */
export function scenarioProvenance(s: Scenario, file: string | null, years: number): Record<string, unknown> {
  const doc = scenarioDocument(s);
  const out: Record<string, unknown> = { file, ...doc };
  const start = s.start.resolved;
  if (start) out.startNetwork = { name: start.name, actors: start.helix.length, ties: start.tieA.length };
  if (s.equalMoney?.reference) {
    const r = resolveEqualMoney(s, years);
    out.equalMoney = { with: s.equalMoney.with, scale: r.scale, expectedPublicEur: r.eur, referenceExpectedPublicEur: r.referenceEur };
  }
  return out;
}

/** The default runner: this thread, yielding to the event loop now and then. */
export const inProcessRunner: BatchRunner = async (jobs, onResult, onProgress) => {
  for (let k = 0; k < jobs.length; k++) {
    const j = jobs[k]!;
    const opts = j.years !== undefined ? { years: j.years } : {};
    onResult(
      k,
      j.scenarios.map((_s, i) => runOnce(jobScenario(j, i), j.seed, j.run, opts)),
    );
    if (onProgress && ((k + 1) % 25 === 0 || k + 1 === jobs.length)) onProgress(k + 1, jobs.length);
    if ((k + 1) % 200 === 0) await new Promise((r) => setTimeout(r, 0));
  }
};

function checkOptions(opts: SimulateOptions, scenarios: readonly Scenario[]): number {
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new UsageError(`runs: expected an integer >= 1, got ${opts.runs}`);
  const years = opts.years ?? scenarios[0]!.years;
  if (opts.years !== undefined && (!Number.isInteger(opts.years) || opts.years < 1 || opts.years > 100)) {
    throw new UsageError(`years: expected an integer from 1 to 100, got ${opts.years}`);
  }
  if (opts.years === undefined) {
    const ys = new Set(scenarios.map((s) => s.years));
    if (ys.size > 1) throw new UsageError(`the scenarios have different horizons (${[...ys].join(', ')} years): give --years`);
  }
  return years;
}

class ScenarioAggregator extends RunAggregatorBase {
  private readonly ties = { pairs: 0, again: 0, overlap: 0, after: 0 };
  constructor(years: number) {
    super(SCENARIO_METRICS, years);
  }
  override addRun(out: RunOutput): void {
    super.addRun(out);
    const d = out.diagnostics;
    this.ties.pairs += d.tiePairs;
    this.ties.again += d.tieAgain;
    this.ties.overlap += d.tieOverlap;
    this.ties.after += d.tieAfter;
  }
  toResult(
    name: string,
    runs: number,
    seed: number | string,
    years: number,
    s: Scenario,
    posterior: PosteriorSample | null,
  ): SimulationResult {
    const metrics = {} as Record<MetricName, MetricSummary>;
    for (const m of SCENARIO_METRICS) {
      const byYear: YearSummary[] = [];
      let last: SummaryResult | undefined;
      for (let y = 0; y <= years; y++) {
        const r = this.summary(m, y);
        byYear.push({ year: y, mean: r.mean, sd: r.sd, p05: r.p05, p50: r.p50, p95: r.p95 });
        last = r;
      }
      const f = last!;
      metrics[m] = { byYear, final: { mean: f.mean, sd: f.sd, ci95: f.ci95, p05: f.p05, p50: f.p50, p95: f.p95, n: f.n } };
    }
    return {
      scenario: name,
      runs,
      seed,
      years,
      publicMoney: publicMoneyOf(s, years, metrics.publicCost.final.mean),
      metrics,
      diagnostics: {
        ties: tieDiagnostics(this.ties, years, s.startYear),
        // only when there were any (an overflow, e.g. a parameter of 1e308): the values are missing
        ...(this.infiniteValues > 0 ? { infiniteValues: this.infiniteValues } : {}),
      },
      uncertainty: uncertaintyStatement(posterior),
    };
  }
}

/** The tie diagnostics of summed counts over a `years`-year horizon (window in calendar years with `startYear`). */
export function tieDiagnostics(c: TieCounts, years: number, startYear?: number): TieDiagnostics {
  const w = tieWindow(years);
  const base = startYear ?? 0;
  const share = (x: number): number | null => (c.pairs > 0 ? x / c.pairs : null);
  return {
    window: w ? [base + w.from, base + w.to] : null,
    pairs: c.pairs,
    again: c.again,
    overlap: c.overlap,
    after: c.after,
    shareAgain: share(c.again),
    shareOverlap: share(c.overlap),
    shareAfter: share(c.after),
  };
}

/** Unique display names: a repeated name gets ` (2)`, ` (3)`. */
export function uniqueNames(ss: readonly Scenario[]): string[] {
  const seen = new Map<string, number>();
  return ss.map((s) => {
    const c = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, c);
    return c === 1 ? s.name : `${s.name} (${c})`;
  });
}

/** Monte Carlo estimate of one scenario's indicators. */
export async function simulate(s: Scenario, opts: SimulateOptions): Promise<SimulationResult> {
  const cmp = await runAll([s], opts);
  const r = cmp.results[0]!;
  return cmp.provenance ? { ...r, provenance: cmp.provenance } : r;
}

/** Several scenarios under common random numbers, with paired differences against the first. */
export async function compare(ss: Scenario[], opts: SimulateOptions): Promise<ComparisonResult> {
  if (ss.length < 2) throw new UsageError('compare needs at least two scenarios');
  const { results, differences, differencesOverYears, differencesCumulated, years, provenance } = await runAll(ss, opts);
  const out: ComparisonResult = {
    baseline: results[0]!.scenario,
    runs: opts.runs,
    seed: opts.seed,
    years,
    moneyCheck: moneyCheck(
      results.map((r) => r.scenario),
      results.map((r) => r.publicMoney),
    ),
    scenarios: results,
    differences,
    differencesOverYears,
    differencesCumulated,
  };
  if (provenance) out.provenance = provenance;
  return out;
}

type Diffs = Record<string, Record<MetricName, Difference>>;

interface RunAllResult {
  results: SimulationResult[];
  differences: Diffs;
  differencesOverYears: Diffs;
  differencesCumulated: Diffs;
  years: number;
  provenance?: Provenance;
}

async function runAll(ss: Scenario[], opts: SimulateOptions): Promise<RunAllResult> {
  const years = checkOptions(opts, ss);
  const aggs = ss.map(() => new ScenarioAggregator(years));
  const paired = () => ss.slice(1).map(() => SCENARIO_METRICS.map(() => new PairedDifference()));
  const diffs = paired();
  const diffsMean = paired();
  const diffsSum = paired();
  const posts = ss.map((_s, i) => opts.posteriors?.[i] ?? null);
  const cums = posts.map((p) => (p ? cumulativeWeights(p) : null));
  const jobs: BatchJob[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const job: BatchJob = { scenarios: ss, seed: opts.seed, run: r, years };
    if (posts.some((p) => p !== null)) job.params = posts.map((p, i) => (p ? drawParticle(p, opts.seed, r, cums[i]!) : null));
    jobs.push(job);
  }
  const runner = opts.runner ?? inProcessRunner;
  const onRun = opts.onRun;
  await runner(
    jobs,
    (k, outs) => {
      outs.forEach((o, i) => aggs[i]!.addRun(o));
      for (let i = 1; i < outs.length; i++) {
        SCENARIO_METRICS.forEach((m, mi) => {
          const a = outs[0]!.metrics[m];
          const b = outs[i]!.metrics[m];
          diffs[i - 1]![mi]!.add(a[years]!, b[years]!);
          diffsMean[i - 1]![mi]!.add(meanOverYears(a, years), meanOverYears(b, years));
          diffsSum[i - 1]![mi]!.add(sumOverYears(a, years), sumOverYears(b, years));
        });
      }
      if (onRun) onRun(k, outs);
    },
    opts.onProgress,
  );
  const names = uniqueNames(ss);
  const results = aggs.map((a, i) => a.toResult(names[i]!, opts.runs, opts.seed, years, ss[i]!, posts[i]!));
  const collect = (ps: PairedDifference[][]): Diffs => {
    const out: Diffs = {};
    for (let i = 1; i < ss.length; i++) {
      const rec = {} as Record<MetricName, Difference>;
      SCENARIO_METRICS.forEach((m, mi) => {
        const d = ps[i - 1]![mi]!.result();
        rec[m] = { meanDiff: d.meanDiff, ci95: d.ci95, probGreater: d.probGreater };
      });
      out[names[i]!] = rec;
    }
    return out;
  };
  const out: RunAllResult = {
    results,
    differences: collect(diffs),
    differencesOverYears: collect(diffsMean),
    differencesCumulated: collect(diffsSum),
    years,
  };
  if (opts.provenance) {
    out.provenance = {
      ...opts.provenance,
      seed: opts.seed,
      runs: opts.runs,
      years,
      seedRule: SEED_RULE_RUNS,
      scenarios: ss.map((s, i) => scenarioProvenance(s, opts.provenance?.files?.[i] ?? null, years)),
      uncertainty: results.map((r) => r.uncertainty.statement),
    };
  }
  return out;
}
