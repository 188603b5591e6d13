/**
 * `helixlab convert IN... OUT [--format json|csv|gexf|graphml] [--helix-attr A] [--helix-map SPEC]
 * [--country CC]`: read a network in any input format (HelixLab JSON, CSV tables, GEXF, GraphML,
 * CORDIS) and write it in another. The output format follows OUT's extension unless `--format`
 * is given; OUT `-` writes to stdout (then `--format` is needed, CSV excepted).
 */
import type { Command } from 'commander';
import {
  UsageError,
  WRITABLE_FORMATS,
  readNetworkFilesAsync,
  writeNetwork,
  writeNetworkFileAsync,
  type CsvDialect,
  type Locale,
  type WritableFormat,
} from '../../node/index.js';
import {
  addCsvDialectOption,
  addCsvFormulasOption,
  addInputOptions,
  addLangOption,
  cliCsvDialect,
  cliLocale,
  formatOptions,
  parseChoice,
  type CsvFormulasCliOptions,
  type InputCliOptions,
} from '../options.js';
import { action, emit, info, printWarningsCapped } from '../util.js';

interface ConvertOptions extends InputCliOptions, CsvFormulasCliOptions {
  format?: WritableFormat | 'xlsx';
  lang?: Locale;
  csvDialect?: CsvDialect;
}

export function register(program: Command): void {
  const cmd = program
    .command('convert')
    .summary('convert a network between formats (JSON, CSV, GEXF, GraphML, Excel; GML, Pajek, edge lists, CORDIS as input)')
    .description(
      'Convert a network between formats: HelixLab JSON, CSV tables, GEXF (Gephi), GraphML, Excel workbooks (.xlsx); GML, Pajek .net, edge lists and CORDIS as input. ' +
        'The output format follows the extension of OUT (.json .csv .gexf .graphml .xlsx); --format must agree with it. ' +
        "GEXF and GraphML keep every attribute and carry the activities and the profile as JSON in a 'helixlab' graph attribute.",
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab convert cluster.json cluster.gexf\n' +
        '  helixlab convert nodes.csv edges.csv cluster.graphml\n' +
        "  helixlab convert gephi.gexf cluster.json --helix-attr Sector --helix-map 'firm=industry,academia=research-education'\n" +
        '  helixlab convert cluster.json - --format graphml > cluster.graphml\n' +
        '  helixlab convert cluster.json members.xlsx                 # sheets nodes, edges, affiliations\n' +
        '  helixlab convert cluster.json tables/ --lang fi            # CSV for Finnish Excel (; and decimal comma)\n' +
        '  helixlab convert airlines.net airlines.json --helix-default industry',
    )
    .argument('<paths...>', 'input file(s) (one network file, or CSV tables), then the output file (- for stdout)')
    .option(
      '-f, --format <format>',
      `output format: ${[...WRITABLE_FORMATS, 'xlsx'].join(', ')}`,
      parseChoice('--format', [...WRITABLE_FORMATS, 'xlsx'] as const),
    );
  addLangOption(cmd);
  addCsvDialectOption(cmd);
  addCsvFormulasOption(cmd);
  addInputOptions(cmd).action(
    action(async (paths: string[], opts: ConvertOptions) => {
      if (paths.length < 2) {
        throw new UsageError(
          `convert: expected input file(s) and an output file, got ${paths.length === 1 ? `only '${paths[0]}'` : 'nothing'}`,
        );
      }
      const out = paths[paths.length - 1]!;
      const inputs = paths.slice(0, -1);
      const result = await readNetworkFilesAsync(inputs, formatOptions(opts));
      const dialect = cliCsvDialect(opts.csvDialect, cliLocale(opts.lang));
      printWarningsCapped(result.warnings);
      const net = result.network;
      if (out === '-') {
        const fmt = opts.format ?? 'json';
        if (fmt === 'csv') throw new UsageError('convert: CSV is several tables; give an output file or directory, not -');
        if (fmt === 'xlsx') throw new UsageError('convert: an Excel workbook is binary; give an output file, not -');
        emit(writeNetwork(net, fmt).text ?? '');
        return;
      }
      const written = await writeNetworkFileAsync(net, out, opts.format, {
        formulas: opts.csvFormulas,
        ...(dialect === 'rfc4180' ? {} : { dialect }),
      });
      for (const w of written.warnings) info(`warning: ${w}`);
      const fmt = opts.format ?? (/\.(gexf|graphml)$/i.exec(out)?.[1]?.toLowerCase() as WritableFormat | undefined);
      if ((fmt === 'gexf' || fmt === 'graphml') && (net.activities.length > 0 || net.profile !== undefined)) {
        info(
          `note: the ${net.activities.length > 0 ? 'activities' : ''}${net.activities.length > 0 && net.profile ? ' and the ' : ''}${net.profile ? 'profile' : ''} ` +
            `travel as JSON in the graph attribute 'helixlab' (HelixLab reads it back; other tools ignore it); ` +
            `the projected ties are written as edges marked origin=affiliation`,
        );
      }
      info(
        `converted ${inputs.join(', ')} (${result.format}) → ${written.paths.join(', ')}: ${net.graph.order} actors, ${net.graph.size} ties`,
      );
    }),
  );
}
