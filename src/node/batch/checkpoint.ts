/**
 * Node-only. The append-only result log that makes sweeps resumable.
 *
 * While a sweep runs, every finished job is appended to `DIR/.sweep/results.ndjson` as one line
 * `{"j":<job index>,"m":[[metric 0 by year],[metric 1 by year],…]}` (non-finite numbers encoded as
 * the strings "NaN", "Infinity", "-Infinity"; finite numbers in JSON's shortest round-trip form, so
 * reading a line back gives the same doubles). `DIR/.sweep/checkpoint.json` (written atomically)
 * holds the plan key, so `--resume` refuses a different command, and the count of lines known to be
 * flushed to disk (the log is fsync'ed before each checkpoint).
 *
 * After a crash or `kill -9` the log may end in a torn line; {@link openResultLog} drops it
 * (truncating the file to the last complete line) and reports which jobs are done. Lines are
 * independent, so a job finished twice is harmless (the first copy wins). Reading results back for
 * the final files goes by byte offsets, one job at a time, so memory stays O(jobs), not O(data).
 *
 * `helixlab sensitivity --out DIR` uses the same log and checkpoint in `DIR/.sensitivity` (the
 * optional `name` argument of the functions below; default `.sweep`), one line per design point
 * (`{"j":<point>,"m":[[<mean over runs>]]}`), with the format `helixlab-sensitivity-checkpoint/1`.
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read (jobs, shards,
 * records); the `!` on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, rmSync, ftruncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/errors.js';
import { ensureDirectory, writeFileAtomic } from '../atomic.js';
import { readJsonFile } from '../files.js';

export interface CheckpointFile {
  format: 'helixlab-sweep-checkpoint/1' | 'helixlab-sensitivity-checkpoint/1' | 'helixlab-explore-checkpoint/1';
  planKey: string;
  /** Lines flushed to disk at the last checkpoint. */
  done: number;
  total: number;
  /** What `planKey` was made of (optional; lets a refused resume say what differs). */
  plan?: Record<string, unknown>;
}

/** The state directory (log, checkpoint) in `outDir`: `.sweep` unless `name` says otherwise. */
export function stateDir(outDir: string, name = '.sweep'): string {
  return join(outDir, name);
}

export function readCheckpoint(outDir: string, name?: string): CheckpointFile | undefined {
  const p = join(stateDir(outDir, name), 'checkpoint.json');
  if (!existsSync(p)) return undefined;
  const cp = readJsonFile(p, 'a checkpoint; delete the directory and start again');
  if (cp === null || typeof cp !== 'object' || Array.isArray(cp)) {
    throw new InputError([
      {
        severity: 'error',
        code: 'bad-checkpoint',
        file: p,
        line: 1,
        message: 'expected a JSON object (a checkpoint); delete the directory and start again',
      },
    ]);
  }
  return cp as CheckpointFile;
}

export function writeCheckpoint(outDir: string, cp: CheckpointFile, name?: string): void {
  writeFileAtomic(join(stateDir(outDir, name), 'checkpoint.json'), JSON.stringify(cp, null, 2) + '\n');
}

function encodeNumber(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

function decodeNumber(x: unknown): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  throw new Error(`bad number ${JSON.stringify(x)}`);
}

export function encodeRecord(job: number, values: readonly ArrayLike<number>[]): string {
  return JSON.stringify({ j: job, m: values.map((a) => Array.from(a, encodeNumber)) }) + '\n';
}

/**
 * The same line as {@link encodeRecord}, built from the values' `String(x)` texts (`texts[m][y]`),
 * which a sweep also uses for runs.csv, so each number is formatted once. For a finite double,
 * `String(x)` is exactly the text `JSON.stringify` writes (ECMAScript Number::toString).
 */
export function encodeRecordText(job: number, texts: readonly (readonly string[])[]): string {
  let out = '{"j":' + String(job) + ',"m":[';
  for (let m = 0; m < texts.length; m++) {
    if (m > 0) out += ',';
    out += '[';
    const t = texts[m]!;
    for (let y = 0; y < t.length; y++) {
      if (y > 0) out += ',';
      const c = t[y]!;
      // non-finite: NaN, Infinity, -Infinity are JSON strings
      out += c === 'NaN' || c === 'Infinity' || c === '-Infinity' ? '"' + c + '"' : c;
    }
    out += ']';
  }
  return out + ']}\n';
}

export function decodeRecord(line: string): { job: number; values: number[][] } {
  const o = JSON.parse(line) as { j: unknown; m: unknown };
  if (typeof o.j !== 'number' || !Array.isArray(o.m)) throw new Error('not a result record');
  return { job: o.j, values: (o.m as unknown[]).map((a) => (a as unknown[]).map(decodeNumber)) };
}

/** An open, append-only result log with an index of where each job's line is. */
export class ResultLog {
  private fd: number;
  private size: number;
  /** Byte offset (−1 = not done) and length of each job's line. */
  private readonly offset: Float64Array;
  private readonly length: Int32Array;
  private count = 0;
  private sinceSync = 0;

  constructor(
    readonly path: string,
    totalJobs: number,
    /** Named in messages ("not a result of this sweep"). */
    private readonly what = 'sweep',
  ) {
    this.offset = new Float64Array(totalJobs).fill(-1);
    this.length = new Int32Array(totalJobs);
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    this.size = fstatSync(this.fd).size;
  }

  /** Scan the existing log: index complete lines, drop a torn tail. Returns the number of jobs done. */
  scan(expectValues?: (job: number, values: number[][]) => boolean): number {
    const chunk = Buffer.alloc(1 << 20);
    let pos = 0;
    let carry = Buffer.alloc(0);
    let lineStart = 0;
    let good = 0; // end of the last complete, valid line
    let lineNo = 0;
    while (pos < this.size) {
      const n = readSync(this.fd, chunk, 0, chunk.length, pos);
      if (n <= 0) break;
      const buf = Buffer.concat([carry, chunk.subarray(0, n)]);
      pos += n;
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(10, from);
        if (nl < 0) break;
        const text = buf.toString('utf8', from, nl);
        lineNo++;
        let rec: { job: number; values: number[][] } | undefined;
        try {
          rec = decodeRecord(text);
        } catch {
          rec = undefined;
        }
        if (
          !rec ||
          rec.job < 0 ||
          rec.job >= this.offset.length ||
          !Number.isInteger(rec.job) ||
          (expectValues && !expectValues(rec.job, rec.values))
        ) {
          throw new InputError([
            {
              severity: 'error',
              code: 'bad-log',
              file: this.path,
              line: lineNo,
              field: `byte ${lineStart}`,
              message: `not a result of this ${this.what}; the directory holds another or a damaged run (delete it to start again)`,
            },
          ]);
        }
        if (this.offset[rec.job]! < 0) {
          this.offset[rec.job] = lineStart;
          this.length[rec.job] = nl + 1 - from;
          this.count++;
        }
        lineStart += nl + 1 - from;
        good = lineStart;
        from = nl + 1;
      }
      carry = Buffer.from(buf.subarray(from));
    }
    if (good < this.size) {
      ftruncateSync(this.fd, good); // a torn last line from a crash
      this.size = good;
    }
    return this.count;
  }

  isDone(job: number): boolean {
    return this.offset[job]! >= 0;
  }

  get done(): number {
    return this.count;
  }

  append(job: number, values: readonly ArrayLike<number>[]): void {
    this.appendLine(job, encodeRecord(job, values));
  }

  /** Append a line made by {@link encodeRecord} or {@link encodeRecordText} for `job`. */
  appendLine(job: number, line: string): void {
    if (this.isDone(job)) return;
    const buf = Buffer.from(line, 'latin1'); // the record is ASCII
    let written = 0;
    while (written < buf.length) written += writeSync(this.fd, buf, written, buf.length - written, this.size + written);
    this.offset[job] = this.size;
    this.length[job] = buf.length;
    this.size += buf.length;
    this.count++;
    this.sinceSync++;
  }

  /** Flush to disk. */
  sync(): void {
    if (this.sinceSync > 0) fsyncSync(this.fd);
    this.sinceSync = 0;
  }

  read(job: number): number[][] {
    const off = this.offset[job]!;
    if (off < 0) throw new Error(`job ${job} is not in the log`);
    const buf = Buffer.alloc(this.length[job]!);
    readSync(this.fd, buf, 0, buf.length, off);
    return decodeRecord(buf.toString('utf8', 0, buf.length - 1)).values;
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

export function openResultLog(outDir: string, totalJobs: number, name?: string, what?: string): ResultLog {
  ensureDirectory(stateDir(outDir, name), outDir);
  return new ResultLog(join(stateDir(outDir, name), 'results.ndjson'), totalJobs, what);
}

export function removeState(outDir: string, name?: string): void {
  rmSync(stateDir(outDir, name), { recursive: true, force: true });
}
