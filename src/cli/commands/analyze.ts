/**
 * `helixlab analyze FILE...`: load a network (any input format), run every measure of
 * `analyzeNetwork` and print a report: Markdown (default), JSON (the stable output contract; stdout
 * holds only the JSON, messages go to stderr), self-contained HTML, or CSV (one row per actor).
 * `--out PATH` writes the chosen format to a file atomically; without `--format`, the format is taken
 * from the extension of `--out` (.md, .json, .html/.htm, .csv), else Markdown.
 */
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import {
  LOCKIN_COMPONENTS,
  UsageError,
  analyzeNetworkParallel,
  compactAnalysisInput,
  compactInputs,
  didYouMean,
  analysisTables,
  nonFiniteMeasures,
  readCompactNetwork,
  readNetworkFilesAsync,
  writeWorkbookFile,
  renderAnalysisCsv,
  renderAnalysisHtml,
  renderAnalysisJsonChunks,
  renderAnalysisMarkdown,
  warmBetweennessPool,
  type CsvDialect,
  type Diagnostic,
  type ParallelRule,
  type LockInWeights,
  type Locale,
  type Network,
  type ParallelAnalyzeOptions,
} from '../../node/index.js';
import {
  addCsvDialectOption,
  addCsvFormulasOption,
  addInputOptions,
  addLangOption,
  addOutOption,
  addParallelOption,
  cliCsvDialect,
  cliLocale,
  addSeedOption,
  addWorkersOption,
  formatFromOut,
  formatOptions,
  parseChoice,
  parseIntOption,
  type CsvFormulasCliOptions,
  type InputCliOptions,
} from '../options.js';
import { makeProgress } from '../progress.js';
import { action, emit, emitChunks, info, printDiagnostics } from '../util.js';

/**
 * Input files of at least this many bytes in total (about 1,000 actors in HelixLab JSON) start the
 * worker threads before parsing, so that their start-up overlaps with reading the input.
 */
const WARM_POOL_FROM_BYTES = 10_000_000;

/** Total size of the regular files among `paths` (directories and missing paths count 0). */
function inputBytes(paths: string[]): number {
  let total = 0;
  for (const p of paths) {
    try {
      const st = statSync(p);
      if (st.isFile()) total += st.size;
    } catch {
      // reported by the loader
    }
  }
  return total;
}

const FORMATS = ['md', 'json', 'html', 'csv', 'xlsx'] as const;
type ReportFormat = (typeof FORMATS)[number];

interface AnalyzeCliOptions extends InputCliOptions, CsvFormulasCliOptions {
  format?: ReportFormat;
  out?: string;
  groupBy?: string;
  top: number;
  seed: number | string;
  workers: number;
  distance: 'hops' | 'inverse-weight';
  approx?: number;
  permutations: number;
  year?: number;
  lockInWeights?: Partial<LockInWeights>;
  lang?: Locale;
  csvDialect?: CsvDialect;
  parallel?: ParallelRule;
}

/** The report format: `--format`, else from the extension of `--out`, else Markdown. */
export function reportFormat(format: ReportFormat | undefined, out: string | undefined): ReportFormat {
  return formatFromOut(
    format,
    out,
    { md: 'md', markdown: 'md', txt: 'md', json: 'json', html: 'html', htm: 'html', csv: 'csv', xlsx: 'xlsx' },
    'md',
  );
}

/** Parse `closure=0.3,renewal=0` into lock-in weights (names checked, values ≥ 0). */
export function parseLockInWeights(spec: string): Partial<LockInWeights> {
  const out: Partial<LockInWeights> = {};
  for (const part of spec
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '')) {
    const m = part.match(/^([A-Za-z-]+)\s*=\s*(.+)$/);
    if (!m) throw new UsageError(`--lock-in-weights: expected name=value pairs separated by commas, got '${part}'`);
    const name = m[1]!;
    if (!(LOCKIN_COMPONENTS as readonly string[]).includes(name)) {
      const hint = didYouMean(name, LOCKIN_COMPONENTS);
      throw new UsageError(
        `--lock-in-weights: unknown component '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${LOCKIN_COMPONENTS.join(', ')}`,
      );
    }
    const v = Number(m[2]);
    if (!Number.isFinite(v) || v < 0) throw new UsageError(`--lock-in-weights: ${name} must be a number >= 0, got '${m[2]}'`);
    out[name as keyof LockInWeights] = v;
  }
  const merged = LOCKIN_COMPONENTS.every((c) => (out[c] ?? 1) === 0);
  if (merged) throw new UsageError('--lock-in-weights: the weights are all 0');
  return out;
}

/** Attribute names that actors carry (for "did you mean" on --group-by). */
function actorAttributes(net: Network): string[] {
  const keys = new Set<string>();
  net.graph.forEachNode((_id, a) => {
    for (const [k, v] of Object.entries(a)) if (v !== undefined && v !== null && v !== '') keys.add(k);
  });
  return [...keys].sort();
}

export function register(program: Command): void {
  const cmd = program
    .command('analyze')
    .description('analyse a cluster network: brokers, helix mix, lock-in risk, ESCA check, resilience, communities')
    .argument(
      '<files...>',
      'a network file (.json, .gexf, .graphml, .gml, Pajek .net, an edge list, CORDIS .csv, an Excel .xlsx) or CSV tables (nodes, edges, affiliations) or a directory of them',
    )
    .option(
      '--format <format>',
      'report format: md, json, html, csv or xlsx (default: from the --out extension .md .json .html .csv .xlsx, else md; another extension, or one that disagrees with --format, is an error)',
      parseChoice('--format', FORMATS),
    );
  addOutOption(cmd, 'write the report to this file (atomically) instead of stdout');
  cmd
    .option(
      '--group-by <attr>',
      "actor attribute grouping actors besides helix role, used for sector insularity and diversity (default 'sector')",
    )
    .option('--top <n>', 'how many top brokers to list and to remove in the resilience check', parseIntOption('--top', 0, 100000), 10);
  addSeedOption(cmd, 'seed for the permutation test, Louvain and sampling (same seed, same output)');
  cmd
    .option(
      '--distance <mode>',
      'path lengths: hops, or inverse-weight (strong ties are short)',
      parseChoice('--distance', ['hops', 'inverse-weight'] as const),
      'hops',
    )
    .option(
      '--approx <k>',
      'estimate betweenness, closeness and efficiency from K sampled actors (large networks)',
      parseIntOption('--approx', 1),
    )
    .option('--permutations <n>', 'permutations of the E-I test', parseIntOption('--permutations', 0, 1000000), 1000)
    .option(
      '--year <year>',
      'reference year for renewal and the ESCA check (default: latest year in the data)',
      parseIntOption('--year', 1000, 9999),
    )
    .option(
      '--lock-in-weights <spec>',
      "weights of the lock-in components, e.g. 'closure=0.3,renewal=0' (others keep their defaults; see docs/lock-in.md)",
      parseLockInWeights,
    );
  addWorkersOption(cmd);
  addParallelOption(cmd);
  addLangOption(cmd);
  addCsvDialectOption(cmd);
  addCsvFormulasOption(cmd);
  addInputOptions(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab analyze data/security-pirkanmaa.json\n' +
        '  helixlab analyze data/security-pirkanmaa.json --format json > analysis.json\n' +
        '  helixlab analyze data/security-pirkanmaa.json --out report.html\n' +
        '  helixlab analyze data/security-pirkanmaa.json --lang fi --out raportti.html\n' +
        '  helixlab analyze nodes.csv edges.csv --format csv --out actors.csv --top 20\n' +
        '  helixlab analyze members.xlsx --out actors.xlsx\n' +
        "  helixlab analyze cluster.json --group-by region --lock-in-weights 'renewal=0,closure=0.3'\n",
    )
    .action(
      action(async (files: string[], opts: AnalyzeCliOptions) => {
        const format = reportFormat(opts.format, opts.out);
        const lang = cliLocale(opts.lang);
        const dialect = cliCsvDialect(opts.csvDialect, lang);
        if (inputBytes(files) >= WARM_POOL_FROM_BYTES) warmBetweennessPool(opts.workers);
        const fo = formatOptions(opts);
        if (opts.parallel !== undefined) fo.parallel = opts.parallel;
        if (format === 'xlsx' && (opts.out === undefined || opts.out === '-'))
          throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx');
        // large CSV tables are streamed into typed arrays and analysed through a compact graph view
        const compact = compactInputs(files, fo);
        let loaded: { network: Network; warnings: Diagnostic[] };
        let prepared: Pick<ParallelAnalyzeOptions, 'simpleGraph' | 'csr' | 'survey'> = {};
        if (compact) {
          const progress = makeProgress('reading', 'MB');
          const read = await readCompactNetwork(compact, fo, (b, t) => progress.update(Math.floor(b / 1e6), Math.ceil(t / 1e6)));
          progress.stop();
          const input = compactAnalysisInput(read.network, opts.parallel !== undefined ? { parallel: opts.parallel } : {});
          loaded = { network: input.network, warnings: read.warnings };
          prepared = { simpleGraph: input.simpleGraph, csr: input.csr, survey: input.survey };
        } else {
          loaded = await readNetworkFilesAsync(files, fo);
        }
        printDiagnostics(loaded.warnings);
        const ao: ParallelAnalyzeOptions = {
          ...prepared,
          top: opts.top,
          seed: opts.seed,
          distance: opts.distance,
          permutations: opts.permutations,
          workers: opts.workers,
          releasePool: true,
        };
        if (opts.groupBy !== undefined) ao.groupBy = opts.groupBy;
        if (opts.approx !== undefined) ao.approx = opts.approx;
        if (opts.year !== undefined) ao.year = opts.year;
        if (opts.lockInWeights !== undefined) ao.lockInWeights = opts.lockInWeights;
        if (opts.parallel !== undefined) ao.parallel = opts.parallel;
        const result = await analyzeNetworkParallel(loaded.network, ao);
        if (opts.groupBy !== undefined && result.helix.groups === null) {
          const hint = didYouMean(opts.groupBy, actorAttributes(loaded.network));
          info(`warning: no actor has the attribute '${opts.groupBy}' (--group-by)${hint ? `; did you mean '${hint}'?` : ''}`);
        }
        const bad = nonFiniteMeasures(result);
        if (bad.length > 0) {
          info(
            `warning: ${bad.map((b) => `${b.measure} of ${b.actors} actor(s)`).join(', ')} could not be computed (not a finite number; ` +
              `tie weights so large that their sums overflow?); reported as missing`,
          );
        }
        if (format === 'xlsx') {
          await writeWorkbookFile(opts.out!, analysisTables(result));
          info(`wrote ${opts.out}`);
          return;
        }
        if (format === 'json') {
          // piece by piece: the JSON of a few hundred thousand actors is longer than one string can be
          emitChunks(renderAnalysisJsonChunks(result), opts.out);
          return;
        }
        const render = {
          csv: (r: typeof result) => renderAnalysisCsv(r, { formulas: opts.csvFormulas, ...(dialect === 'rfc4180' ? {} : { dialect }) }),
          html: (r: typeof result) => renderAnalysisHtml(r, { files, lang }),
          md: (r: typeof result) => renderAnalysisMarkdown(r, { files, lang }),
        };
        emit(render[format as Exclude<ReportFormat, 'xlsx' | 'json'>](result), opts.out);
      }),
    );
}
