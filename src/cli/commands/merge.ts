/**
 * `helixlab merge DIR... --out DIR`: combine the shard directories of one sweep
 * (`helixlab sweep ... --shard i/n`) into exactly the files a single-machine run writes.
 */
import type { Command } from 'commander';
import { isExploreShard, mergeExploreShards, mergeSweeps } from '../../node/index.js';
import { action, info } from '../util.js';

export function register(program: Command): void {
  program
    .command('merge')
    .description('combine the shards of a sweep or an exploration (--shard 1/n ... n/n) into one result, identical to a single-machine run')
    .argument('<dirs...>', 'shard output directories (any order)')
    .requiredOption('-o, --out <dir>', 'output directory')
    .addHelpText('after', '\nExample:\n  helixlab merge out/shard-1 out/shard-2 out/shard-3 --out out/sweep\n')
    .action(
      action((dirs: string[], o: { out: string }) => {
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
