/**
 * `helixlab samples [copy NAME... --to DIR]`: list the sample networks, survey rosters, workbooks and
 * scenarios that ship with the package, or copy them into a folder (keeping their `data/` and
 * `scenarios/` paths, so the README's commands run there as written).
 */
import type { Command } from 'commander';
import { bundledSamples, copySamples, packageRoot } from '../../node/index.js';
import { action, emit, info } from '../util.js';

export function register(program: Command): void {
  const cmd = program
    .command('samples')
    .description('list the bundled sample networks, survey rosters and scenarios, or copy them into a folder')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab samples                                   # what ships with the package, and where\n' +
        '  helixlab samples copy --to my-cluster              # everything, as my-cluster/data/... and my-cluster/scenarios/...\n' +
        '  helixlab samples copy tiny.json permanent.json     # single files (by name or path), into the current folder\n',
    )
    .action(
      action(() => {
        const list = bundledSamples();
        const width = Math.max(...list.map((s) => s.name.length));
        const lines = [`Bundled with HelixLab (in ${packageRoot()}):`, ''];
        for (const s of list) lines.push(`  ${s.name.padEnd(width)}  ${s.kind}: ${s.description}`);
        lines.push('', 'Copy them into a folder of your own with: helixlab samples copy [NAME...] [--to DIR]');
        emit(lines.join('\n'));
      }),
    );
  cmd
    .command('copy')
    .description('copy bundled samples (by name, or data, scenarios, all) into a folder, keeping their data/ and scenarios/ paths')
    .argument('[names...]', 'sample names or paths (data/tiny.json, tiny.json, scenarios, data, all; default all)')
    .option('--to <dir>', 'the folder to copy into', '.')
    .option('--force', 'overwrite files that exist')
    .action(
      action((names: string[], o: { to: string; force?: boolean }) => {
        const written = copySamples(names, o.to, { force: o.force === true });
        for (const p of written) info(`copied ${p}`);
      }),
    );
}
