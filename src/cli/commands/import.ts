/**
 * `helixlab import cordis FILE [--country CC] [--helix-map SPEC] [--out net.json]`: read a CORDIS
 * `organization.csv` (or the derived participations table; `.gz` is decompressed) and write a
 * HelixLab network (JSON by default; the format follows the extension of `--out`; stdout without
 * `--out`). A one-paragraph summary goes to stderr.
 */
import type { Command } from 'commander';
import {
  parseCordis,
  parseHelixMap,
  readInputFiles,
  renderCordisImportSummary,
  writeNetwork,
  writeNetworkFileAsync,
} from '../../node/index.js';
import { parseChoice, parseSizeOption } from '../options.js';
import { action, emit, info, printWarningsCapped } from '../util.js';
import { registerSurvey } from './import-survey.js';

interface CordisOptions {
  csvFormulas: 'escape' | 'keep';
  maxInput?: number;
  country?: string;
  helixMap?: string;
  out?: string;
}

export function register(program: Command): void {
  const imp = program.command('import').description('import foreign data as a HelixLab network (sources: cordis, survey)');
  registerSurvey(imp);
  imp
    .command('cordis')
    .summary('import a CORDIS organization.csv (EU framework programme participations)')
    .description(
      'Import a CORDIS organization.csv (EU framework programme participations; , or ; separated; .gz ok). ' +
        'Organisations become actors typed by activityType (PRC industry, HES and REC research-education, ' +
        'PUB public, OTH civil-society); projects become activities; two organisations are tied once per shared project. ' +
        'The network keeps the attribution "Source: CORDIS, European Union" (CC BY 4.0).',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab import cordis organization.csv --country FI --out fi.json\n' +
        '  helixlab import cordis organization.csv.gz --out eu.gexf\n' +
        "  helixlab import cordis organization.csv --helix-map 'OTH=public' --out net.json",
    )
    .argument('<file>', 'the CORDIS organization.csv')
    .option('--country <CC>', 'keep only organisations of this country (CORDIS codes: FI, DE, EL, UK, ...)')
    .option('--helix-map <spec>', "override the activityType mapping, e.g. 'OTH=public,PUB=public'")
    .option('-o, --out <path>', 'output file (.json, .gexf, .graphml, .csv, .xlsx); default: JSON on stdout')
    .option(
      '--csv-formulas <mode>',
      "CSV output: escape text cells that spreadsheets would run as formulas with a leading ' (escape), or write them as they are (keep)",
      parseChoice('--csv-formulas', ['escape', 'keep'] as const),
      'escape',
    )
    .option('--max-input <size>', 'largest input file, after decompression (e.g. 2GB; default 500MB)', parseSizeOption('--max-input'))
    .action(
      action(async (file: string, opts: CordisOptions) => {
        const read = readInputFiles(file, opts.maxInput !== undefined ? { maxInputBytes: opts.maxInput } : {});
        const input = read.files[0];
        if (!input) throw new Error(`no data read from ${file}`);
        const formatOpts: { country?: string; helixMap?: Record<string, string> } = {};
        if (opts.country !== undefined) formatOpts.country = opts.country;
        if (opts.helixMap !== undefined) formatOpts.helixMap = parseHelixMap(opts.helixMap);
        const result = parseCordis(input, formatOpts);
        // CORDIS downloads routinely start with a UTF-8 byte order mark: not worth a warning here
        printWarningsCapped([...read.warnings.filter((w) => w.code !== 'bom'), ...result.warnings]);
        if (opts.out === undefined || opts.out === '-') {
          emit(writeNetwork(result.network, 'json').text ?? '');
        } else {
          const w = await writeNetworkFileAsync(result.network, opts.out, undefined, { formulas: opts.csvFormulas });
          for (const m of w.warnings) info(`warning: ${m}`);
          info(`wrote ${w.paths.join(', ')}`);
        }
        info(renderCordisImportSummary(result.network, file, opts.country));
      }),
    );
}
