/**
 * `helixlab analyze FILE...`: load a network (any input format), run every measure of
 * `analyzeNetwork` and print a report: Markdown (default), JSON (the stable output contract; stdout
 * holds only the JSON, messages go to stderr), self-contained HTML, or CSV (one row per actor).
 * `--out PATH` writes the chosen format to a file atomically; without `--format`, the format is taken
 * from the extension of `--out` (.md, .json, .html/.htm, .csv), else Markdown.
 */
import type { Command } from 'commander';
import { readNetworkFiles } from '../../io/node.js';
import { parseHelixMap } from '../../io/helix-map.js';
import type { FormatOptions } from '../../io/formats.js';
import { analyzeNetwork, analysisCentralityOptions, type AnalyzeOptions } from '../../metrics/analyze.js';
import { centralityParallel, warmBetweennessPool } from '../../metrics/betweenness-parallel.js';
import { toCsr } from '../../metrics/csr.js';
import { groupIndex } from '../../metrics/betweenness.js';
import { statSync } from 'node:fs';
import { toSimpleGraph } from '../../model/network.js';

/**
 * From this many actors on, `analyze` runs the path searches on worker threads. Below it one thread
 * is as fast: starting the workers costs ~0.2 s of CPU each (measured on the CORDIS DE slice, 3,899 actors).
 */
const PARALLEL_FROM_ACTORS = 20_000;
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
import { renderAnalysisCsv, renderAnalysisHtml, renderAnalysisJson, renderAnalysisMarkdown } from '../../report/analysis.js';
import { UsageError, didYouMean } from '../../model/errors.js';
import { LOCKIN_COMPONENTS, type LockInWeights } from '../../metrics/lockin.js';
import type { Network } from '../../model/types.js';
import { action, emit, info, parseChoice, parseIntOption, printDiagnostics } from '../util.js';

const FORMATS = ['md', 'json', 'html', 'csv'] as const;
type ReportFormat = (typeof FORMATS)[number];

interface AnalyzeCliOptions {
  format?: ReportFormat;
  out?: string;
  groupBy?: string;
  top: number;
  seed: string;
  distance: 'hops' | 'inverse-weight';
  approx?: number;
  permutations: number;
  year?: number;
  lockInWeights?: Partial<LockInWeights>;
  helixAttr?: string;
  helixMap?: string;
  country?: string;
}

/** The report format: `--format`, else from the extension of `--out`, else Markdown. */
export function reportFormat(format: ReportFormat | undefined, out: string | undefined): ReportFormat {
  if (format) return format;
  if (out && out !== '-') {
    const ext = out.toLowerCase().match(/\.([a-z]+)$/)?.[1];
    if (ext === 'json') return 'json';
    if (ext === 'html' || ext === 'htm') return 'html';
    if (ext === 'csv') return 'csv';
  }
  return 'md';
}

/** A seed given on the command line: an integer stays a number, anything else is a string seed. */
export function parseSeed(value: string): number | string {
  if (value.trim() === '') throw new UsageError("--seed: expected a number or a word, got ''");
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/** Parse `closure=0.3,renewal=0` into lock-in weights (names checked, values ≥ 0). */
export function parseLockInWeights(spec: string): Partial<LockInWeights> {
  const out: Partial<LockInWeights> = {};
  for (const part of spec.split(',').map((x) => x.trim()).filter((x) => x !== '')) {
    const m = part.match(/^([A-Za-z-]+)\s*=\s*(.+)$/);
    if (!m) throw new UsageError(`--lock-in-weights: expected name=value pairs separated by commas, got '${part}'`);
    const name = m[1]!;
    if (!(LOCKIN_COMPONENTS as readonly string[]).includes(name)) {
      const hint = didYouMean(name, LOCKIN_COMPONENTS);
      throw new UsageError(`--lock-in-weights: unknown component '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${LOCKIN_COMPONENTS.join(', ')}`);
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
  program
    .command('analyze')
    .description('analyse a cluster network: brokers, helix mix, lock-in risk, ESCA check, resilience, communities')
    .argument('<files...>', 'a network file (.json, .gexf, .graphml, CORDIS .csv) or CSV tables (nodes, edges, affiliations) or a directory of them')
    .option('--format <format>', 'report format: md, json, html or csv (default: from --out, else md)', parseChoice('--format', FORMATS))
    .option('--out <path>', 'write the report to this file (atomically) instead of stdout')
    .option('--group-by <attr>', "actor attribute grouping actors besides helix role, used for sector insularity and diversity (default 'sector')")
    .option('--top <n>', 'how many top brokers to list and to remove in the resilience check', parseIntOption('--top', 0, 100000), 10)
    .option('--seed <seed>', 'seed for the permutation test, Louvain and sampling (same seed, same output)', '1')
    .option('--distance <mode>', 'path lengths: hops, or inverse-weight (strong ties are short)', parseChoice('--distance', ['hops', 'inverse-weight'] as const), 'hops')
    .option('--approx <k>', 'estimate betweenness, closeness and efficiency from K sampled actors (large networks)', parseIntOption('--approx', 1))
    .option('--permutations <n>', 'permutations of the E-I test', parseIntOption('--permutations', 0, 1000000), 1000)
    .option('--year <year>', 'reference year for renewal and the ESCA check (default: latest year in the data)', parseIntOption('--year', 1000, 9999))
    .option('--lock-in-weights <spec>', "weights of the lock-in components, e.g. 'closure=0.3,renewal=0' (others keep their defaults; see docs/lock-in.md)", parseLockInWeights)
    .option('--helix-attr <name>', "node attribute / column holding the helix role (default 'helix')")
    .option('--helix-map <spec>', "map role values to helix roles, e.g. 'PRC=industry,HES=research-education'")
    .option('--country <code>', 'CORDIS: keep the organisations of this country (ISO 2, e.g. FI)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab analyze data/security-pirkanmaa.json\n' +
        '  helixlab analyze data/security-pirkanmaa.json --format json > analysis.json\n' +
        '  helixlab analyze data/security-pirkanmaa.json --out report.html\n' +
        '  helixlab analyze nodes.csv edges.csv --format csv --out actors.csv --top 20\n' +
        "  helixlab analyze cluster.json --group-by region --lock-in-weights 'renewal=0,closure=0.3'\n",
    )
    .action(
      action(async (files: string[], opts: AnalyzeCliOptions) => {
        const fo: FormatOptions = {};
        if (opts.helixAttr !== undefined) fo.helixAttr = opts.helixAttr;
        if (opts.helixMap !== undefined) fo.helixMap = parseHelixMap(opts.helixMap);
        if (opts.country !== undefined) fo.country = opts.country;
        const format = reportFormat(opts.format, opts.out);
        if (inputBytes(files) >= WARM_POOL_FROM_BYTES) warmBetweennessPool();
        const loaded = readNetworkFiles(files, fo);
        printDiagnostics(loaded.warnings);
        const ao: AnalyzeOptions = {
          top: opts.top,
          seed: parseSeed(opts.seed),
          distance: opts.distance,
          permutations: opts.permutations,
        };
        if (opts.groupBy !== undefined) ao.groupBy = opts.groupBy;
        if (opts.approx !== undefined) ao.approx = opts.approx;
        if (opts.year !== undefined) ao.year = opts.year;
        if (opts.lockInWeights !== undefined) ao.lockInWeights = opts.lockInWeights;
        // Large networks: the shortest-path searches run on worker threads (bit-identical results).
        // The simple graph and its CSR are built once and shared by every measure.
        if (loaded.network.graph.order >= PARALLEL_FROM_ACTORS) {
          ao.simpleGraph = toSimpleGraph(loaded.network);
          ao.csr = toCsr(ao.simpleGraph);
          ao.centrality = await centralityParallel(ao.csr, { ...analysisCentralityOptions(ao), crossGroups: groupIndex(ao.simpleGraph, 'helix').groups });
        }
        const result = analyzeNetwork(loaded.network, ao);
        if (opts.groupBy !== undefined && result.helix.groups === null) {
          const hint = didYouMean(opts.groupBy, actorAttributes(loaded.network));
          info(`warning: no actor has the attribute '${opts.groupBy}' (--group-by)${hint ? `; did you mean '${hint}'?` : ''}`);
        }
        let text: string;
        switch (format) {
          case 'json':
            text = renderAnalysisJson(result);
            break;
          case 'html':
            text = renderAnalysisHtml(result, { files });
            break;
          case 'csv':
            text = renderAnalysisCsv(result);
            break;
          default:
            text = renderAnalysisMarkdown(result, { files });
        }
        emit(text, opts.out);
      }),
    );
}
