/**
 * The options that several commands share, defined once: seed, worker threads, output file and
 * format, the network-reading options (helix attribute and map, CORDIS country), and the value
 * parsers behind them. A command adds the ones it takes (`addSeedOption(cmd)` …); `--quiet` and
 * `--debug` are global (main.ts).
 */
import type { Command } from 'commander';
import {
  CSV_DIALECTS,
  DEFAULT_MAX_INPUT_BYTES,
  HELIX_ROLES,
  LOCALES,
  PARALLEL_RULES,
  UsageError,
  asHelixRole,
  defaultWorkers,
  didYouMean,
  formatBytes,
  parseByteSize,
  parseHelixMap,
  parseSheetsSpec,
  readHelixMapFile,
  parseLocale,
  resolveLocale,
  type CsvDialect,
  type Locale,
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
 * ({@link formatFromOut}: an extension that disagrees with `--format` is an error).
 */
export function addFormatOption<T extends string>(cmd: Command, formats: readonly T[], help: string): Command {
  return cmd.option('--format <format>', help, parseChoice('--format', formats));
}

/** The extension of a file name (lower case, without the dot), or undefined when it has none. */
export function outExtension(out: string): string | undefined {
  const base = out.replace(/\\/g, '/').split('/').pop() ?? out;
  const m = /\.([A-Za-z0-9]+)$/.exec(base);
  return m && m.index > 0 ? m[1]!.toLowerCase() : undefined;
}

/**
 * The output format: from the extension of `out` (`extensions` maps an extension to a format), or
 * `format` when given, or `fallback`. An extension the command does not write (`x.parquet`, `x.pdf`)
 * is an error, and so is one that names another format than `--format` (`--format md --out x.html`):
 * a file never gets contents its name does not announce. An output without an extension takes
 * `format`, else `fallback`.
 */
export function formatFromOut<T extends string>(
  format: T | undefined,
  out: string | undefined,
  extensions: Readonly<Record<string, T>>,
  fallback: T,
): T {
  if (out !== undefined && out !== '-') {
    const ext = outExtension(out);
    if (ext !== undefined) {
      const byExt = Object.prototype.hasOwnProperty.call(extensions, ext) ? extensions[ext] : undefined;
      const known = Object.keys(extensions)
        .map((e) => `.${e}`)
        .join(', ');
      if (byExt === undefined) {
        throw new UsageError(
          `--out ${out}: this command does not write .${ext} files; use one of ${known}${format ? ` (--format ${format})` : ''}, or a name without an extension`,
        );
      }
      if (format !== undefined && format !== byExt) {
        throw new UsageError(
          `--out ${out}: the extension .${ext} means ${byExt}, but --format is ${format}; make them agree (or leave out --format)`,
        );
      }
      return byExt;
    }
  }
  return format ?? fallback;
}

/** What {@link addInputOptions} adds. */
export interface InputCliOptions {
  helixAttr?: string;
  helixMap?: string;
  helixMapFile?: string;
  helixDefault?: string;
  addMissingNodes?: boolean;
  country?: string;
  sheets?: string;
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

/**
 * `--helix-attr`, `--helix-map`, `--helix-map-file`, `--helix-default`, `--add-missing-nodes`,
 * `--sheets`, `--country`, `--max-input`: how a network file is read.
 */
export function addInputOptions(cmd: Command): Command {
  cmd
    .option(
      '--helix-attr <name>',
      "node attribute / column holding the helix role (default 'helix'; 'label' or 'id' read the node's label or id)",
    )
    .option(
      '--helix-map <spec>',
      "map role values to helix roles, e.g. 'PRC=industry,HES=research-education'; quote values with commas or '=': '\"10.0\"=industry,\"R&D, Oulu\"=research-education'; '*=ROLE' is the default role",
    )
    .option('--helix-map-file <file>', 'the same map as a CSV file of two columns, value and role (a value * is the default role)')
    .option('--helix-default <role>', 'the role of every node whose role value is missing or not mapped (a warning counts them)')
    .option('--add-missing-nodes', 'add the nodes that edges name but the file does not declare, as NetworkX does (a warning counts them)')
    .option(
      '--sheets <spec>',
      "Excel workbooks: which sheet is which table, e.g. 'nodes=Members,edges=Ties' (default: the sheets named nodes, edges, affiliations)",
    )
    .option('--country <code>', 'CORDIS: keep the organisations of this country (ISO 2, e.g. FI)');
  return addMaxInputOption(cmd);
}

/** The reader options of {@link addInputOptions}' values (reads the map file). */
export function formatOptions(o: InputCliOptions): ReadOptions {
  const fo: ReadOptions = {};
  if (o.helixAttr !== undefined) fo.helixAttr = o.helixAttr;
  if (o.helixMapFile !== undefined) fo.helixMap = readHelixMapFile(o.helixMapFile);
  if (o.helixMap !== undefined) fo.helixMap = { ...fo.helixMap, ...parseHelixMap(o.helixMap) };
  if (o.helixDefault !== undefined) {
    const role = asHelixRole(o.helixDefault);
    if (!role) {
      const hint = didYouMean(o.helixDefault, HELIX_ROLES);
      throw new UsageError(
        `--helix-default: '${o.helixDefault}' is not a helix role${hint ? ` (did you mean '${hint}'?)` : ''}; roles: ${HELIX_ROLES.join(', ')}`,
      );
    }
    fo.helixDefault = role;
  }
  if (o.addMissingNodes === true) fo.addMissingNodes = true;
  if (o.country !== undefined) fo.country = o.country;
  if (o.sheets !== undefined) fo.sheets = parseSheetsSpec(o.sheets);
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

/** `--parallel sum|max|min`: how parallel ties and opposite arcs become one edge of the analysis. */
export function addParallelOption(cmd: Command): Command {
  return cmd.option(
    '--parallel <rule>',
    "merge parallel ties and opposite arcs (a→b, b→a) by summing their weights (sum, default), keeping the largest (max) or the smallest (min: with weights read as distances, NetworkX's shortest parallel edge)",
    parseChoice('--parallel', PARALLEL_RULES),
  );
}

/** `--lang <lang>`: the language of the reports for people (JSON and CSV headers stay English). */
export function addLangOption(cmd: Command): Command {
  return cmd.option(
    '--lang <lang>',
    "language of the report for people: en or fi (default: $HELIXLAB_LANG, else the locale's language ($LC_ALL, $LC_MESSAGES, $LANG), else en)",
    parseChoice('--lang', LOCALES),
  );
}

/**
 * The language of the reports: `--lang`, else `HELIXLAB_LANG` (an unknown value is an error), else
 * the POSIX locale (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set; `C`, `POSIX` and other
 * languages give English), else English.
 */
export function cliLocale(lang: Locale | undefined, env: NodeJS.ProcessEnv = process.env): Locale {
  if (lang !== undefined) return lang;
  const own = env['HELIXLAB_LANG'];
  if (own !== undefined && own.trim() !== '') {
    const l = parseLocale(own);
    if (l === undefined) throw new UsageError(`HELIXLAB_LANG: expected one of ${LOCALES.join(', ')}, got '${own}'`);
    return l;
  }
  const posix = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v.trim() !== '');
  return resolveLocale([posix]);
}

/** `--csv-dialect <dialect>`: rfc4180 or excel-fi (default: excel-fi when the language is Finnish). */
export function addCsvDialectOption(cmd: Command): Command {
  return cmd.option(
    '--csv-dialect <dialect>',
    "CSV for spreadsheets: rfc4180 (',' and '.') or excel-fi (';', decimal comma, UTF-8 byte order mark); default excel-fi when the language is fi (--lang), else rfc4180",
    parseChoice('--csv-dialect', CSV_DIALECTS),
  );
}

/** The CSV dialect: `--csv-dialect`, else `excel-fi` for Finnish, else `rfc4180`. */
export function cliCsvDialect(dialect: CsvDialect | undefined, lang: Locale): CsvDialect {
  return dialect ?? (lang === 'fi' ? 'excel-fi' : 'rfc4180');
}
/** `--posterior <file|none>`: where runs draw their parameters from (default: the scenario's own `posterior`). */
export function addPosteriorOption(cmd: Command): Command {
  return cmd.option(
    '--posterior <file|none>',
    "draw each run's parameters from this posterior sample (posterior-sample.csv of `helixlab calibrate`); default: the scenario's own \"posterior\" (the case presets ship one); none: keep the scenario's values (run-to-run noise only)",
  );
}
