/**
 * Networks from spreadsheet workbooks (Excel `.xlsx`): the sheets `nodes`, `edges` and
 * `affiliations` read as the CSV tables of the same names (`src/io/csv.ts`: the same columns, the
 * same value rules, the same messages), located by sheet and cell (`members.xlsx:nodes!C7`).
 * Browser-safe: it works on a {@link Workbook} of text cells; the bytes of an `.xlsx` are read into
 * one by `src/node/xlsx.ts` (exceljs).
 *
 * Which sheet is which table: `opts.sheets` (`--sheets 'nodes=Members,edges=Ties'`), else a sheet
 * named `nodes` / `edges` / `affiliations` (ignoring case; the Finnish `toimijat`, `yhteydet`,
 * `osallistumiset` too), else the header row tells (`id`+`helix` nodes, `source`+`target` edges,
 * `actor`+`activity` affiliations). Other sheets are left alone (a warning names them). A cell's text
 * is what the reader made of it: numbers in JavaScript's shortest form (`0.5`), dates as `yyyy-mm-dd`,
 * booleans `true`/`false`, formulas by their last computed value; cells holding text may use a
 * decimal comma (`0,5`), as a Finnish spreadsheet shows numbers.
 */
import { InputError, UsageError, didYouMean, type Diagnostic } from '../model/errors.js';
import type { FormatOptions, LoadResult } from './formats.js';
import { parseCsvNetwork, tableKindOfHeader, type CsvTableKind, type RowTable } from './csv.js';

/** One sheet of a workbook: its name and its non-empty rows (`row` is the 1-based row number), cells as text. */
export interface Sheet {
  name: string;
  rows: Array<{ row: number; cells: string[] }>;
}

/** A workbook as text cells: the file name (for messages) and its sheets in order. */
export interface Workbook {
  file: string;
  sheets: Sheet[];
}

const KINDS: readonly CsvTableKind[] = ['nodes', 'edges', 'affiliations'];
const SHEET_NAMES: Record<CsvTableKind, readonly string[]> = {
  nodes: ['nodes', 'toimijat'],
  edges: ['edges', 'yhteydet'],
  affiliations: ['affiliations', 'osallistumiset'],
};

/** `nodes=Members,edges=Ties` → {nodes: 'Members', edges: 'Ties'} (a sheet name with a comma is quoted: `"Ties, 2024"`). */
export function parseSheetsSpec(spec: string): Partial<Record<CsvTableKind, string>> {
  const out: Partial<Record<CsvTableKind, string>> = {};
  const parts = spec.match(/(?:[^,"]+|"(?:[^"]|"")*")+/g) ?? [];
  if (parts.length === 0) throw new UsageError(`--sheets: expected 'nodes=SHEET,edges=SHEET,affiliations=SHEET', got '${spec}'`);
  for (const part of parts) {
    const eq = part.indexOf('=');
    const kind = (eq < 0 ? '' : part.slice(0, eq)).trim().toLowerCase();
    let name = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (/^".*"$/.test(name)) name = name.slice(1, -1).replace(/""/g, '"');
    if (!(KINDS as readonly string[]).includes(kind) || name === '') {
      const hint = didYouMean(kind, KINDS);
      throw new UsageError(
        `--sheets: expected table=sheet with a table of ${KINDS.join(', ')}, got '${part.trim()}'${hint && kind !== '' ? ` (did you mean '${hint}'?)` : ''}`,
      );
    }
    out[kind as CsvTableKind] = name;
  }
  return out;
}

/** The column letters of a 1-based column number (1 → A, 27 → AA). */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The cell reference `Sheet!C7` (a sheet name with blanks or punctuation is quoted as Excel does: `'Member list'!C7`). */
export function cellRef(sheet: string, col: number | undefined, row: number): string {
  const name = /^[A-Za-z0-9_äöåÄÖÅ]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return col === undefined ? `${name}!${row}:${row}` : `${name}!${columnLetters(col)}${row}`;
}

const KEY_SEP = '\u0000';

/** Which sheet holds which table (see the module doc); problems as diagnostics. */
function chooseSheets(
  book: Workbook,
  opts: FormatOptions,
): { chosen: Partial<Record<CsvTableKind, Sheet>>; problems: Diagnostic[]; warnings: Diagnostic[] } {
  const chosen: Partial<Record<CsvTableKind, Sheet>> = {};
  const problems: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const names = book.sheets.map((s) => s.name);
  const byName = (n: string) =>
    book.sheets.find((s) => s.name === n) ?? book.sheets.find((s) => s.name.trim().toLowerCase() === n.trim().toLowerCase());
  for (const kind of KINDS) {
    const wanted = opts.sheets?.[kind];
    if (wanted !== undefined) {
      const sh = byName(wanted);
      if (sh) chosen[kind] = sh;
      else {
        const hint = didYouMean(wanted, names);
        problems.push({
          severity: 'error',
          code: 'missing-sheet',
          file: book.file,
          message: `no sheet '${wanted}' (--sheets ${kind}=${wanted})${hint ? ` (did you mean '${hint}'?)` : ''}; the workbook has: ${names.join(', ')}`,
        });
      }
      continue;
    }
    const sh = book.sheets.find((s) => SHEET_NAMES[kind].includes(s.name.trim().toLowerCase()));
    if (sh) chosen[kind] = sh;
  }
  const used = new Set(Object.values(chosen));
  for (const sh of book.sheets) {
    if (used.has(sh)) continue;
    const header = sh.rows[0]?.cells ?? [];
    const kind = tableKindOfHeader(header, opts);
    if (kind !== undefined && chosen[kind] === undefined && opts.sheets?.[kind] === undefined) {
      chosen[kind] = sh;
      used.add(sh);
    }
  }
  const ignored = book.sheets.filter((s) => !used.has(s) && s.rows.length > 0).map((s) => s.name);
  if (ignored.length > 0 && chosen.nodes) {
    warnings.push({
      severity: 'warning',
      code: 'ignored-sheet',
      file: book.file,
      message: `sheet(s) ${ignored.map((n) => `'${n}'`).join(', ')} read as none of the tables nodes, edges, affiliations; ignored`,
    });
  }
  if (!chosen.nodes && problems.length === 0) {
    problems.push({
      severity: 'error',
      code: 'missing-nodes',
      file: book.file,
      message:
        `no nodes sheet: name a sheet 'nodes' (columns id, label, helix, ...) or say which one with --sheets nodes=SHEET; ` +
        `the workbook has: ${names.length > 0 ? names.join(', ') : 'no sheets'}`,
    });
  }
  return { chosen, problems, warnings };
}

/**
 * Read a network from a workbook's sheets (see the module doc). Throws `InputError` with every
 * problem located by sheet and cell; warnings come back in the result.
 */
export function parseWorkbookNetwork(book: Workbook, opts: FormatOptions = {}): LoadResult {
  const { chosen, problems, warnings } = chooseSheets(book, opts);
  if (problems.length > 0) throw new InputError([...warnings, ...problems]);
  const headers = new Map<string, { sheet: string; header: string[] }>();
  const table = (sh: Sheet): RowTable => {
    const key = `${book.file}${KEY_SEP}${sh.name}`;
    headers.set(key, { sheet: sh.name, header: (sh.rows[0]?.cells ?? []).map((h) => h.trim().toLowerCase()) });
    return { name: key, rows: sh.rows.map((r) => ({ cells: r.cells, line: r.row })) };
  };
  const set: { nodes: RowTable; edges?: RowTable; affiliations?: RowTable } = { nodes: table(chosen.nodes!) };
  if (chosen.edges) set.edges = table(chosen.edges);
  if (chosen.affiliations) set.affiliations = table(chosen.affiliations);
  const locate = (d: Diagnostic): Diagnostic => {
    const h = d.file !== undefined ? headers.get(d.file) : undefined;
    if (!h) return d.file !== undefined && d.file.includes(KEY_SEP) ? { ...d, file: d.file.split(KEY_SEP)[0]! } : d;
    const out: Diagnostic = { ...d, file: book.file };
    if (d.line !== undefined) {
      const f = d.field?.trim().toLowerCase();
      const k = f === undefined ? -1 : f.startsWith('#') ? Number(f.slice(1)) - 1 : h.header.indexOf(f);
      out.cell = cellRef(h.sheet, k >= 0 ? k + 1 : undefined, d.line);
    } else out.cell = `${cellRef(h.sheet, undefined, 1).split('!')[0]}!`;
    return out;
  };
  try {
    const r = parseCsvNetwork(set, opts);
    return { ...r, warnings: [...warnings, ...r.warnings.map(locate)], format: 'xlsx' };
  } catch (e) {
    if (e instanceof InputError) throw new InputError([...warnings, ...e.diagnostics.map(locate)]);
    throw e;
  }
}

/**
 * One sheet of a workbook as a row table for the free-table readers (the survey roster): the sheet
 * named `sheet` (ignoring case), else the first sheet with rows; with `locate`, which turns the
 * table's diagnostics (line = row, field = a header) into ones located by cell (`file.xlsx:Sheet!C7`).
 */
export function sheetRowTable(book: Workbook, sheet?: string): { table: RowTable; locate: (d: Diagnostic) => Diagnostic } {
  const sh =
    sheet !== undefined
      ? (book.sheets.find((s) => s.name === sheet) ?? book.sheets.find((s) => s.name.toLowerCase() === sheet.toLowerCase()))
      : book.sheets.find((s) => s.rows.length > 0);
  if (!sh) {
    const names = book.sheets.map((s) => s.name);
    const hint = sheet !== undefined ? didYouMean(sheet, names) : undefined;
    throw new InputError([
      {
        severity: 'error',
        code: 'missing-sheet',
        file: book.file,
        message:
          sheet !== undefined
            ? `no sheet '${sheet}'${hint ? ` (did you mean '${hint}'?)` : ''}; the workbook has: ${names.join(', ')}`
            : 'the workbook has no sheet with rows',
      },
    ]);
  }
  const header = (sh.rows[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  return {
    table: { name: book.file, rows: sh.rows.map((r) => ({ cells: r.cells, line: r.row })) },
    locate: (d) => {
      if (d.line === undefined) return d;
      const k = d.field === undefined ? -1 : header.indexOf(d.field.trim().toLowerCase());
      return { ...d, cell: cellRef(sh.name, k >= 0 ? k + 1 : undefined, d.line) };
    },
  };
}
