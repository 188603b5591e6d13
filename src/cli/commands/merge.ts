/**
 * `helixlab merge DIR... --out DIR`: combine the shard directories of one sweep
 * (`helixlab sweep ... --shard i/n`) or exploration into exactly the files a single-machine run
 * writes; or fold the shards of one round of a calibration (`helixlab calibrate ... --shard i/n`)
 * into the calibration directory `--out` (its next state, or its result when the run is over).
 */
import type { Command } from 'commander';
import { isCalibrationShard, isExploreShard, mergeCalibrationShards, mergeExploreShards, mergeSweeps } from '../../node/index.js';
import { action, info } from '../util.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description(
      'combine the shards of a sweep or an exploration (--shard 1/n ... n/n) into one result, identical to a single-machine run;\n' +
        'for a calibration, fold the shards of one round into the calibration directory --out',
    )
    .argument('<dirs...>', 'shard output directories (any order)')
    .requiredOption('-o, --out <dir>', 'output directory')
    .addHelpText(
      'after',
      '\nExamples:\n  helixlab merge out/shard-1 out/shard-2 out/shard-3 --out out/sweep\n' +
        '  helixlab merge out/c-shard-1 out/c-shard-2 --out out/calib      # one round of a calibration\n',
    )
    .action(
      action((dirs: string[], o: { out: string }) => {
        if (dirs.length > 0 && dirs.every(isCalibrationShard)) {
          const r = mergeCalibrationShards(dirs, o.out);
          if (r.status === 'done') info(`merged ${r.merged}: the calibration is finished; wrote ${r.files!.join(', ')}`);
          else info(`merged ${r.merged} into ${o.out}; next: run the shards again with --state ${o.out} (${r.next})`);
          return;
        }
        if (dirs.length > 0 && dirs.every(isExploreShard)) {
          const n = mergeExploreShards(dirs, o.out);
          info(`merged ${dirs.length} exploration shard${dirs.length === 1 ? '' : 's'} (${n} points) into ${o.out}`);
          return;
        }
        const n = mergeSweeps(dirs, o.out);
        info(`merged ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} (${n} runs) into ${o.out}`);
      }),
    );
}
