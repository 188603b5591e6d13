/**
 * The one CSV writer (and reader) of HelixLab, on csv-stringify / csv-parse (their browser builds,
 * so it runs in the app too). Every CSV that HelixLab writes goes through here: network tables,
 * the analysis table, simulation summaries, sweep and sensitivity results.
 *
 * Conventions: RFC 4180 quoting (a cell with a comma, quote, `\r` or `\n` is quoted, quotes doubled),
 * `\n` line ends, numbers written with JavaScript's shortest round-trip representation (so reading
 * a cell back with `Number()` gives the same double), booleans as `true`/`false`, null/undefined as
 * an empty cell. CSV/formula injection (OWASP): with `formulas: 'escape'` (the default) a *text*
 * cell beginning with `=`, `+`, `-`, `@`, tab or carriage return (or their full-width forms) is
 * prefixed with `'` so spreadsheets show it as text; numeric cells such as `-0.5` are numbers and are
 * not escaped. `formulas: 'keep'` writes text as it is (for machine consumers).
 *
 * Dialects (`dialect`): `rfc4180` (the default, above) and `excel-fi`, what a spreadsheet set to a
 * Finnish locale (Excel, LibreOffice) opens into columns: `;` between fields, numbers with a decimal
 * comma (`0,5`, `1,5e-7`), and a file that starts with a UTF-8 byte order mark ({@link csvPreamble}:
 * write it once, before the first row). Quoting, line ends and booleans are as in `rfc4180`.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { parse } from 'csv-parse/browser/esm/sync';

export type Cell = string | number | boolean | null | undefined;

/** A CSV dialect: `rfc4180` (`,` and `.`) or `excel-fi` (`;`, decimal comma, byte order mark). */
export type CsvDialect = 'rfc4180' | 'excel-fi';
export const CSV_DIALECTS: readonly CsvDialect[] = ['rfc4180', 'excel-fi'];

export interface CsvWriteOptions {
  /** Neutralise text cells that a spreadsheet would run as formulas (default 'escape'). */
  formulas?: 'escape' | 'keep';
  /** The dialect (default `rfc4180`); the byte order mark of `excel-fi` is {@link csvPreamble}'s. */
  dialect?: CsvDialect;
}

function stringifyOptions(escape: boolean, dialect: CsvDialect = 'rfc4180') {
  const fi = dialect === 'excel-fi';
  return {
    escape_formulas: escape,
    eof: true,
    record_delimiter: 'unix' as const,
    ...(fi ? { delimiter: ';' } : {}),
    cast: {
      boolean: (v: boolean) => (v ? 'true' : 'false'),
      number: fi ? (v: number) => String(v).replace('.', ',') : (v: number) => String(v),
    },
  };
}
const ESCAPING = stringifyOptions(true);
const KEEPING = stringifyOptions(false);
const ESCAPING_FI = stringifyOptions(true, 'excel-fi');
const KEEPING_FI = stringifyOptions(false, 'excel-fi');

/** What a CSV file of the dialect starts with, before its first row: the UTF-8 byte order mark for `excel-fi`, else ''. */
export function csvPreamble(dialect: CsvDialect | undefined): string {
  return dialect === 'excel-fi' ? '\uFEFF' : '';
}

const textCache = new Map<string, string>();

/** One escaped text cell (memoised: grid values and metric names repeat). */
function textCell(v: string): string {
  let c = textCache.get(v);
  if (c === undefined) {
    c = stringify([[v]], ESCAPING).slice(0, -1);
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
    if (typeof v === 'number') out += String(v);
    else if (typeof v === 'boolean') out += v ? 'true' : 'false';
    else if (v === null || v === undefined) continue;
    else out += textCell(v);
  }
  return out + '\n';
}

/** Several CSV lines (each with its newline); '' for no rows. */
export function csvRows(rows: readonly (readonly Cell[])[], opts: CsvWriteOptions = {}): string {
  if (rows.length === 0) return '';
  const fi = opts.dialect === 'excel-fi';
  return stringify(rows as Cell[][], opts.formulas === 'keep' ? (fi ? KEEPING_FI : KEEPING) : fi ? ESCAPING_FI : ESCAPING);
}

/** Parse CSV text into a header and string rows (all cells as text). */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  const [header, ...rows] = records;
  return { header: header ?? [], rows };
}
