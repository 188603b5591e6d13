/**
 * `helixlab calibrate SCENARIO --targets TARGETS.json --params 'path=lo:hi,…' --out DIR`: ABC-SMC
 * calibration of a scenario's parameters to observed figures (docs/calibration.md), on worker
 * threads, with a progress bar per generation, `--resume`, and `--shard i/n` (+ `--state DIR`,
 * then `helixlab merge`) to spread a round of simulations over machines. A thin layer over
 * `scenarioCalibrationPlan`, `runCalibrationDir` and `runCalibrationShard` (src/node/calibration-dir.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  UsageError,
  loadScenarioWithSets,
  parsePriorSpecs,
  parseShard,
  parseTargets,
  runCalibrationDir,
  runCalibrationShard,
  scenarioCalibrationPlan,
  startPool,
  type AbcSmcOptions,
  type DistanceScale,
} from '../../node/index.js';
import { addSeedOption, addWorkersOption, collect, parseChoice, parseIntOption } from '../options.js';
import { installStopHandler, makeProgress, type Progress } from '../progress.js';
import { action, info } from '../util.js';

interface CalibrateCliOptions {
  targets: string;
  param: string[];
  params: string[];
  holdout: string[];
  set: string[];
  out: string;
  particles: number;
  generations: number;
  alpha?: string;
  minEpsilon?: string;
  maxSimulations?: number;
  minAcceptance?: string;
  predictive?: number;
  scale: DistanceScale;
  sample: number;
  seed: number | string;
  workers: number;
  resume?: boolean;
  shard?: string;
  state?: string;
}

function parseNumber(name: string, value: string | undefined, lo: number, hi: number, exclusive = false): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < lo || x > hi || (exclusive && (x === lo || x === hi)))
    throw new UsageError(`${name}: expected a number ${exclusive ? 'strictly ' : ''}between ${lo} and ${hi}, got '${value}'`);
  return x;
}

/** `a=1:2,b=3:4` and repeated options → one spec per parameter. */
function priorSpecs(o: CalibrateCliOptions): string[] {
  const specs = [...o.param];
  for (const p of o.params) for (const part of p.split(',')) if (part.trim() !== '') specs.push(part.trim());
  return specs;
}

export function register(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description(
      'calibrate a scenario on observed figures: approximate Bayesian computation (ABC-SMC) of the parameters named by --params,\n' +
        'with posterior intervals, identifiability and posterior predictive checks (also of --holdout targets);\n' +
        'writes DIR/calibration.json, calibration.md, posterior.csv and posterior-sample.csv (for --posterior)',
    )
    .argument('<scenario>', 'scenario file (JSON)')
    .requiredOption('-t, --targets <file>', 'targets file (JSON, docs/calibration.md)')
    .option('--params <list>', "parameters and prior ranges: 'path=lo:hi,path=lo:hi:log' (uniform, or log-uniform with :log)", collect, [])
    .option('-p, --param <path=lo:hi>', 'one parameter and its prior range (repeatable; the same as an entry of --params)', collect, [])
    .option('--holdout <names>', 'targets to hold out (not fitted, only checked), comma-separated names (repeatable)', collect, [])
    .option('--set <path=value>', 'fix a scenario field first, as in simulate (repeatable)', collect, [])
    .requiredOption('-o, --out <dir>', 'output directory (or, with --shard, the shard directory)')
    .option('--particles <n>', 'particles per generation', parseIntOption('--particles', 2, 1_000_000), 1000)
    .option('--generations <n>', 'stop after this many generations (generation 0 included)', parseIntOption('--generations', 1, 1000), 10)
    .option('--alpha <q>', 'tolerance of the next generation = this quantile of the last distances (default 0.5)')
    .option('--min-epsilon <e>', 'stop once the tolerance is at or below this (default 0)')
    .option('--max-simulations <n>', 'stop when this many simulations have run', parseIntOption('--max-simulations', 2))
    .option('--min-acceptance <r>', 'abandon a generation whose acceptance rate would fall below this, and stop (default 0.01)')
    .option('--predictive <n>', 'posterior predictive draws (default: the particles)', parseIntOption('--predictive', 0))
    .option(
      '--scale <s>',
      'scale of each statistic in the distance: mad, sd or none',
      parseChoice('--scale', ['mad', 'sd', 'none'] as const),
      'mad',
    )
    .option(
      '--sample <n>',
      'particles of posterior-sample.csv, resampled by weight (0: none)',
      parseIntOption('--sample', 0, 100_000),
      300,
    );
  addSeedOption(cmd);
  addWorkersOption(cmd);
  cmd
    .option('--resume', 'finish an interrupted calibration in --out')
    .option('--shard <i/n>', 'simulate only shard i of n of the next round into --out (combine with `helixlab merge SHARDS --out DIR`)')
    .option('--state <dir>', 'with --shard: the calibration directory the round belongs to (omit for the first round)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        "  helixlab calibrate scenarios/case-security.json --targets scenarios/targets/case-security.json \\\n      --params 'growth.recruitRate=0.05:0.8,growth.churnBase=0.005:0.3' --out out/calib\n" +
        '  helixlab calibrate s.json -t t.json -p trust.decay=0.05:0.8 --holdout "members 2020" --particles 500 --out out/c --resume\n' +
        '  # on n machines, one round at a time (docs/batch.md):\n' +
        '  helixlab calibrate s.json -t t.json -p x=0:1 --shard 2/4 --state out/c --out out/c-shard-2\n' +
        '  helixlab merge out/c-shard-1 out/c-shard-2 out/c-shard-3 out/c-shard-4 --out out/c\n',
    )
    .action(
      action(async (file: string, o: CalibrateCliOptions) => {
        const params = parsePriorSpecs(priorSpecs(o), '--params');
        const holdout = o.holdout
          .flatMap((h) => h.split(','))
          .map((h) => h.trim())
          .filter((h) => h !== '');
        const options: AbcSmcOptions = { particles: o.particles, seed: o.seed, maxGenerations: o.generations, scale: o.scale };
        const alpha = parseNumber('--alpha', o.alpha, 0, 1, true);
        if (alpha !== undefined) options.alpha = alpha;
        const minEps = parseNumber('--min-epsilon', o.minEpsilon, 0, Infinity);
        if (minEps !== undefined) options.minEpsilon = minEps;
        const minAcc = parseNumber('--min-acceptance', o.minAcceptance, 0, 0.999999);
        if (minAcc !== undefined) options.minAcceptanceRate = minAcc;
        if (o.maxSimulations !== undefined) options.maxSimulations = o.maxSimulations;
        if (o.predictive !== undefined) options.predictive = o.predictive;
        if (o.state !== undefined && o.shard === undefined)
          throw new UsageError('--state goes with --shard (the calibration directory a shard continues)');
        if (o.shard !== undefined && o.resume)
          throw new UsageError('--resume is for a calibration directory, not a shard (run the shard again)');
        const shard = o.shard !== undefined ? parseShard(o.shard) : undefined;
        const pool = o.workers > 1 ? startPool(o.workers) : undefined;
        try {
          const scenario = loadScenarioWithSets(file, o.set);
          const text = readFileSync(o.targets, 'utf8');
          const targets = parseTargets(text, o.targets);
          const plan = scenarioCalibrationPlan({
            scenarioFile: file,
            scenario,
            targets,
            targetsSha256: createHash('sha256').update(text).digest('hex'),
            params,
            holdout,
            options,
            sampleSize: o.sample,
            provenance: o.set.length ? { set: o.set } : {},
          });
          const fitted = plan.problem.targets.targets.filter((t) => !t.holdout).length;
          const held = plan.problem.targets.targets.length - fitted;
          if (shard) {
            const r = await runCalibrationShard(plan, {
              shard,
              outDir: o.out,
              workers: o.workers,
              ...(pool ? { pool } : {}),
              ...(o.state !== undefined ? { stateDir: o.state } : {}),
            });
            info(
              `calibrate shard ${shard.index}/${shard.count}: ${r.jobs} simulations of ${r.description} -> ${o.out}; ` +
                `merge the ${shard.count} shards with \`helixlab merge … --out ${o.state ?? 'DIR'}\``,
            );
            return;
          }
          info(
            `calibrate ${scenario.name}: ${params.length} parameter${params.length === 1 ? '' : 's'}, ${fitted} fitted target${fitted === 1 ? '' : 's'}, ` +
              `${held} held out; ${o.particles} particles, up to ${o.generations} generations; ${o.workers} worker${o.workers === 1 ? '' : 's'} -> ${o.out}`,
          );
          let progress: Progress | undefined;
          let label = '';
          const stop = installStopHandler();
          let outcome;
          try {
            outcome = await runCalibrationDir(plan, o.out, {
              resume: o.resume === true,
              workers: o.workers,
              ...(pool ? { pool } : {}),
              shouldStop: stop.stopped,
              onBatch: (p) => {
                const now = p.phase === 'predictive' || p.phase === 'done' ? 'posterior predictive draws' : `generation ${p.generation}`;
                if (now !== label) {
                  progress?.stop();
                  label = now;
                  progress = makeProgress(`calibrate ${now}`, p.phase === 'smc' ? 'particles' : 'draws');
                }
                if (p.phase === 'smc') progress!.update(p.accepted, o.particles);
                else progress!.update(p.predictive, options.predictive ?? o.particles);
              },
              onGeneration: (g) => {
                progress?.stop();
                label = '';
                info(
                  `generation ${g.generation}: ε = ${Number.isFinite(g.epsilon) ? Number(g.epsilon.toPrecision(4)) : '∞'}, ` +
                    `${g.simulations} simulations, acceptance ${g.acceptanceRate.toFixed(3)}, ESS ${g.ess.toFixed(0)}`,
                );
              },
            });
          } finally {
            progress?.stop();
            stop.dispose();
          }
          if (outcome.status === 'stopped') {
            info(`stopped: the state is saved in ${o.out}; finish with the same command and --resume`);
            process.exitCode = 130;
            return;
          }
          if (outcome.status === 'already-finished') {
            info(`${o.out} already holds this calibration, finished; nothing to do`);
            return;
          }
          const r = outcome.result!;
          info(`stopped after ${r.generations.length} generations: ${r.stop.message}`);
          for (const st of r.statements) info(`- ${st}`);
          info(`wrote ${outcome.files!.join(', ')}`);
        } finally {
          await pool?.destroy();
        }
      }),
    );
}
