/**
 * `helixlab explore` in Node: run an exploration (src/batch/explore.ts) on the worker pool, resumable
 * and shardable like a sweep, and write its files.
 *
 * Execution: the points of this shard (point p belongs to shard i/n when p mod n = i − 1) are run in
 * blocks; every replication of a point is one job of both scenarios (common random numbers), the
 * results come back in job order, and a point's record (per metric the fields of `POINT_FIELDS`) is
 * appended to `DIR/.explore/results.ndjson` as soon as its last run is in (checkpoint.ts: exact
 * doubles; fsync and `checkpoint.json` every 2 s and at the end). After Ctrl-C or kill -9, `--resume`
 * reads the log back and runs only the missing points (a point whose runs were only partly done is
 * run again in full), so the files are the same bytes as an uninterrupted run, for any number of
 * threads. A changed command (scenarios, ranges, samples, seed, runs, …) is refused.
 *
 * Files (`--out DIR`): `explore.json` (the summary and its provenance), `explore.md`, `points.csv`
 * (one row per point: the parameter values, then per metric the mean difference B − A, its 95 %
 * CI, P(B > A) and the two means) and `manifest.json`. A shard (`--shard i/n`) writes `shard.ndjson`
 * (its points' records) and its manifest; `helixlab merge` combines the shards into exactly the files
 * a single-machine run writes (mergeExploreShards).
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read (points, runs,
 * metrics); the `!` on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/errors.js';
import { parseJsonText } from '../../io/json.js';
import { readJsonFile } from '../files.js';
import {
  POINT_FIELDS,
  PointAccumulator,
  analyzeExplore,
  exploreDesign,
  exploreMarkdown,
  pointMetrics,
  pointScenarios,
  type ExploreRange,
  type ExploreSpec,
  type ExploreSummary,
  type PointMetric,
} from '../../batch/explore.js';
import { shardJobIndices, type Shard } from '../../batch/jobs.js';
import { scenarioDocument } from '../../scenario/parse.js';
import type { Scenario } from '../../scenario/schema.js';
import { SEED_RULE_RUNS, scenarioProvenance, type ProvenanceBase } from '../../scenario/simulate.js';
import type { BatchJob } from '../../scenario/simulate.js';
import { csvRows, type Cell } from '../../util/csv.js';
import { writeFileAtomic } from '../atomic.js';
import type { WorkerPool } from '../pool.js';
import { runBatch } from '../scenario.js';
import { cumulativeWeights, drawParticle, uncertaintyStatement, type ParamDraw, type PosteriorSample } from '../../scenario/posterior.js';
import { refuseOverwritingInputs } from './merge.js';
import { decodeRecord, encodeRecord, openResultLog, readCheckpoint, removeState, writeCheckpoint, type ResultLog } from './checkpoint.js';

export const EXPLORE_FORMAT = 'helixlab-explore/1';
const STATE = '.explore';
const CHECKPOINT = 'helixlab-explore-checkpoint/1' as const;

export interface ExploreRunOptions {
  /** The two scenarios as loaded (with `--set`), and their files (for provenance). */
  a: Scenario;
  b: Scenario;
  files: [string, string];
  spec: ExploreSpec;
  /** Where the ranges came from ('register' or a file), for the record. */
  rangesSource: string;
  workers: number;
  pool?: WorkerPool;
  out?: string;
  resume?: boolean;
  shard?: Shard;
  provenance: ProvenanceBase;
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
  /**
   * The posterior samples scenario A and B draw their parameters from (null: fixed). Run r of every
   * point takes the particle of run r (posterior.ts `drawParticle`); an explored parameter keeps the
   * point's value.
   */
  posteriors?: [PosteriorSample | null, PosteriorSample | null];
}

export interface ExploreOutcome {
  status: 'done' | 'stopped' | 'shard-done' | 'already-finished';
  summary?: ExploreSummary;
  /** The explore.json document (done / already finished). */
  document?: ExploreDocument;
  pointsDone: number;
  points: number;
  resumed: number;
}

export interface ExploreDocument {
  format: typeof EXPLORE_FORMAT;
  kind: 'explore';
  summary: ExploreSummary;
  provenance: Record<string, unknown>;
}

/** What the plan key is made of: everything the points' results depend on. */
function planOf(o: ExploreRunOptions): Record<string, unknown> {
  const { spec } = o;
  const doc = (s: Scenario) => {
    const d = scenarioDocument(s);
    if (s.equalMoney?.reference) d.equalMoney = { with: s.equalMoney.with, reference: scenarioDocument(s.equalMoney.reference) };
    if (s.start.resolved) d.startNetworkSha256 = createHash('sha256').update(JSON.stringify(s.start.resolved)).digest('hex');
    return d;
  };
  return {
    a: doc(o.a),
    b: doc(o.b),
    ranges: spec.ranges,
    samples: spec.samples,
    sampling: spec.sampling,
    seed: spec.seed,
    runs: spec.runs,
    years: spec.years,
    metrics: spec.metrics,
    measure: spec.measure,
    ...(o.posteriors && (o.posteriors[0] || o.posteriors[1]) ? { posteriors: o.posteriors.map(posteriorId) } : {}),
  };
}

/** What identifies a posterior sample in the plan key: its parameters, values and weights (hashed). */
function posteriorId(p: PosteriorSample | null): string | null {
  if (!p) return null;
  const h = createHash('sha256').update(p.parameters.join('\n'));
  h.update(new Uint8Array(p.values.buffer, p.values.byteOffset, p.values.byteLength));
  h.update(new Uint8Array(p.weights.buffer, p.weights.byteOffset, p.weights.byteLength));
  return h.digest('hex');
}

/** Run r's parameters of scenario A and B from their posteriors, less the explored ones; undefined without posteriors. */
function exploreDraws(o: ExploreRunOptions, run: number, cums: (Float64Array | null)[]): (ParamDraw | null)[] | undefined {
  if (!o.posteriors || (!o.posteriors[0] && !o.posteriors[1])) return undefined;
  const explored = new Set(o.spec.ranges.map((r) => r.path));
  return o.posteriors.map((p, i) => {
    if (!p) return null;
    const d = drawParticle(p, o.spec.seed, run, cums[i] ?? undefined);
    const keep = d.paths.map((x) => !explored.has(x));
    return { paths: d.paths.filter((_x, k) => keep[k]), values: d.values.filter((_v, k) => keep[k]) };
  });
}

const keyOf = (plan: Record<string, unknown>): string => createHash('sha256').update(JSON.stringify(plan)).digest('hex');

/** Thrown from a result callback to stop the pool after a Ctrl-C. */
class StopRequested extends Error {}

/** Run (or resume) an exploration; with `out`, write its files (see the module doc). */
export async function runExplore(o: ExploreRunOptions): Promise<ExploreOutcome> {
  const { spec } = o;
  const design = exploreDesign(spec);
  const N = design.length;
  const plan = planOf(o);
  const planKey = keyOf(plan);
  const mine = shardJobIndices(N, o.shard && o.shard.count > 1 ? o.shard : undefined);
  const results: (PointMetric[] | undefined)[] = new Array(N);
  let log: ResultLog | undefined;
  let resumed = 0;
  const out = o.out;
  if (out) {
    if (existsSync(out) && !statSync(out).isDirectory()) {
      throw new InputError([
        { severity: 'error', code: 'not-a-directory', file: out, message: 'exists and is not a directory (--out names a directory)' },
      ]);
    }
    const cp = readCheckpoint(out, STATE);
    if (cp && (cp.format !== CHECKPOINT || cp.planKey !== planKey)) {
      throw new InputError([
        {
          severity: 'error',
          code: 'resume-mismatch',
          file: join(out, STATE, 'checkpoint.json'),
          message: `this directory holds an unfinished exploration of other scenarios, ranges, samples, seed, runs or metrics; use another --out (or delete ${join(out, STATE)})`,
        },
      ]);
    }
    if (cp && !o.resume) {
      throw new InputError([
        {
          severity: 'error',
          code: 'unfinished-explore',
          file: out,
          message: `holds an unfinished exploration (${cp.done}/${cp.total} points saved): rerun with --resume, or choose another --out`,
        },
      ]);
    }
    const manifestPath = join(out, 'manifest.json');
    if (!cp && existsSync(manifestPath)) {
      let m: { planKey?: unknown; kind?: unknown; shard?: unknown } = {};
      try {
        m = parseJsonText(readFileSync(manifestPath, 'utf8')) as typeof m;
      } catch {
        /* treated as other results */
      }
      if (o.resume && m.planKey === planKey && m.kind === 'explore' && m.shard === undefined) {
        const doc = readJsonFile(join(out, 'explore.json'), 'the explore.json of a finished exploration') as ExploreDocument;
        return { status: 'already-finished', summary: doc.summary, document: doc, pointsDone: N, points: N, resumed: 0 };
      }
      throw new InputError([
        {
          severity: 'error',
          code: 'exists',
          file: out,
          message: 'already holds results (manifest.json); choose another --out or delete it',
        },
      ]);
    }
    if (!cp) removeState(out, STATE);
    log = openResultLog(out, N, STATE, 'exploration');
    if (cp) {
      resumed = log.scan((_p, v) => v.length === spec.metrics.length && v.every((r) => r.length === POINT_FIELDS.length));
      for (const p of mine) if (log.isDone(p)) results[p] = pointMetrics(log.read(p));
    }
  }
  const todo = mine.filter((p) => results[p] === undefined);
  const total = mine.length * spec.runs;
  let done = (mine.length - todo.length) * spec.runs;
  let pointsDone = mine.length - todo.length;
  if (done > 0) o.onProgress?.(done, total);
  const writeCp = (): void => {
    if (!log || !out) return;
    log.sync();
    writeCheckpoint(
      out,
      { format: CHECKPOINT, planKey, done: log.done, total: N, plan: { samples: spec.samples, runs: spec.runs } },
      STATE,
    );
  };
  let stopped = false;
  const cums = (o.posteriors ?? [null, null]).map((p) => (p ? cumulativeWeights(p) : null));
  try {
    writeCp();
    let last = Date.now();
    const block = Math.max(16, 4 * Math.max(1, o.workers));
    for (let start = 0; start < todo.length && !stopped; start += block) {
      const pts = todo.slice(start, start + block);
      const pairs = pts.map((p) => pointScenarios(o.a, o.b, spec.ranges, design[p]!, `explore point ${p}`));
      const accs = pts.map(() => new PointAccumulator(spec));
      const jobs: BatchJob[] = [];
      pts.forEach((_p, k) => {
        for (let r = 0; r < spec.runs; r++) {
          const job: BatchJob = { scenarios: pairs[k]!, seed: spec.seed, run: r, years: spec.years };
          const draws = exploreDraws(o, r, cums);
          if (draws) job.params = draws;
          jobs.push(job);
        }
      });
      try {
        await runBatch(
          jobs,
          (i, outs) => {
            const k = Math.floor(i / spec.runs);
            const acc = accs[k]!;
            acc.add(outs[0]!, outs[1]!);
            o.onProgress?.(++done, total);
            if (acc.runs === spec.runs) {
              const p = pts[k]!;
              const values = acc.values();
              results[p] = pointMetrics(values);
              pointsDone++;
              if (log) {
                log.append(p, values);
                if (Date.now() - last >= 2000) {
                  writeCp();
                  last = Date.now();
                }
              }
            }
            if (o.shouldStop?.()) throw new StopRequested();
          },
          o.pool ? { pool: o.pool } : { workers: o.workers },
        );
      } catch (err) {
        if (!(err instanceof StopRequested)) throw err;
        stopped = true;
      }
    }
    writeCp();
  } finally {
    log?.close();
  }
  if (stopped) return { status: 'stopped', pointsDone, points: N, resumed };
  if (o.shard && o.shard.count > 1) {
    if (out) writeShard(out, o, planKey, mine, results);
    return { status: 'shard-done', pointsDone, points: N, resumed };
  }
  const doc = finishExplore(o, design, results as PointMetric[][]);
  if (out) {
    writeExploreFiles(out, doc, o, design, results as PointMetric[][], planKey);
    removeState(out, STATE);
  }
  return { status: 'done', summary: doc.summary, document: doc, pointsDone, points: N, resumed };
}

/** The summary and its provenance. */
function finishExplore(o: ExploreRunOptions, design: number[][], results: PointMetric[][]): ExploreDocument {
  const summary = analyzeExplore(o.spec, design, results, { a: o.a.name, b: o.b.name });
  const provenance: Record<string, unknown> = {
    ...o.provenance,
    files: o.files,
    seed: o.spec.seed,
    runs: o.spec.runs,
    years: o.spec.years,
    samples: o.spec.samples,
    sampling: o.spec.sampling,
    metrics: o.spec.metrics,
    measure: o.spec.measure,
    ranges: o.rangesSource,
    seedRule: `${SEED_RULE_RUNS}; design: createRng(seed).stream('explore') (${o.spec.sampling === 'sobol' ? "Sobol' sequence digitally shifted by its stream('design')" : "Latin hypercube from its stream('lhs')"})`,
    scenarios: [scenarioProvenance(o.a, o.files[0], o.spec.years), scenarioProvenance(o.b, o.files[1], o.spec.years)],
    uncertainty: (o.posteriors ?? [null, null]).map((p) => uncertaintyStatement(p).statement),
  };
  return { format: EXPLORE_FORMAT, kind: 'explore', summary, provenance };
}

/** points.csv: one row per point. */
function pointsCsv(spec: ExploreSpec, design: number[][], results: PointMetric[][]): string {
  const head: Cell[] = ['point', ...spec.ranges.map((r) => r.path)];
  for (const m of spec.metrics) head.push(`${m}_diff`, `${m}_ci_lo`, `${m}_ci_hi`, `${m}_p_greater`, `${m}_mean_a`, `${m}_mean_b`);
  const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const rows: Cell[][] = [head];
  design.forEach((x, p) => {
    const row: Cell[] = [p, ...x];
    for (const r of results[p]!) row.push(num(r.meanDiff), num(r.ciLo), num(r.ciHi), num(r.probGreater), num(r.meanA), num(r.meanB));
    rows.push(row);
  });
  return csvRows(rows);
}

function writeExploreFiles(
  out: string,
  doc: ExploreDocument,
  o: ExploreRunOptions,
  design: number[][],
  results: PointMetric[][],
  planKey: string,
): void {
  writeFileAtomic(join(out, 'explore.json'), JSON.stringify(doc, null, 2) + '\n');
  writeFileAtomic(join(out, 'explore.md'), exploreMarkdown(doc.summary));
  writeFileAtomic(join(out, 'points.csv'), pointsCsv(o.spec, design, results));
  const files = { summary: 'explore.json', report: 'explore.md', points: 'points.csv' };
  writeFileAtomic(
    join(out, 'manifest.json'),
    JSON.stringify(
      { format: EXPLORE_FORMAT, kind: 'explore', planKey, points: design.length, files, provenance: doc.provenance },
      null,
      2,
    ) + '\n',
  );
}

interface ShardManifest {
  format: typeof EXPLORE_FORMAT;
  kind: 'explore';
  planKey: string;
  shard: Shard;
  points: number;
  /** SHA-256 (hex) of `shard.ndjson`, checked by the merge (a shard edited afterwards is refused). */
  sha256?: { shard: string };
  /** Everything needed to finish the exploration at merge time. */
  run: { files: [string, string]; spec: ExploreSpec; rangesSource: string; provenance: ProvenanceBase; a: Scenario; b: Scenario };
}

function writeShard(out: string, o: ExploreRunOptions, planKey: string, mine: number[], results: (PointMetric[] | undefined)[]): void {
  let text = '';
  for (const p of mine) {
    const r = results[p]!;
    text += encodeRecord(
      p,
      r.map((x) => [x.n, x.meanDiff, x.ciLo, x.ciHi, x.probGreater, x.meanA, x.meanB]),
    );
  }
  writeFileAtomic(join(out, 'shard.ndjson'), text);
  const m: ShardManifest = {
    format: EXPLORE_FORMAT,
    kind: 'explore',
    planKey,
    shard: o.shard!,
    points: o.spec.samples,
    sha256: { shard: createHash('sha256').update(text, 'utf8').digest('hex') },
    run: { files: o.files, spec: o.spec, rangesSource: o.rangesSource, provenance: o.provenance, a: o.a, b: o.b },
  };
  writeFileAtomic(join(out, 'manifest.json'), JSON.stringify(m) + '\n');
  removeState(out, STATE);
}

/** Whether `dir` holds an exploration shard (for `helixlab merge`). */
export function isExploreShard(dir: string): boolean {
  try {
    const m = parseJsonText(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { kind?: unknown; shard?: unknown };
    return m.kind === 'explore' && m.shard !== undefined;
  } catch {
    return false;
  }
}

/**
 * Combine the shard directories of one exploration into `out`: the same files as a single-machine
 * run. Every shard must be there once, of the same plan, and hold all its points.
 */
export function mergeExploreShards(dirs: readonly string[], out: string): number {
  const err = (file: string, message: string, where: { line?: number; field?: string } = {}) =>
    new InputError([{ severity: 'error', code: 'bad-shard', file, message, ...where }]);
  refuseOverwritingInputs(dirs, out);
  const manifests = dirs.map((d) => {
    const f = join(d, 'manifest.json');
    const m = readJsonFile(f, 'the manifest of an `explore --shard i/n` run') as ShardManifest | null;
    if (m === null || typeof m !== 'object')
      throw err(f, 'expected a JSON object (the manifest of an `explore --shard i/n` run)', { line: 1 });
    return m;
  });
  const first = manifests[0];
  if (!first) throw err('merge', 'no shard directories given');
  const count = first.shard.count;
  const seen = new Set<number>();
  manifests.forEach((m, i) => {
    const f = join(dirs[i]!, 'manifest.json');
    if (m.kind !== 'explore' || !m.shard) throw err(f, 'not an exploration shard');
    if (m.planKey !== first.planKey)
      throw err(f, `a shard of another exploration (plan ${m.planKey.slice(0, 12)}, expected ${first.planKey.slice(0, 12)})`);
    if (m.shard.count !== count) throw err(f, `shard ${m.shard.index}/${m.shard.count}, but the others are of ${count}`);
    if (seen.has(m.shard.index)) throw err(f, `shard ${m.shard.index}/${count} given twice`);
    seen.add(m.shard.index);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw err('merge', `shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing`);
  const N = first.points;
  const results: (PointMetric[] | undefined)[] = new Array(N);
  dirs.forEach((d, i) => {
    const f = join(d, 'shard.ndjson');
    const shard = manifests[i]!.shard;
    const want = manifests[i]!.sha256?.shard;
    if (typeof want !== 'string' || !/^[0-9a-f]{64}$/.test(want)) {
      throw err(
        join(d, 'manifest.json'),
        'has no checksum of shard.ndjson (written by an older HelixLab?), so its numbers cannot be verified; rerun the shard',
        { field: 'sha256.shard' },
      );
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(f);
    } catch {
      throw err(f, 'missing: the shard is incomplete; rerun it');
    }
    const got = createHash('sha256').update(bytes).digest('hex');
    if (got !== want) {
      throw err(
        f,
        `does not match the checksum in its manifest.json (sha256 ${got.slice(0, 12)}…, recorded ${want.slice(0, 12)}…): the file was changed after the exploration wrote it; rerun the shard`,
        { field: 'sha256.shard' },
      );
    }
    const lines = bytes
      .toString('utf8')
      .split('\n')
      .filter((l) => l !== '');
    const expected = shardJobIndices(N, shard);
    if (lines.length !== expected.length)
      throw err(f, `holds ${lines.length} points, expected ${expected.length} (an unfinished shard? finish it with --resume)`);
    lines.forEach((line, k) => {
      let rec: { job: number; values: number[][] };
      try {
        rec = decodeRecord(line);
      } catch {
        throw err(f, 'not a point record', { line: k + 1 });
      }
      if (rec.job !== expected[k]) throw err(f, `point ${rec.job}, expected point ${expected[k]}`, { line: k + 1 });
      results[rec.job] = pointMetrics(rec.values);
    });
  });
  const run = first.run;
  const o: ExploreRunOptions = { ...run, workers: 1 };
  const design = exploreDesign(run.spec);
  const doc = finishExplore(o, design, results as PointMetric[][]);
  writeExploreFiles(out, doc, o, design, results as PointMetric[][], first.planKey);
  return N;
}

export type { ExploreRange };
