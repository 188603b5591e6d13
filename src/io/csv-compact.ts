/**
 * Streaming reader of HelixLab CSV tables (a nodes table and an edges table) into a
 * {@link CompactNetwork}: text is fed in chunks of any size, records are tokenized as they complete
 * and checked at once, and actors and ties go into typed arrays, so memory grows with the network
 * (about 30 bytes a tie), not with the file. `helixlab info` and `analyze` use it for large CSV
 * input (`src/node/compact.ts`); smaller input and every other format go through `parseCsvNetwork`.
 * Browser-safe: it takes text, not files.
 *
 * The rules are those of `parseCsvNetwork` and `finishDocument` (`src/io/csv.ts`,
 * `src/io/validate.ts`): the same columns, cell trimming, formula unescaping, number and year rules,
 * the same diagnostics (code, file, line, field, message), every problem of a row reported with it.
 * The order of the diagnostics can differ: this reader reports a row's problems when it reads the
 * row, the other reader by kind (table problems, then actors, then ties). An unclosed quote is
 * reported at the line where the quoted field opens (csv-parse reports the end of the file). An
 * affiliations table is not read here (the caller uses the other reader).
 *
 * Tokenizing (as csv-parse with the options of `src/io/csv.ts`): fields may be quoted ("...", ""
 * for a quote, line breaks inside); spaces (and tabs, unless the separator is a tab) around fields
 * are trimmed; `\n`, `\r\n` and `\r` end a record outside quotes; blank records are skipped; a quote
 * inside an unquoted field or text after a closing quote is a syntax error. Line numbers are
 * physical lines (`\n`, `\r\n` or `\r` outside quotes, `\n` inside).
 *
 * Indexing: the typed arrays are sized by their capacity and written below the counts; the `!` on
 * element reads (required by `noUncheckedIndexedAccess`) marks reads below those counts.
 */
import { DiagnosticCollector, didYouMean, editDistance, type Diagnostic } from '../model/errors.js';
import type { CompactColumn, CompactNetwork } from '../model/compact.js';
import { HELIX_ROLES, TIE_KINDS, type HelixRole } from '../model/types.js';
import { unescapeFormulaCell } from '../util/csv.js';
import { CSV_ERROR_TEXT, EDGE_COLUMNS, NODE_COLUMNS, NUMBER_STRICT, numberCell, sepName, sniffCsvHeader } from './csv.js';

/** A number with a decimal comma, as csv.ts types free columns of `;`-separated tables. */
const NUMBER_STRICT_COMMA = /^-?(?:0|[1-9]\d*)(?:,\d+)?$/;
import type { FormatOptions } from './formats.js';
import { checkHelixMap, lookupHelix } from './helix-map.js';
import { RESERVED_KEYS, YEAR_MAX, YEAR_MIN, applyHelixMap, reservedKeyMessage, suggestion, weightProblem } from './validate.js';

// ---------------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------------

/** A syntax error of the tokenizer (csv-parse's code, for the same message). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly code: string,
    readonly line: number,
  ) {
    super(CSV_ERROR_TEXT[code] ?? 'CSV syntax error');
  }
}

/**
 * Splits text fed in chunks into records: `onRecord(cells, line)` for each complete record (cells
 * trimmed, not yet unescaped), `line` the physical line it starts on. Throws {@link CsvSyntaxError}.
 */
export class CsvTokenizer {
  private carry = '';
  private line = 1;
  private readonly trimTab: boolean;
  private readonly sep: number;

  constructor(
    separator: string,
    private readonly onRecord: (cells: string[], line: number) => void,
  ) {
    this.sep = separator.charCodeAt(0);
    this.trimTab = separator !== '\t';
  }

  /** Feed the next chunk of text; `final` at the end of the input. */
  feed(chunk: string, final = false): void {
    const s = this.carry === '' ? chunk : this.carry + chunk;
    const n = s.length;
    let pos = 0;
    while (pos < n) {
      const startLine = this.line;
      const r = this.record(s, pos, final);
      if (r === undefined) break; // incomplete: wait for more text
      pos = r.next;
      this.line = r.line;
      if (r.cells.length === 1 && r.cells[0] === '' && !r.quoted) continue; // a blank line
      if (r.cells.every((c) => c === '')) continue; // a record of empty values
      this.onRecord(r.cells, startLine);
    }
    this.carry = pos < n ? s.slice(pos) : '';
    if (final && this.carry !== '') throw new Error('CsvTokenizer: text left after the end');
  }

  private isTrim(c: number): boolean {
    return c === 32 || (c === 9 && this.trimTab);
  }

  /** One record from `pos`, or undefined when the text ends inside it (and more may come). */
  private record(s: string, pos: number, final: boolean): { cells: string[]; next: number; line: number; quoted: boolean } | undefined {
    const n = s.length;
    const cells: string[] = [];
    let line = this.line;
    let i = pos;
    let quoted = false;
    for (;;) {
      while (i < n && this.isTrim(s.charCodeAt(i))) i++;
      if (i < n && s.charCodeAt(i) === 34) {
        quoted = true;
        const openLine = line;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q < 0) {
            if (!final) return undefined;
            throw new CsvSyntaxError('CSV_QUOTE_NOT_CLOSED', openLine);
          }
          for (let k = s.indexOf('\n', j); k >= 0 && k < q; k = s.indexOf('\n', k + 1)) line++;
          value += s.slice(j, q);
          if (q + 1 >= n && !final) return undefined; // "" might go on in the next chunk
          if (s.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        while (i < n && this.isTrim(s.charCodeAt(i))) i++;
        cells.push(value);
        if (i >= n) {
          if (!final) return undefined;
          return { cells, next: i, line, quoted };
        }
        const c = s.charCodeAt(i);
        if (c === this.sep) {
          i++;
          continue;
        }
        if (c === 10 || c === 13) return this.end(s, i, cells, line, quoted, final);
        throw new CsvSyntaxError('CSV_INVALID_CLOSING_QUOTE', line);
      }
      let j = i;
      for (; j < n; j++) {
        const c = s.charCodeAt(j);
        if (c === this.sep || c === 10 || c === 13) break;
        if (c === 34) throw new CsvSyntaxError('CSV_INVALID_OPENING_QUOTE', line);
      }
      if (j >= n && !final) return undefined;
      let e = j;
      while (e > i && this.isTrim(s.charCodeAt(e - 1))) e--;
      cells.push(s.slice(i, e));
      if (j >= n) return { cells, next: j, line, quoted };
      if (s.charCodeAt(j) === this.sep) {
        i = j + 1;
        continue;
      }
      return this.end(s, j, cells, line, quoted, final);
    }
  }

  /** The line end at `i` (`\n`, `\r\n` or `\r`). */
  private end(s: string, i: number, cells: string[], line: number, quoted: boolean, final: boolean) {
    if (s.charCodeAt(i) === 13) {
      if (i + 1 >= s.length && !final) return undefined; // a \r\n may be split between chunks
      return { cells, next: s.charCodeAt(i + 1) === 10 ? i + 2 : i + 1, line: line + 1, quoted };
    }
    return { cells, next: i + 1, line: line + 1, quoted };
  }
}

// ---------------------------------------------------------------------------------------------
// Growable typed arrays
// ---------------------------------------------------------------------------------------------

class Grow<T extends Int32Array | Float64Array | Float32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(Math.max(16, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The values, in an array of exactly their length. */
  done(): T {
    return this.length === this.data.length ? this.data : (this.data.slice(0, this.length) as T);
  }
}

/** A text column being read: values interned, typing tracked (see {@link CompactColumn}). */
class ColumnBuilder {
  readonly codes: Grow<Int32Array>;
  private readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private allNumbers = true;
  private allNumbersComma = true;
  private allBooleans = true;
  private any = false;
  constructor(
    readonly name: string,
    capacity: number,
  ) {
    this.codes = new Grow(new Int32Array(capacity), (n) => new Int32Array(n));
  }
  push(v: string | undefined): void {
    if (v === undefined) {
      this.codes.push(-1);
      return;
    }
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.index.set(v, c);
      this.any = true;
      if (this.allNumbers && !NUMBER_STRICT.test(v)) this.allNumbers = false;
      if (this.allNumbersComma && !NUMBER_STRICT.test(v) && !NUMBER_STRICT_COMMA.test(v)) this.allNumbersComma = false;
      if (this.allBooleans && !/^(true|false)$/i.test(v)) this.allBooleans = false;
    }
    this.codes.push(c);
  }
  /** The column; `decimalComma`: numbers such as `0,5` count (a `;`-separated table, as in csv.ts). */
  done(asText = false, decimalComma = false): CompactColumn {
    const type =
      asText || !this.any
        ? 'text'
        : this.allNumbers
          ? 'number'
          : decimalComma && this.allNumbersComma
            ? 'number-comma'
            : this.allBooleans
              ? 'boolean'
              : 'text';
    return { name: this.name, codes: this.codes.done(), values: this.values, type };
  }
}

// ---------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------

const MAX_SUGGEST_IDS = 5000;

function describe(v: unknown): string {
  if (typeof v === 'string') return `the text '${v}'`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : `the number ${v}`;
  return String(v);
}

/** Options of {@link CompactCsvReader}. */
export interface CompactReadOptions extends FormatOptions {
  /** Expected number of ties (e.g. from the file size), to size the arrays once. */
  tiesHint?: number;
  /** Expected number of actors. */
  actorsHint?: number;
  /** The file that diagnostics without one of their own name (the nodes table, as in `parseCsvNetwork`). */
  file?: string;
}

/** Where a sink's table is in the file set: its file name and kind. */
export type CompactTableKind = 'nodes' | 'edges';

/**
 * Reads a nodes table, then an edges table, fed as text chunks ({@link table}), into a
 * {@link CompactNetwork} ({@link finish}). Diagnostics go to {@link collector}; `finish` throws an
 * `InputError` when there are errors.
 */
export class CompactCsvReader {
  readonly collector: DiagnosticCollector;
  private readonly seen = new Set<string>();
  // actors
  private readonly ids: string[] = [];
  private readonly labels: string[] = [];
  private readonly idIndex = new Map<string, number>();
  private readonly idLine: number[] = [];
  private helix: Grow<Uint8Array>;
  private joined: Grow<Float64Array>;
  private subtype: ColumnBuilder;
  private sector: ColumnBuilder;
  private region: ColumnBuilder;
  private extras: ColumnBuilder[] = [];
  /** The nodes table is `;`-separated: its free columns may hold decimal commas. */
  private nodesDecimalComma = false;
  /** Member-survey ties (kind `survey`): count, years, and the `reciprocal` column's values. */
  private readonly survey = { ties: 0, years: new Set<number>(), answered: 0, reciprocal: 0, reciprocalBoolean: true };
  private nodesRead = false;
  // ties
  private source: Grow<Int32Array>;
  private target: Grow<Int32Array>;
  private weight: Grow<Float64Array>;
  private since: Grow<Float64Array>;

  constructor(private readonly opts: CompactReadOptions = {}) {
    this.collector = new DiagnosticCollector(opts.file, opts.maxErrors ?? 100);
    const na = Math.max(16, opts.actorsHint ?? 1024);
    const nt = Math.max(16, opts.tiesHint ?? 4096);
    this.helix = new Grow(new Uint8Array(na), (n) => new Uint8Array(n));
    this.joined = new Grow(new Float64Array(na), (n) => new Float64Array(n));
    this.subtype = new ColumnBuilder('subtype', na);
    this.sector = new ColumnBuilder('sector', na);
    this.region = new ColumnBuilder('region', na);
    this.source = new Grow(new Int32Array(nt), (n) => new Int32Array(n));
    this.target = new Grow(new Int32Array(nt), (n) => new Int32Array(n));
    this.weight = new Grow(new Float64Array(nt), (n) => new Float64Array(n));
    this.since = new Grow(new Float64Array(nt), (n) => new Float64Array(n));
  }

  /** An error, once per place (file, line, field), as `finishDocument`'s reporter does. */
  private error(code: string, message: string, file: string, line: number, field?: string): void {
    if (this.collector.full) {
      this.collector.add({ severity: 'error', code, message, file, line });
      return;
    }
    const key = `${file}\u0000${line}\u0000${field ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const d: Omit<Diagnostic, 'file'> & { file: string } = { severity: 'error', code, message, file, line };
    if (field !== undefined) d.field = field;
    this.collector.add(d);
  }

  private warn(code: string, message: string, file: string, line: number, field?: string): void {
    const d: Omit<Diagnostic, 'file'> & { file: string } = { severity: 'warning', code, message, file, line };
    if (field !== undefined) d.field = field;
    this.collector.add(d);
  }

  /**
   * Start reading a table of `kind` from `file`; feed its text to the returned function (the last
   * call with `final` true). The nodes table must be read before the edges table.
   */
  table(kind: CompactTableKind, file: string): (chunk: string, final?: boolean) => void {
    if (kind === 'edges' && !this.nodesRead) throw new Error('CompactCsvReader: read the nodes table first');
    let tokenizer: CsvTokenizer | undefined;
    let first = true;
    let empty = true;
    let onRow: ((cells: string[], line: number) => void) | undefined;
    let header: string[] | undefined;
    let separator = ',';
    const expected = kind === 'nodes' ? NODE_COLUMNS : EDGE_COLUMNS;
    let stopped = false;
    let pending = '';
    return (chunk: string, final = false) => {
      if (stopped) return;
      let text = chunk;
      if (first) {
        // wait for the whole header line: the separator is told from it
        pending += text;
        if (!final && !/[\r\n]/.test(pending)) return;
        text = pending;
        pending = '';
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
        const sniff = sniffCsvHeader(text);
        if (text.trim() !== '' && (sniff.wrongSeparator !== undefined || sniff.separator === undefined)) {
          this.error(
            'wrong-separator',
            `wrong separator: the header is one column split by ${sepName(sniff.wrongSeparator ?? '?')}; use ',', ';' or tab between columns (expected e.g. ${expected.join(',')})`,
            file,
            1,
          );
          stopped = true;
          if (kind === 'nodes') this.nodesRead = true;
          return;
        }
        separator = sniff.separator ?? ',';
        tokenizer = new CsvTokenizer(separator, (raw, line) => {
          if (stopped) return;
          empty = false;
          const cells = raw.map(unescapeFormulaCell);
          if (header === undefined) {
            header = cells;
            onRow = this.header(kind, file, cells, line, separator);
            if (onRow === undefined) stopped = true;
            return;
          }
          if (cells.length !== header.length) {
            this.error(
              'field-count',
              `expected ${header.length} fields separated by ${sepName(separator)} (as in the header), found ${cells.length}`,
              file,
              line,
            );
            return;
          }
          onRow!(cells, line);
        });
      }
      try {
        if (tokenizer && !stopped) tokenizer.feed(text, final);
      } catch (e) {
        if (!(e instanceof CsvSyntaxError)) throw e;
        this.error('csv-syntax', e.message, file, e.line);
        stopped = true;
      }
      if (final) {
        if (empty && !stopped) this.error('empty-file', `empty file: expected a header line such as ${expected.join(',')}`, file, 1);
        if (kind === 'nodes') this.nodesRead = true;
      }
    };
  }

  /** Give up a table that cannot be read (its bytes are bad; reported by the caller). */
  abandon(kind: CompactTableKind): void {
    if (kind === 'nodes') this.nodesRead = true;
  }

  /** Check a header; returns the row handler, or undefined when the table cannot be read. */
  private header(
    kind: CompactTableKind,
    file: string,
    cells: string[],
    line: number,
    separator: string,
  ): ((cells: string[], line: number) => void) | undefined {
    const header = cells.map((h) => h.trim());
    const index = new Map<string, number>();
    header.forEach((h, k) => {
      const key = h.toLowerCase();
      if (h === '') this.error('bad-header', `column ${k + 1} has no name`, file, line);
      else if (RESERVED_KEYS.has(h)) this.error('reserved-key', `column ${k + 1}: ${reservedKeyMessage(h)}`, file, line, h);
      else if (index.has(key)) this.error('bad-header', `column '${h}' appears twice in the header`, file, line, h);
      else index.set(key, k);
    });
    const helixCol = (this.opts.helixAttr ?? 'helix').toLowerCase();
    const required = kind === 'nodes' ? ['id', this.opts.helixAttr ?? 'helix'] : ['source', 'target'];
    let ok = true;
    for (const r of required) {
      if (!index.has(r.toLowerCase())) {
        ok = false;
        this.collector.add({
          severity: 'error',
          code: 'missing-column',
          message: `missing column '${r}'${suggestion(r, header)}; the header has: ${header.join(', ')}`,
          file,
          line: 1,
          field: r,
        });
      }
    }
    if (!ok) return undefined;
    const col = (name: string) => index.get(name);
    const coreNames: readonly string[] =
      kind === 'edges' ? EDGE_COLUMNS : helixCol === 'helix' ? NODE_COLUMNS : [...NODE_COLUMNS.filter((x) => x !== 'helix'), helixCol];
    const usedNames: readonly string[] =
      kind === 'edges' ? EDGE_COLUMNS : ['id', helixCol, 'label', 'subtype', 'sector', 'region', 'joined'];
    const used = new Set(usedNames.map((x) => col(x)).filter((x): x is number => x !== undefined));
    // lookalike columns (warnings), as warnLookalikes in csv.ts
    const lookalikeCore = kind === 'nodes' ? NODE_COLUMNS : EDGE_COLUMNS;
    header.forEach((h, k) => {
      if (used.has(k) || h === '') return;
      const s = didYouMean(h, lookalikeCore);
      if (s !== undefined && s.toLowerCase() !== h.toLowerCase() && editDistance(h.toLowerCase(), s.toLowerCase()) <= 2) {
        this.warn('lookalike-column', `column '${h}' is kept as a free attribute (did you mean '${s}'?)`, file, 1, h);
      }
    });
    const cell = (row: string[], k: number | undefined): string | undefined => {
      if (k === undefined) return undefined;
      const v = row[k];
      return v === undefined || v === '' ? undefined : v;
    };
    if (kind === 'nodes') {
      this.nodesDecimalComma = separator === ';';
      const coreLower = new Set(coreNames.map((x) => x.toLowerCase()));
      const extraCols: number[] = [];
      header.forEach((h, k) => {
        if (h === '' || used.has(k) || coreLower.has(h.toLowerCase())) return;
        if (index.get(h.toLowerCase()) !== k) return;
        extraCols.push(k);
        this.extras.push(new ColumnBuilder(h, this.opts.actorsHint ?? 1024));
      });
      const kId = col('id');
      const kHelix = col(helixCol);
      const kLabel = col('label');
      const kSub = col('subtype');
      const kSec = col('sector');
      const kReg = col('region');
      const kJoined = col('joined');
      const helixHeader = kHelix !== undefined ? header[kHelix]! : 'helix';
      const map = checkHelixMap(this.opts.helixMap);
      return (row, rowLine) => {
        const id = cell(row, kId);
        // actor id
        let index = -1;
        if (id === undefined) this.error('missing-field', 'missing actor id', file, rowLine, 'id');
        else {
          const firstAt = this.idIndex.get(id);
          if (firstAt !== undefined) {
            this.error('duplicate-id', `duplicate actor id '${id}' (first defined on line ${this.idLine[firstAt]})`, file, rowLine, 'id');
          } else {
            index = this.ids.length;
            this.idIndex.set(id, index);
            this.idLine.push(rowLine);
          }
        }
        // helix role
        const raw = cell(row, kHelix);
        let role: HelixRole | undefined;
        if (raw === undefined) {
          this.error('missing-field', `missing helix role; expected one of ${HELIX_ROLES.join(', ')}`, file, rowLine, helixHeader);
        } else {
          const look = lookupHelix(raw, map);
          role = look.ok ? look.role : undefined;
          const mapped = applyHelixMap(raw, this.opts.helixMap);
          if (role === undefined) {
            this.error(
              'unknown-helix',
              `unknown helix role '${mapped}'${suggestion(mapped, HELIX_ROLES)}; expected one of ${HELIX_ROLES.join(', ')}`,
              file,
              rowLine,
              helixHeader,
            );
          }
        }
        // joined
        const joined = numberCell(cell(row, kJoined), { decimalComma: separator === ';' });
        const joinedOk = this.year(joined, file, rowLine, 'joined');
        if (index < 0) return; // a duplicate or missing id: not an actor of the network
        this.ids.push(id!);
        this.labels.push(cell(row, kLabel) ?? id!);
        this.helix.push(role === undefined ? 0 : HELIX_ROLES.indexOf(role));
        this.joined.push(joinedOk && typeof joined === 'number' ? joined : NaN);
        this.subtype.push(cell(row, kSub));
        this.sector.push(cell(row, kSec));
        this.region.push(cell(row, kReg));
        for (let e = 0; e < extraCols.length; e++) this.extras[e]!.push(cell(row, extraCols[e]));
      };
    }
    const kS = col('source');
    const kT = col('target');
    const kKind = col('kind');
    const kW = col('weight');
    const kSince = col('since');
    const kUntil = col('until');
    const ids = this.ids;
    const missingActor = (id: string, what: string): string =>
      `${what} '${id}' is not an actor${ids.length <= MAX_SUGGEST_IDS ? suggestion(id, ids) : ''}`;
    // the free column `reciprocal` of member-survey ties (summarised by `info`, see summary.ts)
    const kRecip = header.indexOf('reciprocal') >= 0 && !used.has(header.indexOf('reciprocal')) ? header.indexOf('reciprocal') : undefined;
    const survey = this.survey;
    return (row, rowLine) => {
      if (kRecip !== undefined) {
        const r = cell(row, kRecip);
        if (r !== undefined && !/^(true|false)$/i.test(r)) survey.reciprocalBoolean = false;
      }
      const s = cell(row, kS);
      const t = cell(row, kT);
      if (s === undefined) this.error('missing-field', 'missing tie source', file, rowLine, 'source');
      if (t === undefined) this.error('missing-field', 'missing tie target', file, rowLine, 'target');
      const si = s === undefined ? undefined : this.idIndex.get(s);
      const ti = t === undefined ? undefined : this.idIndex.get(t);
      if (s !== undefined && si === undefined) this.error('missing-node', missingActor(s, 'tie source'), file, rowLine, 'source');
      if (t !== undefined && ti === undefined) this.error('missing-node', missingActor(t, 'tie target'), file, rowLine, 'target');
      if (s !== undefined && t !== undefined && s === t) {
        this.warn('self-loop', `tie from '${s}' to itself (self-loop; metrics ignore it)`, file, rowLine, 'target');
      }
      const kind = cell(row, kKind);
      if (kind !== undefined && !(TIE_KINDS as readonly string[]).includes(kind)) {
        this.error(
          'unknown-kind',
          `unknown tie kind '${kind}'${suggestion(kind, TIE_KINDS)}; expected one of ${TIE_KINDS.join(', ')}`,
          file,
          rowLine,
          'kind',
        );
      }
      const w = numberCell(cell(row, kW), { decimalComma: separator === ';' });
      let weightOk = true;
      if (w !== undefined) {
        const problem = weightProblem(w);
        weightOk = problem === undefined;
        if (problem !== undefined) this.error('bad-weight', problem, file, rowLine, 'weight');
      }
      const since = numberCell(cell(row, kSince), { decimalComma: separator === ';' });
      const until = numberCell(cell(row, kUntil), { decimalComma: separator === ';' });
      const okSince = this.year(since, file, rowLine, 'since');
      const okUntil = this.year(until, file, rowLine, 'until');
      if (okSince && okUntil && typeof since === 'number' && typeof until === 'number' && since > until) {
        this.error('since-after-until', `since ${since} is after until ${until}`, file, rowLine, 'since');
      }
      if (si === undefined || ti === undefined || !weightOk || this.collector.errorCount > 0) return;
      this.source.push(si);
      this.target.push(ti);
      this.weight.push(typeof w === 'number' ? w : 1);
      this.since.push(typeof since === 'number' ? since : NaN);
      if (kind === 'survey') {
        survey.ties++;
        if (typeof since === 'number') survey.years.add(since);
        const r = cell(row, kRecip);
        if (r !== undefined && /^(true|false)$/i.test(r)) {
          survey.answered++;
          if (r.toLowerCase() === 'true') survey.reciprocal++;
        }
      }
    };
  }

  /** `checkYear` of validate.ts: true when absent or a plausible whole-number year. */
  private year(value: number | string | undefined, file: string, line: number, field: string): boolean {
    if (value === undefined) return true;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.error('bad-year', `expected a year (a whole number), found ${describe(value)}`, file, line, field);
      return false;
    }
    if (!Number.isInteger(value)) {
      this.error('bad-year', `expected a whole-number year, found ${value}`, file, line, field);
      return false;
    }
    if (value < YEAR_MIN || value > YEAR_MAX) {
      this.error('bad-year', `year ${value} is outside ${YEAR_MIN}..${YEAR_MAX} (a typo?)`, file, line, field);
      return false;
    }
    return true;
  }

  /** The network read (throws an `InputError` with every problem when there are errors). */
  finish(): CompactNetwork {
    this.collector.throwIfErrors();
    const m = this.source.length;
    return {
      n: this.ids.length,
      ids: this.ids,
      labels: this.labels,
      helix: this.helix.done(),
      subtype: this.subtype.done(true),
      sector: this.sector.done(true),
      region: this.region.done(true),
      joined: this.joined.done(),
      extras: this.extras.map((e) => e.done(false, this.nodesDecimalComma)),
      m,
      source: this.source.done(),
      target: this.target.done(),
      weight: this.weight.done(),
      since: this.since.done(),
      ...(this.survey.ties > 0
        ? {
            survey: {
              ties: this.survey.ties,
              years: [...this.survey.years].sort((x, y) => x - y),
              // the column is true/false (an attribute of every tie) only when all its values are
              bothResponded: this.survey.reciprocalBoolean ? this.survey.answered : 0,
              reciprocal: this.survey.reciprocalBoolean ? this.survey.reciprocal : 0,
            },
          }
        : {}),
    };
  }

  /** The warnings so far. */
  get warnings(): Diagnostic[] {
    return this.collector.warnings;
  }
}
