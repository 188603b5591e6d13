/**
 * `helixlab sweep SCENARIO --grid path=v1,v2 ... --runs N --out DIR [--workers K] [--resume] [--shard i/n]`
 * A thin layer over src/batch: parse options, validate every setting before any run, run with
 * progress and Ctrl-C handling, report.
 */
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { UsageError } from '../../model/errors.js';
import { action, collect, info, parseIntOption } from '../util.js';
import { parseGrids, gridSize } from '../../batch/grid.js';
import { parseShard, type Shard } from '../../batch/jobs.js';
import { runSweep, batchVersions } from '../../batch/node.js';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '?';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A cli-progress bar on a terminal, plain lines every few seconds otherwise, nothing with --quiet. */
export function makeProgress(label: string, unit = 'runs'): Progress {
  if (process.argv.includes('--quiet')) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`, etaBuffer: 50, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  const t0 = Date.now();
  let last = 0;
  let first = -1;
  return {
    update(done, total) {
      if (first < 0) first = done;
      const now = Date.now();
      if (done < total && now - last < 5000) return;
      if (done === total && last === 0 && first === total) return;
      last = now;
      const rate = (done - first) / ((now - t0) / 1000);
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      process.stderr.write(`${label}: ${done}/${total} ${unit} (${((100 * done) / Math.max(1, total)).toFixed(0)}%), ETA ${formatDuration(eta)}\n`);
    },
    stop() {},
  };
}

/** Ctrl-C: the first stops cleanly after the runs in flight, the second exits at once. */
export function installStopHandler(): { stopped: () => boolean; dispose: () => void } {
  let stop = false;
  const handler = (): void => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write('\nstopping after the runs in flight (Ctrl-C again to abort)...\n');
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    stopped: () => stop,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

interface SweepOptions {
  grid?: string[];
  runs: number;
  out?: string;
  workers?: number;
  resume?: boolean;
  seed: string;
  years?: number;
  shard?: string;
}

/** A seed as `simulate` reads it: an integer stays a number, anything else is a string seed. */
export function parseSeed(text: string): number | string {
  if (text.trim() === '') throw new UsageError("--seed: expected a number or a word, got ''");
  return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

export function register(program: Command): void {
  program
    .command('sweep')
    .description(
      'run a scenario over a full-factorial parameter grid, many runs per setting, on worker threads;\n' +
        'writes DIR/runs.csv, DIR/summary.csv and DIR/manifest.json; resumable (--resume) and shardable (--shard i/n)',
    )
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-g, --grid <path=v1,v2,...>', 'a swept parameter and its values (JSON or words; lo:hi:step for a range); repeatable', collect)
    .option('-r, --runs <n>', 'runs per setting', parseIntOption('--runs', 1), 100)
    .requiredOption('-o, --out <dir>', 'output directory')
    .option('-w, --workers <k>', 'worker threads (default: number of cores)', parseIntOption('--workers', 1, 256))
    .option('--resume', 'finish an interrupted sweep in --out')
    .option('--seed <seed>', 'base seed: run r uses the same seed as `simulate` run r', '1')
    .option('--years <n>', 'simulated years (default: the scenario\'s)', parseIntOption('--years', 1, 100))
    .option('--shard <i/n>', 'run only the i-th of n deterministic slices of the work (combine with `helixlab merge`)')
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
        const prepOpts: { runs: number; seed: number | string; years?: number; shard?: Shard } = { runs: o.runs, seed: parseSeed(o.seed) };
        if (o.years !== undefined) prepOpts.years = o.years;
        if (shard) prepOpts.shard = shard;
        const workers = o.workers ?? defaultWorkers();
        // the worker threads start now and load the engine while this thread loads the scenario and
        // checks every setting (the engine is loaded on demand, so other commands start without it)
        const pool = (await import('../../scenario/pool.js')).startPool(workers);
        try {
          // loads the scenario and applies every setting: any bad path or value fails here, before any run
          const { prepareSweep, scenarioExecutor } = await import('../../batch/engine.js');
          const prepared = prepareSweep(scenario, axes, prepOpts);
          const settings = gridSize(axes);
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
        } finally {
          await pool?.destroy();
        }
      }),
    );
}
