/**
 * The one CSV writer (and reader) of HelixLab, on csv-stringify / csv-parse (their browser builds,
 * so it runs in the app too). Every CSV that HelixLab writes goes through here: network tables,
 * the analysis table, simulation summaries, sweep and sensitivity results.
 *
 * Conventions: RFC 4180 quoting (a cell with a comma, quote, `\r` or `\n` is quoted, quotes doubled;
 * csv-stringify's browser build leaves a bare `\r` unquoted unless told, so it is told), `\n` line
 * ends, numbers written with JavaScript's shortest round-trip representation (so reading a cell back
 * with `Number()` gives the same double), booleans as `true`/`false`, null/undefined as an empty
 * cell. A number that is not finite (NaN, ±Infinity) is missing: an empty cell, never `NaN` or
 * `Infinity` (callers that can produce one say so in a warning).
 *
 * CSV/formula injection (OWASP): with `formulas: 'escape'` (the default, for every CSV HelixLab
 * writes) a *text* cell beginning with `=`, `+`, `-`, `@`, tab or carriage return (or their
 * full-width forms), possibly after apostrophes, is prefixed with one more `'`, so spreadsheets show
 * it as text; numeric cells such as `-0.5` are numbers and are not escaped. The readers
 * ({@link parseCsv} and the network CSV reader) remove that one `'` again
 * ({@link unescapeFormulaCell}), so a text such as `=SUM(A1)` or `'=x` comes back as it was.
 * `formulas: 'keep'` writes text as it is (for machine consumers; `--csv-formulas keep`).
 *
 * Dialects (`dialect`): `rfc4180` (the default, above) and `excel-fi`, what a spreadsheet set to a
 * Finnish locale (Excel, LibreOffice) opens into columns: `;` between fields, numbers with a decimal
 * comma (`0,5`, `1,5e-7`), and a file that starts with a UTF-8 byte order mark ({@link csvPreamble}:
 * write it once, before the first row). Quoting, line ends and booleans are as in `rfc4180`.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { parse } from 'csv-parse/browser/esm/sync';
import { InputError, type Diagnostic } from '../model/errors.js';

export type Cell = string | number | boolean | null | undefined;

/** A CSV dialect: `rfc4180` (`,` and `.`) or `excel-fi` (`;`, decimal comma, byte order mark). */
export type CsvDialect = 'rfc4180' | 'excel-fi';
export const CSV_DIALECTS: readonly CsvDialect[] = ['rfc4180', 'excel-fi'];

export interface CsvWriteOptions {
  /** Neutralise text cells that a spreadsheet would run as formulas (default 'escape'). */
  formulas?: CsvFormulas;
  /** The dialect (default `rfc4180`); the byte order mark of `excel-fi` is {@link csvPreamble}'s. */
  dialect?: CsvDialect;
}

/** How a text cell is written: formulas neutralised (default) or kept as they are. */
export type CsvFormulas = 'escape' | 'keep';

/** Text that a spreadsheet would run as a formula, possibly behind apostrophes already added. */
const FORMULA_START = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A cell that {@link escapeFormula} escaped: one or more apostrophes, then a formula character. */
const ESCAPED_FORMULA = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell with formulas neutralised: one more `'` in front of a formula start (see the module doc). */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of {@link escapeFormula}: a cell read back from a CSV HelixLab wrote. */
export function unescapeFormulaCell(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

function stringifyOptions(dialect: CsvDialect = 'rfc4180') {
  const fi = dialect === 'excel-fi';
  return {
    escape_formulas: false,
    eof: true,
    record_delimiter: 'unix' as const,
    quote_record_delimiter: true,
    ...(fi ? { delimiter: ';' } : {}),
    cast: {
      boolean: (v: boolean) => (v ? 'true' : 'false'),
      number: fi
        ? (v: number) => (Number.isFinite(v) ? String(v).replace('.', ',') : '')
        : (v: number) => (Number.isFinite(v) ? String(v) : ''),
    },
  };
}
const STRINGIFY_OPTIONS = stringifyOptions();
const STRINGIFY_OPTIONS_FI = stringifyOptions('excel-fi');

/** What a CSV file of the dialect starts with, before its first row: the UTF-8 byte order mark for `excel-fi`, else ''. */
export function csvPreamble(dialect: CsvDialect | undefined): string {
  return dialect === 'excel-fi' ? '\uFEFF' : '';
}

const textCache = new Map<string, string>();

/** One escaped text cell (memoised: grid values and metric names repeat). */
function textCell(v: string): string {
  let c = textCache.get(v);
  if (c === undefined) {
    c = stringify([[escapeFormula(v)]], STRINGIFY_OPTIONS).slice(0, -1);
    if (textCache.size < 10000) textCache.set(v, c);
  }
  return c;
}

/**
 * One CSV line (with its trailing newline), formulas escaped. Numbers, booleans and empty cells are
 * formatted directly (the same text csv-stringify writes with these options); text cells go
 * through csv-stringify. This keeps the per-row cost low for the hundreds of thousands of rows of a sweep.
 */
export function csvRow(cells: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (i > 0) out += ',';
    if (typeof v === 'number') {
      if (Number.isFinite(v)) out += String(v);
    } else if (typeof v === 'boolean') out += v ? 'true' : 'false';
    else if (v === null || v === undefined) continue;
    else out += textCell(v);
  }
  return out + '\n';
}

/** Several CSV lines (each with its newline); '' for no rows. */
export function csvRows(rows: readonly (readonly Cell[])[], opts: CsvWriteOptions = {}): string {
  if (rows.length === 0) return '';
  const cells = opts.formulas === 'keep' ? rows : rows.map((r) => r.map((c) => (typeof c === 'string' ? escapeFormula(c) : c)));
  return stringify(cells as Cell[][], opts.dialect === 'excel-fi' ? STRINGIFY_OPTIONS_FI : STRINGIFY_OPTIONS);
}

/**
 * Parse CSV text into a header and string rows (all cells as text, formula escapes removed: see
 * {@link unescapeFormulaCell}). Malformed CSV (an unclosed quote, rows of different lengths) throws
 * an `InputError` naming `file` and the line.
 */
export function parseCsv(text: string, file = '(CSV)'): { header: string[]; rows: string[][] } {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    if (typeof err.code !== 'string') throw e;
    const d: Diagnostic = { severity: 'error', code: 'csv-syntax', file, message: `CSV syntax error: ${err.message ?? err.code}` };
    if (typeof err.lines === 'number') d.line = err.lines;
    throw new InputError([d]);
  }
  for (const r of records) for (let i = 0; i < r.length; i++) r[i] = unescapeFormulaCell(r[i]!);
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}
