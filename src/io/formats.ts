/**
 * Shared types of the HelixLab readers and writers. Every reader takes decoded text
 * ({@link InputFile}; `src/node/files.ts` decodes and checks the bytes) and returns a
 * {@link LoadResult} or throws an `InputError` carrying every diagnostic found.
 */
import type { Diagnostic } from '../model/errors.js';
import type { Network } from '../model/types.js';

export type FormatName = 'json' | 'csv' | 'gexf' | 'graphml' | 'cordis';

export const FORMAT_NAMES: readonly FormatName[] = ['json', 'csv', 'gexf', 'graphml', 'cordis'];

/** One input file: the name as the user gave it (used in messages) and its decoded text. */
export interface InputFile {
  name: string;
  text: string;
}

export interface FormatOptions {
  /** Node attribute holding the helix role (default 'helix'). */
  helixAttr?: string;
  /** Value mapping, e.g. {PRC:'industry', HES:'research-education'}. */
  helixMap?: Record<string, string>;
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
