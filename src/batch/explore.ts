/**
 * Where does a comparison hold? Scenario discovery over the plausible parameter space
 * (`helixlab explore A.json B.json`; Bryant & Lempert 2010, as the EMA Workbench does it).
 *
 * **Design.** N points in the box of plausible ranges (the assumption register by default): a Sobol'
 * sequence digitally shifted by the seed (stream `explore/design`; the default), or a Latin
 * hypercube (McKay et al. 1979; stream `explore/lhs`). A parameter marked `integer` takes the values
 * lo, lo + 1, …, hi with equal shares (u ↦ lo + ⌊u (hi − lo + 1)⌋).
 *
 * **Runs.** At each point both scenarios get the point's values (`--set` assignments; an equal-money
 * scenario is re-balanced there, src/scenario/money.ts) and run R paired replications under common
 * random numbers (replication r of both uses `createRng(seed).stream('run', r)`, as `compare`). Per
 * point and metric: the mean paired difference d̄ = mean(B − A) of the final-year value (or of each
 * run's mean over the years, `measure: 'mean'`), its 95 % confidence interval (Student t over runs)
 * and P(B > A) over runs.
 *
 * **Share.** For each metric, with its direction ({@link METRIC_DIRECTION}: more is better, except
 * lock-in and public cost), the share of points where B is better (d̄ in B's favour), where A is
 * better, and where they are equal (d̄ = 0), each with a 95 % Wilson interval over points (points
 * of a Sobol' design are more even than independent draws, so the interval is conservative), and the
 * shares where the difference is significant at the point (its CI excludes 0).
 *
 * **Deciding parameters.** For the indicator "B better", each parameter's first-order index from the
 * given data (the correlation ratio η² over equal-count bins of the parameter, Plischke et al. 2013):
 * the share of the indicator's variance that the parameter alone explains; and the direction (the
 * change in P(B better) from the lowest to the highest third of the parameter).
 *
 * **Flip conditions.** PRIM (prim.ts) on the points where the majority's loser does as well or better
 * (d̄ ≤ 0 in the majority's favour): up to three boxes of at least max(5 %, 10 points) of the space and
 * at most three restricted parameters, reported as rules with their coverage (share of those points
 * the box holds) and density (share of the box's points that are such points) — only boxes of density
 * ≥ 1.5 × the share of such points overall, holding ≥ 10 % of them (otherwise "no simple region"). A box
 * of density ≥ 0.5 reads "does as well or better when …"; a weaker one "more often when …", with both
 * shares.
 *
 * References: B. P. Bryant & R. J. Lempert (2010), Technological Forecasting and Social Change 77(1);
 * M. D. McKay, R. J. Beckman & W. J. Conover (1979), Technometrics 21(2); E. Plischke, E. Borgonovo &
 * C. L. Smith (2013), Global sensitivity measures from given data, EJOR 226(3); E. B. Wilson (1927),
 * Probable inference, JASA 22(158).
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read (points, parameters,
 * metrics); the `!` on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { DiagnosticCollector, InputError, didYouMean } from '../model/errors.js';
import { createRng } from '../util/rng.js';
import { PairedDifference } from '../scenario/aggregate.js';
import type { AssumptionKind, AssumptionRegister } from '../scenario/assumptions.js';
import { SCENARIO_METRICS, type MetricName, type RunOutput } from '../scenario/engine.js';
import { applySet } from '../scenario/parse.js';
import type { Scenario } from '../scenario/schema.js';
import { meanOverYears } from '../scenario/simulate.js';
import { SobolSequence } from './sensitivity/sobol-sequence.js';
import { describeBox, prim, type PrimBox } from './prim.js';
import { decimalText, messages, numberFormats, type Locale } from '../i18n/index.js';

/** Which way a metric is better. */
export const METRIC_DIRECTION: Record<MetricName, 'higher' | 'lower'> = {
  members: 'higher',
  ties: 'higher',
  meanTrust: 'higher',
  crossHelixShare: 'higher',
  activities: 'higher',
  coordinatorFte: 'higher',
  partnerships: 'higher',
  jointProjects: 'higher',
  rdiInvestment: 'higher',
  euFunding: 'higher',
  jobs: 'higher',
  lockIn: 'lower',
  publicCost: 'lower',
  partnershipsPerMillion: 'higher',
  reached: 'higher',
};

/** The metrics `explore` reports by default. */
export const EXPLORE_DEFAULT_METRICS: readonly MetricName[] = ['partnerships', 'members', 'meanTrust', 'jointProjects', 'jobs', 'lockIn'];

export interface ExploreRange {
  path: string;
  lo: number;
  hi: number;
  integer: boolean;
  kind?: AssumptionKind;
}

export type ExploreSampling = 'sobol' | 'lhs';

export interface ExploreSpec {
  ranges: ExploreRange[];
  /** Points N. */
  samples: number;
  sampling: ExploreSampling;
  seed: number | string;
  /** Paired replications per point. */
  runs: number;
  years: number;
  metrics: MetricName[];
  /** Final-year values, or each run's mean over the years. */
  measure: 'final' | 'mean';
}

/** The ranges of a register (every entry; `kinds` to keep only some). */
export function rangesFromRegister(reg: AssumptionRegister, kinds?: readonly AssumptionKind[]): ExploreRange[] {
  return reg.entries
    .filter((e) => !kinds || kinds.includes(e.kind))
    .map((e) => ({ path: e.path, lo: e.range[0], hi: e.range[1], integer: e.integer === true, kind: e.kind }));
}

/**
 * Ranges from a file: an assumption register (`"format": "helixlab-assumptions/1"`), or
 * `{ "ranges": { "path": [lo, hi], "path2": { "range": [lo, hi], "integer": true } } }`.
 */
export function parseRangesDocument(doc: unknown, file: string): ExploreRange[] {
  const dc = new DiagnosticCollector(file);
  const o = doc as { ranges?: unknown; entries?: unknown };
  if (o === null || typeof o !== 'object' || (o.ranges === undefined && o.entries === undefined)) {
    dc.error('bad-ranges', 'expected an object with "ranges" ({"path": [lo, hi], …}) or an assumption register ("entries")');
    dc.throwIfErrors();
  }
  const out: ExploreRange[] = [];
  const add = (path: string, v: unknown, field: string): void => {
    const spec = Array.isArray(v) ? { range: v } : (v as { range?: unknown; integer?: unknown });
    const r = spec?.range;
    if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      dc.error('bad-ranges', 'expected [lo, hi] (two finite numbers)', { field });
      return;
    }
    out.push({ path, lo: r[0] as number, hi: r[1] as number, integer: spec.integer === true });
  };
  if (Array.isArray(o.entries)) {
    (o.entries as { path?: unknown; range?: unknown; integer?: unknown; kind?: unknown }[]).forEach((e, i) => {
      if (typeof e.path !== 'string') dc.error('bad-ranges', 'expected a "path"', { field: `entries[${i}]` });
      else add(e.path, e, `entries[${i}].range`);
    });
  } else if (o.ranges && typeof o.ranges === 'object' && !Array.isArray(o.ranges)) {
    for (const [path, v] of Object.entries(o.ranges as Record<string, unknown>)) add(path, v, `ranges.${path}`);
  } else dc.error('bad-ranges', 'expected "ranges" to be an object {"path": [lo, hi], …}', { field: 'ranges' });
  dc.throwIfErrors();
  return out;
}

/** Numeric scenario paths (for "did you mean"). */
function numericPaths(s: Scenario): string[] {
  const out: string[] = [];
  const walk = (o: Record<string, unknown>, p: string): void => {
    for (const [k, v] of Object.entries(o)) {
      const q = p ? `${p}.${k}` : k;
      if (typeof v === 'number') out.push(q);
      else if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'resolved' && k !== 'reference')
        walk(v as Record<string, unknown>, q);
    }
  };
  walk(s as unknown as Record<string, unknown>, '');
  return out;
}

/**
 * Check ranges against the scenarios they will be applied to: known numeric paths (did you mean),
 * non-empty ranges, both ends inside the parameter's legal domain. Errors name `file` and the path.
 */
export function checkRanges(ranges: readonly ExploreRange[], scenarios: readonly Scenario[], file: string): void {
  const dc = new DiagnosticCollector(file);
  if (ranges.length === 0) dc.error('bad-ranges', 'no parameter ranges to explore');
  const first = scenarios[0];
  const known = first ? numericPaths(first) : [];
  const seen = new Set<string>();
  for (const r of ranges) {
    const field = r.path;
    if (seen.has(r.path)) dc.error('bad-ranges', 'given twice', { field });
    seen.add(r.path);
    if (!known.includes(r.path)) {
      const hint = didYouMean(r.path, known);
      dc.error('bad-ranges', `not a numeric scenario parameter${hint ? ` (did you mean '${hint}'?)` : ''}`, { field });
      continue;
    }
    if (!(r.lo < r.hi)) {
      dc.error('bad-ranges', `empty range [${r.lo}, ${r.hi}]: expected lo < hi`, { field });
      continue;
    }
    if (r.integer && (!Number.isInteger(r.lo) || !Number.isInteger(r.hi)))
      dc.error('bad-ranges', `integer range with non-integer ends`, { field });
    for (const s of scenarios) {
      for (const v of [r.lo, r.hi]) {
        try {
          applySet(s, `${r.path}=${JSON.stringify(v)}`, file);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          dc.error('bad-ranges', `${v} is outside the parameter's legal domain (${err.diagnostics[0]?.message ?? 'invalid'})`, { field });
        }
      }
    }
  }
  dc.throwIfErrors();
}

/** Map u ∈ [0, 1) to a range. */
function scale(r: ExploreRange, u: number): number {
  if (r.integer) return Math.min(r.hi, r.lo + Math.floor(u * (r.hi - r.lo + 1)));
  return Math.min(r.hi, Math.max(r.lo, r.lo + u * (r.hi - r.lo)));
}

/** All N design points (rows of parameter values, in the order of `spec.ranges`). */
export function exploreDesign(spec: Pick<ExploreSpec, 'ranges' | 'samples' | 'sampling' | 'seed'>): number[][] {
  const k = spec.ranges.length;
  const n = spec.samples;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`samples: expected an integer >= 1, got ${n}`);
  const rng = createRng(spec.seed).stream('explore');
  const points: number[][] = [];
  if (spec.sampling === 'sobol') {
    const seq = new SobolSequence(k, { shift: rng.stream('design') });
    for (let i = 0; i < n; i++) {
      const u = seq.next();
      points.push(spec.ranges.map((r, j) => scale(r, u[j]!)));
    }
    return points;
  }
  // Latin hypercube: one point per stratum and dimension, strata shuffled per dimension
  const lhs = rng.stream('lhs');
  const cols = spec.ranges.map(() => {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = lhs.int(i + 1);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    return perm.map((s) => (s + lhs.next()) / n);
  });
  for (let i = 0; i < n; i++) points.push(spec.ranges.map((r, j) => scale(r, cols[j]![i]!)));
  return points;
}

/** The `path=value` assignments of one point. */
export function pointAssignments(ranges: readonly ExploreRange[], x: readonly number[]): string[] {
  return ranges.map((r, j) => `${r.path}=${JSON.stringify(x[j])}`);
}

/** The pair of scenarios at one point (both get the point's values; equal money is re-balanced). */
export function pointScenarios(
  a: Scenario,
  b: Scenario,
  ranges: readonly ExploreRange[],
  x: readonly number[],
  label = 'explore',
): [Scenario, Scenario] {
  let sa = a;
  let sb = b;
  for (const asg of pointAssignments(ranges, x)) {
    sa = applySet(sa, asg, label);
    sb = applySet(sb, asg, label);
  }
  return [sa, sb];
}

/** Per metric at one point: n runs, mean difference B − A, its 95 % CI, P(B > A), means of A and B. */
export interface PointMetric {
  n: number;
  meanDiff: number;
  ciLo: number;
  ciHi: number;
  probGreater: number;
  meanA: number;
  meanB: number;
}

/** Fields of a point's record in the result log (per metric, in this order). */
export const POINT_FIELDS = ['n', 'meanDiff', 'ciLo', 'ciHi', 'probGreater', 'meanA', 'meanB'] as const;

/** Accumulates a point's paired runs (fed in run order). */
export class PointAccumulator {
  private readonly diffs: PairedDifference[];
  private readonly sumA: Float64Array;
  private readonly sumB: Float64Array;
  private readonly cnt: Float64Array;
  runs = 0;
  constructor(private readonly spec: Pick<ExploreSpec, 'metrics' | 'measure' | 'years'>) {
    this.diffs = spec.metrics.map(() => new PairedDifference());
    this.sumA = new Float64Array(spec.metrics.length);
    this.sumB = new Float64Array(spec.metrics.length);
    this.cnt = new Float64Array(spec.metrics.length);
  }
  add(a: RunOutput, b: RunOutput): void {
    const { metrics, measure, years } = this.spec;
    metrics.forEach((m, i) => {
      const va = measure === 'final' ? a.metrics[m][years]! : meanOverYears(a.metrics[m], years);
      const vb = measure === 'final' ? b.metrics[m][years]! : meanOverYears(b.metrics[m], years);
      this.diffs[i]!.add(va, vb);
      if (!Number.isNaN(va) && !Number.isNaN(vb)) {
        this.sumA[i]! += va;
        this.sumB[i]! += vb;
        this.cnt[i]! += 1;
      }
    });
    this.runs++;
  }
  /** One row per metric, the fields of {@link POINT_FIELDS} (NaN where undefined, e.g. the CI of one run). */
  values(): number[][] {
    return this.spec.metrics.map((_m, i) => {
      const r = this.diffs[i]!.result();
      const c = this.cnt[i]!;
      return [
        r.n,
        r.meanDiff ?? NaN,
        r.ci95?.[0] ?? NaN,
        r.ci95?.[1] ?? NaN,
        r.probGreater ?? NaN,
        c > 0 ? this.sumA[i]! / c : NaN,
        c > 0 ? this.sumB[i]! / c : NaN,
      ];
    });
  }
}

/** A point's record read back from {@link PointAccumulator.values}. */
export function pointMetrics(values: readonly (readonly number[])[]): PointMetric[] {
  return values.map((v) => ({ n: v[0]!, meanDiff: v[1]!, ciLo: v[2]!, ciHi: v[3]!, probGreater: v[4]!, meanA: v[5]!, meanB: v[6]! }));
}

/** 95 % Wilson score interval of a proportion k / n. */
export function wilson95(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

export interface ShareEstimate {
  share: number;
  ci95: [number, number];
  points: number;
}

export interface ParameterInfluence {
  path: string;
  /** First-order index of "B better" (η² over bins). */
  index: number;
  /** P(B better) in the highest third of the parameter minus in the lowest third. */
  direction: number;
}

export interface FlipBox {
  /** The rules, e.g. "funding.projects.successProbability ≥ 0.85". */
  conditions: string[];
  /** Share of the flip points inside the box. */
  coverage: number;
  /** Share of the box's points that are flip points. */
  density: number;
  /** Share of all points inside the box. */
  mass: number;
}

export interface MetricExploration {
  metric: MetricName;
  direction: 'higher' | 'lower';
  /** B better (d̄ in B's favour). */
  bBetter: ShareEstimate;
  aBetter: ShareEstimate;
  equal: ShareEstimate;
  /** The point's 95 % CI excludes 0 in B's / A's favour. */
  bSignificant: ShareEstimate;
  aSignificant: ShareEstimate;
  /** Mean over points of the mean difference B − A. */
  meanDiff: number;
  /** Which scenario does better in most points ('A', 'B', or 'neither' at exactly half). */
  majority: 'A' | 'B' | 'neither';
  /** Parameters ranked by how much they decide the sign. */
  deciding: ParameterInfluence[];
  /** Where the majority's loser does as well or better (PRIM boxes; empty when too few such points). */
  flips: FlipBox[];
  /** Flip points: the majority's loser does as well or better. */
  flipPoints: number;
  /** One sentence for people. */
  statement: string;
}

export interface ExploreSummary {
  a: string;
  b: string;
  points: number;
  runs: number;
  measure: 'final' | 'mean';
  ranges: ExploreRange[];
  metrics: MetricExploration[];
}

/** First-order index of a 0/1 outcome given one parameter: η² over up to `bins` equal-count bins. */
export function correlationRatio(x: readonly number[], y: readonly number[], bins: number): number {
  const n = x.length;
  if (n < 2) return 0;
  let mean = 0;
  for (const v of y) mean += v;
  mean /= n;
  let total = 0;
  for (const v of y) total += (v - mean) * (v - mean);
  if (total === 0) return 0;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => x[i]! - x[j]! || i - j);
  // equal-count bins, but points with equal x stay in one bin
  let between = 0;
  let start = 0;
  const size = n / bins;
  while (start < n) {
    let end = Math.min(n, Math.max(start + 1, Math.round((Math.floor(start / size) + 1) * size)));
    while (end < n && x[order[end]!] === x[order[end - 1]!]) end++;
    let s = 0;
    for (let q = start; q < end; q++) s += y[order[q]!]!;
    const m = s / (end - start);
    between += (end - start) * (m - mean) * (m - mean);
    start = end;
  }
  return between / total;
}

function share(k: number, n: number): ShareEstimate {
  return { share: n > 0 ? k / n : 0, ci95: wilson95(k, n), points: k };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** Analyse the points' results (see the module doc). `a`/`b` name the scenarios. */
export function analyzeExplore(
  spec: ExploreSpec,
  design: readonly (readonly number[])[],
  results: readonly (readonly PointMetric[])[],
  names: { a: string; b: string },
): ExploreSummary {
  const N = results.length;
  const k = spec.ranges.length;
  const bins = Math.max(2, Math.min(10, Math.floor(Math.sqrt(N) / 2)));
  const levels = spec.ranges.map((r, j) => (r.integer ? [...new Set(design.map((x) => x[j]!))].sort((p, q) => p - q) : null));
  const metrics = spec.metrics.map((metric, mi): MetricExploration => {
    const dir = METRIC_DIRECTION[metric];
    const sign = dir === 'higher' ? 1 : -1;
    const d = results.map((r) => sign * r[mi]!.meanDiff);
    const sigB = results.filter((r) => sign * (dir === 'higher' ? r[mi]!.ciLo : r[mi]!.ciHi) > 0).length;
    const sigA = results.filter((r) => sign * (dir === 'higher' ? r[mi]!.ciHi : r[mi]!.ciLo) < 0).length;
    const nB = d.filter((v) => v > 0).length;
    const nA = d.filter((v) => v < 0).length;
    const nEq = d.filter((v) => v === 0).length;
    const yB = d.map((v) => (v > 0 ? 1 : 0));
    const deciding: ParameterInfluence[] = spec.ranges.map((r, j) => {
      const x = design.map((p) => p[j]!);
      const sorted = Array.from({ length: N }, (_, i) => i).sort((p, q) => x[p]! - x[q]! || p - q);
      const third = Math.max(1, Math.floor(N / 3));
      const lowB = sorted.slice(0, third).reduce((s, i) => s + yB[i]!, 0) / third;
      const highB = sorted.slice(N - third).reduce((s, i) => s + yB[i]!, 0) / third;
      return { path: r.path, index: correlationRatio(x, yB, bins), direction: highB - lowB };
    });
    deciding.sort((p, q) => q.index - p.index || (p.path < q.path ? -1 : 1));
    const majority: 'A' | 'B' | 'neither' = nB > N / 2 ? 'B' : nB < N / 2 ? 'A' : 'neither';
    // flip points: the majority's loser does as well or better
    const flip = d.map((v) => (majority === 'A' ? v >= 0 : v <= 0));
    const flipPoints = flip.filter(Boolean).length;
    let flips: FlipBox[] = [];
    if (majority !== 'neither' && flipPoints >= 5 && flipPoints < N) {
      const res = prim(design, flip, {
        boxes: 3,
        minMass: Math.max(0.05, 10 / N),
        maxRestrictions: 3,
        lo: spec.ranges.map((r) => r.lo),
        hi: spec.ranges.map((r) => r.hi),
      });
      const base = flipPoints / N;
      // only boxes that say something: clearly more flip points than elsewhere, and a fair share of them
      flips = res.boxes
        .filter((bx: PrimBox) => bx.restricted.length > 0 && bx.density >= 1.5 * base && bx.coverage >= 0.1)
        .map((bx) => ({
          conditions: describeBox(
            bx,
            spec.ranges.map((r) => r.path),
            spec.ranges.map((r) => [r.lo, r.hi] as [number, number]),
            levels,
          ),
          coverage: bx.coverage,
          density: bx.density,
          mass: bx.mass,
        }));
    }
    const meanDiff = results.reduce((s, r) => s + r[mi]!.meanDiff, 0) / Math.max(1, N);
    const m: MetricExploration = {
      metric,
      direction: dir,
      bBetter: share(nB, N),
      aBetter: share(nA, N),
      equal: share(nEq, N),
      bSignificant: share(sigB, N),
      aSignificant: share(sigA, N),
      meanDiff,
      majority,
      deciding: deciding.slice(0, k),
      flips,
      flipPoints,
      statement: '',
    };
    m.statement = statement(m, names);
    return m;
  });
  return { a: names.a, b: names.b, points: N, runs: spec.runs, measure: spec.measure, ranges: [...spec.ranges], metrics };
}

/** A PRIM condition (`describeBox`) in the words of `lang`. */
function localCondition(c: string, lang: Locale): string {
  if (lang === 'en') return c;
  const w = messages(lang).explore;
  return decimalText(
    c.replace(/^(.*) between (\S+) and (\S+)$/, (_m, n: string, a: string, b: string) => w.between(n, a, b)).replace(/ in \{/, ' ∈ {'),
    lang,
  );
}

/**
 * The plain-language statement of one metric's exploration, in `lang` (the English one is stored in
 * the summary as `statement`; reports in other languages make theirs with this).
 */
export function explorationStatement(m: MetricExploration, names: { a: string; b: string }, lang: Locale = 'en'): string {
  const w = messages(lang).explore;
  const f = numberFormats(lang);
  const pct = (x: number) => f.wholePct(x);
  const [win, lose, est, sig] =
    m.majority === 'A' ? [names.a, names.b, m.aBetter, m.aSignificant] : [names.b, names.a, m.bBetter, m.bSignificant];
  if (m.majority === 'neither') return w.split(names.a, names.b, m.metric);
  let s = w.beats(win, lose, m.metric, m.direction === 'higher', pct(est.share), pct(est.ci95[0]), pct(est.ci95[1]), pct(sig.share));
  if (m.flips.length > 0) {
    const fl = m.flips[0]!;
    const all = m.flipPoints / Math.max(1, m.bBetter.points + m.aBetter.points + m.equal.points);
    const conditions = fl.conditions.map((c) => localCondition(c, lang)).join(w.and);
    s +=
      fl.density >= 0.5
        ? w.flipDense(lose, conditions, pct(fl.density), pct(fl.coverage))
        : w.flipSparse(lose, conditions, pct(fl.density), pct(all), pct(fl.coverage));
  } else if (m.flipPoints === 0) s += w.never(lose);
  else s += w.noRegion(lose, m.flipPoints);
  const top = m.deciding[0];
  if (top && top.index > 0.05) s += w.decisive(top.path, pct(top.index));
  return s + '.';
}

function statement(m: MetricExploration, names: { a: string; b: string }): string {
  return explorationStatement(m, names, 'en');
}

/** Markdown report of an exploration. */
export function exploreMarkdown(s: ExploreSummary): string {
  const lines: string[] = [];
  lines.push(`# Where does it hold? ${s.b} against ${s.a}`, '');
  lines.push(
    `${s.points} points of the plausible parameter space × ${s.runs} paired runs each (common random numbers); ` +
      `${s.measure === 'final' ? 'final-year values' : 'each run’s mean over the years'}; differences ${s.b} − ${s.a}.`,
    '',
  );
  for (const m of s.metrics) lines.push(`- ${m.statement}`);
  lines.push('', '## Shares of the plausible space', '');
  lines.push(`| metric | better is | ${s.b} better | ${s.a} better | equal | ${s.b} significantly | ${s.a} significantly |`);
  lines.push('|---|---|---|---|---|---|---|');
  const sh = (e: ShareEstimate) => `${pct(e.share)} (${pct(e.ci95[0])}–${pct(e.ci95[1])})`;
  for (const m of s.metrics) {
    lines.push(
      `| ${m.metric} | ${m.direction} | ${sh(m.bBetter)} | ${sh(m.aBetter)} | ${pct(m.equal.share)} | ${pct(m.bSignificant.share)} | ${pct(m.aSignificant.share)} |`,
    );
  }
  lines.push('', '## Parameters that decide the sign', '');
  lines.push(
    'First-order index of "' +
      s.b +
      ' better" (share of its variance one parameter explains) and the change in P(' +
      s.b +
      ' better) from the lowest to the highest third of the parameter.',
    '',
  );
  for (const m of s.metrics) {
    lines.push(
      `**${m.metric}**: ` +
        m.deciding
          .slice(0, 5)
          .map((d) => `${d.path} ${d.index.toFixed(2)} (${d.direction >= 0 ? '+' : '−'}${pct(Math.abs(d.direction))})`)
          .join(', '),
      '',
    );
  }
  lines.push('## Where the sign flips (PRIM boxes)', '');
  for (const m of s.metrics) {
    const loser = m.majority === 'A' ? s.b : s.a;
    if (m.flips.length === 0) {
      lines.push(
        `- ${m.metric}: ${m.flipPoints === 0 ? 'no flip' : `no simple box (${m.flipPoints} points where ${loser} does as well or better)`}`,
      );
      continue;
    }
    for (const f of m.flips) {
      lines.push(
        `- ${m.metric}: ${loser} does as well or better when ${f.conditions.join(' and ')} — coverage ${pct(f.coverage)}, density ${pct(f.density)}, ${pct(f.mass)} of the space`,
      );
    }
  }
  lines.push('', '## Ranges explored', '');
  lines.push('| parameter | range | kind |', '|---|---|---|');
  for (const r of s.ranges) lines.push(`| \`${r.path}\` | ${r.lo}–${r.hi}${r.integer ? ' (whole)' : ''} | ${r.kind ?? ''} |`);
  return lines.join('\n') + '\n';
}

/** Check metric names (did you mean); the default list when none is given. */
export function parseMetricList(text: string | undefined, label = '--metrics'): MetricName[] {
  if (text === undefined) return [...EXPLORE_DEFAULT_METRICS];
  const names = text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  const dc = new DiagnosticCollector(label);
  if (names.length === 0) dc.error('bad-metrics', 'no metric named');
  for (const n of names) {
    if (!(SCENARIO_METRICS as readonly string[]).includes(n)) {
      const hint = didYouMean(n, SCENARIO_METRICS);
      dc.error('bad-metrics', `unknown metric '${n}'${hint ? ` (did you mean '${hint}'?)` : ''}; one of ${SCENARIO_METRICS.join(', ')}`);
    }
  }
  dc.throwIfErrors();
  return names as MetricName[];
}
