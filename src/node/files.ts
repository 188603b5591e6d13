/**
 * Node-only file access for the loaders and writers: read files from disk with errors for people,
 * decode and check the bytes, hand the text to the browser-safe front door (`load.ts`), and write
 * networks atomically (`writeFileAtomic`: temp file + rename).
 *
 * Reading, per path:
 * - a missing path → "no such file" (with a "did you mean" among the files beside it);
 * - a directory → its `nodes.csv`, `edges.csv`, `affiliations.csv` (what writing to a directory
 *   produces); a directory without `nodes.csv` is an error;
 * - an empty file → error; a gzip file (`1f 8b`) is decompressed; a zip file (`PK`, e.g. an Excel
 *   workbook under another name) → "name it .xlsx, or export it as CSV" (workbooks named `.xlsx` are
 *   read by `readNetworkFilesAsync`, `src/node/xlsx.ts`);
 * - a UTF-8 byte order mark is accepted and dropped, WITH A WARNING (code `bom`); a UTF-16 or UTF-32
 *   byte order mark → error "save it as UTF-8";
 * - invalid UTF-8 → error with the line and column of the first bad byte (the decoder is
 *   `TextDecoder('utf-8', {fatal: true})`; the bad byte is then located by a scan).
 *
 * Importing this module installs `@xmldom/xmldom`'s DOMParser for the GEXF and GraphML readers.
 *
 * Writing ({@link writeNetworkFile}): the format comes from the extension (or the `format`
 * argument). CSV to `dir/name.csv` writes `dir/name.nodes.csv`, `dir/name.edges.csv` and, when there
 * are activities, `dir/name.affiliations.csv`; CSV to an existing directory (or a path ending in
 * `/`) writes `nodes.csv`, `edges.csv`, `affiliations.csv` in it.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { constants as bufferConstants } from 'node:buffer';
import { InputError, UsageError, didYouMean, type Diagnostic } from '../model/errors.js';
import type { HelixRole, Network } from '../model/types.js';
import { csvPreamble, type CsvWriteOptions } from '../util/csv.js';
import { parseHelixMapFile } from '../io/helix-map.js';
import { writeFileAtomic } from './atomic.js';
import type { FormatName, FormatOptions, InputFile, LoadResult } from '../io/formats.js';
import { loadNetwork } from '../io/load.js';
import { AFFILIATION_COLUMNS } from '../io/csv.js';
import { JsonSyntaxError, offsetToLineCol, parseJsonText } from '../io/json.js';
import { setDefaultDomParser, type DomParserConstructor } from '../io/xml.js';
import { createRequire } from 'node:module';
import { formatFromExtension, writeNetwork, type WritableFormat } from '../io/write.js';

// GEXF and GraphML readers need a W3C DOMParser: Node has none, xmldom provides it (loaded when the
// first XML file is parsed, so that commands reading no XML do not pay for it).
class XmldomParser {
  constructor(options?: unknown) {
    const { DOMParser } = createRequire(import.meta.url)('@xmldom/xmldom') as { DOMParser: new (o?: unknown) => object };
    return new DOMParser(options);
  }
}
setDefaultDomParser(XmldomParser as unknown as DomParserConstructor);

/** A located error diagnostic of a file (internal to the Node layer). */
export function err(file: string, code: string, message: string, where: { line?: number; column?: number } = {}): Diagnostic {
  return { severity: 'error', code, message, file, ...where };
}

/** Line and column (1-based, in bytes) of a byte offset. */
function byteLineCol(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that is not part of a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Default {@link ReadOptions.maxInputBytes}: 500 MB per file, after decompression. */
export const DEFAULT_MAX_INPUT_BYTES = 500_000_000;

/** The longest text the JavaScript engine can hold in one string (UTF-16 code units). */
const MAX_TEXT = bufferConstants.MAX_STRING_LENGTH;

/** Options of the Node readers beside the format options. */
export interface ReadOptions extends FormatOptions {
  /**
   * Largest input file, in bytes after decompression (default {@link DEFAULT_MAX_INPUT_BYTES};
   * the CLI's `--max-input`). A larger file, or a `.gz` that decompresses to more, is an error
   * (exit 2) rather than minutes of work and gigabytes of memory.
   */
  maxInputBytes?: number;
}

/** "1.5 GB", "200 MB", "12 kB" (decimal units, as `--max-input` takes them). */
export function formatBytes(n: number): string {
  const f = (x: number) => x.toFixed(1).replace(/\.0$/, '');
  if (n >= 1e9) return `${f(n / 1e9)} GB`;
  if (n >= 1e6) return `${f(n / 1e6)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} bytes`;
}

/** Parse a size such as `2GB`, `500MB`, `512MiB`, `1e9` (bytes). Undefined when it is none. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmgt]i?b?|b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase().replace(/b$/, '');
  const mult: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9, t: 1e12, ki: 1024, mi: 1024 ** 2, gi: 1024 ** 3, ti: 1024 ** 4 };
  const f = mult[unit];
  if (f === undefined) return undefined;
  const n = Math.round(Number(m[1]) * f);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Input over the limit (internal to the Node layer). `size` is the size when known (a regular file), else undefined (a `.gz`
 * or a pipe: reading stopped at the limit).
 */
export function tooLarge(name: string, size: number | undefined, limit: number, what: string): InputError {
  // a round number above what is needed: the size and a tenth (known) or twice the limit
  const want = size !== undefined ? size * 1.1 : limit * 2;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(want)) - 1);
  const suggest = formatBytes(Math.ceil(want / step) * step).replace(' ', '');
  const amount = size === undefined ? `more than ${formatBytes(limit)}` : `${formatBytes(size)}, more than ${formatBytes(limit)}`;
  return new InputError([
    err(
      name,
      'too-large',
      `${what} ${amount}, the limit per input file; if that is what you meant, raise it with --max-input (e.g. --max-input ${suggest})`,
      { line: 1 },
    ),
  ]);
}

/** Offset of the first NUL byte in `bytes`, or -1. */
function firstNul(bytes: Uint8Array): number {
  return bytes.indexOf(0);
}

function nulError(name: string, bytes: Uint8Array, at: number, decompressed: boolean): InputError {
  const { line, column } = byteLineCol(bytes, at);
  return new InputError([
    err(
      name,
      'binary-file',
      `NUL byte at byte ${at}${decompressed ? ' of the decompressed data' : ''}: this is not a text file${decompressed ? ' (a compressed archive of something else?)' : ''}`,
      { line, column },
    ),
  ]);
}

/**
 * Decompress a gzip file with the limit: a first look at the start (a few kB of compressed data)
 * finds binary content such as a "gzip bomb" of zeros at once, then the whole file is inflated
 * with `maxOutputLength`, so it stops at the limit instead of filling the memory.
 */
function gunzipLimited(name: string, bytes: Uint8Array, limit: number): Uint8Array {
  try {
    const head = gunzipSync(bytes.subarray(0, 4096), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 1 << 23 });
    const nul = firstNul(head);
    if (nul >= 0) throw nulError(name, head, nul, true);
  } catch (e) {
    if (e instanceof InputError) throw e;
    // the start alone did not tell (too much output, or an error the full inflate reports)
  }
  try {
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: limit }));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw tooLarge(name, undefined, limit, 'the file decompresses to');
    }
    const msg = (e as Error).message.replace(/^.*?: /, '');
    throw new InputError([
      err(name, 'bad-gzip', `the file looks gzip-compressed but cannot be decompressed (${msg}); it is damaged or cut short`, {
        line: 1,
      }),
    ]);
  }
}

/**
 * Decode the bytes of a file as UTF-8 with the checks of the module doc. Returns the text and the
 * warnings; throws `InputError` on bytes that are not UTF-8 text, and on input beyond
 * `maxInputBytes` (default {@link DEFAULT_MAX_INPUT_BYTES}, after decompression).
 */
export function decodeBytes(
  name: string,
  raw: Uint8Array,
  maxInputBytes = DEFAULT_MAX_INPUT_BYTES,
): { text: string; warnings: Diagnostic[] } {
  const warnings: Diagnostic[] = [];
  let bytes = raw;
  const gz = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  if (gz) {
    bytes = gunzipLimited(name, bytes, maxInputBytes);
  } else if (bytes.length > maxInputBytes) {
    throw tooLarge(name, bytes.length, maxInputBytes, 'the file has');
  }
  if (bytes.length === 0) throw new InputError([err(name, 'empty-file', 'empty file (0 bytes)', { line: 1 })]);
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new InputError([
      err(
        name,
        'binary-file',
        'this is a zip archive (an Excel workbook?), not text: name it .xlsx to read it as a workbook, or export the sheet as CSV (UTF-8)',
        {
          line: 1,
        },
      ),
    ]);
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const kind =
      bytes[0] === 0xff ? (bytes[2] === 0 && bytes[3] === 0 ? 'UTF-32 little-endian' : 'UTF-16 little-endian') : 'UTF-16 big-endian';
    throw new InputError([
      err(name, 'bom', `the file is ${kind} (it starts with a byte order mark); save it as UTF-8`, { line: 1, column: 1 }),
    ]);
  }
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    throw new InputError([
      err(name, 'bom', 'the file is UTF-32 big-endian (it starts with a byte order mark); save it as UTF-8', { line: 1, column: 1 }),
    ]);
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
    warnings.push({
      severity: 'warning',
      code: 'bom',
      file: name,
      line: 1,
      message: 'UTF-8 byte order mark at the start of the file (ignored)',
    });
    if (bytes.length === 0) throw new InputError([err(name, 'empty-file', 'empty file (only a byte order mark)', { line: 1 })]);
  }
  // NUL bytes first: valid UTF-8, but never in a text file (and a clearer message than the decoder's)
  const nul = firstNul(bytes);
  if (nul >= 0) throw nulError(name, bytes, nul, gz);
  if (bytes.length > MAX_TEXT) {
    throw new InputError([
      err(
        name,
        'too-large',
        `${formatBytes(bytes.length)} of text is more than one JSON, GEXF or GraphML document can hold here (${formatBytes(MAX_TEXT)}, a limit of the JavaScript engine); split the network, or use CSV tables, which are read in a stream`,
        { line: 1 },
      ),
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const off = at < 0 ? 0 : at;
    const { line, column } = byteLineCol(bytes, off);
    const hex = (bytes[off] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new InputError([
      err(name, 'invalid-utf8', `invalid UTF-8 (byte 0x${hex}): the file is probably Latin-1 / Windows-1252; save it as UTF-8`, {
        line,
        column,
      }),
    ]);
  }
  return { text, warnings };
}

/**
 * Read a JSON file HelixLab wrote or takes as an option (a manifest, a checkpoint, results, ranges):
 * a missing or unreadable file, bad JSON (with line and column) and nesting beyond the depth
 * limit are `InputError`s naming the file; `what` says what was expected.
 */
export function readJsonFile(path: string, what = 'a JSON file'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new InputError([err(path, 'no-such-file', `no such file (expected ${what})`)]);
    if (code === 'EISDIR') throw new InputError([err(path, 'is-directory', `is a directory (expected ${what})`)]);
    if (code === 'EACCES') throw new InputError([err(path, 'unreadable', 'permission denied')]);
    throw e;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return parseJsonText(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    throw new InputError([err(path, 'bad-json', `not valid JSON: ${e.message} (expected ${what})`, offsetToLineCol(text, e.offset))]);
  }
}

function missingFile(path: string): InputError {
  let hint = '';
  try {
    const dir = dirname(path);
    const names = readdirSync(dir === '' ? '.' : dir);
    const s = didYouMean(basename(path), names);
    if (s !== undefined) hint = ` (did you mean '${join(dirname(path), s)}'?)`;
  } catch {
    /* no hint */
  }
  return new InputError([err(path, 'no-such-file', `no such file${hint}`)]);
}

/** Read a file that has no size (a pipe, a device) in chunks, failing beyond `limit` bytes. */
function readStreamLimited(path: string, limit: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(1 << 20);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge(path, undefined, limit, 'the input has');
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Read one path into decoded inputs (a directory gives its CSV tables); see {@link ReadOptions}. */
export function readInputFiles(path: string, opts: ReadOptions = {}): { files: InputFile[]; warnings: Diagnostic[] } {
  const limit = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw missingFile(path);
    if (code === 'EACCES') throw new InputError([err(path, 'unreadable', 'permission denied')]);
    throw e;
  }
  if (st.isDirectory()) {
    const tables = ['nodes.csv', 'edges.csv', 'affiliations.csv'].map((n) => join(path, n)).filter((p) => existsSync(p));
    if (!tables.some((p) => basename(p) === 'nodes.csv')) {
      throw new InputError([
        err(
          path,
          'is-directory',
          'is a directory without nodes.csv: expected a file, or a directory of CSV tables (nodes.csv, edges.csv, affiliations.csv)',
        ),
      ]);
    }
    const files: InputFile[] = [];
    const warnings: Diagnostic[] = [];
    for (const p of tables) {
      const r = readInputFiles(p, opts);
      files.push(...r.files);
      warnings.push(...r.warnings);
    }
    return { files, warnings };
  }
  if (st.isFile() && st.size > limit) throw tooLarge(path, st.size, limit, 'the file has');
  let raw: Uint8Array;
  try {
    // a pipe or a device (`<(zcat x)`, /dev/stdin) has no size: read it in chunks up to the limit
    raw = st.isFile() ? readFileSync(path) : readStreamLimited(path, limit);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EACCES') throw new InputError([err(path, 'unreadable', 'permission denied')]);
    throw e;
  }
  const { text, warnings } = decodeBytes(path, raw, limit);
  return { files: [{ name: path, text }], warnings };
}

/**
 * Read a network from files on disk (one network file, CSV tables, or a directory of CSV
 * tables). The warnings include those of the byte checks (e.g. a UTF-8 byte order mark).
 * Every file is checked before any error is thrown, so that all file problems are reported together.
 */
export function readNetworkFiles(paths: string[], opts: ReadOptions = {}): LoadResult {
  if (paths.length === 0) throw new UsageError('no input file given');
  const files: InputFile[] = [];
  const warnings: Diagnostic[] = [];
  const errors: Diagnostic[] = [];
  for (const p of paths) {
    try {
      const r = readInputFiles(p, opts);
      files.push(...r.files);
      warnings.push(...r.warnings);
    } catch (e) {
      if (e instanceof InputError) errors.push(...e.diagnostics);
      else throw e;
    }
  }
  if (errors.length > 0) throw new InputError(errors);
  try {
    const result = loadNetwork(files, opts);
    return { ...result, warnings: [...warnings, ...result.warnings] };
  } catch (e) {
    if (e instanceof InputError && warnings.length > 0) throw new InputError([...warnings, ...e.diagnostics]);
    throw e;
  }
}

/**
 * Read a helix map file (`--helix-map-file`: two columns, value and role; see `parseHelixMapFile`).
 * Problems are an `InputError` located by line.
 */
export function readHelixMapFile(path: string): Record<string, HelixRole> {
  const { files } = readInputFiles(path);
  const text = files[0]?.text ?? '';
  const { map, problems } = parseHelixMapFile(text);
  if (problems.length > 0) {
    throw new InputError(
      problems.map((p) => ({ severity: 'error' as const, code: 'bad-helix-map', file: path, line: p.line, message: p.message })),
    );
  }
  if (Object.keys(map).length === 0) {
    throw new InputError([{ severity: 'error', code: 'bad-helix-map', file: path, message: 'no value,role pairs in the map file' }]);
  }
  return map;
}

/** Is the path an existing directory, or written as one (ends with a slash)? */
function isDirectoryTarget(path: string): boolean {
  if (/[\\/]$/.test(path)) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Write a network to `path` in `format` (default: from the extension; see the module doc for CSV).
 * Returns the paths written and what the format could not keep. Every file is written atomically.
 * `csv`: options of the CSV writer (formula cells are escaped unless `formulas` is 'keep').
 */
export function writeNetworkFile(
  net: Network,
  path: string,
  format?: FormatName,
  opts: CsvWriteOptions = {},
): { paths: string[]; warnings: string[] } {
  const dirTarget = isDirectoryTarget(path);
  const byExt = dirTarget ? undefined : formatFromExtension(path);
  if (format !== undefined && byExt !== undefined && byExt !== format) {
    throw new UsageError(`'${path}': the extension means ${byExt}, but the format asked for is ${format}; make them agree`);
  }
  const fmt: FormatName | undefined = format ?? (dirTarget ? 'csv' : byExt);
  if (fmt === undefined) {
    throw new UsageError(
      `cannot tell the output format from '${path}': use the extension .json, .csv, .gexf or .graphml (or give the format)`,
    );
  }
  if (dirTarget && fmt !== 'csv') {
    throw new UsageError(`'${path}' is a directory: only CSV tables can be written to a directory; give a file name for ${fmt}`);
  }
  if (fmt === 'xlsx') throw new UsageError(`'${path}': an Excel workbook is written by writeNetworkFileAsync`);
  const out = writeNetwork(net, fmt as WritableFormat, opts);
  const paths: string[] = [];
  if (out.tables) {
    const names = dirTarget
      ? { nodes: join(path, 'nodes.csv'), edges: join(path, 'edges.csv'), affiliations: join(path, 'affiliations.csv') }
      : (() => {
          const stem = path.replace(/\.(csv|tsv)$/i, '');
          return { nodes: `${stem}.nodes.csv`, edges: `${stem}.edges.csv`, affiliations: `${stem}.affiliations.csv` };
        })();
    writeFileAtomic(names.nodes, out.tables.nodes);
    writeFileAtomic(names.edges, out.tables.edges);
    paths.push(names.nodes, names.edges);
    if (out.tables.affiliations !== undefined) {
      writeFileAtomic(names.affiliations, out.tables.affiliations);
      paths.push(names.affiliations);
    } else if (existsSync(names.affiliations)) {
      // an older affiliations table beside the new tables would be read back with them: empty it
      writeFileAtomic(
        names.affiliations,
        csvPreamble(opts.dialect) + AFFILIATION_COLUMNS.join(opts.dialect === 'excel-fi' ? ';' : ',') + '\n',
      );
      paths.push(names.affiliations);
    }
  } else {
    writeFileAtomic(path, out.text ?? '');
    paths.push(path);
  }
  return { paths, warnings: out.warnings };
}
