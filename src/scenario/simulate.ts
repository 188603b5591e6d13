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

export interface BatchJob {
  scenarios: Scenario[];
  seed: number | string;
  run: number;
  years?: number;
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
  runner?: BatchRunner;
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
  metrics: Record<MetricName, MetricSummary>;
  /** Tie renewal after the first joint project (the CORDIS H2020 target: about 5 %). */
  diagnostics: { renewalPairs: number; renewedAfterEnd: number; renewalShare: number | null };
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
  scenarios: SimulationResult[];
  /** differences[scenario][metric]: final value of the scenario minus the baseline's, paired by run. */
  differences: Record<string, Record<MetricName, Difference>>;
}

/** The default runner: this thread, yielding to the event loop now and then. */
export const inProcessRunner: BatchRunner = async (jobs, onResult, onProgress) => {
  for (let k = 0; k < jobs.length; k++) {
    const j = jobs[k]!;
    const opts = j.years !== undefined ? { years: j.years } : {};
    onResult(
      k,
      j.scenarios.map((s) => runOnce(s, j.seed, j.run, opts)),
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
  renewalPairs = 0;
  renewed = 0;
  constructor(years: number) {
    super(SCENARIO_METRICS, years);
  }
  override addRun(out: RunOutput): void {
    super.addRun(out);
    this.renewalPairs += out.diagnostics.renewalPairs;
    this.renewed += out.diagnostics.renewedAfterEnd;
  }
  toResult(name: string, runs: number, seed: number | string, years: number): SimulationResult {
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
      metrics,
      diagnostics: {
        renewalPairs: this.renewalPairs,
        renewedAfterEnd: this.renewed,
        renewalShare: this.renewalPairs > 0 ? this.renewed / this.renewalPairs : null,
      },
    };
  }
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
  return cmp.results[0]!;
}

/** Several scenarios under common random numbers, with paired differences against the first. */
export async function compare(ss: Scenario[], opts: SimulateOptions): Promise<ComparisonResult> {
  if (ss.length < 2) throw new UsageError('compare needs at least two scenarios');
  const { results, differences, years } = await runAll(ss, opts);
  return { baseline: results[0]!.scenario, runs: opts.runs, seed: opts.seed, years, scenarios: results, differences };
}

async function runAll(
  ss: Scenario[],
  opts: SimulateOptions,
): Promise<{ results: SimulationResult[]; differences: Record<string, Record<MetricName, Difference>>; years: number }> {
  const years = checkOptions(opts, ss);
  const aggs = ss.map(() => new ScenarioAggregator(years));
  const diffs = ss.slice(1).map(() => SCENARIO_METRICS.map(() => new PairedDifference()));
  const jobs: BatchJob[] = [];
  for (let r = 0; r < opts.runs; r++) jobs.push({ scenarios: ss, seed: opts.seed, run: r, years });
  const runner = opts.runner ?? inProcessRunner;
  await runner(
    jobs,
    (_k, outs) => {
      outs.forEach((o, i) => aggs[i]!.addRun(o));
      for (let i = 1; i < outs.length; i++) {
        SCENARIO_METRICS.forEach((m, mi) => diffs[i - 1]![mi]!.add(outs[0]!.metrics[m][years]!, outs[i]!.metrics[m][years]!));
      }
    },
    opts.onProgress,
  );
  const names = uniqueNames(ss);
  const results = aggs.map((a, i) => a.toResult(names[i]!, opts.runs, opts.seed, years));
  const differences: Record<string, Record<MetricName, Difference>> = {};
  for (let i = 1; i < ss.length; i++) {
    const rec = {} as Record<MetricName, Difference>;
    SCENARIO_METRICS.forEach((m, mi) => {
      const d = diffs[i - 1]![mi]!.result();
      rec[m] = { meanDiff: d.meanDiff, ci95: d.ci95, probGreater: d.probGreater };
    });
    differences[names[i]!] = rec;
  }
  return { results, differences, years };
}
