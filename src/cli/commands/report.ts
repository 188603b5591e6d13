/**
 * `helixlab report INPUT... --out report.html`: one self-contained HTML impact report (fan charts,
 * comparison tables with confidence intervals, sweep heatmaps, sensitivity bar charts, and the
 * parameters, seeds and versions) from sweep and sensitivity output directories and from the JSON
 * files of `helixlab simulate --format json` / `helixlab compare --format json`.
 */
import type { Command } from 'commander';
import { helixlabVersion, loadReportInput, reportFromDirs, reportTables, writeWorkbookFile, type Locale } from '../../node/index.js';
import { formatFromOut } from '../options.js';
import { addLangOption, cliLocale } from '../options.js';
import { action, emit, info } from '../util.js';

export function register(program: Command): void {
  const cmd = program
    .command('report')
    .description(
      'write a self-contained HTML impact report (opens with no network) from sweep and sensitivity output directories and simulate/compare JSON files',
    )
    .argument(
      '<inputs...>',
      'directories written by `helixlab sweep`, `helixlab merge` or `helixlab sensitivity --out`, and JSON files written by `helixlab simulate --format json` or `helixlab compare --format json` (told apart by content)',
    )
    .option(
      '-o, --out <file>',
      'output HTML file (default: stdout); a name ending .xlsx writes the tables (sweep summaries, sensitivity indices, comparisons) as an Excel workbook',
    )
    .option('--title <text>', "report title (default 'HelixLab impact report', in Finnish 'HelixLab-vaikuttavuusraportti')");
  addLangOption(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab report out/sweep out/sobol --out report.html\n' +
        '  helixlab compare scenarios/project-driven.json scenarios/permanent.json scenarios/mixed-20-30-50.json --runs 500 --out out/cmp.json\n' +
        '  helixlab report out/cmp.json --out report.html\n' +
        '  helixlab report out/sweep out/cmp.json --out tables.xlsx     # the tables as an Excel workbook\n' +
        '  helixlab report out/cmp.json --lang fi --out raportti.html\n',
    )
    .action(
      action(async (inputs: string[], o: { out?: string; title?: string; lang?: Locale }) => {
        const lang = cliLocale(o.lang);
        if (formatFromOut(undefined, o.out, { html: 'html', htm: 'html', xlsx: 'xlsx' }, 'html') === 'xlsx') {
          await writeWorkbookFile(o.out!, reportTables(inputs.map(loadReportInput)));
          info(`wrote ${o.out}`);
          return;
        }
        emit(reportFromDirs(inputs, { ...(o.title !== undefined ? { title: o.title } : {}), helixlab: helixlabVersion(), lang }), o.out);
      }),
    );
}
