/**
 * Node-only. A calibration in a directory: `helixlab calibrate SCENARIO --targets FILE --param … --out DIR`
 * with a saved state (`--resume`), shards of a round of simulations on other machines
 * (`--shard i/n`) and their merge (`helixlab merge`), and the result files.
 *
 * The plan ({@link CalibrationPlan}) is everything the result depends on: the prior and the targets
 * (holdouts marked), the algorithm's settings with the seed, and the simulator as plain data (for a
 * scenario: the scenario as loaded — defaults, equal-money reference and start network — and the
 * parameter paths). Its key is the SHA-256 of that; provenance (files, their hashes, versions) is
 * kept beside it but not in the key.
 *
 * State (`DIR/.calibrate/plan.json`, `DIR/.calibrate/state.json`): after every batch of simulations
 * the algorithm's state between batches (smc.ts `AbcSmc.snapshot`: the last completed generation and
 * the accepted particles of the one being built) is written atomically. `--resume` restores it and
 * goes on: the result is the same bytes as a run that never stopped, because proposals and their
 * seeds depend only on the seed, the generation and the proposal index, and the next batch only on
 * the state. Memory holds one generation and the one being built, never the history of all runs.
 *
 * Shards: a round is the next batch of simulations the state asks for (generation 0: the prior
 * sample; later: as many proposals as should reach N acceptances, at least 8). Shard i of n
 * ({@link runCalibrationShard}) restores the state of `stateDir` (none: the first round), simulates
 * the batch's jobs at positions p with p mod n = i − 1 and writes them to its own directory
 * (`calibration-shard.json`, `shard.ndjson`: statistics in shortest round-trip form, non-finite as
 * strings). {@link mergeCalibrationShards} checks that the shards are of the same plan and round and
 * complete (1..n once each), feeds the statistics to the algorithm in job order — exactly what one
 * machine does with that batch — and saves the new state, or, when the run is over, the result: the
 * same bytes as a single-machine run. SMC is sequential, so a calibration takes one shard-and-merge
 * cycle per round (docs/batch.md shows the loop for Kubernetes and SLURM).
 *
 * Files of a finished calibration (`writeCalibrationDir`): calibration.json, posterior.csv and
 * calibration.md (src/calibrate/format.ts) and, for a scenario, `posterior-sample.csv` — the final
 * generation resampled by weight to a small sample with its provenance (src/scenario/posterior.ts),
 * the file a case preset ships beside its scenario and `--posterior` reads.
 *
 * Indexing: jobs, positions and shards are indexed by loop counters below their counts; the `!` on
 * element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, UsageError } from '../model/errors.js';
import {
  AbcSmc,
  CalibrationStopped,
  checkProblem,
  snapshotFromJson,
  snapshotToJson,
  type AbcSmcOptions,
  type BatchEvaluator,
  type CalibrationHooks,
  type CalibrationJob,
  type CalibrationProblem,
} from '../calibrate/smc.js';
import { calibrationResult, type CalibrationResult } from '../calibrate/result.js';
import { calibrationJson, calibrationMarkdown, posteriorCsv } from '../calibrate/format.js';
import { checkPriors, type PriorParam } from '../calibrate/priors.js';
import type { Target, TargetSet } from '../calibrate/targets.js';
import { checkParamPaths } from '../scenario/params.js';
import { posteriorSampleCsv, resampleIndices, scenarioFingerprint } from '../scenario/posterior.js';
import type { Scenario } from '../scenario/schema.js';
import { scenarioSimulator } from '../scenario/calibration.js';
import type { Shard } from '../batch/jobs.js';
import { writeFileAtomic } from './atomic.js';
import { inThreadEvaluator, poolEvaluator } from './calibrate.js';
import { startPool, type WorkerPool } from './pool.js';
import { simulatorFromSpec, type CalibrationSimulatorSpec } from './tasks/calibration.js';
import { batchVersions } from './version.js';
import { gitCommit } from './provenance.js';

export const CALIBRATION_PLAN_FORMAT = 'helixlab-calibration-plan/1';
export const CALIBRATION_SHARD_FORMAT = 'helixlab-calibration-shard/1';
const STATE = '.calibrate';

/** Everything a calibration's result depends on, and where it comes from (see the module doc). */
export interface CalibrationPlan {
  format: typeof CALIBRATION_PLAN_FORMAT;
  problem: { params: PriorParam[]; targets: { targets: Target[]; startYear?: number; file?: string } };
  options: AbcSmcOptions;
  simulator: CalibrationSimulatorSpec;
  /** Particles of `posterior-sample.csv` (resampled from the final generation; 0: none). */
  sampleSize: number;
  /** Files, hashes, the scenario's name and fingerprint: recorded, not part of the key. */
  provenance: Record<string, unknown>;
}

/** The SHA-256 of what the result depends on (problem, options, simulator, sample size). */
export function calibrationPlanKey(plan: CalibrationPlan): string {
  return createHash('sha256')
    .update(JSON.stringify([plan.problem, plan.options, plan.simulator, plan.sampleSize]))
    .digest('hex');
}

/** What {@link scenarioCalibrationPlan} needs. */
export interface ScenarioCalibrationInput {
  scenarioFile: string;
  /** The scenario as loaded (loadScenarioWithSets): defaults, equal-money reference, start network. */
  scenario: Scenario;
  targets: TargetSet;
  /** SHA-256 of the targets file's bytes (provenance). */
  targetsSha256?: string;
  params: PriorParam[];
  /** Names of targets to hold out (besides those marked in the file). */
  holdout?: readonly string[];
  options: AbcSmcOptions;
  /** Particles of posterior-sample.csv (default 300). */
  sampleSize?: number;
  /** Added to the provenance (e.g. the command line). */
  provenance?: Record<string, unknown>;
}

/**
 * The plan of a scenario calibration, with every input checked before any run: the parameter paths
 * and both ends of their ranges (legal values of the scenario), the holdouts (targets of the file),
 * the targets against the engine's metrics and horizon (file, line, field).
 */
export function scenarioCalibrationPlan(input: ScenarioCalibrationInput): CalibrationPlan {
  const s = input.scenario;
  checkPriors(input.params, '--param');
  checkParamPaths(s, input.params, '--param');
  const names = new Set(input.targets.targets.map((t) => t.name));
  const hold = new Set<string>();
  for (const h of input.holdout ?? []) {
    if (!names.has(h)) {
      throw new UsageError(
        `--holdout: '${h}' is not a target of ${input.targets.file} (its targets: ${[...names].map((x) => `'${x}'`).join(', ')})`,
      );
    }
    hold.add(h);
  }
  const targets = input.targets.targets.map((t) => (hold.has(t.name) ? { ...t, holdout: true } : { ...t }));
  if (targets.every((t) => t.holdout)) throw new UsageError('--holdout: every target would be held out; at least one must be fitted');
  const problemTargets: CalibrationPlan['problem']['targets'] = { targets, file: input.targets.file };
  if (input.targets.startYear !== undefined) problemTargets.startYear = input.targets.startYear;
  const sim = scenarioSimulator(
    s,
    input.params.map((p) => p.name),
  );
  // the targets against the engine (with the file's line and column of each problem)
  const check: TargetSet = { ...input.targets, targets };
  checkProblem({ params: input.params, targets: check }, sim);
  const provenance: Record<string, unknown> = {
    scenario: s.name,
    scenarioFile: input.scenarioFile,
    scenarioFingerprint: scenarioFingerprint(
      s,
      input.params.map((p) => p.name),
    ),
    targetsFile: input.targets.file,
    ...(input.targetsSha256 ? { targetsSha256: input.targetsSha256 } : {}),
    holdout: targets.filter((t) => t.holdout).map((t) => t.name),
    ...(input.provenance ?? {}),
  };
  try {
    provenance.scenarioSha256 = createHash('sha256').update(readFileSync(input.scenarioFile)).digest('hex');
  } catch {
    /* a scenario given as data */
  }
  return {
    format: CALIBRATION_PLAN_FORMAT,
    problem: { params: input.params.map((p) => ({ ...p })), targets: problemTargets },
    options: { ...input.options },
    simulator: { kind: 'scenario', scenario: s, params: input.params.map((p) => p.name) },
    sampleSize: input.sampleSize ?? 300,
    provenance,
  };
}

function problemOf(plan: CalibrationPlan): CalibrationProblem {
  return { params: plan.problem.params, targets: plan.problem.targets };
}

/** Options of the directory runs. */
export interface CalibrationDirOptions extends CalibrationHooks {
  /** Worker threads (default 1). */
  workers?: number;
  /** Threads started earlier; used instead of starting new ones, and not destroyed. */
  pool?: WorkerPool;
  /** Seconds between state saves within a generation (default 5; a completed generation is always saved). */
  saveEvery?: number;
}

interface Evaluation {
  evaluate: BatchEvaluator;
  close: () => Promise<void>;
}

function evaluation(plan: CalibrationPlan, opts: CalibrationDirOptions): Evaluation {
  const problem = problemOf(plan);
  const seed = plan.options.seed ?? 1;
  const workers = Math.max(1, Math.floor(opts.workers ?? 1));
  let pool = opts.pool;
  let own: WorkerPool | undefined;
  if (!pool && workers > 1) pool = own = startPool(workers);
  const evaluate = pool
    ? poolEvaluator(pool, problem, plan.simulator, seed)
    : inThreadEvaluator(problem, simulatorFromSpec(plan.simulator), seed);
  return { evaluate, close: async () => void (await own?.destroy()) };
}

function statePaths(dir: string): { plan: string; state: string } {
  return { plan: join(dir, STATE, 'plan.json'), state: join(dir, STATE, 'state.json') };
}

function fail(file: string, message: string, code = 'calibration'): never {
  throw new InputError([{ severity: 'error', code, file, message }]);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    return fail(file, `not valid JSON (${(err as Error).message}); delete the directory and start again`);
  }
}

/** The plan saved in a calibration directory, if any. */
export function savedCalibrationPlan(dir: string): CalibrationPlan | undefined {
  const p = statePaths(dir).plan;
  if (!existsSync(p)) return undefined;
  const plan = readJson(p) as CalibrationPlan;
  if (plan.format !== CALIBRATION_PLAN_FORMAT) fail(p, `expected a ${CALIBRATION_PLAN_FORMAT} plan`);
  return plan;
}

/** The algorithm restored from `dir`'s state (which must be of `plan`), or a fresh one. */
function restoreOrStart(plan: CalibrationPlan, dir: string | undefined): AbcSmc {
  const problem = problemOf(plan);
  if (dir === undefined) return new AbcSmc(problem, plan.options);
  const saved = savedCalibrationPlan(dir);
  if (!saved) return new AbcSmc(problem, plan.options);
  const paths = statePaths(dir);
  if (calibrationPlanKey(saved) !== calibrationPlanKey(plan)) {
    fail(
      paths.plan,
      'this directory holds a calibration with another scenario, parameters, targets, holdouts, settings or seed; use another directory',
      'resume-mismatch',
    );
  }
  if (!existsSync(paths.state)) return new AbcSmc(problem, plan.options);
  let snap;
  try {
    snap = snapshotFromJson(readFileSync(paths.state, 'utf8'));
  } catch (err) {
    return fail(paths.state, `not valid JSON (${(err as Error).message}); delete ${join(dir, STATE)} and start again`);
  }
  try {
    return AbcSmc.restore(problem, plan.options, snap);
  } catch (err) {
    return fail(paths.state, (err as Error).message);
  }
}

function saveState(dir: string, plan: CalibrationPlan, smc: AbcSmc, planToo: boolean): void {
  const paths = statePaths(dir);
  mkdirSync(join(dir, STATE), { recursive: true });
  if (planToo || !existsSync(paths.plan)) writeFileAtomic(paths.plan, JSON.stringify(plan) + '\n');
  writeFileAtomic(paths.state, snapshotToJson(smc.snapshot()));
}

/** The result of a finished run of `plan`, with its provenance. */
function resultOf(plan: CalibrationPlan, smc: AbcSmc): CalibrationResult {
  const spec = plan.simulator;
  const provenance: Record<string, unknown> = { ...batchVersions(), gitCommit: gitCommit() };
  provenance.simulator = 'kind' in spec ? { kind: 'scenario', scenario: spec.scenario.name, params: spec.params } : spec;
  Object.assign(provenance, plan.provenance);
  return calibrationResult(smc.outcome(), provenance);
}

/** The files of a finished calibration (see the module doc); returns their paths. */
export function writeCalibrationDir(dir: string, plan: CalibrationPlan, result: CalibrationResult): string[] {
  const files: Array<[string, string]> = [
    ['calibration.json', calibrationJson(result)],
    ['posterior.csv', posteriorCsv(result)],
    ['calibration.md', calibrationMarkdown(result)],
  ];
  const spec = plan.simulator;
  if ('kind' in spec && plan.sampleSize > 0) {
    const post = result.posterior;
    const idx = resampleIndices(post.weights, plan.sampleSize, plan.options.seed ?? 1);
    const d = result.params.length;
    const values = new Float64Array(idx.length * d);
    idx.forEach((i, k) => values.set(post.values[i]!, k * d));
    const pv = plan.provenance;
    const notes: Array<[string, string]> = [
      ['scenario-file', String(pv.scenarioFile ?? '')],
      ['targets', `${String(pv.targetsFile ?? '')}${pv.targetsSha256 ? ` (sha256 ${String(pv.targetsSha256)})` : ''}`],
      ['held-out', (pv.holdout as string[] | undefined)?.join(', ') || 'none'],
      [
        'made-by',
        `helixlab calibrate, ABC-SMC with ${result.settings.particles} particles, seed ${String(result.settings.seed)}, ${result.generations.length} generations (final ε ${Number(result.posterior.epsilon.toPrecision(4))}); ` +
          `${plan.sampleSize} particles drawn by weight (systematic resampling) from the final generation; HelixLab ${String(result.provenance.helixlab ?? '')}`,
      ],
    ];
    files.push([
      'posterior-sample.csv',
      posteriorSampleCsv({
        scenario: spec.scenario.name,
        fingerprint: scenarioFingerprint(spec.scenario, spec.params),
        parameters: spec.params,
        values,
        weights: new Float64Array(idx.length).fill(1),
        notes,
      }),
    ]);
  }
  mkdirSync(dir, { recursive: true });
  return files.map(([name, text]) => {
    const path = join(dir, name);
    writeFileAtomic(path, text);
    return path;
  });
}

/** How a directory run ended. */
export interface CalibrationDirOutcome {
  status: 'done' | 'stopped' | 'already-finished';
  result?: CalibrationResult;
  files?: string[];
  /** Generations restored from the saved state (resume), 0 on a fresh start. */
  resumedAt: number;
}

function checkOutDir(dir: string, plan: CalibrationPlan, resume: boolean): 'fresh' | 'resume' | 'finished' {
  if (existsSync(dir) && !statSync(dir).isDirectory())
    fail(dir, 'exists and is not a directory (--out names a directory)', 'not-a-directory');
  const saved = savedCalibrationPlan(dir);
  const finished = existsSync(join(dir, 'calibration.json'));
  if (saved) {
    if (calibrationPlanKey(saved) !== calibrationPlanKey(plan))
      fail(
        join(dir, STATE, 'plan.json'),
        'this directory holds a calibration with another scenario, parameters, targets, holdouts, settings or seed; use another --out',
        'resume-mismatch',
      );
    if (!resume) fail(dir, 'holds an unfinished calibration: rerun with --resume to finish it, or choose another --out', 'unfinished');
    return 'resume';
  }
  if (finished) {
    let same: boolean;
    try {
      const doc = JSON.parse(readFileSync(join(dir, 'calibration.json'), 'utf8')) as { provenance?: { planKey?: string } };
      same = doc.provenance?.planKey === calibrationPlanKey(plan);
    } catch {
      same = false;
    }
    if (!same) fail(dir, 'already holds the result of another calibration (calibration.json); choose another --out', 'exists');
    if (!resume) fail(dir, 'already holds this calibration, finished (calibration.json); choose another --out or delete it', 'exists');
    return 'finished';
  }
  return 'fresh';
}

/**
 * Run (or, with `resume`, continue) the calibration of `plan` in `dir`, saving the state as it goes
 * (see the module doc); on success the result files are written and the state removed.
 */
export async function runCalibrationDir(
  plan: CalibrationPlan,
  dir: string,
  opts: CalibrationDirOptions & { resume?: boolean } = {},
): Promise<CalibrationDirOutcome> {
  plan = withKey(plan);
  const mode = checkOutDir(dir, plan, opts.resume === true);
  if (mode === 'finished') return { status: 'already-finished', resumedAt: 0 };
  const smc = restoreOrStart(plan, mode === 'resume' ? dir : undefined);
  const resumedAt = smc.generations.length;
  if (mode === 'fresh') saveState(dir, plan, smc, true);
  const ev = evaluation(plan, opts);
  const every = (opts.saveEvery ?? 5) * 1000;
  let last = Date.now();
  let seen = smc.generations.length;
  try {
    while (!smc.done) {
      if (opts.shouldStop?.()) {
        saveState(dir, plan, smc, false);
        return { status: 'stopped', resumedAt };
      }
      const jobs = smc.nextBatch()!;
      smc.tell(await ev.evaluate(jobs));
      opts.onBatch?.(smc.progress());
      const newGeneration = smc.generations.length > seen;
      for (; seen < smc.generations.length; seen++) if (opts.onGeneration) opts.onGeneration(smc.generations[seen]!);
      if (newGeneration || Date.now() - last >= every || smc.done) {
        saveState(dir, plan, smc, false);
        last = Date.now();
      }
    }
  } catch (err) {
    if (err instanceof CalibrationStopped) return { status: 'stopped', resumedAt };
    throw err;
  } finally {
    await ev.close();
  }
  const result = resultOf(plan, smc);
  const files = writeCalibrationDir(dir, plan, result);
  rmSync(join(dir, STATE), { recursive: true, force: true });
  return { status: 'done', result, files, resumedAt };
}

/** The plan with its key in the provenance (so a finished directory can be recognised). */
function withKey(plan: CalibrationPlan): CalibrationPlan {
  const key = calibrationPlanKey(plan);
  return plan.provenance.planKey === key ? plan : { ...plan, provenance: { ...plan.provenance, planKey: key } };
}

/** The round a shard belongs to: the batch the state asks for next. */
interface Round {
  phase: CalibrationJob['phase'];
  generation: number;
  /** Index of the batch's first job, and the number of jobs. */
  first: number;
  jobs: number;
}

function roundOf(jobs: readonly CalibrationJob[]): Round {
  const j = jobs[0]!;
  return { phase: j.phase, generation: j.generation, first: j.index, jobs: jobs.length };
}

const roundText = (r: Round): string =>
  `${r.phase === 'predictive' ? 'the posterior predictive draws' : `generation ${r.generation}`}, jobs ${r.first}–${r.first + r.jobs - 1}`;

/** The manifest of a shard directory. */
export interface CalibrationShardManifest {
  format: typeof CALIBRATION_SHARD_FORMAT;
  kind: 'calibration-shard';
  planKey: string;
  plan: CalibrationPlan;
  round: Round;
  shard: Shard;
  /** Jobs of this shard (positions p of the batch with p mod n = i − 1). */
  jobs: number;
}

function encodeStats(stats: ArrayLike<number>): string {
  const out: (number | string)[] = [];
  for (let i = 0; i < stats.length; i++) {
    const x = stats[i]!;
    out.push(Number.isFinite(x) ? x : String(x));
  }
  return JSON.stringify(out);
}

function decodeStats(v: unknown, file: string, line: number, m: number): Float64Array {
  if (!Array.isArray(v) || v.length !== m) return fail(file, `line ${line}: expected ${m} statistics`);
  const out = new Float64Array(m);
  v.forEach((x, i) => {
    out[i] = typeof x === 'number' ? x : x === 'NaN' ? NaN : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN;
  });
  return out;
}

/** Whether `dir` holds a calibration shard (for `helixlab merge`). */
export function isCalibrationShard(dir: string): boolean {
  return existsSync(join(dir, 'calibration-shard.json'));
}

/**
 * Simulate shard `shard` of the next round of the calibration whose state is in `stateDir` (none
 * yet: the first round) into `outDir` (see the module doc).
 */
export async function runCalibrationShard(
  plan: CalibrationPlan,
  opts: CalibrationDirOptions & { stateDir?: string; shard: Shard; outDir: string },
): Promise<{ round: Round; jobs: number; description: string }> {
  plan = withKey(plan);
  const key = calibrationPlanKey(plan);
  if (opts.stateDir && existsSync(join(opts.stateDir, 'calibration.json')) && !savedCalibrationPlan(opts.stateDir)) {
    fail(opts.stateDir, 'this calibration is finished (calibration.json): there is nothing left to simulate', 'finished');
  }
  const smc = restoreOrStart(plan, opts.stateDir);
  const jobs = smc.nextBatch();
  if (!jobs) return fail(opts.stateDir ?? opts.outDir, 'this calibration is finished: there is nothing left to simulate', 'finished');
  const { index, count } = opts.shard;
  const mine = jobs.filter((_j, p) => p % count === index - 1);
  const round = roundOf(jobs);
  const ev = evaluation(plan, opts);
  let stats: readonly ArrayLike<number>[];
  try {
    stats = mine.length > 0 ? await ev.evaluate(mine) : [];
  } finally {
    await ev.close();
  }
  mkdirSync(opts.outDir, { recursive: true });
  const lines = stats.map((s, k) => `{"p":${index - 1 + k * count},"s":${encodeStats(s)}}`);
  writeFileAtomic(join(opts.outDir, 'shard.ndjson'), lines.join('\n') + (lines.length ? '\n' : ''));
  const manifest: CalibrationShardManifest = {
    format: CALIBRATION_SHARD_FORMAT,
    kind: 'calibration-shard',
    planKey: key,
    plan,
    round,
    shard: { index, count },
    jobs: mine.length,
  };
  writeFileAtomic(join(opts.outDir, 'calibration-shard.json'), JSON.stringify(manifest) + '\n');
  return { round, jobs: mine.length, description: roundText(round) };
}

function readShard(dir: string): CalibrationShardManifest {
  const p = join(dir, 'calibration-shard.json');
  if (!existsSync(p)) fail(p, 'no such file (expected a directory written by `helixlab calibrate … --shard i/n`)');
  const m = readJson(p) as CalibrationShardManifest;
  if (m.format !== CALIBRATION_SHARD_FORMAT) fail(p, `expected a ${CALIBRATION_SHARD_FORMAT} manifest, got ${JSON.stringify(m.format)}`);
  return m;
}

/** What a merge did. */
export interface CalibrationMergeOutcome {
  status: 'next-round' | 'done';
  /** The round merged. */
  merged: string;
  /** The round the shards run next (status next-round). */
  next?: string;
  result?: CalibrationResult;
  files?: string[];
}

/**
 * Fold the shards of one round into the calibration directory `outDir` (its state, or a fresh start
 * for the first round) and save the new state — or, when the run is over, write the result files
 * (see the module doc).
 */
export function mergeCalibrationShards(dirs: readonly string[], outDir: string): CalibrationMergeOutcome {
  if (dirs.length === 0) throw new UsageError('give the shard directories to merge');
  const ms = dirs.map(readShard);
  const first = ms[0]!;
  const count = first.shard.count;
  const byIndex = new Map<number, number>();
  ms.forEach((m, k) => {
    const file = join(dirs[k]!, 'calibration-shard.json');
    if (m.planKey !== first.planKey)
      fail(file, `belongs to another calibration than ${dirs[0]} (a different scenario, prior, targets or settings)`);
    if (JSON.stringify(m.round) !== JSON.stringify(first.round))
      fail(file, `is a shard of ${roundText(m.round)}, but ${dirs[0]} is of ${roundText(first.round)}: merge the shards of one round`);
    if (m.shard.count !== count) fail(file, `is shard ${m.shard.index}/${m.shard.count}, the others are of ${count} shards`);
    if (byIndex.has(m.shard.index))
      fail(file, `shard ${m.shard.index}/${count} is given twice (also ${dirs[byIndex.get(m.shard.index)!]})`);
    byIndex.set(m.shard.index, k);
  });
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length)
    fail(outDir, `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`, 'bad-merge');
  const plan = first.plan;
  if (calibrationPlanKey(plan) !== first.planKey)
    fail(join(dirs[0]!, 'calibration-shard.json'), 'the plan does not match its key (a damaged file)');
  if (existsSync(join(outDir, 'calibration.json')) && !savedCalibrationPlan(outDir))
    fail(outDir, 'already holds a finished calibration (calibration.json); there is nothing to merge into it', 'exists');
  const smc = restoreOrStart(plan, outDir);
  const jobs = smc.nextBatch();
  if (!jobs) return fail(outDir, 'this calibration is finished: there is nothing to merge', 'finished');
  const round = roundOf(jobs);
  if (JSON.stringify(round) !== JSON.stringify(first.round)) {
    fail(
      outDir,
      `the shards are of ${roundText(first.round)}, but this calibration is at ${roundText(round)} (already merged? run the shards again with --state ${outDir})`,
      'bad-merge',
    );
  }
  const m = plan.problem.targets.targets.length;
  const results: (Float64Array | undefined)[] = new Array<Float64Array | undefined>(jobs.length);
  for (let i = 1; i <= count; i++) {
    const dir = dirs[byIndex.get(i)!]!;
    const file = join(dir, 'shard.ndjson');
    if (!existsSync(file)) fail(file, 'no such file: the shard did not finish; run it again');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const want = Math.max(0, Math.ceil((jobs.length - (i - 1)) / count));
    if (lines.length !== want) fail(file, `holds ${lines.length} results, expected ${want} (the shard did not finish; run it again)`);
    lines.forEach((l, k) => {
      let rec: { p?: unknown; s?: unknown };
      try {
        rec = JSON.parse(l) as { p?: unknown; s?: unknown };
      } catch {
        return fail(file, `line ${k + 1}: not valid JSON (a damaged file; run the shard again)`);
      }
      const p = i - 1 + k * count;
      if (rec.p !== p) return fail(file, `line ${k + 1}: expected job position ${p}, got ${JSON.stringify(rec.p)}`);
      results[p] = decodeStats(rec.s, file, k + 1, m);
    });
  }
  const merged = roundText(round);
  smc.tell(results.map((r) => r!));
  if (smc.done) {
    const p = withKey(plan);
    const result = resultOf(p, smc);
    const files = writeCalibrationDir(outDir, p, result);
    rmSync(join(outDir, STATE), { recursive: true, force: true });
    return { status: 'done', merged, result, files };
  }
  saveState(outDir, plan, smc, true);
  const next = smc.nextBatch();
  const nextText = next ? roundText(roundOf(next)) : 'none';
  return { status: 'next-round', merged, next: nextText };
}
