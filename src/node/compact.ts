/**
 * Node-only. Large CSV networks in bounded memory: {@link compactInputs} tells whether the inputs
 * are HelixLab CSV tables (a nodes table and optionally an edges table; no affiliations table) of at
 * least {@link COMPACT_FROM_BYTES} in total, and {@link readCompactNetwork} streams them — file
 * chunks, gzip inflated on the way, decoded and checked as UTF-8 chunk by chunk — into a
 * `CompactNetwork` (src/io/csv-compact.ts). `helixlab info` and `analyze` take this path; the
 * output is the same as through `readNetworkFiles` (the tests compare both).
 *
 * The byte checks are those of `decodeBytes` (files.ts): gzip, zip archives, UTF-16/32 byte order
 * marks, a UTF-8 byte order mark (a warning), NUL bytes, invalid UTF-8 (with line and column), the
 * size limit (`maxInputBytes`, after decompression). Progress: `onProgress(bytes, total)` after
 * each chunk (bytes of the files as stored).
 *
 * `HELIXLAB_COMPACT_FROM=<bytes>` overrides the threshold (0: always, for tests).
 */
import { createReadStream, existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createGunzip, constants as zlibConstants, gunzipSync } from 'node:zlib';
import { InputError, type Diagnostic } from '../model/errors.js';
import type { CompactNetwork } from '../model/compact.js';
import { csvTableKind } from '../io/csv.js';
import { CompactCsvReader } from '../io/csv-compact.js';
import { detectFormat } from '../io/load.js';
import { DEFAULT_ROLE_KEY } from '../io/helix-map.js';
import { DEFAULT_MAX_INPUT_BYTES, err, firstInvalidUtf8, tooLarge, type ReadOptions } from './files.js';

/** From this many bytes of CSV input on (all files), `info` and `analyze` read it compactly. */
export const COMPACT_FROM_BYTES = 16_000_000;

function threshold(): number {
  const v = process.env['HELIXLAB_COMPACT_FROM'];
  const n = v === undefined || v === '' ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : COMPACT_FROM_BYTES;
}

/** The first bytes of a file (inflated when it is gzip), for telling its kind. */
function head(path: string, bytes = 65536): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    const b = buf.subarray(0, n);
    if (n >= 2 && b[0] === 0x1f && b[1] === 0x8b) {
      try {
        return gunzipSync(b, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 1 << 22 });
      } catch {
        return new Uint8Array(0);
      }
    }
    return b;
  } finally {
    closeSync(fd);
  }
}

/** The tables to read compactly, or undefined when the inputs are something else or small. */
export interface CompactInputs {
  nodes: string;
  edges?: string;
  /** Bytes of the files as stored. */
  bytes: number;
}

/**
 * Whether `paths` (files, or a directory of tables) are HelixLab CSV tables — a nodes table and
 * optionally an edges table, no affiliations table — of at least the threshold in total, read
 * without a default role (`--helix-default`, `*` in the map) or `--add-missing-nodes`.
 * Undefined otherwise (also when anything is odd: the full reader then reports it).
 */
export function compactInputs(paths: readonly string[], opts: ReadOptions = {}): CompactInputs | undefined {
  // options the streaming reader leaves to the other one: a default role, added nodes
  if (opts.helixDefault !== undefined || opts.addMissingNodes || (opts.helixMap !== undefined && DEFAULT_ROLE_KEY in opts.helixMap)) {
    return undefined;
  }
  try {
    const files: string[] = [];
    for (const p of paths) {
      const st = statSync(p);
      if (st.isDirectory()) {
        if (existsSync(join(p, 'affiliations.csv'))) return undefined;
        for (const t of ['nodes.csv', 'edges.csv']) if (existsSync(join(p, t))) files.push(join(p, t));
      } else if (st.isFile()) files.push(p);
      else return undefined;
    }
    let bytes = 0;
    for (const f of files) bytes += statSync(f).size;
    if (bytes < threshold() || files.length === 0 || files.length > 2) return undefined;
    const out: Partial<CompactInputs> = { bytes };
    for (const f of files) {
      let text = new TextDecoder('utf-8').decode(head(f));
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const nl = text.search(/\r?\n|\r/);
      const firstLine = nl < 0 ? text : text.slice(0, nl);
      if (firstLine.includes('\u0000') || firstLine.includes('\ufffd')) return undefined;
      if (detectFormat(basename(f), firstLine + '\n') !== 'csv') return undefined;
      const kind = csvTableKind(firstLine, opts) ?? (files.length === 1 ? 'nodes' : undefined);
      if (kind === 'nodes' && out.nodes === undefined) out.nodes = f;
      else if (kind === 'edges' && out.edges === undefined) out.edges = f;
      else return undefined;
    }
    if (out.nodes === undefined) return undefined;
    return out as CompactInputs;
  } catch {
    return undefined;
  }
}

/** Streams one file's text into `feed`, with the byte checks of the module doc. */
async function streamFile(
  path: string,
  feed: (text: string, final: boolean) => void,
  warnings: Diagnostic[],
  limit: number,
  onBytes: (n: number) => void,
): Promise<void> {
  const size = statSync(path).size;
  const magic = readMagic(path);
  const gz = magic.length >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  if (!gz && size > limit) throw tooLarge(path, size, limit, 'the file has');
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  raw.on('data', (c) => onBytes(c.length));
  const source = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) raw.on('error', (e) => source.destroy(e));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0; // bytes (decompressed) before this chunk
  let line = 1; // line at the start of this chunk
  let lineStart = 0; // byte offset of the start of that line
  let first = true;
  let tail: Uint8Array = new Uint8Array(0); // the last bytes of the previous chunk (an incomplete sequence)
  try {
    for await (const piece of source as AsyncIterable<Buffer>) {
      let bytes: Uint8Array = piece;
      if (total + bytes.length > limit) {
        throw gz ? tooLarge(path, undefined, limit, 'the file decompresses to') : tooLarge(path, size, limit, 'the file has');
      }
      if (first) {
        first = false;
        const b = bytes;
        if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
          throw new InputError([
            err(
              path,
              'binary-file',
              'this is a zip archive (an Excel workbook?), not text: name it .xlsx to read it as a workbook, or export the sheet as CSV (UTF-8)',
              { line: 1 },
            ),
          ]);
        }
        if (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
          const kind = b[0] === 0xff ? (b[2] === 0 && b[3] === 0 ? 'UTF-32 little-endian' : 'UTF-16 little-endian') : 'UTF-16 big-endian';
          throw new InputError([
            err(path, 'bom', `the file is ${kind} (it starts with a byte order mark); save it as UTF-8`, { line: 1, column: 1 }),
          ]);
        }
        if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) {
          throw new InputError([
            err(path, 'bom', 'the file is UTF-32 big-endian (it starts with a byte order mark); save it as UTF-8', { line: 1, column: 1 }),
          ]);
        }
        if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
          warnings.push({
            severity: 'warning',
            code: 'bom',
            file: path,
            line: 1,
            message: 'UTF-8 byte order mark at the start of the file (ignored)',
          });
          bytes = b.subarray(3);
          total += 3;
          lineStart = 3;
        }
      }
      const at = (offset: number): { line: number; column: number } => {
        // line and column (in bytes) of an offset inside this chunk
        let l = line;
        let ls = lineStart;
        for (let k = 0; k < offset; k++) {
          if (bytes[k] === 0x0a) {
            l++;
            ls = total + k + 1;
          }
        }
        return { line: l, column: total + offset - ls + 1 };
      };
      const nul = bytes.indexOf(0);
      if (nul >= 0) {
        throw new InputError([
          err(
            path,
            'binary-file',
            `NUL byte at byte ${total + nul}${gz ? ' of the decompressed data' : ''}: this is not a text file`,
            at(nul),
          ),
        ]);
      }
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        // locate the first bad byte: scan the incomplete sequence kept from the last chunk and this one
        const joined = new Uint8Array(tail.length + bytes.length);
        joined.set(tail);
        joined.set(bytes, tail.length);
        const bad = Math.max(0, firstInvalidUtf8(joined) - tail.length);
        const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
        throw new InputError([
          err(
            path,
            'invalid-utf8',
            `invalid UTF-8 (byte 0x${hex}): the file is probably Latin-1 / Windows-1252; save it as UTF-8`,
            at(bad),
          ),
        ]);
      }
      for (let k = 0; k < bytes.length; k++) {
        if (bytes[k] === 0x0a) {
          line++;
          lineStart = total + k + 1;
        }
      }
      total += bytes.length;
      tail = bytes.subarray(Math.max(0, bytes.length - 3));
      feed(text, false);
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new InputError([
        err(path, 'invalid-utf8', 'invalid UTF-8 at the end of the file (a character cut short); save it as UTF-8', { line }),
      ]);
    }
    if (total === 0) throw new InputError([err(path, 'empty-file', 'empty file (0 bytes)', { line: 1 })]);
    feed(rest, true);
  } catch (e) {
    raw.destroy();
    const code = (e as { code?: string }).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || (gz && (e as Error).message?.includes('unexpected end of file'))) {
      throw new InputError([
        err(
          path,
          'bad-gzip',
          `the file looks gzip-compressed but cannot be decompressed (${(e as Error).message}); it is damaged or cut short`,
          {
            line: 1,
          },
        ),
      ]);
    }
    throw e;
  }
}

function readMagic(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const n = readSync(fd, b, 0, 2, 0);
    return b.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The result of {@link readCompactNetwork}: the network, its warnings, the format read. */
export interface CompactLoadResult {
  network: CompactNetwork;
  warnings: Diagnostic[];
  format: 'csv';
}

/**
 * Stream the tables of `inputs` (from {@link compactInputs}) into a compact network. Throws an
 * `InputError` with every problem found (byte problems of a file stop that file).
 */
export async function readCompactNetwork(
  inputs: CompactInputs,
  opts: ReadOptions = {},
  onProgress?: (bytes: number, total: number) => void,
): Promise<CompactLoadResult> {
  const limit = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  // about 25 bytes a tie and 60 an actor in typical tables: size the arrays once
  const edgeBytes = inputs.edges ? statSync(inputs.edges).size : 0;
  const reader = new CompactCsvReader({
    ...opts,
    file: inputs.nodes,
    tiesHint: Math.ceil(edgeBytes / 25),
    actorsHint: Math.ceil(statSync(inputs.nodes).size / 40),
  });
  const byteWarnings: Diagnostic[] = [];
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    onProgress?.(done, inputs.bytes);
  };
  const errors: Diagnostic[] = [];
  for (const [kind, file] of [
    ['nodes', inputs.nodes],
    ['edges', inputs.edges],
  ] as const) {
    if (file === undefined) continue;
    const feed = reader.table(kind, file);
    try {
      await streamFile(file, feed, byteWarnings, limit, progress);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(...e.diagnostics);
      reader.abandon(kind); // the edges table is still checked against the actors read
    }
  }
  if (errors.length > 0) throw new InputError([...byteWarnings, ...errors, ...reader.collector.diagnostics]);
  let network: CompactNetwork;
  try {
    network = reader.finish();
  } catch (e) {
    if (e instanceof InputError && byteWarnings.length > 0) throw new InputError([...byteWarnings, ...e.diagnostics]);
    throw e;
  }
  return { network, warnings: [...byteWarnings, ...reader.warnings], format: 'csv' };
}
