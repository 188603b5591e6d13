/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC; Toni et al. 2009, Beaumont
 * et al. 2009, as pyABC does it), generic over a simulator, browser-safe and deterministic.
 *
 * The algorithm, on the sampling scale z of the prior (priors.ts: z = x, or ln x for log-uniform
 * parameters, where the prior is uniform on a box):
 *
 * 1. Generation 0 is the prior predictive sample: N parameter vectors drawn from the prior, each
 *    simulated once, all kept with weight 1/N (tolerance ε₀ = ∞). The scale of each fitted
 *    statistic is taken from these N simulations ({@link DistanceScale}: by default the median
 *    absolute deviation, as pyABC's `AdaptivePNormDistance(adaptive=False, scale_function=mad)`),
 *    and stays fixed for the whole run, so distances of all generations are comparable.
 * 2. The distance of a simulation to the targets is the Euclidean norm of the scaled deviations of
 *    the fitted (non-holdout) statistics: d = √Σ_i (δ_i / scale_i)², δ_i = |s_i − value_i| for a
 *    value and the distance to the range for a range (0 inside); a statistic that is not a number
 *    gives d = ∞.
 * 3. Generation t ≥ 1 has the tolerance ε_t = the α-quantile (default α = ½, the median) of the
 *    accepted distances of generation t − 1, weighted by their importance weights (pyABC's
 *    `QuantileEpsilon`, `weighted_quantile` in stats.ts), or the t-th value of an explicit schedule
 *    (`epsilons`). Proposal k: pick an ancestor j of generation t − 1 with probability W_j, perturb
 *    it with a multivariate normal kernel K = N(0, Σ), Σ = 2 × the weighted covariance of
 *    generation t − 1 (Beaumont et al. 2009; `kernelScale`); a proposal outside the prior box is
 *    drawn again, ancestor and perturbation both, without simulating. Simulate; accept when d ≤ ε_t.
 *    Proposals are accepted in proposal order until N are accepted.
 * 4. Importance weights: w_i ∝ π(z_i) / Σ_j W_j K(z_i − z_j). The prior is constant on the box, and
 *    because a proposal outside the box redraws the ancestor too, the proposal density is the
 *    kernel mixture restricted to the box up to one constant: both cancel when the weights are
 *    normalised. Effective sample size: (Σw)² / Σw².
 * 5. Stopping, checked after each generation t ≥ 1 (the result is the last completed generation):
 *    ε_t ≤ `minEpsilon` (default 0: an ε of 0 — every range met, no value target — cannot shrink);
 *    the next ε would not be smaller than ε_t; t + 1 = `maxGenerations` (counting generation 0);
 *    the schedule is used up; `maxSimulations` reached. Within a generation, proposals are capped
 *    by the simulation budget and by N / `minAcceptanceRate` (with fewer acceptances the rate would
 *    fall below the minimum): at the cap the generation is abandoned, and the result is the one
 *    before it.
 * 6. Posterior predictive checks: M draws (default N) from the final weighted population, each
 *    simulated once more with a fresh seed; every target (fitted and held out) gets its predictive
 *    90% interval (result.ts).
 *
 * Determinism and parallelism: proposal k of generation t depends only on the seed, t, k and
 * generation t − 1; it is simulated with its own substream; acceptance is decided in proposal
 * order. The caller evaluates the jobs of a batch ({@link CalibrationJob}: plain data) in any order
 * and on any number of threads and hands back the statistics in batch order: the result is the
 * same bytes whatever the batch sizes or the number of workers. Random substreams of
 * `createRng(seed)`:
 * - `calibrate / propose / t / k`: the prior draw (t = 0) or ancestor and perturbation of proposal k;
 * - `calibrate / simulate / t / k`: the simulation of proposal k of generation t;
 * - `calibrate / predictive-pick / 0 / k` and `calibrate / predictive / 0 / k`: the particle of
 *   posterior predictive draw k and its simulation.
 * ({@link jobRng} builds a job's simulation stream.)
 *
 * Memory: one generation (N particles with their statistics) plus the previous one, and the
 * proposals of the batch in flight; never the history of all runs. Cost besides the simulations:
 * O(N² d) per generation for the weights (kernel sums, stats.ts), O(N d²) for the covariance.
 *
 * References: T. Toni, D. Welch, N. Strelkowa, A. Ipsen, M. P. H. Stumpf (2009), Approximate
 * Bayesian computation scheme for parameter inference and model selection in dynamical systems,
 * J. R. Soc. Interface 6, 187–202; M. A. Beaumont, J.-M. Cornuet, J.-M. Marin, C. P. Robert (2009),
 * Adaptive approximate Bayesian computation, Biometrika 96(4), 983–990; E. Klinger, D. Rickert,
 * J. Hasenauer (2018), pyABC: distributed, likelihood-free inference, Bioinformatics 34(20),
 * 3591–3593; D. Prangle (2017), Adapting the ABC distance function, Bayesian Analysis 12(1), 289–309.
 *
 * Indexing: particles and proposals are indexed by loop counters below their counts, in arrays sized
 * for them; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 *
 * Size: about 700 lines: the algorithm is one state machine whose parts (proposals, acceptance,
 * weights, stopping, predictive draws) share its state, plus the short drivers that run it.
 */
import { UsageError } from '../model/errors.js';
import { createRng, type Rng, type SeedPart } from '../util/rng.js';
import { checkPriors, fromSampling, samplingBounds, type PriorParam } from './priors.js';
import {
  checkTargets,
  deviation,
  statisticSpecs,
  statisticValues,
  type Observation,
  type RunSeries,
  type SimulatorInfo,
  type TargetSet,
} from './targets.js';
import {
  choleskyJittered,
  effectiveSampleSize,
  forwardSolve,
  logKernelSums,
  mad,
  quantile7,
  sd,
  weightedCovariance,
  weightedQuantile,
} from './stats.js';

/** How each fitted statistic is scaled in the distance (from the prior predictive sample, generation 0). */
export type DistanceScale = 'mad' | 'sd' | 'none';

/** What is calibrated: a prior box and targets. */
export interface CalibrationProblem {
  params: readonly PriorParam[];
  targets: Pick<TargetSet, 'targets' | 'startYear'> & { file?: string };
}

/** A simulator for calibration: parameters and a random stream in, a run's metric series out. */
export interface Simulator extends SimulatorInfo {
  /** One run. `params` by name (natural scale); draw every random number from `rng`. */
  run(params: Readonly<Record<string, number>>, rng: Rng): RunSeries;
}

export interface AbcSmcOptions {
  /** Particles per generation N (default 1000). */
  particles?: number;
  /** Seed (default 1). */
  seed?: SeedPart;
  /** ε_t = this quantile of the previous generation's weighted accepted distances (default 0.5). */
  alpha?: number;
  /** An explicit tolerance for generations 1, 2, … (instead of the quantile rule); the run stops at its end. */
  epsilons?: readonly number[];
  /** Scale of the statistics in the distance (default 'mad'). */
  scale?: DistanceScale;
  /** Kernel covariance = kernelScale × the weighted covariance (default 2, Beaumont et al. 2009). */
  kernelScale?: number;
  /** Stop after a generation with ε ≤ this (default 0). */
  minEpsilon?: number;
  /** Stop after this many generations, generation 0 included (default 10). */
  maxGenerations?: number;
  /** Abandon a generation whose acceptance rate would fall below this, and stop (default 0.01). */
  minAcceptanceRate?: number;
  /** Stop when this many simulations have been run (default: no limit; at least N). */
  maxSimulations?: number;
  /** Posterior predictive draws (default N; 0 for none). */
  predictive?: number;
}

/** The options with every default filled in (recorded in the result). */
export interface AbcSmcSettings {
  particles: number;
  seed: SeedPart;
  alpha: number;
  epsilons: number[] | null;
  scale: DistanceScale;
  kernelScale: number;
  minEpsilon: number;
  maxGenerations: number;
  minAcceptanceRate: number;
  maxSimulations: number | null;
  predictive: number;
}

/** One simulation to run: plain data, so it can go to a worker thread. */
export interface CalibrationJob {
  /** `simulate`: proposal `index` of generation `generation`; `predictive`: posterior predictive draw `index`. */
  phase: 'simulate' | 'predictive';
  generation: number;
  index: number;
  /** Parameter values on their natural scale, in the prior's order. */
  params: number[];
}

/** Why the run stopped. */
export type StopReason = 'min-epsilon' | 'no-progress' | 'max-generations' | 'schedule-end' | 'max-simulations' | 'min-acceptance-rate';

/** One generation of the acceptance history. */
export interface GenerationRecord {
  generation: number;
  /** Tolerance (Infinity for generation 0). */
  epsilon: number;
  /** Proposals simulated up to the N-th acceptance. */
  simulations: number;
  acceptanceRate: number;
  ess: number;
}

/** The state the result is built from (result.ts): the last completed generation and what led to it. */
export interface SmcOutcome {
  settings: AbcSmcSettings;
  params: PriorParam[];
  /** Targets in file order; `fitted[i]` tells whether target i is in the distance. */
  targets: CalibrationProblem['targets'];
  fitted: boolean[];
  /** Scale of each target's statistic (1 for holdout targets, which are not in the distance). */
  scales: number[];
  /** Targets whose statistic did not vary over the prior predictive sample. */
  constantStatistics: string[];
  /** Prior predictive 5/50/95 % quantiles of each target's statistic (type 7, generation 0). */
  priorPredictive: Array<[number, number, number]>;
  generations: GenerationRecord[];
  /** Total simulations, predictive draws included. */
  simulations: number;
  stopReason: StopReason;
  stopMessage: string;
  /** The final population: N × d sampling-scale values, weights (sum 1), distances, N × m statistics. */
  population: { n: number; z: Float64Array; weights: Float64Array; distances: Float64Array; stats: Float64Array };
  /** Posterior predictive statistics: M × m (M = 0 when none were asked for). */
  predictive: { n: number; stats: Float64Array };
}

const PHASE_STREAM = { simulate: 'simulate', predictive: 'predictive' } as const;

/** The random stream a job's simulation draws from (see the module doc). */
export function jobRng(seed: SeedPart, job: Pick<CalibrationJob, 'phase' | 'generation' | 'index'>): Rng {
  return createRng(seed).stream('calibrate', PHASE_STREAM[job.phase], job.generation, job.index);
}

/** Parameters by name from a job's values. */
export function namedParams(params: readonly PriorParam[], values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  params.forEach((p, i) => (out[p.name] = values[i]!));
  return out;
}

/** Simulate one job and return its statistics in target order (what a worker thread returns). */
export function runJob(
  simulator: Simulator,
  problem: CalibrationProblem,
  seed: SeedPart,
  job: CalibrationJob,
  specs = statisticSpecs(problem.targets),
): Float64Array {
  const series = simulator.run(namedParams(problem.params, job.params), jobRng(seed, job));
  return statisticValues(specs, series);
}

function settingsOf(o: AbcSmcOptions): AbcSmcSettings {
  const particles = o.particles ?? 1000;
  const s: AbcSmcSettings = {
    particles,
    seed: o.seed ?? 1,
    alpha: o.alpha ?? 0.5,
    epsilons: o.epsilons ? [...o.epsilons] : null,
    scale: o.scale ?? 'mad',
    kernelScale: o.kernelScale ?? 2,
    minEpsilon: o.minEpsilon ?? 0,
    maxGenerations: o.maxGenerations ?? 10,
    minAcceptanceRate: o.minAcceptanceRate ?? 0.01,
    maxSimulations: o.maxSimulations ?? null,
    predictive: o.predictive ?? particles,
  };
  const bad = (what: string) => new UsageError(`calibration: ${what}`);
  if (!Number.isInteger(s.particles) || s.particles < 2) throw bad(`particles: expected an integer >= 2, got ${s.particles}`);
  if (!(s.alpha > 0 && s.alpha < 1)) throw bad(`alpha: expected a quantile between 0 and 1 (exclusive), got ${s.alpha}`);
  if (s.epsilons && (s.epsilons.length === 0 || s.epsilons.some((e) => !(e >= 0))))
    throw bad(`epsilons: expected a non-empty list of numbers >= 0, got [${s.epsilons.join(', ')}]`);
  if (!(s.kernelScale > 0)) throw bad(`kernelScale: expected a number > 0, got ${s.kernelScale}`);
  if (!(s.minEpsilon >= 0)) throw bad(`minEpsilon: expected a number >= 0, got ${s.minEpsilon}`);
  if (!Number.isInteger(s.maxGenerations) || s.maxGenerations < 1)
    throw bad(`maxGenerations: expected an integer >= 1, got ${s.maxGenerations}`);
  if (!(s.minAcceptanceRate >= 0 && s.minAcceptanceRate < 1))
    throw bad(`minAcceptanceRate: expected a number from 0 to below 1, got ${s.minAcceptanceRate}`);
  if (s.maxSimulations !== null && !(Number.isInteger(s.maxSimulations) && s.maxSimulations >= s.particles))
    throw bad(`maxSimulations: expected an integer >= the particles per generation (${s.particles}), got ${s.maxSimulations}`);
  if (!Number.isInteger(s.predictive) || s.predictive < 0) throw bad(`predictive: expected an integer >= 0, got ${s.predictive}`);
  if (!['mad', 'sd', 'none'].includes(s.scale)) throw bad(`scale: expected mad, sd or none, got ${String(s.scale)}`);
  return s;
}

/** Draw an index with probability proportional to its weight, from cumulative weights (last = 1). */
function pick(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulative(w: Float64Array): Float64Array {
  const c = new Float64Array(w.length);
  let s = 0;
  for (let i = 0; i < w.length; i++) c[i] = s += w[i]!;
  for (let i = 0; i < w.length; i++) c[i] = c[i]! / s;
  c[w.length - 1] = 1;
  return c;
}

/** Proposals drawn again at most this many times when they fall outside the prior box. */
const MAX_REDRAWS = 100_000;

/**
 * ABC-SMC as a state machine: {@link nextBatch} hands out jobs, {@link tell} takes their
 * statistics back (in batch order); when {@link done}, {@link outcome} holds the last generation.
 * {@link calibrate} and {@link calibrateSync} drive it.
 */
export class AbcSmc {
  readonly settings: AbcSmcSettings;
  readonly params: PriorParam[];
  private readonly problem: CalibrationProblem;
  private readonly d: number;
  private readonly m: number;
  private readonly n: number;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly obs: Observation[];
  private readonly fitted: boolean[];
  private readonly root: Rng;
  private scales: Float64Array;
  private constant: string[] = [];
  private priorPredictive: Array<[number, number, number]> = [];

  private phase: 'smc' | 'predictive' | 'done' = 'smc';
  private t = 0;
  private eps = Infinity;
  private totalSims = 0;
  private readonly history: GenerationRecord[] = [];
  private stop: { reason: StopReason; message: string } | undefined;

  // the previous (completed) generation
  private prevZ: Float64Array = new Float64Array(0);
  private prevW: Float64Array = new Float64Array(0);
  private prevD: Float64Array = new Float64Array(0);
  private prevS: Float64Array = new Float64Array(0);
  private prevCum: Float64Array = new Float64Array(0);
  private prevU: Float64Array = new Float64Array(0);
  private kernelL: Float64Array = new Float64Array(0);

  // the generation being built
  private curZ: Float64Array;
  private curD: Float64Array;
  private curS: Float64Array;
  private accepted = 0;
  private nextIndex = 0;
  private cap = 0;

  // the batch in flight
  private batch: { jobs: CalibrationJob[]; z: Float64Array } | undefined;

  // posterior predictive draws
  private predStats: Float64Array = new Float64Array(0);
  private predDone = 0;

  constructor(problem: CalibrationProblem, options: AbcSmcOptions = {}) {
    this.settings = settingsOf(options);
    checkPriors(problem.params, 'calibration prior');
    this.problem = problem;
    this.params = problem.params.map((p) => ({ ...p }));
    this.d = this.params.length;
    this.m = problem.targets.targets.length;
    this.n = this.settings.particles;
    this.lo = Float64Array.from(this.params.map((p) => samplingBounds(p)[0]));
    this.hi = Float64Array.from(this.params.map((p) => samplingBounds(p)[1]));
    this.obs = problem.targets.targets.map((t) => ({
      ...(t.value !== undefined ? { value: t.value } : {}),
      ...(t.min !== undefined ? { min: t.min } : {}),
      ...(t.max !== undefined ? { max: t.max } : {}),
    }));
    this.fitted = problem.targets.targets.map((t) => !t.holdout);
    if (!this.fitted.some(Boolean)) throw new UsageError('calibration: every target is a holdout; at least one must be fitted');
    this.root = createRng(this.settings.seed);
    this.scales = new Float64Array(this.m).fill(1);
    this.curZ = new Float64Array(this.n * this.d);
    this.curD = new Float64Array(this.n);
    this.curS = new Float64Array(this.n * this.m);
    this.cap = this.n;
  }

  /** True when the run has finished (the outcome is ready). */
  get done(): boolean {
    return this.phase === 'done';
  }

  /** The generation being sampled (or, when done, the last one). */
  get generation(): number {
    return this.t;
  }

  /** The acceptance history so far. */
  get generations(): readonly GenerationRecord[] {
    return this.history;
  }

  /** Accepted particles and proposals so far in the current generation (for progress displays). */
  progress(): { generation: number; accepted: number; proposals: number; simulations: number; phase: 'smc' | 'predictive' | 'done' } {
    return { generation: this.t, accepted: this.accepted, proposals: this.nextIndex, simulations: this.totalSims, phase: this.phase };
  }

  /** The scaled distance of a statistics vector (`stats[offset …]`) to the fitted targets. */
  distance(stats: ArrayLike<number>, offset = 0): number {
    let s = 0;
    for (let i = 0; i < this.m; i++) {
      if (!this.fitted[i]) continue;
      const dev = deviation(this.obs[i]!, stats[offset + i]!);
      if (dev === Infinity) return Infinity;
      const q = dev / this.scales[i]!;
      s += q * q;
    }
    return Math.sqrt(s);
  }

  /** The next jobs to simulate, or undefined when done. Every batch must be {@link tell}-ed before the next. */
  nextBatch(): CalibrationJob[] | undefined {
    if (this.batch) throw new Error('AbcSmc.nextBatch: the previous batch has not been told');
    if (this.phase === 'done') return undefined;
    if (this.phase === 'predictive') return this.predictiveBatch();
    const size = this.batchSize();
    const jobs: CalibrationJob[] = [];
    const z = new Float64Array(size * this.d);
    for (let b = 0; b < size; b++) {
      const k = this.nextIndex + b;
      this.propose(k, z, b * this.d);
      const values: number[] = [];
      for (let j = 0; j < this.d; j++) values.push(fromSampling(this.params[j]!, z[b * this.d + j]!));
      jobs.push({ phase: 'simulate', generation: this.t, index: k, params: values });
    }
    this.nextIndex += size;
    this.batch = { jobs, z };
    return jobs;
  }

  private batchSize(): number {
    if (this.t === 0) return this.n;
    const remaining = this.n - this.accepted;
    const last = this.history[this.history.length - 1];
    const rate =
      this.nextIndex > 0 && this.accepted > 0 ? this.accepted / this.nextIndex : Math.min(0.5, last ? last.acceptanceRate / 2 : 0.5);
    const want = Math.ceil((remaining / Math.max(rate, 1e-4)) * 1.1) + 8;
    return Math.max(1, Math.min(want, 4 * this.n, this.cap - this.nextIndex));
  }

  /** Proposal k of the current generation into z[off …] (sampling scale). */
  private propose(k: number, z: Float64Array, off: number): void {
    const rng = this.root.stream('calibrate', 'propose', this.t, k);
    const d = this.d;
    if (this.t === 0) {
      for (let j = 0; j < d; j++) z[off + j] = rng.uniform(this.lo[j]!, this.hi[j]!);
      return;
    }
    const L = this.kernelL;
    const xi = new Float64Array(d);
    for (let attempt = 0; attempt < MAX_REDRAWS; attempt++) {
      const a = pick(this.prevCum, rng.next());
      for (let j = 0; j < d; j++) xi[j] = rng.normal();
      let inside = true;
      for (let i = 0; i < d; i++) {
        let s = this.prevZ[a * d + i]!;
        for (let j = 0; j <= i; j++) s += L[i * d + j]! * xi[j]!;
        z[off + i] = s;
        if (s < this.lo[i]! || s > this.hi[i]!) inside = false;
      }
      if (inside) return;
    }
    throw new Error(
      `calibration: ${MAX_REDRAWS} proposals in a row fell outside the prior box (generation ${this.t}); the kernel is far wider than the prior`,
    );
  }

  /** Hand back the statistics of the last batch's jobs, in batch order. */
  tell(results: readonly ArrayLike<number>[]): void {
    const batch = this.batch;
    if (!batch) throw new Error('AbcSmc.tell: no batch in flight');
    if (results.length !== batch.jobs.length) throw new Error(`AbcSmc.tell: expected ${batch.jobs.length} results, got ${results.length}`);
    this.batch = undefined;
    for (const r of results)
      if (r.length !== this.m) throw new Error(`AbcSmc.tell: expected ${this.m} statistics per job, got ${r.length}`);
    if (this.phase === 'predictive') {
      for (let b = 0; b < results.length; b++) {
        const r = results[b]!;
        for (let i = 0; i < this.m; i++) this.predStats[(this.predDone + b) * this.m + i] = r[i]!;
      }
      this.predDone += results.length;
      this.totalSims += results.length;
      if (this.predDone >= this.settings.predictive) this.phase = 'done';
      return;
    }
    if (this.t === 0) {
      for (let b = 0; b < results.length; b++) {
        const r = results[b]!;
        for (let i = 0; i < this.m; i++) this.curS[b * this.m + i] = r[i]!;
        for (let j = 0; j < this.d; j++) this.curZ[b * this.d + j] = batch.z[b * this.d + j]!;
      }
      this.totalSims += results.length;
      this.accepted = results.length;
      this.finishPriorGeneration();
      return;
    }
    let used = 0;
    for (let b = 0; b < results.length && this.accepted < this.n; b++) {
      used++;
      const r = results[b]!;
      const dist = this.distance(r);
      if (!(dist <= this.eps)) continue;
      const a = this.accepted++;
      for (let i = 0; i < this.m; i++) this.curS[a * this.m + i] = r[i]!;
      for (let j = 0; j < this.d; j++) this.curZ[a * this.d + j] = batch.z[b * this.d + j]!;
      this.curD[a] = dist;
    }
    const proposalsUsed = batch.jobs[0]!.index + used;
    if (this.accepted === this.n) {
      this.totalSims += used;
      this.finishGeneration(proposalsUsed);
    } else {
      this.totalSims += results.length;
      if (this.nextIndex >= this.cap) this.abandonGeneration();
    }
  }

  private finishPriorGeneration(): void {
    const { n, m } = this;
    const column = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < n; k++) column[k] = this.curS[k * m + i]!;
      this.priorPredictive.push([quantile7(column, 0.05), quantile7(column, 0.5), quantile7(column, 0.95)]);
      if (!this.fitted[i]) continue;
      let scale = 1;
      if (this.settings.scale !== 'none') {
        const a = this.settings.scale === 'mad' ? mad(column) : sd(column);
        const b = sd(column);
        scale = a > 0 ? a : b > 0 ? b : NaN;
        if (!(scale > 0)) {
          this.constant.push(this.problem.targets.targets[i]!.name);
          scale = 1;
        }
      }
      this.scales[i] = scale;
    }
    for (let k = 0; k < n; k++) this.curD[k] = this.distance(this.curS, k * m);
    const w = new Float64Array(n).fill(1 / n);
    this.history.push({ generation: 0, epsilon: Infinity, simulations: n, acceptanceRate: 1, ess: n });
    this.promote(w);
  }

  private finishGeneration(proposals: number): void {
    const { n, d } = this;
    // whiten the new particles with the kernel that proposed them, then w_i ∝ 1 / Σ_j W_j K(z_i − z_j)
    const u = new Float64Array(n * d);
    for (let i = 0; i < n; i++) forwardSolve(this.kernelL, d, this.curZ, i * d, u, i * d);
    const logK = logKernelSums(u, n, this.prevU, n, d, this.prevW);
    let maxLog = -Infinity;
    for (let i = 0; i < n; i++) if (-logK[i]! > maxLog) maxLog = -logK[i]!;
    const w = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) s += w[i] = Math.exp(-logK[i]! - maxLog);
    for (let i = 0; i < n; i++) w[i] = w[i]! / s;
    this.history.push({
      generation: this.t,
      epsilon: this.eps,
      simulations: proposals,
      acceptanceRate: n / proposals,
      ess: effectiveSampleSize(w),
    });
    this.promote(w);
  }

  /** Make the current generation the previous one, then decide whether and how to go on. */
  private promote(w: Float64Array): void {
    const { n, d } = this;
    [this.prevZ, this.curZ] = [this.curZ, this.prevZ.length === this.curZ.length ? this.prevZ : new Float64Array(n * d)];
    [this.prevD, this.curD] = [this.curD, this.prevD.length === this.curD.length ? this.prevD : new Float64Array(n)];
    [this.prevS, this.curS] = [this.curS, this.prevS.length === this.curS.length ? this.prevS : new Float64Array(n * this.m)];
    this.prevW = w;
    const t = this.t;
    const s = this.settings;
    let next: number;
    if (s.epsilons) next = t < s.epsilons.length ? s.epsilons[t]! : NaN;
    else next = weightedQuantile(this.prevD, w, s.alpha);
    if (t >= 1 && this.eps <= s.minEpsilon)
      this.finish('min-epsilon', `the tolerance ${fmt(this.eps)} reached the minimum ${fmt(s.minEpsilon)}`);
    else if (t + 1 >= s.maxGenerations) this.finish('max-generations', `${s.maxGenerations} generations were run (generation 0 included)`);
    else if (s.epsilons && t >= s.epsilons.length)
      this.finish('schedule-end', `the tolerance schedule of ${s.epsilons.length} values is used up`);
    else if (s.maxSimulations !== null && this.totalSims >= s.maxSimulations)
      this.finish('max-simulations', `${this.totalSims} simulations reached the budget of ${s.maxSimulations}`);
    else if (!s.epsilons && !(next < this.eps))
      this.finish('no-progress', `the next tolerance (${fmt(next)}) would not be smaller than the last (${fmt(this.eps)})`);
    if (this.stop) return;
    // set up generation t + 1: kernel from the weighted covariance, whitened ancestors
    const cov = weightedCovariance(this.prevZ, n, d, w);
    for (let i = 0; i < d * d; i++) cov[i] = cov[i]! * s.kernelScale;
    this.kernelL = choleskyJittered(cov, d);
    this.prevU = new Float64Array(n * d);
    for (let i = 0; i < n; i++) forwardSolve(this.kernelL, d, this.prevZ, i * d, this.prevU, i * d);
    this.prevCum = cumulative(w);
    this.t = t + 1;
    this.eps = next;
    this.accepted = 0;
    this.nextIndex = 0;
    let cap = Number.MAX_SAFE_INTEGER;
    if (s.maxSimulations !== null) cap = s.maxSimulations - this.totalSims;
    if (s.minAcceptanceRate > 0) cap = Math.min(cap, Math.floor(n / s.minAcceptanceRate));
    this.cap = cap;
  }

  private abandonGeneration(): void {
    const s = this.settings;
    const budget = s.maxSimulations !== null && this.nextIndex >= s.maxSimulations - (this.totalSims - this.nextIndex);
    const msg = `generation ${this.t} (ε = ${fmt(this.eps)}) had ${this.accepted} of ${this.n} particles after ${this.nextIndex} proposals`;
    this.t -= 1;
    this.eps = this.history[this.history.length - 1]!.epsilon;
    if (budget) this.finish('max-simulations', `${msg} when the budget of ${s.maxSimulations} simulations ran out; it was abandoned`);
    else this.finish('min-acceptance-rate', `${msg}: its acceptance rate would be below ${s.minAcceptanceRate}; it was abandoned`);
  }

  private finish(reason: StopReason, message: string): void {
    this.stop = { reason, message };
    this.accepted = this.n;
    if (this.settings.predictive > 0) {
      this.phase = 'predictive';
      this.predStats = new Float64Array(this.settings.predictive * this.m);
      this.prevCum = cumulative(this.prevW);
    } else this.phase = 'done';
  }

  private predictiveBatch(): CalibrationJob[] {
    const total = this.settings.predictive;
    const size = Math.min(total - this.predDone, 4 * this.n);
    const jobs: CalibrationJob[] = [];
    for (let b = 0; b < size; b++) {
      const k = this.predDone + b;
      const a = pick(this.prevCum, this.root.stream('calibrate', 'predictive-pick', 0, k).next());
      const values: number[] = [];
      for (let j = 0; j < this.d; j++) values.push(fromSampling(this.params[j]!, this.prevZ[a * this.d + j]!));
      jobs.push({ phase: 'predictive', generation: 0, index: k, params: values });
    }
    this.batch = { jobs, z: new Float64Array(0) };
    return jobs;
  }

  /** The last completed generation and everything the result needs (after {@link done}). */
  outcome(): SmcOutcome {
    if (this.phase !== 'done' || !this.stop) throw new Error('AbcSmc.outcome: the run has not finished');
    const scales: number[] = [];
    for (let i = 0; i < this.m; i++) scales.push(this.fitted[i] ? this.scales[i]! : 1);
    return {
      settings: this.settings,
      params: this.params,
      targets: this.problem.targets,
      fitted: [...this.fitted],
      scales,
      constantStatistics: [...this.constant],
      priorPredictive: this.priorPredictive,
      generations: [...this.history],
      simulations: this.totalSims,
      stopReason: this.stop.reason,
      stopMessage: this.stop.message,
      population: { n: this.n, z: this.prevZ, weights: this.prevW, distances: this.prevD, stats: this.prevS },
      predictive: { n: this.predDone, stats: this.predStats },
    };
  }
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}

/** Evaluates a batch of jobs: statistics per job, in job order (any threads, any order inside). */
export type BatchEvaluator = (jobs: readonly CalibrationJob[]) => Promise<readonly ArrayLike<number>[]> | readonly ArrayLike<number>[];

/** Progress callbacks of {@link calibrate}. */
export interface CalibrationHooks {
  /** After each batch. */
  onBatch?: (p: ReturnType<AbcSmc['progress']>) => void;
  /** After each completed generation. */
  onGeneration?: (g: GenerationRecord) => void;
  /** Checked before each batch: true stops with an error (nothing is returned). */
  shouldStop?: () => boolean;
}

/** Run ABC-SMC with an evaluator (in-thread, a worker pool, …); resolves with the outcome. */
export async function calibrate(
  problem: CalibrationProblem,
  evaluate: BatchEvaluator,
  options: AbcSmcOptions = {},
  hooks: CalibrationHooks = {},
): Promise<SmcOutcome> {
  const smc = new AbcSmc(problem, options);
  let seen = 0;
  for (let jobs = smc.nextBatch(); jobs; jobs = smc.nextBatch()) {
    if (hooks.shouldStop?.()) throw new CalibrationStopped();
    smc.tell(await evaluate(jobs));
    hooks.onBatch?.(smc.progress());
    // (not `hooks.onGeneration?.(…[seen++])`: an optional call skips its arguments, and seen would never move)
    for (; seen < smc.generations.length; seen++) if (hooks.onGeneration) hooks.onGeneration(smc.generations[seen]!);
  }
  return smc.outcome();
}

/** Thrown by {@link calibrate} when `shouldStop` turned true. */
export class CalibrationStopped extends Error {
  constructor() {
    super('calibration stopped before it finished');
    this.name = 'CalibrationStopped';
  }
}

/**
 * Check the problem's targets against a simulator's metrics and horizon (`checkTargets`): an
 * `InputError` naming the targets file, line and field, before any simulation runs.
 */
export function checkProblem(problem: CalibrationProblem, info: SimulatorInfo): void {
  const set: TargetSet = { file: problem.targets.file ?? '<targets>', targets: problem.targets.targets };
  if (problem.targets.startYear !== undefined) set.startYear = problem.targets.startYear;
  const locations = (problem.targets as Partial<TargetSet>).locations;
  if (locations) set.locations = locations;
  checkTargets(set, info);
}

/** Run ABC-SMC with the simulator in this thread, synchronously (the targets are checked against it first). */
export function calibrateSync(problem: CalibrationProblem, simulator: Simulator, options: AbcSmcOptions = {}): SmcOutcome {
  checkProblem(problem, simulator);
  const smc = new AbcSmc(problem, options);
  const specs = statisticSpecs(problem.targets);
  const seed = smc.settings.seed;
  for (let jobs = smc.nextBatch(); jobs; jobs = smc.nextBatch()) smc.tell(jobs.map((j) => runJob(simulator, problem, seed, j, specs)));
  return smc.outcome();
}
