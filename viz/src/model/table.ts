/**
 * The actor table (pure; unit-tested): one row per actor with its label, id, role, sector, every
 * attribute it carries and every measure of the analysis; sorting (numbers numerically, texts by
 * locale, missing values last in both directions, ties by id), filtering (a text query matched
 * accent- and case-insensitively on label, id, role and sector; optionally only the actors shown on
 * the map) and the CSV export.
 *
 * CSV ({@link toCsv}): RFC 4180 quoting (a field holding the separator, a quote or a line break is
 * quoted, quotes doubled), CRLF line ends and a UTF-8 byte order mark, so Excel opens it as UTF-8.
 * The dialect (separator, decimal mark) is a parameter: the Finnish Excel dialect (`;` and decimal
 * comma) is {@link CSV_EXCEL_FI}, for the locale work to come. A text cell that starts with `=`, `+`,
 * `-`, `@`, tab or CR gets a leading `'`, so that a spreadsheet does not run it as a formula (labels
 * come from files); numbers are written as numbers.
 */
import { S } from '../strings.js';
import type { AttributeInfo } from './colouring.js';
import { MEASURES, type AnalysisNodeView } from './measures.js';
import { HELIX_LABELS } from './palette.js';
import { fold } from './search.js';

export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  kind: 'text' | 'number';
  help?: string;
}

export interface ActorRow {
  id: string;
  /** Cells by column key. */
  cells: Record<string, Cell>;
  /** Folded label, id, role and sector, for the text filter. */
  haystack: string;
}

interface GraphLike {
  forEachNode(cb: (id: string, attrs: { [k: string]: unknown }) => void): void;
}

/** Columns: actor, id, role, sector, markers, the attributes, then the measures (when analysed). */
export function tableColumns(attributes: readonly AttributeInfo[], analysed: boolean): Column[] {
  const cols: Column[] = [
    { key: 'label', label: S.table.actor, kind: 'text' },
    { key: 'id', label: S.table.id, kind: 'text' },
    { key: 'helix', label: S.table.role, kind: 'text' },
    { key: 'sector', label: S.table.sector, kind: 'text' },
  ];
  if (analysed) cols.push({ key: 'markers', label: S.table.markers, kind: 'text' });
  for (const a of attributes)
    if (a.name !== 'sector') cols.push({ key: a.key, label: a.name, kind: a.kind === 'numeric' ? 'number' : 'text' });
  if (analysed) {
    for (const m of MEASURES) cols.push({ key: `measure:${m.key}`, label: m.label, kind: 'number', help: m.help });
    cols.push({ key: 'community', label: S.panels.community, kind: 'text' });
  }
  return cols;
}

/** One row per actor (graph order). `markers` names an actor's markers ("gatekeeper broker · …"). */
export function actorRows(
  graph: GraphLike,
  attributes: readonly AttributeInfo[],
  analysis: readonly AnalysisNodeView[] | null,
  markers: (id: string) => string,
): ActorRow[] {
  const byId = new Map((analysis ?? []).map((n) => [n.id, n]));
  const rows: ActorRow[] = [];
  graph.forEachNode((id, a) => {
    const label = typeof a.label === 'string' ? a.label : id;
    const role = String(a.helix);
    const roleLabel = HELIX_LABELS[role as keyof typeof HELIX_LABELS] ?? role;
    const sector = typeof a.sector === 'string' && a.sector !== '' ? a.sector : null;
    const cells: Record<string, Cell> = { label, id, helix: roleLabel, sector };
    for (const at of attributes) {
      const v = a[at.name];
      cells[at.key] = v === undefined || v === null || v === '' ? null : at.kind === 'numeric' && typeof v === 'number' ? v : String(v);
    }
    const n = byId.get(id);
    if (analysis) {
      cells.markers = markers(id) || null;
      for (const m of MEASURES) cells[`measure:${m.key}`] = n ? m.get(n) : null;
      cells.community = n && n.community !== undefined && n.community !== null ? String(n.community) : null;
    }
    rows.push({ id, cells, haystack: fold([label, id, roleLabel, sector ?? ''].join('\u0001')) });
  });
  return rows;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows sorted by one column (a new array; stable; missing values last either way; ties by id). */
export function sortRows(rows: readonly ActorRow[], key: string, dir: 'asc' | 'desc'): ActorRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a.cells[key] ?? null;
    const y = b.cells[key] ?? null;
    if (x === null || y === null) return x === y ? collator.compare(a.id, b.id) : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return c !== 0 ? sign * c : collator.compare(a.id, b.id);
  });
}

/** Rows matching the text query (folded substring), and among `only` when given. */
export function filterRows(rows: readonly ActorRow[], query: string, only: ReadonlySet<string> | null): ActorRow[] {
  const q = fold(query.trim());
  return rows.filter((r) => (only === null || only.has(r.id)) && (q === '' || r.haystack.includes(q)));
}

export interface CsvDialect {
  separator: string;
  decimal: '.' | ',';
  /** Write a UTF-8 byte order mark first (Excel then reads UTF-8). */
  bom: boolean;
  eol: string;
}

/** Standard CSV as Excel opens it in English locales. */
export const CSV_STANDARD: CsvDialect = { separator: ',', decimal: '.', bom: true, eol: '\r\n' };
/** The Finnish Excel dialect: `;` between fields, decimal comma. */
export const CSV_EXCEL_FI: CsvDialect = { separator: ';', decimal: ',', bom: true, eol: '\r\n' };

/** One CSV field (see the module doc for quoting and the formula guard). */
export function csvField(v: Cell, dialect: CsvDialect = CSV_STANDARD): string {
  if (v === null) return '';
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    s = String(v);
    if (dialect.decimal === ',') s = s.replace('.', ',');
  } else {
    s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  }
  return s.includes(dialect.separator) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV text (header row of column labels, then the rows in the given order). */
export function toCsv(columns: readonly Column[], rows: readonly ActorRow[], dialect: CsvDialect = CSV_STANDARD): string {
  const line = (cells: Cell[]) => cells.map((c) => csvField(c, dialect)).join(dialect.separator);
  const out = [line(columns.map((c) => c.label))];
  for (const r of rows) out.push(line(columns.map((c) => r.cells[c.key] ?? null)));
  return (dialect.bom ? '\uFEFF' : '') + out.join(dialect.eol) + dialect.eol;
}
