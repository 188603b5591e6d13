/**
 * Turning the bytes a user drops, picks or links into loader input. Nothing is sent anywhere:
 * the bytes are read in the page.
 *
 * - The kind of file is told by its first bytes ({@link sniffBytes}): gzip (`1f 8b`) is
 *   decompressed in the browser (`DecompressionStream('gzip')`) and read on; a zip archive, an
 *   image (PNG, JPEG, GIF, WebP), a PDF, or any file with NUL bytes is refused with a message
 *   saying what it is; a name ending in `.gz` whose bytes are not gzip is refused too.
 * - Text is UTF-8 with the same rules as the CLI's reader: a UTF-8 BOM is dropped, a UTF-16 or
 *   UTF-32 BOM or invalid UTF-8 is an error naming the file and the line of the first bad byte.
 * - A lone JSON file holding `metrics` (and no `actors`) is a scenario result (simulate / compare
 *   output); anything else goes to the network loader (`loadNetwork`), which recognises the format.
 * - A CORDIS file ({@link cordisCountries}): the organisations per country, for choosing one.
 */
import { CORDIS_COLUMN_ALIASES, detectSeparator, readCsvRecords, type Diagnostic } from 'helixlab';
import { S } from '../strings.js';

export interface DecodedFile {
  name: string;
  text: string;
}

export type ByteKind = 'gzip' | 'zip' | 'png' | 'jpeg' | 'gif' | 'webp' | 'pdf' | 'utf16' | 'utf32' | 'text';

const starts = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** What the first bytes say the file is (`text` = none of the known binary signatures). */
export function sniffBytes(b: Uint8Array): ByteKind {
  if (starts(b, [0x1f, 0x8b])) return 'gzip';
  if (starts(b, [0x50, 0x4b, 0x03, 0x04]) || starts(b, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts(b, [0xff, 0xfe, 0x00, 0x00]) || starts(b, [0x00, 0x00, 0xfe, 0xff])) return 'utf32';
  if (starts(b, [0xff, 0xfe]) || starts(b, [0xfe, 0xff])) return 'utf16';
  return 'text';
}

/** gunzip with the browser's (and Node's) DecompressionStream. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const err = (file: string, code: string, message: string, line?: number): { error: Diagnostic } => ({
  error: line === undefined ? { severity: 'error', file, code, message } : { severity: 'error', file, line, code, message },
});

/** Decode UTF-8 text (see the module doc); no decompression. */
export function decodeBytes(name: string, bytes: Uint8Array): { file?: DecodedFile; error?: Diagnostic } {
  const kind = sniffBytes(bytes);
  if (kind === 'utf16') return err(name, 'utf16', S.errors.utf16, 1);
  if (kind === 'utf32') return err(name, 'utf32', S.errors.utf32, 1);
  if (kind === 'zip') return err(name, 'binary-file', S.errors.zip, 1);
  if (kind === 'png' || kind === 'jpeg' || kind === 'gif' || kind === 'webp' || kind === 'pdf')
    return err(name, 'binary-file', S.errors.binary(S.errors.binaryKinds[kind]), 1);
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Locate the first invalid byte: decode line by line.
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < body.length; i++) {
      if (body[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(lineStart, i));
        } catch {
          break;
        }
        line++;
        lineStart = i + 1;
      }
    }
    return err(name, 'invalid-utf8', S.errors.invalidUtf8, line);
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return err(name, 'binary-file', S.errors.nul, text.slice(0, nul).split('\n').length);
  return { file: { name, text } };
}

/** Read a file's bytes: gunzip when gzip, then decode (see the module doc). */
export async function readBytes(name: string, bytes: Uint8Array): Promise<{ file?: DecodedFile; error?: Diagnostic }> {
  const kind = sniffBytes(bytes);
  if (kind !== 'gzip') {
    if (/\.gz$/i.test(name)) return err(name, 'not-gzip', S.errors.notGzip, 1);
    return decodeBytes(name, bytes);
  }
  let raw: Uint8Array;
  try {
    raw = await gunzip(bytes);
  } catch (e) {
    return err(name, 'bad-gzip', S.errors.badGzip(e instanceof Error ? e.message : String(e)));
  }
  if (raw.length === 0) return err(name, 'empty-file', S.errors.empty, 1);
  return decodeBytes(name, raw);
}

export type InputKind = 'network' | 'scenario-results';

export function classifyInput(files: readonly DecodedFile[]): InputKind {
  if (files.length !== 1) return 'network';
  const f = files[0]!;
  if (!/\.json$/i.test(f.name)) return 'network';
  const head = f.text.slice(0, 4096);
  // Cheap sniff first; a full parse only for JSON documents that look like results.
  if (/"actors"\s*:/.test(head) || /"format"\s*:\s*"helixlab"/.test(head)) return 'network';
  if (/"metrics"\s*:|"byYear"\s*:|"differences"\s*:/.test(f.text.slice(0, 200_000))) return 'scenario-results';
  return 'network';
}

/** Display name for a set of files: "nodes.csv + edges.csv". */
export function filesLabel(files: readonly { name: string }[]): string {
  return files.map((f) => f.name).join(' + ');
}

/**
 * Organisations per country of a CORDIS file (organization.csv or the participations table):
 * distinct `organisationID` (`pic`) per `country`, largest first; null when the columns are missing.
 */
export function cordisCountries(text: string): { total: number; countries: Array<{ code: string; organisations: number }> } | null {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const { records } = readCsvRecords(body, detectSeparator(firstLine));
  const header = (records[0] ?? []).map((c) => c.trim().toLowerCase());
  const col = (name: string, aliases: readonly string[] = []) =>
    [name, ...aliases].map((n) => header.indexOf(n.toLowerCase())).find((i) => i >= 0) ?? -1;
  const org = col('organisationID', CORDIS_COLUMN_ALIASES.organisationID);
  const country = col('country');
  if (org < 0 || country < 0) return null;
  const perCountry = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (let i = 1; i < records.length; i++) {
    const r = records[i]!;
    const id = r[org]?.trim();
    if (!id) continue;
    all.add(id);
    const c = (r[country] ?? '').trim().toUpperCase() || '?';
    let s = perCountry.get(c);
    if (!s) perCountry.set(c, (s = new Set()));
    s.add(id);
  }
  const countries = [...perCountry.entries()]
    .map(([code, s]) => ({ code, organisations: s.size }))
    .sort((a, b) => b.organisations - a.organisations || (a.code < b.code ? -1 : 1));
  return { total: all.size, countries };
}
