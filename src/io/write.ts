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
import type { CsvWriteOptions } from '../util/csv.js';

export type WritableFormat = Exclude<FormatName, 'cordis'>;
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

/** The format named by a file name's extension (`.json`, `.csv`, `.gexf`, `.graphml`), or undefined. */
export function formatFromExtension(name: string): WritableFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(name);
  const ext = m ? m[1]!.toLowerCase() : '';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'gexf') return 'gexf';
  if (ext === 'graphml') return 'graphml';
  return undefined;
}

/**
 * Serialise a network in a format. Throws `UsageError` for a format that cannot be written.
 * `csv` options apply to CSV (formula cells are escaped unless `formulas` is 'keep').
 */
export function writeNetwork(net: Network, format: FormatName, csv: CsvWriteOptions = {}): WrittenNetwork {
  switch (format) {
    case 'json':
      return { format, text: writeNetworkJson(net), warnings: [] };
    case 'gexf':
      return { format, text: writeGexf(net), warnings: [] };
    case 'graphml':
      return { format, text: writeGraphml(net), warnings: [] };
    case 'csv': {
      const warnings: string[] = [];
      const lost = (['name', 'description', 'source'] as const).filter((k) => net[k] !== undefined);
      if (net.profile) lost.push('profile' as never);
      if (lost.length > 0) warnings.push(`CSV does not hold the network's ${lost.join(', ')}; write JSON to keep them`);
      return { format, tables: writeCsvNetwork(net, csv), warnings };
    }
    case 'cordis':
      throw new UsageError('cannot write CORDIS: it is an import format; write json, csv, gexf or graphml');
  }
}
