/**
 * `helixlab report DIR... --out report.html`: one self-contained HTML impact report (fan charts,
 * comparison tables with confidence intervals, sweep heatmaps, sensitivity bar charts, and the
 * parameters, seeds and versions) from sweep and sensitivity output directories.
 */
import type { Command } from 'commander';
import { action, emit } from '../util.js';
import { reportFromDirs } from '../../batch/report-node.js';
import { batchVersions } from '../../batch/node.js';

export function register(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML impact report (opens with no network) from sweep and sensitivity output directories')
    .argument('<dirs...>', 'directories written by `helixlab sweep`, `helixlab merge` or `helixlab sensitivity --out`')
    .option('-o, --out <file>', 'output HTML file (default: stdout)')
    .option('--title <text>', 'report title', 'HelixLab impact report')
    .addHelpText('after', '\nExample:\n  helixlab report out/sweep out/sobol --out report.html\n')
    .action(
      action((dirs: string[], o: { out?: string; title: string }) => {
        emit(reportFromDirs(dirs, { title: o.title, helixlab: batchVersions().helixlab }), o.out);
      }),
    );
}
