/**
 * The result of a calibration (browser-safe, pure): from the last generation of ABC-SMC (smc.ts)
 * to the weighted posterior sample, marginal summaries, correlations, a plain-language
 * identifiability statement per parameter and posterior predictive checks per target.
 *
 * - Marginals: weighted mean and standard deviation on the natural scale (pyABC's
 *   `weighted_mean` / `weighted_std`: Σ w x and √Σ w (x − x̄)², weights summing to 1); the median
 *   and the 90% credible interval are weighted quantiles (5 %, 50 %, 95 %; pyABC's
 *   `weighted_quantile`, stats.ts) on the sampling scale, mapped back to the natural scale.
 * - Identifiability, on the sampling scale (ln x for a log-uniform prior): the width of the 90%
 *   interval as a share of the prior's range, r = (q95 − q05) / (hi − lo). The prior itself gives
 *   r = 0.90. Thresholds ({@link IDENTIFIABILITY_THRESHOLDS}): r ≤ 0.25 "pinned down"; r ≤ 0.50
 *   "narrowed"; r ≤ 0.75 "weakly identified"; above, "not identified by these targets". A posterior
 *   that piles up at a prior bound (q05, or q95, within 2 % of the range from the bound and the
 *   median within 25 %) says so: the data may want values beyond the prior.
 * - Correlations: weighted Pearson correlations on the sampling scale (the weighted covariance of
 *   stats.ts); pairs with |r| ≥ 0.5 get a sentence ("the targets constrain a combination").
 * - Posterior predictive checks, for every target (held-out ones included): the type-7 5/50/95 %
 *   quantiles of the statistic over the posterior predictive draws (fresh simulations of particles
 *   drawn by weight). A value target is `inside` when its value lies in [q05, q95]; a range target
 *   when [q05, q95] overlaps the range; `shareInRange` is the share of draws inside the range, and
 *   `observedQuantile` the share of draws at or below an observed value. Draws whose statistic is
 *   not a number are left out (counted in `missing`).
 *
 * Indexing: particles and parameters are indexed by loop counters below their counts; the `!` on
 * element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { fromSampling, samplingBounds, toSampling, type PriorParam, type PriorScale } from './priors.js';
import { decimalText, messages, type Locale } from '../i18n/index.js';
import { isRange, observationText, type Observation, type Target } from './targets.js';
import type { AbcSmcSettings, DistanceScale, GenerationRecord, SmcOutcome, StopReason } from './smc.js';
import { correlationFromCovariance, effectiveSampleSize, quantile7, weightedCovariance, weightedQuantile } from './stats.js';

/** Format name of calibration results (JSON). */
export const CALIBRATION_FORMAT = 'helixlab-calibration/1';

export type IdentifiabilityLevel = 'pinned-down' | 'narrowed' | 'weak' | 'not-identified';

/** Upper bounds of the 90% interval's share of the prior range for each level (the rest: not identified). */
export const IDENTIFIABILITY_THRESHOLDS = { 'pinned-down': 0.25, narrowed: 0.5, weak: 0.75 } as const;

/** The posterior of one parameter. */
export interface MarginalSummary {
  name: string;
  scale: PriorScale;
  prior: [number, number];
  mean: number;
  sd: number;
  median: number;
  lo90: number;
  hi90: number;
  /** Width of the 90% interval as a share of the prior range (sampling scale). */
  intervalShare: number;
  identifiability: IdentifiabilityLevel;
  /** A sentence for people. */
  statement: string;
}

/** The posterior predictive check of one target. */
export interface PredictiveCheck {
  target: string;
  kind: Target['kind'];
  holdout: boolean;
  observed: Observation;
  /** The observation as text (`110`, `[15, 25]`, `≥ 110`). */
  observedText: string;
  source?: string;
  lo90: number;
  median: number;
  hi90: number;
  inside: boolean;
  /** Range targets: share of draws inside the range. */
  shareInRange?: number;
  /** Value targets: share of draws at or below the observed value. */
  observedQuantile?: number;
  draws: number;
  missing: number;
  /** Prior predictive 5/50/95 % of the statistic (generation 0). */
  prior: [number, number, number];
}

/** Everything a calibration gives (see the module doc); the writers are in format.ts. */
export interface CalibrationResult {
  format: typeof CALIBRATION_FORMAT;
  params: PriorParam[];
  targets: Target[];
  startYear?: number;
  settings: AbcSmcSettings;
  distance: { scale: DistanceScale; scales: Array<{ target: string; scale: number }>; constantStatistics: string[] };
  generations: GenerationRecord[];
  simulations: number;
  stop: { reason: StopReason; message: string };
  posterior: {
    particles: number;
    ess: number;
    epsilon: number;
    /** Natural-scale values, one row per particle, in the prior's parameter order. */
    values: number[][];
    weights: number[];
    distances: number[];
    /** Each particle's statistics in target order. */
    statistics: number[][];
  };
  marginals: MarginalSummary[];
  correlations: { params: string[]; matrix: number[][] };
  predictive: PredictiveCheck[];
  /** Plain-language findings: identifiability, trade-offs, targets the prior cannot reach. */
  statements: string[];
  /** Where the result comes from (seed, simulator, versions, files); the caller adds to it. */
  provenance: Record<string, unknown>;
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toPrecision(3);
  return String(Number(x.toPrecision(3)));
}

/** `num` with the language's decimal mark. */
function numIn(x: number, lang: Locale): string {
  return decimalText(num(x), lang);
}

/** The identifiability level and sentence of a parameter (see the module doc), in `lang` (default English). */
export function identifiability(
  p: PriorParam,
  q05: number,
  q50: number,
  q95: number,
  lang: Locale = 'en',
): { level: IdentifiabilityLevel; share: number; statement: string } {
  const w = messages(lang).calibration;
  const [lo, hi] = samplingBounds(p);
  const range = hi - lo;
  const share = (q95 - q05) / range;
  const T = IDENTIFIABILITY_THRESHOLDS;
  const interval = w.interval(numIn(fromSampling(p, q05), lang), numIn(fromSampling(p, q95), lang));
  const sh = w.pct(Math.round(share * 100));
  let level: IdentifiabilityLevel;
  let statement: string;
  if (share <= T['pinned-down']) {
    level = 'pinned-down';
    statement = w.pinnedDown(interval, sh);
  } else if (share <= T.narrowed) {
    level = 'narrowed';
    statement = w.narrowed(interval, sh);
  } else if (share <= T.weak) {
    level = 'weak';
    statement = w.weak(interval, sh);
  } else {
    level = 'not-identified';
    statement = w.notIdentified(interval, sh);
  }
  if ((q05 - lo) / range < 0.02 && (q50 - lo) / range < 0.25) statement += w.pilesLow(numIn(p.lo, lang));
  else if ((hi - q95) / range < 0.02 && (hi - q50) / range < 0.25) statement += w.pilesHigh(numIn(p.hi, lang));
  if (p.scale === 'log-uniform') statement += w.logScale;
  return { level, share, statement };
}

/**
 * The plain-language findings of a calibration, in `lang`: one sentence per parameter
 * ({@link identifiability}; `quantiles` are its 5/50/95 % on the sampling scale), then the
 * correlated pairs (|r| ≥ 0.5), the targets whose statistic did not vary, the targets outside the
 * prior predictive 90% range, and the targets outside their posterior predictive 90% interval.
 */
function findings(
  params: readonly PriorParam[],
  quantiles: readonly (readonly [number, number, number])[],
  matrix: readonly (readonly number[])[],
  constantStatistics: readonly string[],
  predictive: readonly PredictiveCheck[],
  lang: Locale,
): string[] {
  const w = messages(lang).calibration;
  const n = (x: number): string => numIn(x, lang);
  const out = params.map((p, j) => {
    const [q05, q50, q95] = quantiles[j]!;
    return `${p.name}: ${identifiability(p, q05, q50, q95, lang).statement}`;
  });
  for (let a = 0; a < params.length; a++)
    for (let b = a + 1; b < params.length; b++) {
      const r = matrix[a]![b]!;
      if (Math.abs(r) >= 0.5) out.push(w.correlated(params[a]!.name, params[b]!.name, r < 0, decimalText(r.toFixed(2), lang)));
    }
  for (const name of constantStatistics) out.push(w.constant(name));
  for (const c of predictive) {
    const [p05, , p95] = c.prior;
    const o = c.observed;
    const below = o.value !== undefined ? o.value < p05 : o.max !== undefined && o.max < p05;
    const above = o.value !== undefined ? o.value > p95 : o.min !== undefined && o.min > p95;
    if (below || above) out.push(w.priorEdge(c.target, decimalText(c.observedText, lang), below, n(p05), n(p95)));
  }
  for (const c of predictive) {
    if (c.draws > 0 && !c.inside) out.push(w.outside(c.holdout, c.target, decimalText(c.observedText, lang), n(c.lo90), n(c.hi90)));
  }
  return out;
}

/**
 * The findings of a calibration result in `lang`: for English the result's own `statements`; for
 * another language (or with `recompute`) derived again from the result, the parameter sentences
 * from the stored marginals (their 90% interval and median), by the same rules.
 */
export function calibrationStatements(r: CalibrationResult, lang: Locale = 'en', recompute = lang !== 'en'): string[] {
  if (!recompute) return r.statements;
  const quantiles = r.params.map((p, j): [number, number, number] => {
    const m = r.marginals[j]!;
    return [toSampling(p, m.lo90), toSampling(p, m.median), toSampling(p, m.hi90)];
  });
  return findings(r.params, quantiles, r.correlations.matrix, r.distance.constantStatistics, r.predictive, lang);
}

/** Build the result from the outcome of a run. */
export function calibrationResult(out: SmcOutcome, provenance: Record<string, unknown> = {}): CalibrationResult {
  const { n, z, weights, distances, stats } = out.population;
  const d = out.params.length;
  const targets = out.targets.targets;
  const m = targets.length;
  const column = new Float64Array(n);
  const quantiles: [number, number, number][] = [];
  const marginals: MarginalSummary[] = out.params.map((p, j) => {
    for (let i = 0; i < n; i++) column[i] = z[i * d + j]!;
    const q05 = weightedQuantile(column, weights, 0.05);
    const q50 = weightedQuantile(column, weights, 0.5);
    const q95 = weightedQuantile(column, weights, 0.95);
    quantiles.push([q05, q50, q95]);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += weights[i]! * fromSampling(p, column[i]!);
    let v = 0;
    for (let i = 0; i < n; i++) v += weights[i]! * (fromSampling(p, column[i]!) - mean) ** 2;
    const id = identifiability(p, q05, q50, q95);
    return {
      name: p.name,
      scale: p.scale,
      prior: [p.lo, p.hi],
      mean,
      sd: Math.sqrt(v),
      median: fromSampling(p, q50),
      lo90: fromSampling(p, q05),
      hi90: fromSampling(p, q95),
      intervalShare: id.share,
      identifiability: id.level,
      statement: `${p.name}: ${id.statement}`,
    };
  });
  const corr = correlationFromCovariance(weightedCovariance(z, n, d, weights), d);
  const matrix: number[][] = [];
  for (let a = 0; a < d; a++) matrix.push(Array.from(corr.subarray(a * d, a * d + d)));

  const predictive: PredictiveCheck[] = targets.map((t, i) => {
    const pn = out.predictive.n;
    const xs: number[] = [];
    for (let k = 0; k < pn; k++) {
      const v = out.predictive.stats[k * m + i]!;
      if (!Number.isNaN(v)) xs.push(v);
    }
    const lo90 = quantile7(xs, 0.05);
    const median = quantile7(xs, 0.5);
    const hi90 = quantile7(xs, 0.95);
    const obs: Observation = {};
    if (t.value !== undefined) obs.value = t.value;
    if (t.min !== undefined) obs.min = t.min;
    if (t.max !== undefined) obs.max = t.max;
    const check: PredictiveCheck = {
      target: t.name,
      kind: t.kind,
      holdout: t.holdout,
      observed: obs,
      observedText: observationText(obs),
      lo90,
      median,
      hi90,
      inside: false,
      draws: xs.length,
      missing: pn - xs.length,
      prior: out.priorPredictive[i] ?? [NaN, NaN, NaN],
    };
    if (t.source !== undefined) check.source = t.source;
    if (xs.length > 0) {
      if (isRange(obs)) {
        check.inside = (obs.min === undefined || hi90 >= obs.min) && (obs.max === undefined || lo90 <= obs.max);
        check.shareInRange =
          xs.filter((x) => (obs.min === undefined || x >= obs.min) && (obs.max === undefined || x <= obs.max)).length / xs.length;
      } else {
        const v = obs.value!;
        check.inside = lo90 <= v && v <= hi90;
        check.observedQuantile = xs.filter((x) => x <= v).length / xs.length;
      }
    }
    return check;
  });

  const statements = findings(out.params, quantiles, matrix, out.constantStatistics, predictive, 'en');

  const values: number[][] = [];
  const statistics: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < d; j++) row.push(fromSampling(out.params[j]!, z[i * d + j]!));
    values.push(row);
    statistics.push(Array.from(stats.subarray(i * m, i * m + m)));
  }
  const last = out.generations[out.generations.length - 1];
  const result: CalibrationResult = {
    format: CALIBRATION_FORMAT,
    params: out.params.map((p) => ({ ...p })),
    targets: targets.map((t) => ({ ...t })),
    settings: out.settings,
    distance: {
      scale: out.settings.scale,
      scales: targets.map((t, i) => ({ target: t.name, scale: out.fitted[i] ? out.scales[i]! : NaN })).filter((_s, i) => out.fitted[i]),
      constantStatistics: out.constantStatistics,
    },
    generations: out.generations,
    simulations: out.simulations,
    stop: { reason: out.stopReason, message: out.stopMessage },
    posterior: {
      particles: n,
      ess: effectiveSampleSize(weights),
      epsilon: last ? last.epsilon : Infinity,
      values,
      weights: Array.from(weights),
      distances: Array.from(distances),
      statistics,
    },
    marginals,
    correlations: { params: out.params.map((p) => p.name), matrix },
    predictive,
    statements,
    provenance: { seed: out.settings.seed, ...provenance },
  };
  if (out.targets.startYear !== undefined) result.startYear = out.targets.startYear;
  return result;
}
