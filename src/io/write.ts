/**
 * Writer dispatch by format (browser-safe: returns text, writes nothing). `src/node/files.ts` puts
 * the text on disk atomically.
 *
 * What each format keeps: JSON keeps everything (lossless); GEXF and GraphML keep the actors, the
 * ties and their attributes, and carry the name, description, source, activities and profile in
 * embedded metadata (see src/io/gexf.ts and src/io/graphml.ts); CSV keeps actors, ties, activities
 * and their attributes but not the name, description, source or profile (a warning says so).
 */
import { UsageError } from '../model/errors.js';
import type { Network } from '../model/types.js';
import type { FormatName } from './formats.js';
import { writeNetworkJson } from './json.js';
import { writeCsvNetwork } from './csv.js';
import { writeGexf } from './gexf.js';
import { writeGraphml } from './graphml.js';
import { xmlSafeText } from './xml.js';
import type { CsvWriteOptions } from '../util/csv.js';

/** The formats written as text (Excel workbooks are written by the Node layer, `src/node/xlsx.ts`). */
export type WritableFormat = 'json' | 'csv' | 'gexf' | 'graphml';
export const WRITABLE_FORMATS: readonly WritableFormat[] = ['json', 'csv', 'gexf', 'graphml'];

export interface WrittenNetwork {
  format: WritableFormat;
  /** The file's text (json, gexf, graphml). */
  text?: string;
  /** The CSV tables (csv). */
  tables?: { nodes: string; edges: string; affiliations?: string };
  /** What the format could not keep. */
  warnings: string[];
}

/** The format named by a file name's extension (`.json`, `.csv`, `.gexf`, `.graphml`, `.xlsx`), or undefined. */
export function formatFromExtension(name: string): WritableFormat | 'xlsx' | undefined {
  const m = /\.([A-Za-z]+)$/.exec(name);
  const ext = m ? m[1]!.toLowerCase() : '';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'gexf') return 'gexf';
  if (ext === 'graphml') return 'graphml';
  if (ext === 'xlsx') return 'xlsx';
  return undefined;
}

/** How many characters of the network's texts XML cannot hold (C0 controls but tab, line feed, carriage return). */
function xmlDropped(net: Network): number {
  let n = 0;
  const count = (a: Record<string, unknown>) => {
    for (const v of Object.values(a)) if (typeof v === 'string') n += xmlSafeText(v).dropped;
  };
  net.graph.forEachNode((_id, a) => count(a));
  net.graph.forEachEdge((_e, a) => count(a));
  return n;
}

function xmlWarnings(net: Network, format: string): string[] {
  const n = xmlDropped(net);
  return n > 0 ? [`${n} control character(s) in texts left out: ${format} (XML 1.0) cannot hold them; JSON and CSV keep them`] : [];
}

/**
 * Serialise a network in a format. Throws `UsageError` for a format that cannot be written.
 * `opts` applies to CSV: the dialect, and formula cells escaped unless `formulas` is 'keep'.
 */
export function writeNetwork(net: Network, format: FormatName, opts: CsvWriteOptions = {}): WrittenNetwork {
  switch (format) {
    case 'json':
      return { format, text: writeNetworkJson(net), warnings: [] };
    case 'gexf':
      return { format, text: writeGexf(net), warnings: xmlWarnings(net, 'GEXF') };
    case 'graphml':
      return { format, text: writeGraphml(net), warnings: xmlWarnings(net, 'GraphML') };
    case 'csv': {
      const warnings: string[] = [];
      const lost = (['name', 'description', 'source'] as const).filter((k) => net[k] !== undefined);
      if (net.profile) lost.push('profile' as never);
      if (lost.length > 0) warnings.push(`CSV does not hold the network's ${lost.join(', ')}; write JSON to keep them`);
      return { format, tables: writeCsvNetwork(net, opts), warnings };
    }
    case 'cordis':
    case 'gml':
    case 'pajek':
    case 'edgelist':
      throw new UsageError(`cannot write ${format}: HelixLab reads it; write json, csv, gexf, graphml (or xlsx)`);
    case 'xlsx':
      throw new UsageError('an Excel workbook is written by the Node layer (writeNetworkFileAsync in helixlab/node), not as text');
  }
}
