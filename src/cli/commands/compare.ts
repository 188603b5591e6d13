/**
 * `helixlab compare A B [C ...]`: the scenarios under common random numbers (replication r of every
 * scenario uses the same seed and the same per-mechanism substreams), each one's summary and the
 * paired differences of its final values against the first scenario. Table (default) or JSON;
 * `--network-run r` adds each scenario's recorded network of replication r (key `network`).
 */
import type { Command } from 'commander';
import {
  UsageError,
  compare,
  comparisonTable,
  comparisonTables,
  earlyPool,
  loadScenarioWithSets,
  poolRunner,
  recordNetworks,
  resultToJson,
  resultWithNetworksToJson,
  PAIRED_RUN_COLUMNS,
  csvPreamble,
  csvRows,
  pairedRunRows,
  provenanceBase,
  type CsvDialect,
  writeWorkbookFile,
  type Locale,
  resolvePosterior,
  scenarioForRun,
  type SimulateOptions,
} from '../../node/index.js';
import {
  addCsvDialectOption,
  addCsvFormulasOption,
  addLangOption,
  addOutOption,
  addPosteriorOption,
  addSeedOption,
  addWorkersOption,
  cliCsvDialect,
  cliLocale,
  collect,
  formatFromOut,
  parseChoice,
  parseIntOption,
  type CsvFormulasCliOptions,
} from '../options.js';
import { makeProgress } from '../progress.js';
import { action, emit, warnInfinite, emitCsvWithProvenance, info } from '../util.js';
import { checkNetworkRun, NETWORK_RUN_HELP } from '../network-run.js';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

interface CompareCliOptions extends CsvFormulasCliOptions {
  runs: number;
  seed: number | string;
  years?: number;
  set: string[];
  workers: number;
  out?: string;
  format?: Format;
  networkRun?: number;
  lang?: Locale;
  csvDialect?: CsvDialect;
  posterior?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('compare')
    .description('compare funding regimes: scenarios under common random numbers, paired differences against the first')
    .argument('<scenarios...>', 'two or more scenario files; the first is the baseline')
    .option('--runs <n>', 'paired Monte Carlo runs per scenario', parseIntOption('--runs', 1, 10_000_000), 200);
  addSeedOption(cmd);
  cmd
    .option('--years <y>', "simulated years (default: the scenarios')", parseIntOption('--years', 1, 100))
    .option('--set <path=value>', 'override a field in every scenario with a JSON value (repeatable)', collect, []);
  addPosteriorOption(cmd);
  addWorkersOption(cmd);
  addOutOption(cmd);
  addCsvFormulasOption(cmd);
  cmd
    .option(
      '--format <format>',
      'table (default), json, xlsx (needs --out: final means, differences, by year), or csv (tidy paired per-run results: run, scenario, metric, final, mean_over_years, cumulated); without it, taken from the --out extension (.txt, .json, .csv, .xlsx; another extension, or one that disagrees with --format, is an error)',
      parseChoice('--format', FORMATS),
    )
    .option(
      '--network-run <r>',
      NETWORK_RUN_HELP + '; one network per scenario, same replication',
      parseIntOption('--network-run', 0, 10_000_000),
    );
  addLangOption(cmd);
  addCsvDialectOption(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab compare scenarios/project-driven.json scenarios/permanent.json --runs 500\n' +
        '  helixlab compare scenarios/project-driven.json scenarios/mixed-20-30-50.json --set funding.projects.successProbability=0.3 --format json\n' +
        '  helixlab compare scenarios/project-driven.json scenarios/permanent.json --network-run 0 --out out/cmp.json   # networks for the app',
    )
    .action(
      action(async (files: string[], o: CompareCliOptions) => {
        if (files.length < 2) throw new UsageError('compare needs at least two scenario files (the first is the baseline)');
        const pool = earlyPool(o.runs, o.workers);
        const progress = makeProgress('compare');
        try {
          const ss = files.map((f) => loadScenarioWithSets(f, o.set));
          // each scenario's posterior (the same file for every scenario gives run r the same particle in each)
          const posts = ss.map((s, i) => resolvePosterior(s, files[i]!, o.posterior));
          for (const p of posts) for (const w of p.warnings) info(`warning: ${w}`);
          const format = formatFromOut(o.format, o.out, { json: 'json', csv: 'csv', txt: 'table', xlsx: 'xlsx' }, 'table');
          const lang = cliLocale(o.lang);
          const dialect = cliCsvDialect(o.csvDialect, lang);
          const csvOpts = { formulas: o.csvFormulas, ...(dialect === 'rfc4180' ? {} : { dialect }) };
          if (format === 'xlsx' && (o.out === undefined || o.out === '-'))
            throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx');
          checkNetworkRun(o.networkRun, o.runs, format === 'xlsx' ? 'csv' : format);
          const t0 = Date.now();
          const opts: SimulateOptions = {
            runs: o.runs,
            seed: o.seed,
            workers: o.workers,
            onProgress: (d, t) => progress.update(d, t),
            provenance: provenanceBase(files),
            posteriors: posts.map((p) => p.posterior),
          };
          // tidy per-run rows, collected in run order while the runs arrive
          const runRows: string[] = [];
          if (format === 'csv') {
            const names = ss.map((s) => s.name);
            const years = o.years ?? ss[0]!.years;
            runRows.push(csvPreamble(dialect) + csvRows([[...PAIRED_RUN_COLUMNS]], csvOpts));
            opts.onRun = (run, outs) => runRows.push(csvRows(pairedRunRows(run, names, outs, years), csvOpts));
          }
          if (pool) opts.runner = poolRunner(pool);
          if (o.years !== undefined) opts.years = o.years;
          const c = await compare(ss, opts);
          progress.stop();
          info(`compared ${ss.length} scenarios: ${o.runs} paired runs × ${c.years} years in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          warnInfinite(c.scenarios);
          if (o.networkRun !== undefined) {
            const names = c.scenarios.map((r) => r.scenario);
            const run = ss.map((s, i) => scenarioForRun(s, posts[i]!.posterior, o.seed, o.networkRun!));
            emit(resultWithNetworksToJson(c, recordNetworks(run, names, o.seed, o.networkRun, c.years)), o.out);
            return;
          }
          if (format === 'xlsx') {
            await writeWorkbookFile(o.out!, comparisonTables(c));
            info(`wrote ${o.out}`);
          } else if (format === 'csv') emitCsvWithProvenance(runRows.join(''), o.out, { ...c.provenance, moneyCheck: c.moneyCheck });
          else emit(format === 'json' ? resultToJson(c) : comparisonTable(c, undefined, lang), o.out);
        } finally {
          progress.stop();
          await pool?.destroy();
        }
      }),
    );
}
