/**
 * `helixlab sensitivity SCENARIO --method morris|sobol --param path:lo:hi ... --samples N --metric NAME`
 * Morris elementary effects or Sobol indices (Saltelli sampling on a Sobol' sequence, bootstrap
 * intervals) of one scenario metric at one year; resumable with --out DIR (--resume). Thin layer
 * over `runSensitivity` (src/node/batch/sensitivity.ts).
 */
import type { Command } from 'commander';
import {
  InputError,
  UsageError,
  batchVersions,
  isPowerOfTwo,
  parseParamSpecs,
  runSensitivity,
  sensitivityDesign,
  sensitivityTable,
  startPool,
  type SensitivityJobOptions,
  type SensitivityMethod,
  type SensitivitySpec,
  type SobolSampling,
} from '../../node/index.js';
import { addSeedOption, addWorkersOption, collect, parseChoice, parseIntOption } from '../options.js';
import { installStopHandler, makeProgress } from '../progress.js';
import { action, emit, info } from '../util.js';

interface SensitivityOptions {
  method: SensitivityMethod;
  param?: string[];
  samples?: number;
  sampling?: SobolSampling;
  resume?: boolean;
  metric: string;
  year?: number;
  years?: number;
  runs: number;
  seed: number | string;
  workers: number;
  levels: number;
  candidates?: number;
  bootstrap: number;
  out?: string;
  format: 'table' | 'json';
}

export function register(program: Command): void {
  const cmd = program
    .command('sensitivity')
    .description(
      'global sensitivity of a scenario metric: Morris elementary effects (mu*, sigma) or Sobol first-order\n' +
        'and total indices (Saltelli 2010 sampling, bootstrap confidence intervals)',
    )
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-m, --method <method>', 'morris or sobol', parseChoice('--method', ['morris', 'sobol'] as const), 'sobol')
    .option('-p, --param <path:lo:hi[:int]>', 'a parameter varied uniformly on [lo, hi] (:int rounds it); repeatable', collect)
    .option(
      '-n, --samples <n>',
      'sobol: base samples N, N*(k+2) points (default 256; a power of 2); morris: trajectories r, r*(k+1) points (default 20)',
      parseIntOption('--samples', 2),
    )
    .option(
      '--sampling <kind>',
      "sobol: 'sobol' (default: a Sobol' sequence, digitally shifted by the seed; at most 32 parameters) or 'random' (pseudo-random)",
      parseChoice('--sampling', ['sobol', 'random'] as const),
    )
    .requiredOption('--metric <name>', 'the scenario metric analysed')
    .option('--year <t>', 'the year analysed (default: the last)', parseIntOption('--year', 0))
    .option('--years <n>', "simulated years (default: the scenario's)", parseIntOption('--years', 1, 100))
    .option(
      '-r, --runs <n>',
      'replications per point (their mean is the output; common random numbers across points)',
      parseIntOption('--runs', 1),
      10,
    );
  addSeedOption(cmd, 'seed of the design, the runs and the bootstrap');
  addWorkersOption(cmd);
  cmd
    .option('--levels <p>', 'morris grid levels (even)', parseIntOption('--levels', 2), 4)
    .option(
      '--candidates <m>',
      'morris: choose the r trajectories among m random ones, spread out (Campolongo et al. 2007)',
      parseIntOption('--candidates', 2, 1000),
    )
    .option('--bootstrap <b>', 'bootstrap resamples for the confidence intervals', parseIntOption('--bootstrap', 0), 500)
    .option('-o, --out <dir>', 'write sensitivity.json, sensitivity.csv, samples.csv and manifest.json here (resumable: see --resume)')
    .option('--resume', 'finish an interrupted analysis in --out (only the missing points are run)')
    .option('-f, --format <format>', 'stdout format: table or json', parseChoice('--format', ['table', 'json'] as const), 'table')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab sensitivity s.json --method morris --param network.openness:0.05:0.6 --param trust.decay:0.02:0.3 --samples 20 --metric members\n' +
        '  helixlab sensitivity s.json --method sobol --param network.openness:0.05:0.6 --param trust.decay:0.02:0.3 --samples 128 --runs 5 --metric members --out out/sobol\n' +
        '  (after Ctrl-C or a crash: the same command with --resume runs only the missing points)\n',
    )
    .action(
      action(async (scenario: string, o: SensitivityOptions) => {
        const params = parseParamSpecs(o.param ?? []);
        if (o.resume && !o.out) throw new UsageError('--resume needs --out DIR (the directory of the interrupted analysis)');
        if (o.sampling !== undefined && o.method !== 'sobol') throw new UsageError('--sampling applies to --method sobol only');
        const samples = o.samples ?? (o.method === 'sobol' ? 256 : 20);
        const sampling: SobolSampling | undefined = o.method === 'sobol' ? (o.sampling ?? 'sobol') : undefined;
        const spec: SensitivitySpec = { method: o.method, params, samples, seed: o.seed, levels: o.levels, bootstrap: o.bootstrap };
        if (sampling) spec.sampling = sampling;
        if (o.candidates !== undefined) spec.candidates = o.candidates;
        if (sampling === 'sobol' && !isPowerOfTwo(samples)) {
          const up = 2 ** Math.ceil(Math.log2(samples));
          info(
            `sensitivity: --samples ${samples} is not a power of 2; a Sobol' sequence is evenly spread at N = 2^m (e.g. ${up / 2} or ${up})`,
          );
        }
        let design;
        try {
          design = sensitivityDesign(spec);
        } catch (err) {
          if (err instanceof RangeError)
            throw new InputError([
              { severity: 'error', code: 'bad-design', file: sampling ? `--sampling ${sampling}` : '--' + o.method, message: err.message },
            ]);
          throw err;
        }
        const workers = o.workers;
        const points = design.points.length;
        info(
          `sensitivity: ${o.method}, ${params.length} parameters, ${points} points x ${o.runs} runs, ${workers} worker${workers === 1 ? '' : 's'}`,
        );
        const progress = makeProgress('sensitivity');
        const stop = installStopHandler();
        let outcome;
        // the worker threads start (and load the engine) while the scenario and every design point are checked
        const pool = startPool(workers);
        try {
          const ro: SensitivityJobOptions = {
            runs: o.runs,
            metric: o.metric,
            workers,
            onProgress: (d, t) => progress.update(d, t),
            shouldStop: stop.stopped,
            versions: batchVersions(),
          };
          if (pool) ro.pool = pool;
          if (o.year !== undefined) ro.year = o.year;
          if (o.years !== undefined) ro.years = o.years;
          if (o.out) ro.out = o.out;
          if (o.resume) ro.resume = true;
          outcome = await runSensitivity(scenario, spec, design, ro);
        } finally {
          progress.stop();
          stop.dispose();
          await pool?.destroy();
        }
        const ev = outcome.evaluation;
        if (outcome.status === 'stopped') {
          if (o.out) info(`stopped: ${ev.pointsDone}/${points} points are saved in ${o.out}; finish with the same command and --resume`);
          else info('stopped before all points were evaluated; nothing written');
          process.exitCode = 130;
          return;
        }
        const doc = outcome.doc!;
        if (outcome.status === 'already-finished') info(`${o.out} already holds this finished analysis; nothing to do`);
        else {
          if (ev.resumed > 0) info(`resumed: ${ev.resumed} of ${points} points were read back from ${o.out}`);
          if (o.out) info(`wrote ${o.out}/sensitivity.json, sensitivity.csv, samples.csv, manifest.json`);
        }
        if (o.format === 'json') emit(JSON.stringify(doc, null, 2));
        else
          emit(
            `${doc.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'} of ${doc.metric} at year ${doc.year} (${doc.points} points x ${doc.runs} runs)\n` +
              sensitivityTable(doc.result),
          );
      }),
    );
}
