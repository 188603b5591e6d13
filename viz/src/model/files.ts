/**
 * Turning the files a user drops or picks into loader input. Bytes are decoded as UTF-8 with
 * the same rules as the CLI's reader: a UTF-8 BOM is dropped, a UTF-16 BOM or invalid UTF-8 is
 * an error naming the file and the line of the first bad byte. A lone JSON file holding
 * `metrics` (and no `actors`) is a scenario result (simulate / compare output); anything else
 * goes to the network loader (`loadNetwork`), which recognises the format itself.
 */
import type { Diagnostic } from 'helixlab';

export interface DecodedFile {
  name: string;
  text: string;
}

export function decodeBytes(name: string, bytes: Uint8Array): { file?: DecodedFile; error?: Diagnostic } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {
      error: { severity: 'error', file: name, line: 1, code: 'utf16', message: 'the file is UTF-16 encoded; save it as UTF-8' },
    };
  }
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { file: { name, text } };
  } catch {
    // Locate the first invalid byte: decode growing prefixes by line.
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
    return {
      error: { severity: 'error', file: name, line, code: 'invalid-utf8', message: 'invalid UTF-8 byte sequence; save the file as UTF-8' },
    };
  }
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
