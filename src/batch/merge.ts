/**
 * Node-only. `helixlab merge`: combine the directories of shards `1/n … n/n` of one sweep into
 * exactly the files a single-machine run writes.
 *
 * Each shard directory holds the `runs.csv` of its jobs and a manifest naming the shard. The merge
 * checks that the manifests describe the same sweep (scenario hash and document, grids, runs, seed,
 * years, metrics, shard count) and that every shard 1..n is present once, reads the runs back
 * (numbers were written in shortest round-trip form, so they parse to the same doubles), and
 * writes runs.csv / summary.csv / manifest.json through the same code path as a sweep, in canonical
 * job order. Memory: all runs of the merged sweep are held while writing.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Diagnostic } from '../model/errors.js';
import { parseCsv } from './csv.js';
import type { SweepManifest, SweepPlan, RunValues } from './sweep.js';
import { SWEEP_FORMAT, planFromManifest } from './sweep.js';

export { planFromManifest };
import { writeSweepFiles } from './node.js';

function fail(file: string, message: string, code = 'bad-merge'): never {
  const d: Diagnostic = { severity: 'error', code, file, message };
  throw new InputError([d]);
}

/** Read and check a sweep directory's manifest. */
export function readSweepManifest(dir: string): SweepManifest {
  const p = join(dir, 'manifest.json');
  if (!existsSync(p)) {
    if (existsSync(join(dir, '.sweep'))) fail(dir, 'this sweep is unfinished; finish it with `helixlab sweep ... --resume` first');
    fail(p, 'no such file (expected the output directory of `helixlab sweep`)');
  }
  let m: SweepManifest;
  try {
    m = JSON.parse(readFileSync(p, 'utf8')) as SweepManifest;
  } catch (err) {
    fail(p, `not valid JSON (${(err as Error).message})`);
  }
  if (m.format !== SWEEP_FORMAT || m.kind !== 'sweep') fail(p, `expected a ${SWEEP_FORMAT} manifest, got format ${JSON.stringify(m.format)}`);
  return m;
}

function sameSweep(a: SweepManifest, b: SweepManifest): string | undefined {
  const fields: (keyof SweepManifest)[] = ['grids', 'runs', 'seed', 'years', 'metrics'];
  if (a.scenario.sha256 !== b.scenario.sha256 || JSON.stringify(a.scenario.document) !== JSON.stringify(b.scenario.document)) return 'scenario';
  for (const f of fields) if (JSON.stringify(a[f]) !== JSON.stringify(b[f])) return f;
  if ((a.shard?.count ?? 1) !== (b.shard?.count ?? 1)) return 'shard count';
  return undefined;
}

/** Load a sweep directory's runs.csv into job-indexed values. */
export function readRuns(dir: string, plan: SweepPlan, into: Map<number, number[][]>): number {
  const file = join(dir, 'runs.csv');
  const { header, rows } = parseCsv(readFileSync(file, 'utf8'));
  const k = plan.axes.length;
  const expected = ['setting', ...plan.axes.map((a) => a.path), 'run', 'year', ...plan.metrics];
  if (JSON.stringify(header) !== JSON.stringify(expected)) fail(file, `unexpected header; expected ${expected.join(',')}`);
  rows.forEach((row, i) => {
    const setting = Number(row[0]);
    const run = Number(row[k + 1]);
    const year = Number(row[k + 2]);
    if (!Number.isInteger(setting) || !Number.isInteger(run) || !Number.isInteger(year) || year < 0 || year > plan.years || run < 0 || run >= plan.runs) {
      const d: Diagnostic = { severity: 'error', code: 'bad-merge', file, line: i + 2, message: 'bad setting/run/year cell' };
      throw new InputError([d]);
    }
    const j = setting * plan.runs + run;
    let v = into.get(j);
    if (!v) {
      v = plan.metrics.map(() => new Array<number>(plan.years + 1).fill(NaN));
      into.set(j, v);
    }
    for (let m = 0; m < plan.metrics.length; m++) v[m]![year] = row[k + 3 + m] === '' ? NaN : Number(row[k + 3 + m]);
  });
  return rows.length;
}

/** Merge shard directories into `outDir`. Returns the number of jobs written. */
export function mergeSweeps(dirs: readonly string[], outDir: string): number {
  if (dirs.length === 0) fail('merge', 'no input directories');
  const manifests = dirs.map(readSweepManifest);
  const first = manifests[0]!;
  const count = first.shard?.count ?? 1;
  const seen = new Map<number, string>();
  manifests.forEach((m, i) => {
    const diff = sameSweep(first, m);
    if (diff) fail(join(dirs[i]!, 'manifest.json'), `is a different sweep from ${dirs[0]} (${diff} differs)`);
    const idx = m.shard?.index ?? 1;
    if (seen.has(idx)) fail(dirs[i]!, `shard ${idx}/${count} is given twice (also ${seen.get(idx)})`);
    seen.set(idx, dirs[i]!);
  });
  const missing: number[] = [];
  for (let s = 1; s <= count; s++) if (!seen.has(s)) missing.push(s);
  if (missing.length) fail('merge', `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((s) => `${s}/${count}`).join(', ')}`);
  const plan = planFromManifest(first);
  delete plan.shard;
  const data = new Map<number, number[][]>();
  dirs.forEach((d, i) => {
    const rows = readRuns(d, plan, data);
    const want = manifests[i]!.jobsHere * (plan.years + 1);
    if (rows !== want) fail(join(d, 'runs.csv'), `holds ${rows} rows, the manifest promises ${want}; the shard is damaged, rerun it`);
  });
  const total = first.jobs;
  if (data.size !== total) fail('merge', `the shards hold ${data.size} of ${total} jobs`);
  const indices = Array.from({ length: total }, (_, j) => j);
  writeSweepFiles(outDir, plan, indices, (j) => data.get(j) as RunValues, { helixlab: first.helixlab, node: first.node });
  return total;
}
