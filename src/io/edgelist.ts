/**
 * Edge lists: one tie per line, `source target [weight]`, as NetworkX (`write_edgelist`,
 * `write_weighted_edgelist`), igraph (`ncol`), Gephi's edge table or a spreadsheet export write them.
 * The actors are the ends of the ties (labelled by their names); an edge list has no roles, so the
 * role comes from `--helix-default ROLE`, or from a map of the names (`--helix-map-file roles.csv`:
 * with a map, the names are looked up, as `--helix-attr id`).
 *
 * Two shapes:
 * - **with a header** (a CSV/TSV whose header has `source` and `target`, as Gephi writes, ignoring
 *   case; `,` `;` or tab): the columns `source`, `target`, `weight`, `kind`, `since`, `until` as in
 *   `edges.csv`, every other column a tie attribute (typed as CSV free columns are: numbers only when
 *   every cell is one, true/false only when every cell is; NetworkX's `Id`, `key` and Gephi's `Id`,
 *   `Type` are dropped — `Type` `Directed` counts as a directed arc);
 * - **without a header** (`.txt`, `.edges`, `.edgelist`, or a CSV whose first line is data): fields
 *   separated by tab, `,`, `;` or blanks; the third field, if any, is the weight — a number, or
 *   NetworkX's data dictionary `{'weight': 2.5, 'kind': 'supply'}` (its keys become tie attributes).
 *   `#` and `%` start comment lines.
 *
 * Weights follow the number rule of every reader (`0x1` is not a number; a weight must be > 0).
 * Problems are located by line.
 */
import { MultiGraph } from 'graphology';
import { parse } from 'csv-parse/browser/esm/sync';
import { DiagnosticCollector } from '../model/errors.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import { sniffCsvHeader } from './csv.js';
import { parseNumberText } from './validate.js';
import { defaultRoleOf } from './helix-map.js';
import { foreignGraphToNetwork } from './xml.js';

const NUMBER_STRICT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Does a one-file CSV/TSV/TXT hold an edge list with a header (`source` and `target`, no `id`)? */
export function hasEdgeListHeader(text: string): boolean {
  const cols = sniffCsvHeader(text).columns.map((c) => c.trim().toLowerCase());
  return cols.includes('source') && cols.includes('target');
}

/**
 * Does the text look like an edge list without a header: its first data line (after `#`/`%`
 * comments) has 2 or 3 fields (or 2 and a `{...}` dictionary) separated by tab, `,`, `;` or blanks,
 * and none of them is a column name of a HelixLab table? For a CSV file (`lenient` false) a third
 * field must be a number or a dictionary (else it is more likely a header); for `.txt` and other
 * names any third field will do (a bad weight is then reported on its line).
 */
export function looksLikeHeaderlessEdgeList(text: string, lenient = false): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .find((l) => l.trim() !== '' && !/^\s*[#%]/.test(l));
  if (first === undefined) return false;
  const f = splitFields(first);
  if (f.length < 2 || f.length > 3) return false;
  const names = new Set(['id', 'helix', 'label', 'source', 'target', 'actor', 'activity', 'weight', 'from', 'to', 'node1', 'node2']);
  if (f.some((x) => names.has(x.trim().toLowerCase()))) return false;
  return f.length === 2 || lenient || parseNumberText(f[2]!) !== undefined || f[2]!.trim().startsWith('{');
}

/** The fields of a headerless line: a trailing `{...}` dictionary kept whole; tab, `,`, `;` or blanks between the rest. */
function splitFields(line: string): string[] {
  const t = line.trim();
  const brace = t.indexOf('{');
  const head = brace >= 0 ? t.slice(0, brace) : t;
  const dict = brace >= 0 ? t.slice(brace) : undefined;
  const sep = head.includes('\t') ? /\t+/ : head.includes(',') ? /\s*,\s*/ : head.includes(';') ? /\s*;\s*/ : /\s+/;
  const f = head
    .split(sep)
    .map((x) => x.trim().replace(/^"(.*)"$/, '$1'))
    .filter((x, i, a) => x !== '' || i < a.length - 1);
  if (f.length > 0 && f[f.length - 1] === '') f.pop();
  if (dict !== undefined) f.push(dict);
  return f;
}

/** NetworkX's data dictionary `{'weight': 2.5, 'kind': 'supply', 'flag': True}` as attributes; undefined if it is not one. */
function parseDict(text: string): Record<string, unknown> | undefined {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  const out: Record<string, unknown> = {};
  const body = t.slice(1, -1).trim();
  if (body === '') return out;
  const re = /\s*(['"])(.*?)\1\s*:\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^,]+?)\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let used = 0;
  while ((m = re.exec(body)) !== null) {
    used = re.lastIndex;
    const raw = m[3]!.trim();
    let v: unknown;
    if (/^['"]/.test(raw)) v = raw.slice(1, -1);
    else if (raw === 'True' || raw === 'False') v = raw === 'True';
    else if (raw === 'None') v = null;
    else v = parseNumberText(raw) ?? raw;
    out[m[2]!] = v;
    if (re.lastIndex >= body.length) break;
  }
  return used >= body.length ? out : undefined;
}

/** Read an edge list (see the module doc). Throws `InputError` with every problem found. */
export function parseEdgeList(file: InputFile, opts: FormatOptions = {}): LoadResult {
  const c = new DiagnosticCollector(file.name, opts.maxErrors ?? 100);
  if (defaultRoleOf(opts) === undefined && opts.helixMap === undefined) {
    c.error(
      'missing-helix',
      'an edge list holds no helix roles: give every actor one with --helix-default ROLE, or map the names with --helix-attr id --helix-map-file roles.csv',
      { line: 1 },
    );
    c.throwIfErrors();
  }
  const g = new MultiGraph({ allowSelfLoops: true });
  const nodeWhere = new Map<string, { line: number }>();
  const edgeWhere: Array<{ line: number }> = [];
  let arcs = 0;
  const arcSet = new Set<string>();
  const addEnd = (id: string, line: number) => {
    if (!g.hasNode(id)) {
      g.addNode(id, {});
      nodeWhere.set(id, { line });
    }
  };
  const text = file.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (hasEdgeListHeader(text)) {
    const sep = sniffCsvHeader(text).separator ?? ',';
    let records: Array<{ record: string[]; info: { lines: number } }>;
    try {
      records = parse(text, {
        delimiter: sep,
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
        info: true,
      }) as unknown as typeof records;
    } catch (e) {
      const err = e as { lines?: number; message?: string };
      c.error('csv-syntax', `CSV syntax error: ${err.message ?? String(e)}`, { line: err.lines ?? 1 });
      c.throwIfErrors();
      return undefined as never;
    }
    const header = records.shift()!.record.map((h) => h.trim());
    const lower = header.map((h) => h.toLowerCase());
    const col = (name: string) => lower.indexOf(name);
    const [ks, kt, kw, ktype] = [col('source'), col('target'), col('weight'), col('type')];
    const drop = new Set(['source', 'target', 'weight', 'id', 'key', 'type']);
    const extra = header.map((h, k) => ({ h, k })).filter(({ h }) => h !== '' && !drop.has(h.toLowerCase()));
    const typed = extra.map(({ k }) => {
      const vals = records.map((r) => (r.record[k] ?? '').trim()).filter((v) => v !== '');
      return vals.length > 0 && vals.every((v) => NUMBER_STRICT.test(v))
        ? (v: string) => Number(v)
        : vals.length > 0 && vals.every((v) => /^(true|false)$/i.test(v))
          ? (v: string) => v.toLowerCase() === 'true'
          : (v: string) => v;
    });
    for (const { record, info } of records) {
      const line = info.lines;
      if (record.length !== header.length) {
        c.error('field-count', `expected ${header.length} fields (as in the header), found ${record.length}`, { line });
        continue;
      }
      const s = record[ks]!.trim();
      const t = record[kt]!.trim();
      if (s === '' || t === '') {
        c.error('missing-node', `missing ${s === '' ? 'source' : 'target'}`, { line, field: s === '' ? 'source' : 'target' });
        continue;
      }
      const attrs: Record<string, unknown> = {};
      if (kw >= 0 && record[kw]!.trim() !== '') {
        const w = parseNumberText(record[kw]!, sep === ';');
        attrs['weight'] = w ?? record[kw]!.trim();
      }
      extra.forEach(({ h, k }, j) => {
        const v = record[k]!.trim();
        if (v !== '') attrs[h] = typed[j]!(v);
      });
      addEnd(s, line);
      addEnd(t, line);
      g.addEdge(s, t, attrs);
      edgeWhere.push({ line });
      if (ktype >= 0 && record[ktype]!.trim().toLowerCase() === 'directed') {
        arcs++;
        arcSet.add(`${s}\u0000${t}`);
      }
    }
  } else {
    text.split('\n').forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '' || /^\s*[#%]/.test(raw)) return;
      const f = splitFields(raw);
      if (f.length < 2 || f.length > 3) {
        c.error('field-count', `expected 'source target [weight]', found ${f.length} field(s): '${raw.trim().slice(0, 60)}'`, { line });
        return;
      }
      const attrs: Record<string, unknown> = {};
      if (f[2] !== undefined) {
        const dict = parseDict(f[2]);
        if (dict) Object.assign(attrs, dict);
        else attrs['weight'] = parseNumberText(f[2]) ?? f[2];
      }
      addEnd(f[0]!, line);
      addEnd(f[1]!, line);
      g.addEdge(f[0]!, f[1]!, attrs);
      edgeWhere.push({ line });
    });
  }
  if (c.full) c.throwIfErrors();
  let bothWays = 0;
  for (const k of arcSet) {
    const [s, t] = k.split('\u0000') as [string, string];
    if (s < t && arcSet.has(`${t}\u0000${s}`)) bothWays++;
  }
  const network = foreignGraphToNetwork(g, {
    format: 'edge list',
    collector: c,
    options: { ...opts, helixAttr: opts.helixAttr ?? (opts.helixMap !== undefined ? 'id' : 'helix') },
    directed: arcs > 0,
    nodeWhere: (id) => nodeWhere.get(id),
    edgeWhere: (i) => edgeWhere[i] ?? {},
    graphWhere: { line: 1 },
    arcs: { count: arcs, bothWays },
  });
  return { network, warnings: c.warnings, format: 'edgelist' };
}
