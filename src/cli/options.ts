/**
 * The options that several commands share, defined once: seed, worker threads, output file and
 * format, the network-reading options (helix attribute and map, CORDIS country), and the value
 * parsers behind them. A command adds the ones it takes (`addSeedOption(cmd)` …); `--quiet` and
 * `--debug` are global (main.ts).
 */
import type { Command } from 'commander';
import {
  DEFAULT_MAX_INPUT_BYTES,
  UsageError,
  defaultWorkers,
  formatBytes,
  parseByteSize,
  parseHelixMap,
  type ReadOptions,
} from '../node/index.js';

/** An integer option in [min, max]. */
export function parseIntOption(name: string, min = -Infinity, max = Infinity) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(
        `${name}: expected an integer${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` <= ${max}` : ''}, got '${value}'`,
      );
    }
    return n;
  };
}

/** One of a fixed list of words. */
export function parseChoice<T extends string>(name: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new UsageError(`${name}: expected one of ${choices.join(', ')}, got '${value}'`);
    }
    return value as T;
  };
}

/** Collect a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A seed given on the command line: an integer stays a number, anything else is a string seed. */
export function parseSeed(value: string): number | string {
  if (value.trim() === '') throw new UsageError("--seed: expected a number or a word, got ''");
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/** `--seed <seed>` (default 1). */
export function addSeedOption(cmd: Command, help = 'random seed (a number or a word; same seed, same output)'): Command {
  return cmd.option('--seed <seed>', help, parseSeed, 1);
}

/** `-w, --workers <k>` (default: the available cores; results never depend on it). */
export function addWorkersOption(cmd: Command): Command {
  return cmd.option(
    '-w, --workers <k>',
    'worker threads (default: the available cores; results are identical for any number)',
    parseIntOption('--workers', 1, 256),
    defaultWorkers(),
  );
}

/** `-o, --out <path>`: write to this file atomically instead of stdout. */
export function addOutOption(cmd: Command, help = 'write the output to this file (atomically) instead of stdout'): Command {
  return cmd.option('-o, --out <path>', help);
}

/**
 * `--format <format>` among `formats`; without it the format comes from the extension of `--out`
 * ({@link formatFromOut}).
 */
export function addFormatOption<T extends string>(cmd: Command, formats: readonly T[], help: string): Command {
  return cmd.option('--format <format>', help, parseChoice('--format', formats));
}

/**
 * The output format: `format` when given, else the one whose extension `out` has (`extensions`
 * maps an extension to a format), else `fallback`.
 */
export function formatFromOut<T extends string>(
  format: T | undefined,
  out: string | undefined,
  extensions: Readonly<Record<string, T>>,
  fallback: T,
): T {
  if (format) return format;
  if (out && out !== '-') {
    const ext = out.toLowerCase().match(/\.([a-z]+)$/)?.[1];
    const f = ext === undefined ? undefined : extensions[ext];
    if (f !== undefined) return f;
  }
  return fallback;
}

/** What {@link addInputOptions} adds. */
export interface InputCliOptions {
  helixAttr?: string;
  helixMap?: string;
  country?: string;
  maxInput?: number;
}

/** A size in bytes such as `2GB`, `500MB`, `1e9`. */
export function parseSizeOption(name: string) {
  return (value: string): number => {
    const n = parseByteSize(value);
    if (n === undefined) throw new UsageError(`${name}: expected a size such as 800MB or 2GB, got '${value}'`);
    return n;
  };
}

/** `--max-input <size>`: the largest input file after decompression (default 500 MB). */
export function addMaxInputOption(cmd: Command): Command {
  return cmd.option(
    '--max-input <size>',
    `largest input file, after decompression (e.g. 2GB; default ${formatBytes(DEFAULT_MAX_INPUT_BYTES).replace(' ', '')})`,
    parseSizeOption('--max-input'),
  );
}

/** `--helix-attr`, `--helix-map`, `--country`, `--max-input`: how a network file is read. */
export function addInputOptions(cmd: Command): Command {
  cmd
    .option('--helix-attr <name>', "node attribute / column holding the helix role (default 'helix')")
    .option('--helix-map <spec>', "map role values to helix roles, e.g. 'PRC=industry,HES=research-education'")
    .option('--country <code>', 'CORDIS: keep the organisations of this country (ISO 2, e.g. FI)');
  return addMaxInputOption(cmd);
}

/** The reader options of {@link addInputOptions}' values. */
export function formatOptions(o: InputCliOptions): ReadOptions {
  const fo: ReadOptions = {};
  if (o.helixAttr !== undefined) fo.helixAttr = o.helixAttr;
  if (o.helixMap !== undefined) fo.helixMap = parseHelixMap(o.helixMap);
  if (o.country !== undefined) fo.country = o.country;
  if (o.maxInput !== undefined) fo.maxInputBytes = o.maxInput;
  return fo;
}

/** What {@link addCsvFormulasOption} adds. */
export interface CsvFormulasCliOptions {
  csvFormulas: 'escape' | 'keep';
}

/**
 * `--csv-formulas escape|keep`: CSV text cells that a spreadsheet would run as formulas (`=…`, `+…`,
 * `-…`, `@…`) are prefixed with `'` (escape, the default); `keep` writes them as they are, for programs.
 */
export function addCsvFormulasOption(cmd: Command): Command {
  return cmd.option(
    '--csv-formulas <mode>',
    "CSV output: escape text cells that spreadsheets would run as formulas with a leading ' (escape), or write them as they are for programs (keep)",
    parseChoice('--csv-formulas', ['escape', 'keep'] as const),
    'escape',
  );
}
