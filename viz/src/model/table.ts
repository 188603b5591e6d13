/**
 * The actor table (pure; unit-tested): one row per actor with its label, id, role, sector, every
 * attribute it carries and every measure of the analysis; sorting (numbers numerically, texts by
 * locale, missing values last in both directions, ties by id), filtering (a text query matched
 * accent- and case-insensitively on label, id, role and sector; optionally only the actors shown on
 * the map) and the CSV export.
 *
 * CSV ({@link toCsv}) is written by the library's one CSV writer (`csvRows`, `src/util/csv.ts`):
 * RFC 4180 quoting, a UTF-8 byte order mark first (so Excel opens it as UTF-8), and the dialect as a
 * parameter — `rfc4180` (`,`, decimal point) or `excel-fi` (`;`, decimal comma: what Excel set to
 * Finnish opens into columns; the app's default in Finnish). A text cell that starts with `=`, `+`,
 * `-`, `@`, tab or CR gets a leading `'`, so that a spreadsheet does not run it as a formula (labels
 * come from files); numbers are written as numbers (full precision).
 */
import { csvPreamble, csvRows, type CsvDialect } from 'helixlab';
import { S, lang } from '../strings.js';
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

const BOM = csvPreamble('excel-fi');

const collators = new Map<string, Intl.Collator>();
/** Texts sort as the app's language sorts them (Finnish: å, ä, ö after z). */
function collator(): Intl.Collator {
  let c = collators.get(lang());
  if (!c) collators.set(lang(), (c = new Intl.Collator(lang(), { numeric: true, sensitivity: 'base' })));
  return c;
}

/** Rows sorted by one column (a new array; stable; missing values last either way; ties by id). */
export function sortRows(rows: readonly ActorRow[], key: string, dir: 'asc' | 'desc'): ActorRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const collate = collator();
  return [...rows].sort((a, b) => {
    const x = a.cells[key] ?? null;
    const y = b.cells[key] ?? null;
    if (x === null || y === null) return x === y ? collate.compare(a.id, b.id) : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : collate.compare(String(x), String(y));
    return c !== 0 ? sign * c : collate.compare(a.id, b.id);
  });
}

/** Rows matching the text query (folded substring), and among `only` when given. */
export function filterRows(rows: readonly ActorRow[], query: string, only: ReadonlySet<string> | null): ActorRow[] {
  const q = fold(query.trim());
  return rows.filter((r) => (only === null || only.has(r.id)) && (q === '' || r.haystack.includes(q)));
}

/** The CSV dialects of the export: `rfc4180` (`,` and `.`) or `excel-fi` (`;` and decimal comma), as the library writes them. */
export type { CsvDialect };

/**
 * The table as CSV text through the library's CSV writer (`csvRows`): a header row of the column
 * labels (in the app's language), then the rows in the given order. Both dialects start with a UTF-8
 * byte order mark (the preamble of `excel-fi`; the plain one gets it too, so that Excel in any
 * locale reads UTF-8).
 */
export function toCsv(columns: readonly Column[], rows: readonly ActorRow[], dialect: CsvDialect = 'rfc4180'): string {
  const cells: Cell[][] = [columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => r.cells[c.key] ?? null))];
  return BOM + csvRows(cells, { dialect });
}
