/**
 * `helixlab sensitivity SCENARIO --method morris|sobol --param path:lo:hi ... --samples N --metric NAME`
 * Morris elementary effects or Sobol indices (Saltelli sampling, bootstrap intervals) of one
 * scenario metric at one year. Thin layer over src/batch/sensitivity and src/batch/engine.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { InputError } from '../../model/errors.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { action, collect, emit, info, parseChoice, parseIntOption } from '../util.js';
import { csvRows } from '../../batch/csv.js';
import { analyzeSensitivity, parseParamSpecs, sensitivityDesign, sensitivityRows, sensitivityTable, type SensitivityMethod, type SensitivitySpec } from '../../batch/sensitivity/run.js';
import { batchVersions } from '../../batch/node.js';
import type { SensitivityRunOptions } from '../../batch/engine.js';
import { defaultWorkers, installStopHandler, makeProgress, parseSeed } from './sweep.js';

interface SensitivityOptions {
  method: SensitivityMethod;
  param?: string[];
  samples?: number;
  metric: string;
  year?: number;
  years?: number;
  runs: number;
  seed: string;
  workers?: number;
  levels: number;
  candidates?: number;
  bootstrap: number;
  out?: string;
  format: 'table' | 'json';
}

export function register(program: Command): void {
  program
    .command('sensitivity')
    .description(
      'global sensitivity of a scenario metric: Morris elementary effects (mu*, sigma) or Sobol first-order\n' +
        'and total indices (Saltelli 2010 sampling, bootstrap confidence intervals)',
    )
    .argument('<scenario>', 'scenario file (JSON)')
    .option('-m, --method <method>', 'morris or sobol', parseChoice('--method', ['morris', 'sobol'] as const), 'sobol')
    .option('-p, --param <path:lo:hi[:int]>', 'a parameter varied uniformly on [lo, hi] (:int rounds it); repeatable', collect)
    .option('-n, --samples <n>', 'sobol: base samples N, N*(k+2) points (default 256); morris: trajectories r, r*(k+1) points (default 20)', parseIntOption('--samples', 2))
    .requiredOption('--metric <name>', 'the scenario metric analysed')
    .option('--year <t>', 'the year analysed (default: the last)', parseIntOption('--year', 0))
    .option('--years <n>', "simulated years (default: the scenario's)", parseIntOption('--years', 1, 100))
    .option('-r, --runs <n>', 'replications per point (their mean is the output; common random numbers across points)', parseIntOption('--runs', 1), 10)
    .option('--seed <seed>', 'seed of the design, the runs and the bootstrap', '1')
    .option('-w, --workers <k>', 'worker threads (default: number of cores)', parseIntOption('--workers', 1, 256))
    .option('--levels <p>', 'morris grid levels (even)', parseIntOption('--levels', 2), 4)
    .option('--candidates <m>', 'morris: choose the r trajectories among m random ones, spread out (Campolongo et al. 2007)', parseIntOption('--candidates', 2, 1000))
    .option('--bootstrap <b>', 'bootstrap resamples for the confidence intervals', parseIntOption('--bootstrap', 0), 500)
    .option('-o, --out <dir>', 'write sensitivity.json, sensitivity.csv, samples.csv and manifest.json here')
    .option('-f, --format <format>', 'stdout format: table or json', parseChoice('--format', ['table', 'json'] as const), 'table')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab sensitivity s.json --method morris --param network.openness:0.05:0.6 --param trust.decay:0.02:0.3 --samples 20 --metric members\n' +
        '  helixlab sensitivity s.json --method sobol --param network.openness:0.05:0.6 --param trust.decay:0.02:0.3 --samples 128 --runs 5 --metric members --out out/sobol\n',
    )
    .action(
      action(async (scenario: string, o: SensitivityOptions) => {
        const params = parseParamSpecs(o.param ?? []);
        const samples = o.samples ?? (o.method === 'sobol' ? 256 : 20);
        const spec: SensitivitySpec = { method: o.method, params, samples, seed: parseSeed(o.seed), levels: o.levels, bootstrap: o.bootstrap };
        if (o.candidates !== undefined) spec.candidates = o.candidates;
        let design;
        try {
          design = sensitivityDesign(spec);
        } catch (err) {
          if (err instanceof RangeError) throw new InputError([{ severity: 'error', code: 'bad-design', file: '--' + o.method, message: err.message }]);
          throw err;
        }
        const workers = o.workers ?? defaultWorkers();
        const points = design.points.length;
        info(`sensitivity: ${o.method}, ${params.length} parameters, ${points} points x ${o.runs} runs, ${workers} worker${workers === 1 ? '' : 's'}`);
        const progress = makeProgress('sensitivity');
        const stop = installStopHandler();
        let ev;
        // the worker threads start (and load the engine) while the scenario and every design point are checked
        const pool = (await import('../../scenario/pool.js')).startPool(workers);
        try {
          const ro: SensitivityRunOptions = { runs: o.runs, metric: o.metric, workers, onProgress: (d, t) => progress.update(d, t), shouldStop: stop.stopped };
          if (pool) ro.pool = pool;
          if (o.year !== undefined) ro.year = o.year;
          if (o.years !== undefined) ro.years = o.years;
          // the engine is loaded on demand, so other commands start without it
          const { evaluateSensitivity } = await import('../../batch/engine.js');
          ev = await evaluateSensitivity(scenario, spec, design, ro);
        } finally {
          progress.stop();
          stop.dispose();
          await pool?.destroy();
        }
        if (!ev.complete) {
          info('stopped before all points were evaluated; nothing written');
          process.exitCode = 130;
          return;
        }
        const bad = ev.y.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) {
          throw new InputError([
            { severity: 'error', code: 'non-finite', file: scenario, field: o.metric, message: `the metric is not a finite number (${ev.y[bad]}) at design point ${bad} (year ${ev.year}); choose another metric or year` },
          ]);
        }
        const result = analyzeSensitivity(spec, design, ev.y);
        const manifest = {
          format: 'helixlab-sensitivity/1',
          kind: 'sensitivity',
          ...batchVersions(),
          scenario: { file: scenario, sha256: ev.scenarioSha256, name: ev.scenarioName },
          method: o.method,
          params,
          samples,
          points,
          metric: o.metric,
          year: ev.year,
          years: ev.years,
          runs: o.runs,
          seed: spec.seed,
          seedRule: "design: createRng(seed).stream('sensitivity', method); run r of every point: createRng(seed).stream('run', r), as in `helixlab simulate`",
          levels: o.method === 'morris' ? o.levels : undefined,
          candidates: o.method === 'morris' ? o.candidates : undefined,
          bootstrap: o.bootstrap,
        };
        const doc = { ...manifest, result };
        if (o.out) {
          writeFileAtomic(join(o.out, 'sensitivity.json'), JSON.stringify(doc, null, 2) + '\n');
          writeFileAtomic(join(o.out, 'sensitivity.csv'), csvRows(sensitivityRows(result)));
          writeFileAtomic(join(o.out, 'samples.csv'), csvRows([['point', ...params.map((p) => p.name), 'y'], ...design.points.map((x, i) => [i, ...x, ev.y[i]!])]));
          const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 12);
          writeFileAtomic(join(o.out, 'manifest.json'), JSON.stringify({ ...manifest, resultSha256: hash, files: { result: 'sensitivity.json', indices: 'sensitivity.csv', samples: 'samples.csv' } }, null, 2) + '\n');
          info(`wrote ${o.out}/sensitivity.json, sensitivity.csv, samples.csv, manifest.json`);
        }
        if (o.format === 'json') emit(JSON.stringify(doc, null, 2));
        else emit(`${o.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'} of ${o.metric} at year ${ev.year} (${points} points x ${o.runs} runs)\n` + sensitivityTable(result));
      }),
    );
}
