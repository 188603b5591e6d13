/**
 * Excel workbooks (`.xlsx`) on Node, with exceljs (loaded on first use, so that commands reading no
 * workbook do not pay for it): reading a workbook into text cells for the browser-safe readers
 * (`parseWorkbookNetwork` in `src/io/sheets.ts`, the survey roster), writing tables as sheets, and
 * the async front door that reads any network input, workbooks included ({@link readNetworkFilesAsync}).
 *
 * Reading a cell (exceljs's value → the text the readers see): a number in JavaScript's shortest form
 * (`0.5`, `2015`); a date as `yyyy-mm-dd` (with the time, `yyyy-mm-ddThh:mm:ss`, when it has one); a
 * boolean as `true`/`false`; rich text as its plain text; a hyperlink as its text; a formula by its
 * last computed value. A formula without a computed value (a workbook written by a program that
 * does not compute) and an error value (`#N/A`, `#DIV/0!`) are errors located by sheet and cell.
 * Empty rows are skipped; row numbers are the sheet's own. An old binary `.xls` is an error ("save it
 * as .xlsx").
 *
 * Writing ({@link workbookBytes}): one sheet per table, the header row bold and frozen, numbers as
 * numbers, booleans as booleans, texts as texts (never formulas), column widths fitted. The same
 * tables give the same bytes: the workbook's dates and the zip entries' times are fixed
 * (1980-01-01), as `zip -X` does, so outputs can be compared by hash.
 */
import { readFileSync } from 'node:fs';
import { InputError, UsageError, type Diagnostic } from '../model/errors.js';
import type { FormatName, FormatOptions, LoadResult } from '../io/formats.js';
import type { Network } from '../model/types.js';
import type { DataTable } from '../report/tables.js';
import { cellRef, parseWorkbookNetwork, type Sheet, type Workbook } from '../io/sheets.js';
import { networkTables } from '../io/csv.js';
import { readNetworkFiles, writeNetworkFile } from './files.js';
import { writeFileAtomic } from './atomic.js';

// exceljs's types, as far as they are used here (its index.d.ts is large; the package is loaded lazily)
interface XCell {
  value: unknown;
}
interface XRow {
  cellCount: number;
  getCell(col: number): XCell;
  font?: unknown;
}
interface XWorksheet {
  name: string;
  rowCount: number;
  columnCount: number;
  getRow(r: number): XRow;
  addRow(values: unknown[]): XRow;
  views: unknown[];
  columns: Array<{ width?: number }>;
}
interface XWorkbook {
  creator: string;
  created: Date;
  modified: Date;
  worksheets: XWorksheet[];
  addWorksheet(name: string): XWorksheet;
  xlsx: { load(data: Uint8Array): Promise<unknown>; writeBuffer(): Promise<ArrayBuffer | Uint8Array> };
}
type ExcelModule = { Workbook: new () => XWorkbook };

let excel: Promise<ExcelModule> | undefined;
function exceljs(): Promise<ExcelModule> {
  excel ??= import('exceljs').then((m) => (m as unknown as { default?: ExcelModule }).default ?? (m as unknown as ExcelModule));
  return excel;
}

/** Is this path a workbook by its name (`.xlsx`, `.xlsm`)? */
export function isWorkbookPath(path: string): boolean {
  return /\.xls[xm]$/i.test(path);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A cell's value as the text the readers see (see the module doc); `problem` for formulas without a value and error values. */
function cellText(v: unknown): { text: string; problem?: string } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'number') return { text: Number.isFinite(v) ? String(v) : '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'boolean') return { text: v ? 'true' : 'false' };
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return { text: '' };
    const day = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const h = v.getUTCHours();
    const m = v.getUTCMinutes();
    const s = v.getUTCSeconds();
    return { text: h === 0 && m === 0 && s === 0 ? day : `${day}T${pad(h)}:${pad(m)}:${pad(s)}` };
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o['richText'])) return { text: (o['richText'] as Array<{ text?: string }>).map((r) => r.text ?? '').join('') };
    if ('error' in o) return { text: '', problem: `the cell holds the error value ${String(o['error'])}` };
    if ('formula' in o || 'sharedFormula' in o) {
      if (o['result'] === undefined || o['result'] === null) {
        return {
          text: '',
          problem: `a formula (=${String(o['formula'] ?? o['sharedFormula'])}) without a computed value: open the workbook in Excel or LibreOffice and save it, or paste the values`,
        };
      }
      return cellText(o['result']);
    }
    if ('text' in o) return cellText(o['text']);
    if ('hyperlink' in o) return { text: String(o['hyperlink']) };
  }
  return { text: String(v) };
}

/**
 * Read a workbook into text cells. Throws `InputError` for bytes that are no workbook; cells whose
 * value cannot be read (formulas without a value, error values) come back as `problems`, located.
 */
export async function readWorkbook(file: string, bytes?: Uint8Array): Promise<{ book: Workbook; problems: Diagnostic[] }> {
  if (/\.xls$/i.test(file)) {
    throw new InputError([
      {
        severity: 'error',
        code: 'binary-file',
        file,
        line: 1,
        message: 'an old binary Excel file (.xls): save it as an Excel workbook (.xlsx) or as CSV (UTF-8)',
      },
    ]);
  }
  let data: Uint8Array;
  try {
    data = bytes ?? readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new InputError([{ severity: 'error', code: 'no-such-file', file, message: 'no such file' }]);
    throw e;
  }
  if (data.length < 4 || data[0] !== 0x50 || data[1] !== 0x4b) {
    throw new InputError([
      {
        severity: 'error',
        code: 'not-xlsx',
        file,
        line: 1,
        message: 'not an Excel workbook (.xlsx is a zip archive): save it from Excel as "Excel Workbook (.xlsx)"',
      },
    ]);
  }
  const { Workbook: WB } = await exceljs();
  const wb = new WB();
  try {
    await wb.xlsx.load(data);
  } catch (e) {
    throw new InputError([
      {
        severity: 'error',
        code: 'not-xlsx',
        file,
        line: 1,
        message: `cannot read the workbook: ${(e as Error).message} (is it an .xlsx saved by Excel or LibreOffice?)`,
      },
    ]);
  }
  const problems: Diagnostic[] = [];
  const sheets: Sheet[] = wb.worksheets.map((ws) => {
    const rows: Sheet['rows'] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const width = Math.max(ws.columnCount, row.cellCount);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) {
        const t = cellText(row.getCell(c).value);
        if (t.problem !== undefined)
          problems.push({ severity: 'error', code: 'bad-cell', file, cell: cellRef(ws.name, c, r), line: r, message: t.problem });
        cells.push(t.text);
      }
      while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
      if (cells.some((x) => x.trim() !== '')) rows.push({ row: r, cells });
    }
    return { name: ws.name, rows };
  });
  return { book: { file, sheets }, problems };
}

/** One sheet to write: its name, header and rows (typed cells). */
export type SheetTable = DataTable;

/** Fix the times of every entry of a zip archive (local and central headers) to 1980-01-01 00:00, as `zip -X` does. */
function fixZipTimes(bytes: Uint8Array): Uint8Array {
  const b = Buffer.from(bytes);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return b;
  const entries = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  for (let k = 0; k < entries && p + 46 <= b.length && b.readUInt32LE(p) === 0x02014b50; k++) {
    b.writeUInt16LE(0, p + 12);
    b.writeUInt16LE(0x21, p + 14);
    const local = b.readUInt32LE(p + 42);
    if (local + 30 <= b.length && b.readUInt32LE(local) === 0x04034b50) {
      b.writeUInt16LE(0, local + 10);
      b.writeUInt16LE(0x21, local + 12);
    }
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return b;
}

/** A sheet name Excel accepts: at most 31 characters, none of `[ ] : * ? / \`. */
function sheetName(name: string, used: Set<string>): string {
  let n = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'sheet';
  for (let k = 2; used.has(n.toLowerCase()); k++) n = `${n.slice(0, 28)}_${k}`;
  used.add(n.toLowerCase());
  return n;
}

/** The bytes of a workbook holding the tables (see the module doc). */
export async function workbookBytes(tables: readonly SheetTable[]): Promise<Uint8Array> {
  const { Workbook: WB } = await exceljs();
  const wb = new WB();
  const fixed = new Date(Date.UTC(1980, 0, 1));
  wb.creator = 'HelixLab';
  wb.created = fixed;
  wb.modified = fixed;
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name, used));
    const head = ws.addRow(t.head);
    head.font = { bold: true };
    const widths = t.head.map((h) => Math.max(8, h.length + 2));
    for (const r of t.rows) {
      ws.addRow(r.map((v) => (v === undefined ? null : typeof v === 'number' && !Number.isFinite(v) ? null : v)));
      r.forEach((v, k) => {
        const len = v === null || v === undefined ? 0 : String(v).length;
        if (k < widths.length) widths[k] = Math.min(60, Math.max(widths[k]!, len + 2));
      });
    }
    ws.columns = widths.map((width) => ({ width }));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return fixZipTimes(new Uint8Array(await wb.xlsx.writeBuffer()));
}

/** Write tables as a workbook file, atomically. */
export async function writeWorkbookFile(path: string, tables: readonly SheetTable[]): Promise<void> {
  writeFileAtomic(path, await workbookBytes(tables));
}

/** A network's tables (nodes, edges, affiliations) as sheets. */
export function networkSheets(net: Network): SheetTable[] {
  const t = networkTables(net);
  const out: SheetTable[] = [
    { name: 'nodes', ...t.nodes },
    { name: 'edges', ...t.edges },
  ];
  if (t.affiliations) out.push({ name: 'affiliations', ...t.affiliations });
  return out;
}

/**
 * Read a network from files, as `readNetworkFiles` does, and from an Excel workbook (`.xlsx`: given
 * alone; its sheets are the tables, see `parseWorkbookNetwork`).
 */
export async function readNetworkFilesAsync(paths: string[], opts: FormatOptions = {}): Promise<LoadResult> {
  const books = paths.filter(isWorkbookPath);
  const xls = paths.filter((p) => /\.xls$/i.test(p));
  if (books.length === 0 && xls.length === 0) return readNetworkFiles(paths, opts);
  if (paths.length > 1) {
    throw new UsageError(`an Excel workbook holds all the tables: give it alone (got ${paths.join(', ')})`);
  }
  const { book, problems } = await readWorkbook(paths[0]!);
  // the cells that could not be read are reported with every other problem of the workbook
  let result: LoadResult;
  try {
    result = parseWorkbookNetwork(book, opts);
  } catch (e) {
    if (e instanceof InputError && problems.length > 0) throw new InputError([...problems, ...e.diagnostics]);
    throw e;
  }
  if (problems.length > 0) throw new InputError([...problems, ...result.warnings]);
  return result;
}

/**
 * Write a network to `path` as `writeNetworkFile` does, and as an Excel workbook when the name ends
 * in `.xlsx` (or `format` is `xlsx`): sheets nodes, edges, affiliations.
 */
export async function writeNetworkFileAsync(
  net: Network,
  path: string,
  format?: FormatName,
  opts: Parameters<typeof writeNetworkFile>[3] = {},
): Promise<{ paths: string[]; warnings: string[] }> {
  const byExt = isWorkbookPath(path);
  if (format !== undefined && format !== 'xlsx' && byExt) {
    throw new UsageError(`'${path}': the extension means xlsx, but the format asked for is ${format}; make them agree`);
  }
  if (format === 'xlsx' || (format === undefined && byExt)) {
    const warnings: string[] = [];
    const lost = (['name', 'description', 'source'] as const).filter((k) => net[k] !== undefined);
    if (net.profile) lost.push('profile' as never);
    if (lost.length > 0)
      warnings.push(`an Excel workbook of the tables does not hold the network's ${lost.join(', ')}; write JSON to keep them`);
    await writeWorkbookFile(path, networkSheets(net));
    return { paths: [path], warnings };
  }
  return writeNetworkFile(net, path, format, opts);
}
