/**
 * CSV output for batch results (csv-stringify), safe to open in a spreadsheet.
 *
 * Conventions: RFC 4180 quoting (a cell with a comma, quote or newline is quoted, quotes doubled),
 * `\n` line ends, numbers written with JavaScript's shortest round-trip representation (so reading
 * a cell back with `Number()` gives the same double), booleans as `true`/`false`, null/undefined as
 * an empty cell. CSV/formula injection (OWASP): a *text* cell beginning with `=`, `+`, `-`, `@`, tab
 * or carriage return (or their full-width forms) is prefixed with `'` so spreadsheets show it as text;
 * numeric cells such as `-0.5` are numbers and are not escaped.
 */
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';

export type Cell = string | number | boolean | null | undefined;

const OPTIONS = {
  escape_formulas: true,
  eof: true,
  record_delimiter: 'unix' as const,
  cast: {
    boolean: (v: boolean) => (v ? 'true' : 'false'),
    number: (v: number) => String(v),
  },
};

/** One CSV line (with its trailing newline). */
export function csvRow(cells: readonly Cell[]): string {
  return stringify([cells as Cell[]], OPTIONS);
}

/** Several CSV lines. */
export function csvRows(rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '';
  return stringify(rows as Cell[][], OPTIONS);
}

/** Parse CSV text into a header and string rows (all cells as text). */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const records = parse(text, { relax_column_count: false, skip_empty_lines: true }) as string[][];
  if (records.length === 0) return { header: [], rows: [] };
  return { header: records[0]!, rows: records.slice(1) };
}
