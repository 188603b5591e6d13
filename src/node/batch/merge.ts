/**
 * Node-only. `helixlab merge`: combine the directories of shards `1/n … n/n` of one sweep into
 * exactly the files a single-machine run writes.
 *
 * Each shard directory holds the `runs.csv` of its jobs and a manifest naming the shard. The merge
 * checks that the manifests describe the same sweep (scenario hash and document, grids, runs, seed,
 * years, metrics, shard count) and that every shard 1..n is present once, reads the runs back
 * (numbers were written in shortest round-trip form, so they parse to the same doubles; each
 * runs.csv is checked against the SHA-256 its manifest records, so a shard whose numbers were
 * edited — changed, or set to NaN — is refused before anything is written), and
 * writes runs.csv / summary.csv / manifest.json through the same code path as a sweep, in canonical
 * job order.
 *
 * Memory is bounded: shards are read as streams, side by side. Shard i of n holds jobs
 * i−1, i−1+n, i−1+2n, … in that order (see `shardJobIndices`), so job j is the next record of shard
 * (j mod n)+1; each record is checked (setting, run, year) as it is read. Only a read buffer per
 * shard and the current setting's summary are in memory, whatever the size of the sweep.
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read (jobs, shards,
 * records); the `!` on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { closeSync, existsSync, openSync, readSync, realpathSync } from 'node:fs';
import { readJsonFile } from '../files.js';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { InputError, type Diagnostic } from '../../model/errors.js';
import type { SweepManifest, SweepPlan, RunValues } from '../../batch/sweep.js';
import { SWEEP_FORMAT, planFromManifest, runsHeader } from '../../batch/sweep.js';
import { shardJobIndices } from '../../batch/jobs.js';

export { planFromManifest };
import { writeSweepFiles } from './sweep.js';

function fail(file: string, message: string, where: { line?: number; field?: string } = {}, code = 'bad-merge'): never {
  const d: Diagnostic = { severity: 'error', code, file, message, ...where };
  throw new InputError([d]);
}

/** The canonical path of `p` (symbolic links resolved) when it exists, else its absolute path. */
function canonical(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

/**
 * Refuse an output directory that is one of the inputs (`merge a1 a2 a3 --out a1` would overwrite
 * the shard being read). Throws an `InputError` naming `--out`.
 */
export function refuseOverwritingInputs(dirs: readonly string[], outDir: string): void {
  const out = canonical(outDir);
  const same = dirs.find((d) => canonical(d) === out);
  if (same !== undefined) {
    const d: Diagnostic = {
      severity: 'error',
      code: 'out-is-input',
      file: outDir,
      field: '--out',
      message: `is the input directory '${same}': merging into a shard would overwrite it; give a new directory to --out`,
    };
    throw new InputError([d]);
  }
}

/** Read and check a sweep directory's manifest. */
export function readSweepManifest(dir: string): SweepManifest {
  const p = join(dir, 'manifest.json');
  if (!existsSync(p)) {
    if (existsSync(join(dir, '.sweep'))) fail(dir, 'this sweep is unfinished; finish it with `helixlab sweep ... --resume` first');
    fail(p, 'no such file (expected the output directory of `helixlab sweep`)');
  }
  const m = readJsonFile(p, 'the manifest of `helixlab sweep`') as SweepManifest;
  if (m === null || typeof m !== 'object' || Array.isArray(m))
    fail(p, 'expected a JSON object (the manifest of `helixlab sweep`)', { line: 1 });
  if (m.format !== SWEEP_FORMAT || m.kind !== 'sweep')
    fail(p, `expected a ${SWEEP_FORMAT} manifest, got format ${JSON.stringify(m.format)}`, { field: 'format' });
  return m;
}

function sameSweep(a: SweepManifest, b: SweepManifest): string | undefined {
  const fields: (keyof SweepManifest)[] = ['grids', 'runs', 'seed', 'years', 'metrics', 'posterior'];
  if (a.scenario.sha256 !== b.scenario.sha256 || JSON.stringify(a.scenario.document) !== JSON.stringify(b.scenario.document))
    return 'scenario';
  for (const f of fields) if (JSON.stringify(a[f]) !== JSON.stringify(b[f])) return f;
  if ((a.shard?.count ?? 1) !== (b.shard?.count ?? 1)) return 'shard count';
  return undefined;
}

/**
 * Reads a CSV file record by record with a fixed-size buffer (a record ends at a newline outside
 * quotes). Line numbers count from 1 (the header).
 */
class CsvRecordReader {
  private fd: number;
  private buf = '';
  private pos = 0;
  private eof = false;
  private readonly chunk = Buffer.alloc(1 << 20);
  private readonly decoder = new TextDecoder('utf-8');
  /** SHA-256 of the bytes read so far. */
  readonly hash = createHash('sha256');
  line = 0;
  constructor(readonly file: string) {
    this.fd = openSync(file, 'r');
  }
  private more(): boolean {
    if (this.eof) return false;
    const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
    if (n > 0) this.hash.update(this.chunk.subarray(0, n));
    if (n === 0) {
      this.eof = true;
      this.buf = this.buf.slice(this.pos) + this.decoder.decode();
      this.pos = 0;
      return this.buf.length > 0;
    }
    this.buf = this.buf.slice(this.pos) + this.decoder.decode(this.chunk.subarray(0, n), { stream: true });
    this.pos = 0;
    return true;
  }
  /** The next record's text without its newline, or undefined at the end of the file. */
  next(): string | undefined {
    let from = this.pos;
    let quotes = 0;
    for (;;) {
      const nl = this.buf.indexOf('\n', from);
      if (nl < 0) {
        const scanned = from - this.pos;
        if (!this.more()) {
          if (this.pos >= this.buf.length) return undefined;
          const rest = this.buf.slice(this.pos);
          this.pos = this.buf.length;
          this.line++;
          return rest;
        }
        from = this.pos + scanned;
        continue;
      }
      for (let k = from; k < nl; k++) if (this.buf.charCodeAt(k) === 34) quotes++;
      if (quotes % 2 === 1) {
        // a newline inside a quoted cell (e.g. a grid value): the record goes on
        from = nl + 1;
        continue;
      }
      const text = this.buf.slice(this.pos, nl);
      this.pos = nl + 1;
      this.line += 1 + (text.match(/\n/g)?.length ?? 0);
      return text;
    }
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

/** One shard's runs.csv, read job after job. */
class ShardRuns {
  private readonly reader: CsvRecordReader;
  rows = 0;
  constructor(
    dir: string,
    private readonly plan: SweepPlan,
    /** The SHA-256 of runs.csv recorded in the shard's manifest. */
    private readonly sha256: string,
  ) {
    this.reader = new CsvRecordReader(join(dir, 'runs.csv'));
    const expected = runsHeader(plan).slice(0, -1);
    const header = this.reader.next();
    if (header !== expected) fail(this.reader.file, `unexpected header; expected ${expected}`, { line: 1 });
  }

  /** The values of job `j` (setting-major index), which must be this shard's next job. */
  read(j: number): RunValues {
    const { plan } = this;
    const setting = Math.floor(j / plan.runs);
    const run = j % plan.runs;
    const M = plan.metrics.length;
    const v: number[][] = plan.metrics.map(() => new Array<number>(plan.years + 1));
    for (let y = 0; y <= plan.years; y++) {
      const text = this.reader.next();
      const bad = (what: string): never => {
        const d: Diagnostic = { severity: 'error', code: 'bad-merge', file: this.reader.file, message: what };
        if (text !== undefined) d.line = this.reader.line;
        throw new InputError([d]);
      };
      if (text === undefined) bad(`ends early: expected setting ${setting}, run ${run}, year ${y}; the shard is damaged, rerun it`);
      // setting is the first cell; run, year and the metrics are the last M + 2 cells (numbers,
      // never quoted), whatever the grid cells between hold
      const comma = text!.indexOf(',');
      const cells: string[] = [];
      let end = text!.length;
      for (let c = 0; c < M + 2; c++) {
        const at = text!.lastIndexOf(',', end - 1);
        if (at < comma)
          bad(
            `expected ${3 + plan.axes.length + M} cells (setting, ${plan.axes.length} grid value(s), run, year, ${M} metrics): the line is cut short or not from this sweep; rerun the shard`,
          );
        cells.push(text!.slice(at + 1, end));
        end = at;
      }
      cells.reverse();
      if (Number(text!.slice(0, comma)) !== setting || Number(cells[0]) !== run || Number(cells[1]) !== y) {
        bad(`expected setting ${setting}, run ${run}, year ${y} (shards must be merged whole and unchanged)`);
      }
      for (let m = 0; m < M; m++) {
        const cell = cells[2 + m]!;
        // a missing value is an empty cell; sweeps never write NaN or Infinity
        const x = cell === '' ? NaN : Number(cell);
        if (cell !== '' && !Number.isFinite(x))
          bad(`metric ${plan.metrics[m]}: expected a number or an empty cell, found ${JSON.stringify(cell)}`);
        v[m]![y] = x;
      }
      this.rows++;
    }
    return v;
  }

  /** Throws unless every record has been read and the bytes match the manifest's checksum. */
  finish(): void {
    if (this.reader.next() !== undefined)
      fail(this.reader.file, `holds more rows than its manifest promises; the shard is damaged, rerun it`, { line: this.reader.line });
    const got = this.reader.hash.digest('hex');
    if (got !== this.sha256) {
      const d: Diagnostic = {
        severity: 'error',
        code: 'bad-checksum',
        file: this.reader.file,
        field: 'sha256.runs',
        message: `does not match the checksum in its manifest.json (sha256 ${got.slice(0, 12)}…, recorded ${this.sha256.slice(0, 12)}…): the file was changed after the sweep wrote it; rerun the shard`,
      };
      throw new InputError([d]);
    }
    this.reader.close();
  }

  close(): void {
    this.reader.close();
  }
}

/** Merge shard directories into `outDir`. Returns the number of jobs written. */
export function mergeSweeps(dirs: readonly string[], outDir: string): number {
  if (dirs.length === 0) fail('merge', 'no input directories', { field: 'dirs' });
  refuseOverwritingInputs(dirs, outDir);
  const manifests = dirs.map(readSweepManifest);
  const first = manifests[0]!;
  const count = first.shard?.count ?? 1;
  const seen = new Map<number, string>();
  manifests.forEach((m, i) => {
    const diff = sameSweep(first, m);
    if (diff) fail(join(dirs[i]!, 'manifest.json'), `is a different sweep from ${dirs[0]} (${diff} differs)`, { field: diff });
    const idx = m.shard?.index ?? 1;
    if (seen.has(idx))
      fail(join(dirs[i]!, 'manifest.json'), `shard ${idx}/${count} is given twice (also ${seen.get(idx)})`, { field: 'shard.index' });
    seen.set(idx, dirs[i]!);
  });
  const missing: number[] = [];
  for (let s = 1; s <= count; s++) if (!seen.has(s)) missing.push(s);
  if (missing.length)
    fail(
      join(dirs[0]!, 'manifest.json'),
      `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((s) => `${s}/${count}`).join(', ')} of this sweep`,
      {
        field: 'shard.count',
      },
    );
  const plan = planFromManifest(first);
  delete plan.shard;
  const total = first.jobs;
  // shard k of `count` (1-based) holds jobs k-1, k-1+count, ...: open them in that order
  const shards: ShardRuns[] = [];
  try {
    for (let k = 1; k <= count; k++) {
      const i = manifests.findIndex((m) => (m.shard?.index ?? 1) === k);
      const promised = shardJobIndices(total, count > 1 ? { index: k, count } : undefined).length;
      if (manifests[i]!.jobsHere !== promised)
        fail(
          join(dirs[i]!, 'manifest.json'),
          `promises ${manifests[i]!.jobsHere} jobs, shard ${k}/${count} of this sweep has ${promised}`,
          {
            field: 'jobsHere',
          },
        );
      const sha = manifests[i]!.sha256?.['runs'];
      if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) {
        const d: Diagnostic = {
          severity: 'error',
          code: 'bad-merge',
          file: join(dirs[i]!, 'manifest.json'),
          field: 'sha256.runs',
          message: 'has no checksum of runs.csv (written by an older HelixLab?), so its numbers cannot be verified; rerun the shard',
        };
        throw new InputError([d]);
      }
      shards.push(new ShardRuns(dirs[i]!, plan, sha));
    }
    const indices = Array.from({ length: total }, (_, j) => j);
    writeSweepFiles(
      outDir,
      plan,
      indices,
      (j) => shards[j % count]!.read(j),
      { helixlab: first.helixlab, node: first.node, ...(first.gitCommit !== undefined ? { gitCommit: first.gitCommit } : {}) },
      () => {
        for (const sh of shards) sh.finish();
      },
    );
  } finally {
    for (const sh of shards) sh.close();
  }
  return total;
}
