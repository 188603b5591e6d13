/**
 * Shared types of the HelixLab readers and writers. Every reader takes decoded text
 * ({@link InputFile}; `src/node/files.ts` decodes and checks the bytes) and returns a
 * {@link LoadResult} or throws an `InputError` carrying every diagnostic found.
 */
import type { Diagnostic } from '../model/errors.js';
import type { Network } from '../model/types.js';
import type { ParallelRule } from '../model/network.js';

export type FormatName = 'json' | 'csv' | 'gexf' | 'graphml' | 'cordis' | 'xlsx' | 'gml' | 'pajek' | 'edgelist';

export const FORMAT_NAMES: readonly FormatName[] = ['json', 'csv', 'gexf', 'graphml', 'cordis', 'xlsx', 'gml', 'pajek', 'edgelist'];

/** One input file: the name as the user gave it (used in messages) and its decoded text. */
export interface InputFile {
  name: string;
  text: string;
}

export interface FormatOptions {
  /** Node attribute holding the helix role (default 'helix'; `label` or `id` read the node's label or id). */
  helixAttr?: string;
  /** Value mapping, e.g. {PRC:'industry', HES:'research-education'}; the key `*` is the default role. */
  helixMap?: Record<string, string>;
  /**
   * The role of a node whose role value is missing or neither mapped nor a role name (the readers of
   * GEXF, GraphML, GML, Pajek, edge lists and CSV tables; a warning counts such nodes).
   */
  helixDefault?: string;
  /**
   * Add the nodes that edges name but the file does not declare (GEXF, GraphML, GML, Pajek, CSV), as
   * NetworkX does, with a warning counting them; without it such edges are errors.
   */
  addMissingNodes?: boolean;
  /**
   * How the analysis will merge parallel ties and opposite arcs (`sum`, `max`, `min`): only used to
   * say so in the warning about directed input (the merging itself is `toSimpleGraph`'s).
   */
  parallel?: ParallelRule;
  /**
   * Excel workbooks: the sheet holding each table (default: the sheets named `nodes`, `edges`,
   * `affiliations`, ignoring case; else a workbook's sheets are told apart by their header row).
   */
  sheets?: Partial<Record<'nodes' | 'edges' | 'affiliations', string>>;
  /** CORDIS filter: ISO country code. */
  country?: string;
  /** Cap on errors reported (default 100). */
  maxErrors?: number;
}

export interface LoadResult {
  network: Network;
  warnings: Diagnostic[];
  format: FormatName;
}
