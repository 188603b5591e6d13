/**
 * The loader front door: tell the format of each input and dispatch to its reader. Browser-safe:
 * it works on decoded `{name, text}` inputs (`src/node/files.ts` reads and decodes files on Node).
 *
 * Format detection ({@link detectFormat}): by extension first (`.json`; `.gexf`; `.graphml`;
 * `.csv`/`.tsv`/`.txt`, a trailing `.gz` ignored), where a CSV whose header has the CORDIS columns
 * (`projectID` + `organisationID`, or `rcn` + `pic`; not a HelixLab table's) is CORDIS; then, for any
 * other name, by content: `{` → HelixLab JSON, `<gexf` → GEXF, `<graphml` → GraphML, a CORDIS header
 * → CORDIS, a header line with `,` `;` or tab → CSV.
 *
 * {@link loadNetwork} takes either ONE JSON / GEXF / GraphML / CORDIS file, or a set of CSV tables:
 * a nodes table with optionally an edges table and an affiliations table, recognised by their
 * header columns (`id`+`helix` / `source`+`target` / `actor`+`activity`) in any order.
 */
import { DiagnosticCollector, InputError, type Diagnostic } from '../model/errors.js';
import type { FormatName, FormatOptions, InputFile, LoadResult } from './formats.js';
import { parseNetworkJson } from './json.js';
import { csvTableKind, parseCsvNetwork, sniffCsvHeader, type CsvTableKind } from './csv.js';
import { parseGexf } from './gexf.js';
import { parseGraphml } from './graphml.js';
import { parseCordis } from './cordis.js';
import { looksLikeGml, parseGml } from './gml.js';
import { looksLikePajek, parsePajek } from './pajek.js';
import { hasEdgeListHeader, looksLikeHeaderlessEdgeList, parseEdgeList } from './edgelist.js';
import { defaultRoleOf } from './helix-map.js';

const CORDIS_HINTS: ReadonlyArray<readonly string[]> = [
  ['projectid', 'organisationid'],
  ['rcn', 'pic'],
];
const HELIXLAB_TABLES: ReadonlyArray<readonly string[]> = [
  ['id', 'helix'],
  ['source', 'target'],
  ['actor', 'activity'],
];

/**
 * Does the first line of `text` carry the CORDIS columns (`projectID` + `organisationID`, or
 * `rcn` + `pic`) — and not those of a HelixLab table (a nodes table written from CORDIS data keeps
 * CORDIS attributes as extra columns)?
 */
export function looksLikeCordis(text: string): boolean {
  const sniff = sniffCsvHeader(text);
  if (sniff.separator === undefined) return false;
  const cols = new Set(sniff.columns.map((c) => c.toLowerCase()));
  if (HELIXLAB_TABLES.some((t) => t.every((h) => cols.has(h)))) return false;
  return CORDIS_HINTS.some((hint) => hint.every((h) => cols.has(h)));
}

function fileError(name: string, code: string, message: string, line?: number): InputError {
  const d: Diagnostic = { severity: 'error', code, message, file: name };
  if (line !== undefined) d.line = line;
  return new InputError([d]);
}

/** Strip `.gz` and return the lower-cased extension (with the dot), or ''. */
function extensionOf(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? name;
  const noGz = base.toLowerCase().replace(/\.gz$/, '');
  const dot = noGz.lastIndexOf('.');
  return dot <= 0 ? '' : noGz.slice(dot);
}

/**
 * The format of one input, by extension then content (see the module doc). Throws an
 * `InputError` naming the file when the format cannot be told. `alone`: the file is the only input
 * (a CSV that is only an edge table is then an edge list).
 */
export function detectFormat(name: string, text: string, alone = true): FormatName {
  const ext = extensionOf(name);
  switch (ext) {
    case '.json':
      return 'json';
    case '.gexf':
      return 'gexf';
    case '.graphml':
      return 'graphml';
    case '.gml':
      return 'gml';
    case '.net':
    case '.paj':
      return 'pajek';
    case '.edges':
    case '.edgelist':
      return 'edgelist';
    case '.xlsx':
      return 'xlsx';
    case '.csv':
    case '.tsv':
    case '.txt':
      if (looksLikeCordis(text)) return 'cordis';
      if (looksLikePajek(text)) return 'pajek';
      if (alone && !hasTableHeader(text) && looksLikeHeaderlessEdgeList(text, ext === '.txt')) return 'edgelist';
      return 'csv';
    default:
      break;
  }
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head === '') throw fileError(name, 'empty-file', 'empty file: nothing to read', 1);
  if (head.startsWith('{')) return 'json';
  if (head.startsWith('<')) {
    const start = head.slice(0, 4096);
    if (/<gexf[\s>]/.test(start)) return 'gexf';
    if (/<graphml[\s>]/.test(start)) return 'graphml';
    throw fileError(name, 'unknown-format', 'cannot tell the format: an XML file that is neither GEXF (<gexf>) nor GraphML (<graphml>)', 1);
  }
  if (looksLikeGml(text)) return 'gml';
  if (looksLikePajek(text)) return 'pajek';
  if (looksLikeCordis(text)) return 'cordis';
  if (alone && !hasTableHeader(text) && looksLikeHeaderlessEdgeList(text, true)) return 'edgelist';
  const sniff = sniffCsvHeader(text);
  if (sniff.separator !== undefined && sniff.columns.length > 1) return 'csv';
  throw fileError(
    name,
    'unknown-format',
    'cannot tell the format: expected HelixLab JSON, GEXF, GraphML, GML, Pajek, CORDIS CSV, CSV tables or an edge list (use the extension .json, .gexf, .graphml, .gml, .net, .csv or .xlsx)',
    1,
  );
}

/** Does the first line name columns of a HelixLab table (id, source+target, actor+activity)? */
function hasTableHeader(text: string): boolean {
  const cols = sniffCsvHeader(text).columns.map((c) => c.trim().toLowerCase());
  return (
    cols.includes('id') || (cols.includes('source') && cols.includes('target')) || (cols.includes('actor') && cols.includes('activity'))
  );
}

function dispatchOne(format: FormatName, file: InputFile, opts: FormatOptions): LoadResult {
  switch (format) {
    case 'json':
      return parseNetworkJson(file, opts);
    case 'gexf':
      return parseGexf(file, opts);
    case 'graphml':
      return parseGraphml(file, opts);
    case 'cordis':
      return parseCordis(file, opts);
    case 'gml':
      return parseGml(file, opts);
    case 'pajek':
      return parsePajek(file, opts);
    case 'edgelist':
      return parseEdgeList(file, opts);
    case 'csv':
      return parseCsvNetwork({ nodes: file }, opts);
    case 'xlsx':
      throw fileError(
        file.name,
        'binary-file',
        'an Excel workbook is read by the Node layer (readNetworkFilesAsync in helixlab/node; the CLI does it)',
        1,
      );
  }
}

/**
 * The front door: load one network from one file or a set of CSV tables (see the module doc).
 * Throws `InputError` with located diagnostics on bad input.
 */
export function loadNetwork(files: InputFile[], opts: FormatOptions = {}): LoadResult {
  if (files.length === 0) {
    throw new InputError([{ severity: 'error', code: 'no-input', message: 'no input file given' }]);
  }
  const formats = files.map((f) => detectFormat(f.name, f.text, files.length === 1));
  if (files.length === 1 && formats[0] !== 'csv') return dispatchOne(formats[0]!, files[0]!, opts);
  // one CSV that is only an edge table: an edge list, when the roles can come from a default or a map
  const only = files[0]!;
  if (files.length === 1 && hasEdgeListHeader(only.text) && csvTableKind(only.text, opts) === 'edges') {
    if (defaultRoleOf(opts) !== undefined || opts.helixMap !== undefined) return parseEdgeList(only, opts);
  }

  const nonCsv = files.filter((_f, i) => formats[i] !== 'csv');
  if (nonCsv.length > 0) {
    const list = files.map((f, i) => `${f.name} (${formats[i]})`).join(', ');
    throw new InputError(
      nonCsv.map((f) => ({
        severity: 'error' as const,
        code: 'too-many-files',
        file: f.name,
        message: `expected one network file, or CSV tables (nodes, edges, affiliations); got ${list}`,
      })),
    );
  }
  const c = new DiagnosticCollector(undefined, opts.maxErrors ?? 100);
  const tables: Partial<Record<CsvTableKind, InputFile>> = {};
  for (const f of files) {
    // a single table of unknown kind is read as nodes: its errors then name the missing columns
    const kind = csvTableKind(f.text, opts) ?? (files.length === 1 ? 'nodes' : undefined);
    if (kind === undefined) {
      const sniff = sniffCsvHeader(f.text);
      c.add({
        severity: 'error',
        code: 'unknown-table',
        file: f.name,
        line: 1,
        message:
          sniff.wrongSeparator !== undefined
            ? `wrong separator: the header is one column split by '${sniff.wrongSeparator}'; use ',', ';' or tab`
            : `cannot tell which table this is from its header (${sniff.columns.join(', ')}): nodes need id,helix; edges source,target; affiliations actor,activity`,
      });
      continue;
    }
    const prev = tables[kind];
    if (prev) {
      c.add({
        severity: 'error',
        code: 'too-many-files',
        file: f.name,
        line: 1,
        message: `a second ${kind} table (the first is ${prev.name})`,
      });
      continue;
    }
    tables[kind] = f;
  }
  if (!tables.nodes && c.errorCount === 0) {
    const given = Object.entries(tables)
      .map(([k, f]) => `${f.name} is the ${k} table`)
      .join('; ');
    c.add({
      severity: 'error',
      code: 'missing-nodes',
      file: files[0]!.name,
      message:
        `no nodes table (${given}): give the nodes CSV too, with the columns id,label,helix,... (the helix role of each actor)` +
        (files.length === 1 && tables.edges
          ? '; or read it as an edge list, giving the roles with --helix-default ROLE or --helix-map-file'
          : ''),
    });
  }
  c.throwIfErrors();
  const set: { nodes: InputFile; edges?: InputFile; affiliations?: InputFile } = { nodes: tables.nodes! };
  if (tables.edges) set.edges = tables.edges;
  if (tables.affiliations) set.affiliations = tables.affiliations;
  return parseCsvNetwork(set, opts);
}
