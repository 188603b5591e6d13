/**
 * `helixlab simulate SCENARIO`: Monte Carlo runs of one scenario file (`scenarios/*.json`), with
 * `--set path=value` overrides, on worker threads. Output: an aligned table (default), the JSON
 * contract (`--format json`: stdout holds only the JSON) or CSV; `--out` writes it atomically.
 * Same seed → same bytes whatever `--workers`. `--network-run r` adds the recorded network of
 * replication r to the JSON (key `network`, network-run.ts).
 */
import type { Command } from 'commander';
import {
  earlyPool,
  loadScenarioWithSets,
  poolRunner,
  recordNetworks,
  resultToJson,
  resultWithNetworksToJson,
  simulate,
  UsageError,
  simulationCsv,
  simulationTables,
  simulationTable,
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

interface SimulateCliOptions extends CsvFormulasCliOptions {
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
    .command('simulate')
    .description('simulate a cluster over years under a funding regime (Monte Carlo runs of a scenario file)')
    .argument('<scenario>', 'scenario file (JSON, e.g. scenarios/permanent.json)')
    .option('--runs <n>', 'Monte Carlo runs', parseIntOption('--runs', 1, 10_000_000), 200);
  addSeedOption(cmd);
  cmd
    .option('--years <y>', "simulated years (default: the scenario's)", parseIntOption('--years', 1, 100))
    .option(
      '--set <path=value>',
      'override a scenario field with a JSON value, e.g. funding.projects.successProbability=0.5 (repeatable)',
      collect,
      [],
    );
  addPosteriorOption(cmd);
  addWorkersOption(cmd);
  addOutOption(cmd);
  addCsvFormulasOption(cmd);
  cmd
    .option(
      '--format <format>',
      'table (default), json, csv or xlsx (needs --out); without it, taken from the --out extension (.txt, .json, .csv, .xlsx; another extension, or one that disagrees with --format, is an error)',
      parseChoice('--format', FORMATS),
    )
    .option('--network-run <r>', NETWORK_RUN_HELP, parseIntOption('--network-run', 0, 10_000_000));
  addLangOption(cmd);
  addCsvDialectOption(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab simulate scenarios/permanent.json --runs 500\n' +
        '  helixlab simulate scenarios/project-driven.json --set funding.projects.successProbability=0.5 --format json\n' +
        '  helixlab simulate scenarios/permanent.json --set \'shocks=[{"year":5,"type":"coordinator-leaves"}]\' --workers 2 --out out/sim.json\n' +
        "  helixlab simulate scenarios/permanent.json --runs 200 --network-run 0 --out out/sim.json   # open it in the app's Scenarios tab\n" +
        '  helixlab simulate scenarios/case-security.json --posterior none   # the preset without its posterior: run-to-run noise only',
    )
    .action(
      action(async (file: string, o: SimulateCliOptions) => {
        const pool = earlyPool(o.runs, o.workers);
        const progress = makeProgress('simulate');
        try {
          const s = loadScenarioWithSets(file, o.set);
          const post = resolvePosterior(s, file, o.posterior);
          for (const w of post.warnings) info(`warning: ${w}`);
          const format = formatFromOut(o.format, o.out, { json: 'json', csv: 'csv', txt: 'table', xlsx: 'xlsx' }, 'table');
          const lang = cliLocale(o.lang);
          const dialect = cliCsvDialect(o.csvDialect, lang);
          if (format === 'xlsx' && (o.out === undefined || o.out === '-'))
            throw new UsageError('--format xlsx writes a workbook: give --out FILE.xlsx');
          checkNetworkRun(o.networkRun, o.runs, format === 'xlsx' ? 'csv' : format);
          const t0 = Date.now();
          const opts: SimulateOptions = {
            runs: o.runs,
            seed: o.seed,
            workers: o.workers,
            onProgress: (d, t) => progress.update(d, t),
            provenance: provenanceBase([file]),
            posteriors: [post.posterior],
          };
          if (pool) opts.runner = poolRunner(pool);
          if (o.years !== undefined) opts.years = o.years;
          const r = await simulate(s, opts);
          progress.stop();
          info(`simulated ${s.name}: ${o.runs} runs × ${r.years} years in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          warnInfinite([r]);
          if (o.networkRun !== undefined) {
            const run = [scenarioForRun(s, post.posterior, o.seed, o.networkRun)];
            emit(resultWithNetworksToJson(r, recordNetworks(run, [r.scenario], o.seed, o.networkRun, r.years)), o.out);
            return;
          }
          if (format === 'xlsx') {
            await writeWorkbookFile(o.out!, simulationTables(r));
            info(`wrote ${o.out}`);
          } else if (format === 'csv') emitCsvWithProvenance(simulationCsv([r], { dialect, formulas: o.csvFormulas }), o.out, r.provenance);
          else emit(format === 'json' ? resultToJson(r) : simulationTable(r, undefined, lang), o.out);
        } finally {
          progress.stop();
          await pool?.destroy();
        }
      }),
    );
}
