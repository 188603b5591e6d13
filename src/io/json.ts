/**
 * The HelixLab JSON format (`schemas/network.schema.json`, format version 1): reader and writer.
 *
 * Reading: `JSON.parse` first; the text is parsed again by a small position-tracking parser when
 * something is wrong (syntax error, a shape or value problem, a warning), so that every diagnostic
 * carries the line and column of the offending value (or key, for unknown keys; or the enclosing
 * object, for a missing key), and for files up to {@link DUPLICATE_KEY_SCAN_LIMIT} characters to find
 * keys given twice in one object (an error: `JSON.parse` would silently keep the last). Syntax
 * errors report line and column and say what was expected. Browser-safe: no Node modules.
 *
 * Writing: stable key order (document: format, version, name, description, source, actors, ties,
 * activities, profile; each record in the order of the schema; free attributes sorted by key),
 * 2-space indent, trailing newline. Projected ties are not written when the activities are (they are
 * re-projected on load), so JSON → Network → JSON is lossless.
 */
import type { Activity, Actor, Attributes, ClusterProfile, Network, NetworkDocument, Tie } from '../model/types.js';
import { DiagnosticCollector } from '../model/errors.js';
import { networkToDocument } from '../model/network.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import { applyHelixMap, checkDocumentShape, finishDocument, type Location } from './validate.js';

// ---------------------------------------------------------------------------------------------
// Position-tracking JSON parser
// ---------------------------------------------------------------------------------------------

/** A JSON syntax error at a character offset. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Offsets of every value and every object key, by document path (`actors[3].helix`). */
export interface JsonPositions {
  value: unknown;
  valueAt: Map<string, number>;
  keyAt: Map<string, number>;
  /** Keys given twice in one object: the path and the offset of the second one. */
  duplicateKeys: Array<{ path: string; offset: number }>;
  /** 1-based line and column of a character offset. */
  lineCol(offset: number): { line: number; column: number };
}

function missingComma(ch: string | undefined): string {
  return ch === '{' || ch === '[' || ch === '"'
    ? ' (a missing comma?)'
    : ch !== undefined && /[A-Za-z]/.test(ch)
      ? ' (a missing quote?)'
      : '';
}

function describeChar(ch: string | undefined): string {
  if (ch === undefined) return 'the end of the file';
  if (ch === '\n' || ch === '\r') return 'the end of the line';
  return `'${ch}'`;
}

/**
 * Levels of nesting a JSON document may have (HelixLab networks need fewer than 10, scenarios fewer
 * than 6): deeper input is an error with its line and column, never a stack overflow.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Parse JSON text recording where each value and key starts. Throws {@link JsonSyntaxError} with
 * the offset of the first problem. Accepts exactly RFC 8259 JSON (no comments, no trailing commas).
 * Iterative (an explicit stack), linear in the length of the text; nesting deeper than `maxDepth`
 * (default {@link MAX_JSON_DEPTH}) is a syntax error at the bracket that goes too deep.
 */
export function parseJsonWithPositions(text: string, maxDepth = MAX_JSON_DEPTH): JsonPositions {
  const valueAt = new Map<string, number>();
  const keyAt = new Map<string, number>();
  const duplicateKeys: Array<{ path: string; offset: number }> = [];
  let i = 0;
  const n = text.length;

  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const fail = (msg: string, at = i): never => {
    throw new JsonSyntaxError(msg, at);
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunk = i;
    while (true) {
      if (i >= n) fail('unterminated string (missing closing ")', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail(`bad \\u escape in string: expected 4 hex digits`);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail(`bad escape '\\${e ?? ''}' in string`);
        }
        i += 2;
        chunk = i;
        continue;
      }
      if (c < 32)
        fail(c === 10 || c === 13 ? 'unterminated string (line break inside a string)' : 'control character inside a string (escape it)');
      i++;
    }
  };

  const parseNumber = (): number => {
    const start = i;
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const r = m.exec(text);
    if (!r || r[0] === '-' || r[0].length === 0) fail(`expected a value, found ${describeChar(text[i])}`);
    i = start + r![0].length;
    const next = text[i];
    if (next !== undefined && /[0-9A-Za-z_.]/.test(next)) fail(`bad number '${text.slice(start, i + 1)}'`, start);
    return Number(r![0]);
  };

  const parseWord = (): unknown => {
    for (const [w, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(w, i)) {
        i += w.length;
        return v;
      }
    }
    const word = /[A-Za-z_][A-Za-z0-9_]*/y;
    word.lastIndex = i;
    const m = word.exec(text);
    if (m) {
      const hint =
        m[0] === 'NaN' || m[0] === 'Infinity'
          ? ' (JSON has no NaN or Infinity)'
          : m[0] === 'undefined'
            ? ' (use null)'
            : ' (text must be in double quotes)';
      fail(`unexpected word '${m[0]}'${hint}`);
    }
    if (text[i] === "'") fail(`strings must use double quotes, found '`);
    return fail(`expected a value, found ${describeChar(text[i])}`);
  };

  /** Define a key as an own data property (a key named `__proto__` must not set the prototype). */
  const put = (obj: Record<string, unknown>, key: string, v: unknown): void => {
    Object.defineProperty(obj, key, { value: v, writable: true, enumerable: true, configurable: true });
  };

  // An explicit stack instead of recursion: no call-stack overflow whatever the nesting, and a
  // located error beyond `maxDepth` levels. Linear in the length of the text.
  interface Frame {
    arr?: unknown[];
    obj?: Record<string, unknown>;
    path: string;
    key: string;
  }
  const stack: Frame[] = [];
  const open = (frame: Frame): void => {
    if (stack.length >= maxDepth) fail(`nested deeper than ${maxDepth} levels (a HelixLab file needs fewer than 10)`);
    stack.push(frame);
  };

  /** Read `"key":` inside the object on top of the stack; returns the path of its value. */
  const readKey = (top: Frame): string => {
    ws();
    if (text[i] !== '"') {
      if (text[i] === '}') fail(`trailing comma before '}'`);
      fail(`expected a key in double quotes, found ${describeChar(text[i])}`);
    }
    const keyStart = i;
    const key = parseString();
    const sub = top.path === '' ? key : `${top.path}.${key}`;
    if (Object.prototype.hasOwnProperty.call(top.obj, key)) duplicateKeys.push({ path: sub, offset: keyStart });
    else keyAt.set(sub, keyStart);
    ws();
    if (text[i] !== ':') fail(`expected ':' after key "${key}", found ${describeChar(text[i])}`);
    i++;
    top.key = key;
    return sub;
  };

  let path = '';
  let value: unknown;
  parse: for (;;) {
    // a value at `path`: a scalar, an empty container, or the opening of a container
    ws();
    valueAt.set(path, i);
    const ch = text[i];
    let v: unknown;
    if (ch === '{' || ch === '[') {
      const isObj = ch === '{';
      i++;
      ws();
      if (text[i] === (isObj ? '}' : ']')) {
        i++;
        v = isObj ? {} : [];
      } else {
        // open at the bracket's offset, so that a too-deep error points at it
        i--;
        const frame: Frame = isObj ? { obj: {}, path, key: '' } : { arr: [], path, key: '' };
        open(frame);
        i++;
        if (isObj) path = readKey(frame);
        else {
          ws();
          if (text[i] === ']') fail(`trailing comma before ']'`);
          path = `${frame.path}[0]`;
        }
        continue;
      }
    } else if (ch === '"') v = parseString();
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) v = parseNumber();
    else v = parseWord();
    // hand the value to the enclosing containers, closing those that end here
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        value = v;
        break parse;
      }
      ws();
      if (top.obj) {
        put(top.obj, top.key, v);
        if (text[i] === ',') {
          i++;
          path = readKey(top);
          continue parse;
        }
        if (text[i] === '}') {
          i++;
          stack.pop();
          v = top.obj;
          continue;
        }
        fail(`expected ',' or '}' after the value of "${top.key}", found ${describeChar(text[i])}${missingComma(text[i])}`);
      } else {
        const arr = top.arr!;
        arr.push(v);
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail(`trailing comma before ']'`);
          path = `${top.path}[${arr.length}]`;
          continue parse;
        }
        if (text[i] === ']') {
          i++;
          stack.pop();
          v = arr;
          continue;
        }
        fail(`expected ',' or ']' in the list, found ${describeChar(text[i])}${missingComma(text[i])}`);
      }
    }
  }
  ws();
  if (i < n) fail(`unexpected ${describeChar(text[i])} after the end of the document`);

  let lineStarts: number[] | undefined;
  const lineCol = (offset: number) => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let k = 0; k < n; k++) if (text.charCodeAt(k) === 10) lineStarts.push(k + 1);
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  return { value, valueAt, keyAt, duplicateKeys, lineCol };
}

/**
 * Offset of the first `{` or `[` that opens a level beyond `maxDepth`, or -1: a linear scan that
 * skips strings, run before anything that walks the parsed value (a document nested thousands of
 * levels deep is an input error, not a stack overflow).
 */
export function jsonTooDeepAt(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  const n = text.length;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === 34) {
      // skip the string (an unterminated one: the parsers report it)
      for (k++; k < n; k++) {
        const d = text.charCodeAt(k);
        if (d === 92) k++;
        else if (d === 34) break;
      }
    } else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return k;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return -1;
}

/**
 * `JSON.parse` with the depth limit and located errors: throws {@link JsonSyntaxError} (with the
 * offset of the problem: too deep, or the first syntax error) instead of a stack overflow or an
 * engine message without a position. For the JSON files HelixLab reads besides networks and
 * scenarios (manifests, checkpoints, results, ranges, embedded metadata).
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const deep = jsonTooDeepAt(text, maxDepth);
  if (deep >= 0) throw new JsonSyntaxError(`nested deeper than ${maxDepth} levels`, deep);
  try {
    return JSON.parse(text);
  } catch {
    parseJsonWithPositions(text, maxDepth); // throws with the position
    throw new JsonSyntaxError('not valid JSON', 0);
  }
}

/** Line and column of a character offset in `text` (1-based). */
export function offsetToLineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}

function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const m = /^(.*?)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m ? m[1]! : '';
}

// ---------------------------------------------------------------------------------------------
// Reader
// ---------------------------------------------------------------------------------------------

/** Files up to this many characters are scanned for duplicate keys (JSON.parse hides them). */
export const DUPLICATE_KEY_SCAN_LIMIT = 2_000_000;

/** Read a HelixLab JSON document. Throws `InputError` with every problem found (up to the cap). */
export function parseNetworkJson(file: InputFile, opts: FormatOptions = {}): LoadResult {
  const collector = new DiagnosticCollector(file.name, opts.maxErrors ?? 100);
  if (file.text.trim() === '') {
    collector.error('empty-file', 'empty file: expected a HelixLab JSON document', { line: 1 });
    collector.throwIfErrors();
  }
  const deep = jsonTooDeepAt(file.text);
  if (deep >= 0) {
    const { line, column } = offsetToLineCol(file.text, deep);
    collector.error('json-depth', `JSON nested deeper than ${MAX_JSON_DEPTH} levels (a HelixLab file needs fewer than 10)`, {
      line,
      column,
    });
    collector.throwIfErrors();
  }
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch {
    try {
      parseJsonWithPositions(file.text);
      collector.error('json-syntax', 'JSON syntax error', { line: 1 });
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      const { line, column } = offsetToLineCol(file.text, e.offset);
      collector.error('json-syntax', `JSON syntax error: ${e.message}`, { line, column });
    }
    collector.throwIfErrors();
  }

  let positions: JsonPositions | undefined;
  const locatePath = (path: string, atKey = false): Location => {
    positions ??= parseJsonWithPositions(file.text);
    let p: string | undefined = path;
    let off: number | undefined = atKey ? positions.keyAt.get(path) : undefined;
    while (off === undefined && p !== undefined) {
      off = positions.valueAt.get(p);
      if (off === undefined) p = parentPath(p);
    }
    const loc: Location = { field: path === '' ? '(document)' : path };
    if (off !== undefined) Object.assign(loc, positions.lineCol(off));
    return loc;
  };

  // JSON.parse keeps the last of two equal keys silently; look for them in files of moderate size
  if (file.text.length <= DUPLICATE_KEY_SCAN_LIMIT) {
    positions ??= parseJsonWithPositions(file.text);
    for (const dup of positions.duplicateKeys) {
      const first = positions.keyAt.get(dup.path);
      const firstLine = first !== undefined ? positions.lineCol(first).line : undefined;
      const key = dup.path.slice(dup.path.lastIndexOf('.') + 1);
      collector.error(
        'duplicate-key',
        `key '${key}' given twice in one object${firstLine !== undefined ? ` (first on line ${firstLine})` : ''}; JSON readers keep only one of them`,
        { ...positions.lineCol(dup.offset), field: dup.path },
      );
    }
  }

  for (const prob of checkDocumentShape(value)) {
    const loc = locatePath(prob.path, prob.atKey);
    const where: { line?: number; column?: number; field?: string } = {};
    if (loc.line !== undefined) where.line = loc.line;
    if (loc.column !== undefined) where.column = loc.column;
    if (loc.field !== undefined) where.field = loc.field;
    collector.error(prob.code, prob.message, where);
  }
  const obj = value as Record<string, unknown>;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || obj['format'] !== 'helixlab') {
    collector.throwIfErrors();
  }

  const doc = value as NetworkDocument;
  if (opts.helixMap && Array.isArray(doc.actors)) {
    for (const a of doc.actors as unknown[]) {
      if (a && typeof a === 'object' && typeof (a as Actor).helix === 'string') {
        (a as { helix: string }).helix = applyHelixMap((a as Actor).helix, opts.helixMap);
      }
    }
  }
  const plural = { actor: 'actors', tie: 'ties', activity: 'activities' } as const;
  const network = finishDocument(
    doc,
    collector,
    (kind, index, field) => locatePath(`${plural[kind]}[${index}]${field ? `.${field}` : ''}`),
    {
      locatePath: (p) => locatePath(p),
    },
  );
  return { network, warnings: collector.warnings, format: 'json' };
}

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

function sortedAttributes(attrs: Attributes | undefined): Attributes | undefined {
  if (!attrs) return undefined;
  const keys = Object.keys(attrs).sort();
  if (keys.length === 0) return undefined;
  const out: Attributes = {};
  for (const k of keys) out[k] = attrs[k]!;
  return out;
}

function put<T extends object, K extends string>(obj: T, key: K, value: unknown): void {
  if (value !== undefined) (obj as Record<string, unknown>)[key] = value;
}

/** Canonical key order of a document (see the module doc). */
export function canonicalDocument(doc: NetworkDocument): NetworkDocument {
  const out = { format: 'helixlab', version: 1 } as NetworkDocument;
  put(out, 'name', doc.name);
  put(out, 'description', doc.description);
  put(out, 'source', doc.source);
  out.actors = doc.actors.map((a) => {
    const o = { id: a.id, label: a.label, helix: a.helix } as Actor;
    put(o, 'subtype', a.subtype);
    put(o, 'sector', a.sector);
    put(o, 'region', a.region);
    put(o, 'joined', a.joined);
    put(o, 'attributes', sortedAttributes(a.attributes));
    return o;
  });
  out.ties = doc.ties.map((t) => {
    const o = { source: t.source, target: t.target } as Tie;
    put(o, 'kind', t.kind);
    put(o, 'weight', t.weight);
    put(o, 'since', t.since);
    put(o, 'until', t.until);
    put(o, 'attributes', sortedAttributes(t.attributes));
    return o;
  });
  if (doc.activities && doc.activities.length > 0) {
    out.activities = doc.activities.map((a) => {
      const o = { id: a.id } as Activity;
      put(o, 'label', a.label);
      o.kind = a.kind;
      put(o, 'year', a.year);
      put(o, 'endYear', a.endYear);
      o.participants = [...a.participants];
      put(o, 'attributes', sortedAttributes(a.attributes));
      return o;
    });
  }
  if (doc.profile) {
    const p = doc.profile;
    const o = { name: p.name, form: p.form } as ClusterProfile;
    o.coordinators = [...p.coordinators];
    o.staffFte = p.staffFte.map((y) => ({ year: y.year, value: y.value }));
    o.funding = p.funding.map((f) => ({ source: f.source, type: f.type, year: f.year, eur: f.eur }));
    o.activitiesPerYear = p.activitiesPerYear.map((y) => ({ year: y.year, value: y.value }));
    o.focusAreas = [...p.focusAreas];
    o.sections = [...p.sections];
    put(o, 'attributes', sortedAttributes(p.attributes));
    out.profile = o;
  }
  return out;
}

/** The HelixLab JSON text of a network: stable key order, 2-space indent, trailing newline. */
export function writeNetworkJson(net: Network): string {
  return JSON.stringify(canonicalDocument(networkToDocument(net)), null, 2) + '\n';
}
