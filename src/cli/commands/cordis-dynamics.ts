/**
 * `helixlab cordis-dynamics FILE [--from Y] [--to Y] [--max-size N] [--bins 5,10,20,40]
 * [--observed-until YYYY-MM-DD] [--format md|json|csv] [--out PATH]`: do collaboration ties outlive
 * the project? For organisation pairs whose first joint project started in the window, the shares
 * that collaborate again, whose next project overlapped the first, or came only after it — by
 * consortium size and start year, with the censoring stated. Thin layer over `cordisTieDynamics`
 * (src/node/cordis-dynamics.ts) and the renderers of src/report/tie-dynamics.ts.
 */
import type { Command } from 'commander';
import {
  CORDIS_SOURCE,
  UsageError,
  cordisTieDynamics,
  dateOfDecimalYear,
  decimalYearEndOfDay,
  renderTieDynamicsCsv,
  renderTieDynamicsJson,
  renderTieDynamicsMarkdown,
  type TieDynamicsOptions,
} from '../../node/index.js';
import { addFormatOption, addOutOption, formatFromOut, parseIntOption } from '../options.js';
import { action, emit, info, printWarningsCapped } from '../util.js';

type Format = 'md' | 'json' | 'csv';

interface DynamicsOptions {
  from: number;
  to: number;
  maxSize?: number;
  bins?: number[];
  observedUntil?: string;
  format?: Format;
  out?: string;
}

function parseBins(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  const bins = parts.map(Number);
  if (parts.some((p) => p === '') || bins.some((b) => !Number.isInteger(b) || b < 2) || bins.some((b, i) => i > 0 && b <= bins[i - 1]!)) {
    throw new UsageError(`--bins: expected increasing integers >= 2 separated by commas (upper edges, e.g. 5,10,20,40), got '${value}'`);
  }
  return bins;
}

function parseDate(value: string): string {
  if (Number.isNaN(decimalYearEndOfDay(value))) throw new UsageError(`--observed-until: expected a date YYYY-MM-DD, got '${value}'`);
  return value;
}

export function register(program: Command): void {
  const cmd = program
    .command('cordis-dynamics')
    .description(
      'do collaboration ties outlive the project? In CORDIS participations (rcn, pic, start_date, end_date; .gz ok): for organisation ' +
        'pairs whose first joint project started in the window, the shares that collaborate again, whose next project overlapped the ' +
        'first, or came only after it ended, by consortium size and start year, with the censoring of the data stated',
    )
    .argument('<file>', 'CORDIS participations table (CSV, optionally gzip-compressed)')
    .option('--from <year>', 'first start year of the window (first joint project)', parseIntOption('--from', 1900, 2200), 2014)
    .option('--to <year>', 'last start year of the window (inclusive)', parseIntOption('--to', 1900, 2200), 2016)
    .option('--max-size <n>', 'leave out projects with more participants (e.g. 40)', parseIntOption('--max-size', 2))
    .option('--bins <edges>', 'upper edges of the consortium size bins (default 5,10,20,40)', parseBins)
    .option('--observed-until <date>', 'last day of the observation (default: the day of the latest project start in the file)', parseDate);
  addFormatOption(cmd, ['md', 'json', 'csv'] as const, 'md (default), json or csv; without it, from the extension of --out');
  addOutOption(cmd);
  cmd
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab cordis-dynamics participations.csv.gz\n' +
        '  helixlab cordis-dynamics participations.csv.gz --max-size 40 --format json --out ties.json\n' +
        '  helixlab cordis-dynamics participations.csv.gz --from 2015 --to 2015 --bins 3,10 --out ties.csv\n',
    )
    .action(
      action((file: string, o: DynamicsOptions) => {
        if (o.from > o.to) throw new UsageError(`--from ${o.from} is after --to ${o.to}: the window is empty`);
        const format = formatFromOut<Format>(o.format, o.out, { md: 'md', markdown: 'md', json: 'json', csv: 'csv' }, 'md');
        const opts: TieDynamicsOptions = { from: o.from, to: o.to };
        if (o.maxSize !== undefined) opts.maxSize = o.maxSize;
        if (o.bins !== undefined) opts.sizeBins = o.bins;
        if (o.observedUntil !== undefined) opts.observedUntil = decimalYearEndOfDay(o.observedUntil);
        const m = cordisTieDynamics(file, opts);
        printWarningsCapped(m.warnings.filter((w) => w.code !== 'bom'));
        info(
          `cordis-dynamics: ${m.projects.count.toLocaleString('en-US')} projects (${m.projects.skipped} left out for want of dates, ` +
            `${m.projects.skippedWithPairs} of them with two or more organisations), ` +
            `${m.result.total.pairs.toLocaleString('en-US')} pairs whose first joint project started in ${o.from}–${o.to}`,
        );
        const render = {
          source: CORDIS_SOURCE,
          input: file,
          // the last observed day (observedUntil is the end of that day)
          formatTime: (t: number) =>
            m.projects.resolution === 'dates' ? `the end of ${dateOfDecimalYear(t - 1e-7)}` : `the end of ${Math.round(t) - 1}`,
          notes: [
            `The latest project start in the file is ${m.projects.latestStart}. Collaboration outside the file — later calls, other programmes ` +
              '(for the H2020 table: Horizon Europe, from 2021) — is not seen.',
          ],
        };
        const text =
          format === 'json'
            ? renderTieDynamicsJson(m.result, render)
            : format === 'csv'
              ? renderTieDynamicsCsv(m.result)
              : renderTieDynamicsMarkdown(m.result, render);
        emit(text, o.out);
      }),
    );
}
