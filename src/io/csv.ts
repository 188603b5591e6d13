/**
 * The HelixLab CSV format: a nodes table, an optional edges table and an optional affiliations
 * table (two-mode data). Reader and writer; browser-safe (csv-parse / csv-stringify browser builds).
 *
 * nodes.csv         id,label,helix,subtype,sector,region,joined  + extra columns (free attributes)
 * edges.csv         source,target,weight,kind,since,until         + extra columns (tie attributes)
 * affiliations.csv  actor,activity,kind,year,endYear,label        + extra columns (activity attributes)
 *
 * Rules (also in docs/formats.md):
 * - The separator is `,`, `;` or tab, detected from the header line (the most frequent of the three
 *   outside quotes). A header with none of them but with `|`, `:` or spaces between names is reported
 *   as "wrong separator". Fields may be quoted ("..." with "" for a quote) and may span lines.
 * - Column names are matched without regard to case or surrounding spaces; extra columns keep their
 *   name. Required: nodes `id` and `helix` (or the column named by `helixAttr`); edges `source`,
 *   `target`; affiliations `actor`, `activity`. A missing label is the id; a missing weight is 1;
 *   a missing activity kind is `project`. Cells are trimmed; empty cells mean "not given".
 * - Helix roles are read leniently (unlike JSON): case, blanks, underscores and `&` are normalised
 *   (`Research & Education` → `research-education`), after the `helixMap` if one is given.
 * - Core numeric fields (weight, joined, since, until, year, endYear) accept numbers such as `2`,
 *   `0.5`, `1e3`; with the `;` separator a decimal comma (`0,5`) is accepted too.
 * - Extra columns: a column becomes numbers only when EVERY non-empty cell of it is a plain
 *   number (`-12`, `3.5`, `1e3`; no leading zeros such as `00100`, which stay text); it becomes
 *   true/false only when every non-empty cell is `true` or `false`; otherwise every cell is text.
 *   Empty cells leave the attribute out (so a JSON `null` attribute does not survive CSV).
 * - Affiliations: one row per (actor, activity); the activity's kind/year/endYear/label/attributes
 *   may be given on any of its rows but must agree; a row with an empty actor declares an activity
 *   without participants.
 * - Line numbers are physical lines of the file (the header is line 1).
 * - CSV holds neither the document's name/description/source nor the cluster profile.
 *
 * Size: over 500 lines because the reader checks every column, row and cross-table reference of
 * three tables with located messages; reader and writer of one format stay together.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { csvPreamble, csvRows, unescapeFormulaCell, type Cell, type CsvDialect, type CsvWriteOptions } from '../util/csv.js';
import type { Activity, ActivityKind, Actor, Attributes, AttributeValue, Network, NetworkDocument, Tie, TieKind } from '../model/types.js';
import { DiagnosticCollector, didYouMean, editDistance } from '../model/errors.js';
import { networkToDocument } from '../model/network.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import {
  RESERVED_KEYS,
  applyHelixMap,
  finishDocument,
  parseNumberText,
  reservedKeyMessage,
  suggestion,
  type Location,
} from './validate.js';
import { canonicalDocument } from './json.js';
import { DefaultRoleTally, checkHelixMap, defaultRoleOf, lookupHelix } from './helix-map.js';

export type CsvTableKind = 'nodes' | 'edges' | 'affiliations';

export const NODE_COLUMNS = ['id', 'label', 'helix', 'subtype', 'sector', 'region', 'joined'] as const;
export const EDGE_COLUMNS = ['source', 'target', 'weight', 'kind', 'since', 'until'] as const;
export const AFFILIATION_COLUMNS = ['actor', 'activity', 'kind', 'year', 'endYear', 'label'] as const;

const SEPARATORS = [',', ';', '\t'] as const;
const WRONG_SEPARATORS = ['|', ':', ' '] as const;

export function sepName(s: string): string {
  return s === '\t' ? 'tab' : s === ' ' ? 'space' : `'${s}'`;
}

function firstLine(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nl = t.search(/\r?\n|\r/);
  return nl < 0 ? t : t.slice(0, nl);
}

function countOutsideQuotes(line: string, ch: string): number {
  let inQ = false;
  let c = 0;
  for (const x of line) {
    if (x === '"') inQ = !inQ;
    else if (!inQ && x === ch) c++;
  }
  return c;
}

/** What the header line says: the separator and the column names (unquoted, trimmed). */
export interface CsvHeaderSniff {
  separator: string | undefined;
  columns: string[];
  /** When the header is one long column split by another character. */
  wrongSeparator?: string;
}

/** Detect the separator and the columns from the first line of `text`. */
export function sniffCsvHeader(text: string): CsvHeaderSniff {
  const line = firstLine(text);
  let best: string | undefined;
  let bestCount = 0;
  for (const s of SEPARATORS) {
    const c = countOutsideQuotes(line, s);
    if (c > bestCount) {
      best = s;
      bestCount = c;
    }
  }
  const split = (sep: string) =>
    line.split(sep).map((c) =>
      c
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    );
  if (best !== undefined) return { separator: best, columns: split(best) };
  for (const w of WRONG_SEPARATORS) {
    const trimmed = line.trim();
    if (w === ' ' ? /\S\s+\S/.test(trimmed) : countOutsideQuotes(trimmed, w) > 0) {
      return { separator: undefined, columns: [line.trim()], wrongSeparator: w };
    }
  }
  return { separator: ',', columns: split(',') };
}

/** Which table a CSV file is, from its header columns (undefined when it is none of them). */
export function csvTableKind(text: string, opts: FormatOptions = {}): CsvTableKind | undefined {
  return tableKindOfHeader(sniffCsvHeader(text).columns, opts);
}

/** Which table a header row makes (nodes, edges, affiliations), or undefined. */
export function tableKindOfHeader(columns: readonly string[], opts: FormatOptions = {}): CsvTableKind | undefined {
  const cols = columns.map((c) => c.trim().toLowerCase());
  const has = (c: string) => cols.includes(c.toLowerCase());
  if (has('source') && has('target')) return 'edges';
  if (has('actor') && has('activity')) return 'affiliations';
  if (has('id') && (has(opts.helixAttr ?? 'helix') || has('helix'))) return 'nodes';
  if (has('id')) return 'nodes';
  return undefined;
}

interface Row {
  cells: string[];
  line: number;
}

/**
 * A table that is not CSV text: the rows of a spreadsheet sheet (`src/io/sheets.ts`), cells as text,
 * each with its row number (`line`); the first row is the header. `name` is what messages call it.
 */
export interface RowTable {
  name: string;
  rows: Array<{ cells: string[]; line: number }>;
}

/** A table to read: CSV text, or rows from a spreadsheet. */
export type TableSource = InputFile | RowTable;

interface Table {
  file: string;
  separator: string;
  /** Numbers may have a decimal comma (`;`-separated CSV, spreadsheets). */
  decimalComma: boolean;
  header: string[];
  /** Lower-cased header name → column index. */
  index: Map<string, number>;
  rows: Row[];
}

export const NUMBER_STRICT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export const CSV_ERROR_TEXT: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed (missing closing ")',
  CSV_INVALID_CLOSING_QUOTE: 'unexpected character after a closing quote (use "" for a quote inside a quoted field)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'unexpected character after a closing quote (use "" for a quote inside a quoted field)',
  CSV_INVALID_OPENING_QUOTE: 'a quote inside an unquoted field (quote the whole field and double the quote: "")',
};

/**
 * csv-parse's browser build turns a string into bytes with a slow Buffer polyfill; where a native
 * Buffer exists (Node) hand it the native bytes instead (about 5x faster on large tables).
 */
function toParserInput(text: string): string {
  const native = (globalThis as { Buffer?: { from(s: string, enc: string): unknown } }).Buffer;
  return (native ? native.from(text, 'utf8') : text) as string;
}

const PARSE_OPTIONS = {
  record_delimiter: '\n',
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
  trim: true,
} as const;

/**
 * Start line of every record csv-parse will return, by a scan of the text that follows quotes
 * (a newline inside quotes does not end a record) and leaves out records without any value, as
 * csv-parse's skip options do. Cheaper than csv-parse's per-record `info` objects.
 */
function recordStartLines(text: string, separator: string): number[] {
  const out: number[] = [];
  const sep = separator.charCodeAt(0);
  let line = 1;
  let start = 1;
  let inQuotes = false;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) {
      inQuotes = !inQuotes;
    } else if (ch === 10) {
      if (!inQuotes) {
        if (content) out.push(start);
        content = false;
        start = line + 1;
      }
      line++;
    } else if (ch !== sep && ch !== 32 && ch !== 9) {
      content = true;
    }
  }
  if (content) out.push(start);
  return out;
}

/**
 * The records of a table with the physical line each starts on (text with `\n` line ends). Fast
 * path: csv-parse without per-record info, lines from {@link recordStartLines}; when the two
 * disagree on the number of records (unusual quoting), csv-parse's own `info` and `raw` decide.
 */
function parseRows(text: string, separator: string): Row[] {
  const records = parse(toParserInput(text), { ...PARSE_OPTIONS, delimiter: separator }) as string[][];
  const starts = recordStartLines(text, separator);
  if (starts.length === records.length) return records.map((cells, k) => ({ cells, line: starts[k]! }));
  const detailed = parse(toParserInput(text), { ...PARSE_OPTIONS, delimiter: separator, info: true, raw: true }) as unknown as Array<{
    record: string[];
    raw: string;
    info: { lines: number };
  }>;
  return detailed.map((r) => {
    const body = r.raw.replace(/^(?:[ \t]*\n)+/, '').replace(/\n$/, '');
    let nl = 0;
    for (let k = 0; k < body.length; k++) if (body.charCodeAt(k) === 10) nl++;
    return { cells: r.record, line: r.info.lines - nl };
  });
}

/**
 * `\r\n` and `\r` line ends outside quoted fields become `\n`; inside quotes a `\r` is part of the
 * value and stays (HelixLab writes such a value quoted, so it reads back as it was).
 */
export function normaliseLineEnds(text: string): string {
  if (text.indexOf('\r') < 0) return text;
  let out = '';
  let from = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 13 && !inQuotes) {
      out += text.slice(from, i) + '\n';
      from = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      if (from === i + 2) i++;
    }
  }
  return out + text.slice(from);
}

/** The rows of a spreadsheet as a table: the first row is the header; cells past the header's last column must be empty. */
function tableFromRows(src: RowTable, kind: CsvTableKind, c: DiagnosticCollector): Table | undefined {
  const expected = kind === 'nodes' ? NODE_COLUMNS : kind === 'edges' ? EDGE_COLUMNS : AFFILIATION_COLUMNS;
  const rows = src.rows.filter((r) => r.cells.some((x) => x.trim() !== ''));
  const headerRow = rows.shift();
  if (!headerRow) {
    c.add({
      severity: 'error',
      code: 'empty-file',
      message: `empty sheet: expected a header row such as ${expected.join(', ')}`,
      file: src.name,
      line: 1,
    });
    return undefined;
  }
  let width = headerRow.cells.length;
  while (width > 0 && headerRow.cells[width - 1]!.trim() === '') width--;
  const header = headerRow.cells.slice(0, width).map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, k) => {
    const key = h.toLowerCase();
    if (h === '')
      c.add({ severity: 'error', code: 'bad-header', message: `column ${k + 1} has no name`, file: src.name, line: headerRow.line });
    else if (RESERVED_KEYS.has(h)) {
      c.add({
        severity: 'error',
        code: 'reserved-key',
        message: `column ${k + 1}: ${reservedKeyMessage(h)}`,
        file: src.name,
        line: headerRow.line,
        field: h,
      });
    } else if (index.has(key)) {
      c.add({
        severity: 'error',
        code: 'bad-header',
        message: `column '${h}' appears twice in the header`,
        file: src.name,
        line: headerRow.line,
        field: h,
      });
    } else index.set(key, k);
  });
  const good: Row[] = [];
  for (const r of rows) {
    const extra = r.cells.findIndex((x, k) => k >= width && x.trim() !== '');
    if (extra >= 0) {
      c.add({
        severity: 'error',
        code: 'field-count',
        message: `a value in column ${extra + 1}, which has no header (the header has ${width} columns)`,
        file: src.name,
        line: r.line,
        field: `#${extra + 1}`,
      });
      continue;
    }
    const cells = r.cells.slice(0, width).map((x) => x.trim());
    while (cells.length < width) cells.push('');
    good.push({ cells, line: r.line });
  }
  return { file: src.name, separator: ';', decimalComma: true, header, index, rows: good };
}

/**
 * The rows of a CSV text as a {@link RowTable} (header row included; `,` `;` or tab told from the
 * header; quoted fields may span lines; empty lines skipped; line numbers physical), for readers of
 * free tables such as the member-survey roster. Problems go into `c`.
 */
export function csvRowTable(file: InputFile, c: DiagnosticCollector): RowTable | undefined {
  let text = file.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') {
    c.add({ severity: 'error', code: 'empty-file', message: 'empty file: expected a header line', file: file.name, line: 1 });
    return undefined;
  }
  const sniff = sniffCsvHeader(text);
  const separator = sniff.separator ?? ',';
  try {
    return { name: file.name, rows: parseRows(text, separator) };
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const msg = (err.code && CSV_ERROR_TEXT[err.code]) ?? `CSV syntax error: ${err.message ?? String(e)}`;
    c.add({ severity: 'error', code: 'csv-syntax', message: msg, file: file.name, line: err.lines ?? 1 });
    return undefined;
  }
}

/** Parse one table; report problems into `c`; undefined when the file cannot be read at all. */
function readTable(source: TableSource, kind: CsvTableKind, c: DiagnosticCollector): Table | undefined {
  if ('rows' in source) return tableFromRows(source, kind, c);
  const file = source;
  const at = (line: number, field?: string) => {
    const d: { file: string; line: number; field?: string } = { file: file.name, line };
    if (field !== undefined) d.field = field;
    return d;
  };
  let text = file.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = normaliseLineEnds(text);
  const expected = kind === 'nodes' ? NODE_COLUMNS : kind === 'edges' ? EDGE_COLUMNS : AFFILIATION_COLUMNS;
  if (text.trim() === '') {
    c.add({ severity: 'error', code: 'empty-file', message: `empty file: expected a header line such as ${expected.join(',')}`, ...at(1) });
    return undefined;
  }
  const sniff = sniffCsvHeader(text);
  if (sniff.wrongSeparator !== undefined || sniff.separator === undefined) {
    c.add({
      severity: 'error',
      code: 'wrong-separator',
      message: `wrong separator: the header is one column split by ${sepName(sniff.wrongSeparator ?? '?')}; use ',', ';' or tab between columns (expected e.g. ${expected.join(',')})`,
      ...at(1),
    });
    return undefined;
  }
  const separator = sniff.separator;
  let rows: Row[];
  try {
    rows = parseRows(text, separator);
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const msg = (err.code && CSV_ERROR_TEXT[err.code]) ?? `CSV syntax error: ${err.message ?? String(e)}`;
    c.add({ severity: 'error', code: 'csv-syntax', message: msg, ...at(err.lines ?? 1) });
    return undefined;
  }
  // a formula escaped by HelixLab's writer (`'=x`) reads back as the text it was
  for (const r of rows) for (let k = 0; k < r.cells.length; k++) r.cells[k] = unescapeFormulaCell(r.cells[k]!);
  const headerRow = rows.shift();
  if (!headerRow) {
    c.add({ severity: 'error', code: 'empty-file', message: `empty file: expected a header line such as ${expected.join(',')}`, ...at(1) });
    return undefined;
  }
  const header = headerRow.cells.map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, k) => {
    const key = h.toLowerCase();
    if (h === '') {
      c.add({ severity: 'error', code: 'bad-header', message: `column ${k + 1} has no name`, ...at(headerRow.line) });
    } else if (RESERVED_KEYS.has(h)) {
      c.add({ severity: 'error', code: 'reserved-key', message: `column ${k + 1}: ${reservedKeyMessage(h)}`, ...at(headerRow.line, h) });
    } else if (index.has(key)) {
      c.add({ severity: 'error', code: 'bad-header', message: `column '${h}' appears twice in the header`, ...at(headerRow.line, h) });
    } else {
      index.set(key, k);
    }
  });
  const good: Row[] = [];
  for (const row of rows) {
    if (row.cells.length === header.length) {
      good.push(row);
    } else {
      const sep = sepName(separator);
      c.add({
        severity: 'error',
        code: 'field-count',
        message: `expected ${header.length} fields separated by ${sep} (as in the header), found ${row.cells.length}`,
        ...at(row.line),
      });
    }
  }
  // rows with the wrong number of fields are reported and left out (their cells are unreliable)
  return { file: file.name, separator, decimalComma: separator === ';', header, index, rows: good };
}

function requireColumns(t: Table, required: readonly string[], c: DiagnosticCollector): boolean {
  let ok = true;
  for (const r of required) {
    if (!t.index.has(r.toLowerCase())) {
      ok = false;
      c.add({
        severity: 'error',
        code: 'missing-column',
        message: `missing column '${r}'${suggestion(r, t.header)}; the header has: ${t.header.join(', ')}`,
        file: t.file,
        line: 1,
        field: r,
      });
    }
  }
  return ok;
}

/** Warn about extra columns that look like a misspelt core column. */
function warnLookalikes(t: Table, core: readonly string[], used: Set<number>, c: DiagnosticCollector): void {
  t.header.forEach((h, k) => {
    if (used.has(k) || h === '') return;
    const s = didYouMean(h, core);
    if (s !== undefined && s.toLowerCase() !== h.toLowerCase() && editDistance(h.toLowerCase(), s.toLowerCase()) <= 2) {
      c.add({
        severity: 'warning',
        code: 'lookalike-column',
        message: `column '${h}' is kept as a free attribute (did you mean '${s}'?)`,
        file: t.file,
        line: 1,
        field: h,
      });
    }
  });
}

function cell(row: Row, k: number | undefined): string | undefined {
  if (k === undefined) return undefined;
  const v = row.cells[k];
  return v === undefined || v === '' ? undefined : v;
}

/** A core numeric cell: a number when it reads as one, else the raw text (validation reports it). */
export function numberCell(v: string | undefined, t: { decimalComma: boolean }): number | string | undefined {
  if (v === undefined) return undefined;
  return parseNumberText(v, t.decimalComma) ?? v;
}

const NUMBER_STRICT_COMMA = /^-?(?:0|[1-9]\d*)(?:,\d+)?$/;

/** Column typing for free attributes (see the module doc); with `decimalComma`, `0,5` is a number too. */
function typeColumn(values: Array<string | undefined>, decimalComma = false): (v: string) => AttributeValue {
  const present = values.filter((v): v is string => v !== undefined);
  if (present.length > 0 && present.every((v) => NUMBER_STRICT.test(v))) return (v) => Number(v);
  if (decimalComma && present.length > 0 && present.every((v) => NUMBER_STRICT.test(v) || NUMBER_STRICT_COMMA.test(v))) {
    return (v) => Number(v.replace(',', '.'));
  }
  if (present.length > 0 && present.every((v) => /^(true|false)$/i.test(v))) return (v) => v.toLowerCase() === 'true';
  return (v) => v;
}

function extraColumns(
  t: Table,
  core: readonly string[],
  skip: Set<number>,
): Array<{ k: number; name: string; conv: (v: string) => AttributeValue }> {
  const coreLower = new Set(core.map((x) => x.toLowerCase()));
  const out: Array<{ k: number; name: string; conv: (v: string) => AttributeValue }> = [];
  t.header.forEach((h, k) => {
    if (h === '' || skip.has(k) || coreLower.has(h.toLowerCase())) return;
    if (t.index.get(h.toLowerCase()) !== k) return; // duplicate header, reported
    out.push({
      k,
      name: h,
      conv: typeColumn(
        t.rows.map((r) => cell(r, k)),
        t.decimalComma,
      ),
    });
  });
  return out;
}

function attributesOf(row: Row, extras: ReturnType<typeof extraColumns>): Attributes | undefined {
  let attrs: Attributes | undefined;
  for (const e of extras) {
    const v = cell(row, e.k);
    if (v === undefined) continue;
    (attrs ??= {})[e.name] = e.conv(v);
  }
  return attrs;
}

/**
 * Read a CSV network: a nodes table and optionally edges and affiliations tables. Throws
 * `InputError` with every problem found (up to the cap); locations are physical lines.
 */
export function parseCsvNetwork(
  files: { nodes: TableSource; edges?: TableSource; affiliations?: TableSource },
  opts: FormatOptions = {},
): LoadResult {
  const c = new DiagnosticCollector(files.nodes.name, opts.maxErrors ?? 100);
  const helixCol = (opts.helixAttr ?? 'helix').toLowerCase();
  const helixMap = checkHelixMap(opts.helixMap);
  const defaultRole = defaultRoleOf(opts);
  const tally = new DefaultRoleTally(defaultRole);

  // nodes
  const nodes = readTable(files.nodes, 'nodes', c);
  const actors: Actor[] = [];
  const actorRows: Row[] = [];
  let nodesTable: Table | undefined;
  // with a default role the role column may be missing
  const needHelix = defaultRole === undefined || (nodes !== undefined && nodes.index.has(helixCol));
  if (nodes && requireColumns(nodes, needHelix ? ['id', opts.helixAttr ?? 'helix'] : ['id'], c)) {
    nodesTable = nodes;
    const col = (name: string) => nodes.index.get(name);
    const kId = col('id');
    const kHelix = col(helixCol);
    const kLabel = col('label');
    const core = helixCol === 'helix' ? NODE_COLUMNS : [...NODE_COLUMNS.filter((x) => x !== 'helix'), helixCol];
    const used = new Set<number>(
      [kId, kHelix, kLabel, col('subtype'), col('sector'), col('region'), col('joined')].filter((x): x is number => x !== undefined),
    );
    warnLookalikes(nodes, NODE_COLUMNS, used, c);
    const extras = extraColumns(nodes, core, used);
    for (const row of nodes.rows) {
      const id = cell(row, kId);
      const helixRaw = cell(row, kHelix);
      const a: Record<string, unknown> = { id: id ?? '', label: cell(row, kLabel) ?? id ?? '' };
      const look = lookupHelix(helixRaw, helixMap, defaultRole);
      tally.add(look, helixRaw);
      if (look.ok) a['helix'] = look.role;
      else if (helixRaw !== undefined) a['helix'] = applyHelixMap(helixRaw, opts.helixMap);
      for (const f of ['subtype', 'sector', 'region'] as const) {
        const v = cell(row, col(f));
        if (v !== undefined) a[f] = v;
      }
      const joined = numberCell(cell(row, col('joined')), nodes);
      if (joined !== undefined) a['joined'] = joined;
      const attrs = attributesOf(row, extras);
      if (attrs) a['attributes'] = attrs;
      actors.push(a as unknown as Actor);
      actorRows.push(row);
    }
  }

  // edges
  const ties: Tie[] = [];
  const tieRows: Row[] = [];
  let edgesTable: Table | undefined;
  if (files.edges) {
    const edges = readTable(files.edges, 'edges', c);
    if (edges && requireColumns(edges, ['source', 'target'], c)) {
      edgesTable = edges;
      const col = (name: string) => edges.index.get(name);
      const used = new Set<number>(EDGE_COLUMNS.map((x) => col(x)).filter((x): x is number => x !== undefined));
      warnLookalikes(edges, EDGE_COLUMNS, used, c);
      const extras = extraColumns(edges, EDGE_COLUMNS, used);
      for (const row of edges.rows) {
        const t: Record<string, unknown> = { source: cell(row, col('source')) ?? '', target: cell(row, col('target')) ?? '' };
        const kind = cell(row, col('kind'));
        if (kind !== undefined) t['kind'] = kind as TieKind;
        for (const f of ['weight', 'since', 'until'] as const) {
          const v = numberCell(cell(row, col(f)), edges);
          if (v !== undefined) t[f] = v;
        }
        const attrs = attributesOf(row, extras);
        if (attrs) t['attributes'] = attrs;
        ties.push(t as unknown as Tie);
        tieRows.push(row);
      }
    }
  }

  // affiliations
  const activities: Activity[] = [];
  /** Per activity: the row that introduced it, the row of each participant, the row of each field. */
  const actInfo: Array<{ first: Row; participantRows: Row[]; fieldRows: Map<string, Row> }> = [];
  let affTable: Table | undefined;
  if (files.affiliations) {
    const aff = readTable(files.affiliations, 'affiliations', c);
    if (aff && requireColumns(aff, ['actor', 'activity'], c)) {
      affTable = aff;
      const col = (name: string) => aff.index.get(name.toLowerCase());
      const used = new Set<number>(AFFILIATION_COLUMNS.map((x) => col(x)).filter((x): x is number => x !== undefined));
      warnLookalikes(aff, AFFILIATION_COLUMNS, used, c);
      const extras = extraColumns(aff, AFFILIATION_COLUMNS, used);
      const byId = new Map<string, number>();
      for (const row of aff.rows) {
        const id = cell(row, col('activity'));
        if (id === undefined) {
          c.add({
            severity: 'error',
            code: 'missing-field',
            message: 'missing activity id',
            file: aff.file,
            line: row.line,
            field: 'activity',
          });
          continue;
        }
        let idx = byId.get(id);
        if (idx === undefined) {
          idx = activities.length;
          byId.set(id, idx);
          activities.push({ id, kind: 'project', participants: [] });
          actInfo.push({ first: row, participantRows: [], fieldRows: new Map() });
        }
        const act = activities[idx]! as unknown as Record<string, unknown>;
        const info = actInfo[idx]!;
        const setField = (name: string, value: unknown) => {
          if (value === undefined) return;
          const prevRow = info.fieldRows.get(name);
          if (prevRow === undefined) {
            act[name] = value;
            info.fieldRows.set(name, row);
          } else if (act[name] !== value) {
            c.add({
              severity: 'error',
              code: 'inconsistent-activity',
              message: `activity '${id}': ${name} ${JSON.stringify(value)} here but ${JSON.stringify(act[name])} on line ${prevRow.line}`,
              file: aff.file,
              line: row.line,
              field: name,
            });
          }
        };
        setField('kind', cell(row, col('kind')) as ActivityKind | undefined);
        setField('year', numberCell(cell(row, col('year')), aff));
        setField('endYear', numberCell(cell(row, col('endYear')), aff));
        setField('label', cell(row, col('label')));
        const attrs = attributesOf(row, extras);
        if (attrs) {
          const cur = (act['attributes'] ??= {}) as Attributes;
          for (const [k, v] of Object.entries(attrs)) {
            const key = `attributes.${k}`;
            const prevRow = info.fieldRows.get(key);
            if (prevRow === undefined) {
              cur[k] = v;
              info.fieldRows.set(key, row);
            } else if (cur[k] !== v) {
              c.add({
                severity: 'error',
                code: 'inconsistent-activity',
                message: `activity '${id}': ${k} ${JSON.stringify(v)} here but ${JSON.stringify(cur[k])} on line ${prevRow.line}`,
                file: aff.file,
                line: row.line,
                field: k,
              });
            }
          }
        }
        const actor = cell(row, col('actor'));
        if (actor !== undefined) {
          (act['participants'] as string[]).push(actor);
          info.participantRows.push(row);
        }
      }
    }
  }

  const defaulted = tally.message(nodesTable?.header[nodesTable.index.get(helixCol) ?? -1] ?? opts.helixAttr ?? 'helix');
  if (defaulted !== undefined) c.add({ severity: 'warning', code: 'default-role', message: defaulted, file: files.nodes.name, line: 1 });

  // --add-missing-nodes: actors for the tie ends that no row declares (located at the first tie naming them)
  const addedAt = new Map<number, Row>();
  if (opts.addMissingNodes && nodesTable) {
    const known = new Set(actors.map((a) => a.id));
    const added: string[] = [];
    ties.forEach((t, i) => {
      for (const end of [t.source, t.target]) {
        if (typeof end !== 'string' || end === '' || known.has(end)) continue;
        known.add(end);
        added.push(end);
        const a: Record<string, unknown> = { id: end, label: end };
        if (defaultRole !== undefined) a['helix'] = defaultRole;
        addedAt.set(actors.length, tieRows[i]!);
        actors.push(a as unknown as Actor);
      }
    });
    if (added.length > 0) {
      const first = addedAt.get(actors.length - added.length)!;
      c.add({
        severity: 'warning',
        code: 'added-nodes',
        message:
          `${added.length} actor(s) named by ties but not in the nodes table were added (--add-missing-nodes)` +
          `${defaultRole !== undefined ? ` as ${defaultRole}` : ''}: ${added.slice(0, 5).join(', ')}${added.length > 5 ? ', ...' : ''}`,
        file: edgesTable?.file ?? files.nodes.name,
        line: first.line,
      });
    }
  }

  const doc: NetworkDocument = { format: 'helixlab', version: 1, actors, ties };
  if (activities.length > 0) doc.activities = activities;

  const nodeField = (f: string) => (f === 'helix' ? (nodesTable?.header[nodesTable.index.get(helixCol) ?? -1] ?? 'helix') : f);
  const network = finishDocument(doc, c, (kind, index, field): Location => {
    if (kind === 'actor') {
      const added = addedAt.get(index);
      if (added) {
        return {
          file: edgesTable?.file ?? files.nodes.name,
          line: added.line,
          field: field === 'helix' ? 'helix (of an actor added by --add-missing-nodes: give --helix-default)' : (field ?? 'id'),
        };
      }
      const row = actorRows[index];
      const loc: Location = { file: files.nodes.name };
      if (row) loc.line = row.line;
      if (field !== undefined) loc.field = nodeField(field);
      return loc;
    }
    if (kind === 'tie') {
      const loc: Location = { file: edgesTable?.file ?? files.edges?.name ?? files.nodes.name };
      const row = tieRows[index];
      if (row) loc.line = row.line;
      if (field !== undefined) loc.field = field;
      return loc;
    }
    const loc: Location = { file: affTable?.file ?? files.affiliations?.name ?? files.nodes.name };
    const info = actInfo[index];
    if (info) {
      const m = field !== undefined ? /^participants\[(\d+)\]$/.exec(field) : null;
      const row = m ? info.participantRows[Number(m[1])] : field !== undefined ? info.fieldRows.get(field) : undefined;
      loc.line = (row ?? info.first).line;
    }
    if (field !== undefined) loc.field = field.startsWith('participants') ? 'actor' : field === 'id' ? 'activity' : field;
    return loc;
  });
  return { network, warnings: c.warnings, format: 'csv' };
}

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

function attrKeys(list: Array<{ attributes?: Attributes }>, core: readonly string[]): string[] {
  const coreLower = new Set(core.map((x) => x.toLowerCase()));
  const keys = new Set<string>();
  for (const x of list) for (const k of Object.keys(x.attributes ?? {})) if (!coreLower.has(k.toLowerCase())) keys.add(k);
  return [...keys].sort();
}

/** An attribute value as a typed table cell (null and missing as an empty cell). */
function typed(v: AttributeValue | undefined): Cell {
  return v === undefined ? null : v;
}

/** The tables of a network as header and typed rows (what {@link writeCsvNetwork} writes, and the sheets of an `.xlsx`). */
export interface NetworkTables {
  nodes: { head: string[]; rows: Cell[][] };
  edges: { head: string[]; rows: Cell[][] };
  /** Only when the network has activities. */
  affiliations?: { head: string[]; rows: Cell[][] };
}

/**
 * The tables of a network: nodes, edges (explicit ties; projected ties are left out when the
 * activities are written) and affiliations (only when there are activities); every core column
 * always present, free attributes as extra columns sorted by name; cells typed (numbers stay numbers).
 */
export function networkTables(net: Network): NetworkTables {
  const doc = canonicalDocument(networkToDocument(net));
  const nodeAttrs = attrKeys(doc.actors, NODE_COLUMNS);
  const nodes = {
    head: [...NODE_COLUMNS, ...nodeAttrs],
    rows: doc.actors.map((a): Cell[] => [
      a.id,
      a.label,
      a.helix,
      a.subtype ?? '',
      a.sector ?? '',
      a.region ?? '',
      typed(a.joined),
      ...nodeAttrs.map((k) => typed(a.attributes?.[k])),
    ]),
  };
  const tieAttrs = attrKeys(doc.ties, EDGE_COLUMNS);
  const edges = {
    head: [...EDGE_COLUMNS, ...tieAttrs],
    rows: doc.ties.map((t): Cell[] => [
      t.source,
      t.target,
      typed(t.weight),
      t.kind ?? '',
      typed(t.since),
      typed(t.until),
      ...tieAttrs.map((k) => typed(t.attributes?.[k])),
    ]),
  };
  const out: NetworkTables = { nodes, edges };
  const acts = doc.activities ?? [];
  if (acts.length > 0) {
    const actAttrs = attrKeys(acts, AFFILIATION_COLUMNS);
    const rows: Cell[][] = [];
    for (const a of acts) {
      const rest: Cell[] = [a.kind, typed(a.year), typed(a.endYear), a.label ?? '', ...actAttrs.map((k) => typed(a.attributes?.[k]))];
      if (a.participants.length === 0) rows.push(['', a.id, ...rest]);
      for (const p of a.participants) rows.push([p, a.id, ...rest]);
    }
    out.affiliations = { head: [...AFFILIATION_COLUMNS, ...actAttrs], rows };
  }
  return out;
}

/**
 * The CSV tables of a network ({@link networkTables}): comma-separated (or `opts.dialect`), `\n` line
 * ends, every core column always present, free attributes as extra columns sorted by name. Text cells
 * that a spreadsheet would run as formulas are escaped unless `formulas` is 'keep' (the reader
 * removes the escape again: see `src/util/csv.ts`). The second argument is the dialect or the writer
 * options.
 */
export function writeCsvNetwork(
  net: Network,
  dialectOrOpts: CsvDialect | CsvWriteOptions = {},
): { nodes: string; edges: string; affiliations?: string } {
  const opts: CsvWriteOptions = typeof dialectOrOpts === 'string' ? { dialect: dialectOrOpts } : dialectOrOpts;
  const t = networkTables(net);
  const dialect: CsvDialect = opts.dialect ?? 'rfc4180';
  const text = (x: { head: string[]; rows: Cell[][] }) =>
    csvPreamble(dialect) +
    csvRows([x.head, ...x.rows.map((r) => r.map((v) => (v === null ? '' : v)))], {
      ...(opts.formulas !== undefined ? { formulas: opts.formulas } : {}),
      ...(dialect === 'rfc4180' ? {} : { dialect }),
    });
  const out: { nodes: string; edges: string; affiliations?: string } = { nodes: text(t.nodes), edges: text(t.edges) };
  if (t.affiliations) out.affiliations = text(t.affiliations);
  return out;
}
