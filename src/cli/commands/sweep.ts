/**
 * `helixlab sweep SCENARIO --grid path=v1,v2 ... --runs N --out DIR [--workers K] [--resume] [--shard i/n]`
 * A thin layer over src/batch: parse options, validate every setting before any run, run with
 * progress and Ctrl-C handling, report.
 */
import type { Command } from 'commander';
import {
  UsageError,
  batchVersions,
  gridSize,
  parseGrids,
  parseShard,
  prepareSweep,
  runSweep,
  scenarioExecutor,
  startPool,
  type Shard,
} from '../../node/index.js';
import { addPosteriorOption, addSeedOption, addWorkersOption, collect, parseIntOption } from '../options.js';
import { installStopHandler, makeProgress } from '../progress.js';
import { action, info } from '../util.js';

interface SweepOptions {
  grid?: string[];
  runs: number;
  out?: string;
  workers: number;
  resume?: boolean;
  seed: number | string;
  years?: number;
  shard?: string;
  posterior?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('sweep')
    .description(
      'run a scenario over a full-factorial parameter grid, many runs per setting, on worker threads;\n' +
        'writes DIR/runs.csv, DIR/summary.csv and DIR/manifest.json; resumable (--resume) and shardable (--shard i/n)',
    )
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-g, --grid <path=v1,v2,...>', 'a swept parameter and its values (JSON or words; lo:hi:step for a range); repeatable', collect)
    .option('-r, --runs <n>', 'runs per setting', parseIntOption('--runs', 1), 100)
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('--resume', 'finish an interrupted sweep in --out');
  addWorkersOption(cmd);
  addSeedOption(cmd, 'base seed: run r uses the same seed as `simulate` run r');
  cmd
    .option('--years <n>', "simulated years (default: the scenario's)", parseIntOption('--years', 1, 100))
    .option('--shard <i/n>', 'run only the i-th of n deterministic slices of the work (combine with `helixlab merge`)');
  addPosteriorOption(cmd);
  cmd
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab sweep scenarios/mixed-20-30-50.json --grid network.openness=0.1,0.3,0.5 --runs 200 --out out/sweep\n' +
        '  helixlab sweep s.json --grid trust.decay=0.05:0.25:0.1 --runs 50 --out out/s --shard 2/4\n' +
        '  helixlab merge out/s1 out/s2 out/s3 out/s4 --out out/s\n',
    )
    .action(
      action(async (scenario: string, o: SweepOptions) => {
        if (!o.out) throw new UsageError('--out DIR is required');
        const axes = parseGrids(o.grid ?? []);
        const shard: Shard | undefined = o.shard ? parseShard(o.shard) : undefined;
        const prepOpts: { runs: number; seed: number | string; years?: number; shard?: Shard; posterior?: string } = {
          runs: o.runs,
          seed: o.seed,
        };
        if (o.posterior !== undefined) prepOpts.posterior = o.posterior;
        if (o.years !== undefined) prepOpts.years = o.years;
        if (shard) prepOpts.shard = shard;
        const workers = o.workers;
        // the worker threads start now and load the engine while this thread loads the scenario and
        // checks every setting
        const pool = startPool(workers);
        try {
          // loads the scenario and applies every setting: any bad path or value fails here, before any run
          const prepared = prepareSweep(scenario, axes, prepOpts);
          const settings = gridSize(axes);
          for (const w of prepared.warnings) info(`warning: ${w}`);
          if (prepared.plan.posterior)
            info(
              `sweep: each run draws ${prepared.plan.posterior.drawn.join(', ') || 'no parameter'} from the posterior ${prepared.plan.posterior.file} (${prepared.plan.posterior.particles} particles)`,
            );
          info(
            `sweep: ${settings} setting${settings === 1 ? '' : 's'} x ${o.runs} runs x ${prepared.plan.years} years` +
              `${shard ? `, shard ${shard.index}/${shard.count}` : ''}, ${workers} worker${workers === 1 ? '' : 's'} -> ${o.out}`,
          );
          const progress = makeProgress('sweep');
          const stop = installStopHandler();
          let result;
          try {
            result = await runSweep({
              outDir: o.out,
              plan: prepared.plan,
              executor: scenarioExecutor(prepared, workers, pool),
              resume: o.resume === true,
              versions: batchVersions(),
              onProgress: (d, t) => progress.update(d, t),
              shouldStop: stop.stopped,
            });
          } finally {
            progress.stop();
            stop.dispose();
          }
          if (!result.complete) {
            info(`stopped: ${result.done}/${result.total} runs are saved in ${o.out}; finish with the same command and --resume`);
            process.exitCode = 130;
            return;
          }
          if (result.computed === 0 && o.resume) info(`${o.out} already holds the finished sweep; nothing to do`);
          else info(`wrote ${o.out}/runs.csv, ${o.out}/summary.csv, ${o.out}/manifest.json (${result.total} runs)`);
          const nf = result.nonFinite;
          if (nf && (nf.values > 0 || nf.statistics > 0)) {
            info(
              `warning: ${nf.values} run value(s) were infinite and ${nf.statistics} summary statistic(s) overflowed ` +
                `(a parameter near the largest number, e.g. 1e308?); they are written as missing (empty cells)`,
            );
          }
        } finally {
          await pool?.destroy();
        }
      }),
    );
}
