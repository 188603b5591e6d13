/**
 * `helixlab compare A B [C ...]`: the scenarios under common random numbers (replication r of every
 * scenario uses the same seed and the same per-mechanism substreams), each one's summary and the
 * paired differences of its final values against the first scenario. Table (default) or JSON.
 */
import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { comparisonTable, resultToJson } from '../../scenario/index.js';
import { compare } from '../../scenario/node.js';
import { action, collect, emit, info, parseChoice, parseIntOption } from '../util.js';
import { defaultWorkers, loadScenarioWithSets, parseSeedOption, progressReporter } from './simulate.js';

const FORMATS = ['table', 'json'] as const;

interface CompareCliOptions {
  runs: number;
  seed: number | string;
  years?: number;
  set: string[];
  workers: number;
  out?: string;
  format?: (typeof FORMATS)[number];
}

export function register(program: Command): void {
  program
    .command('compare')
    .description('compare funding regimes: scenarios under common random numbers, paired differences against the first')
    .argument('<scenarios...>', 'two or more scenario files; the first is the baseline')
    .option('--runs <n>', 'paired Monte Carlo runs per scenario', parseIntOption('--runs', 1, 10_000_000), 200)
    .option('--seed <s>', 'random seed (a number or a word)', parseSeedOption, 1)
    .option('--years <y>', 'simulated years (default: the scenarios\')', parseIntOption('--years', 1, 100))
    .option('--set <path=value>', 'override a field in every scenario with a JSON value (repeatable)', collect, [])
    .option('--workers <k>', 'worker threads (default: the cores, at most 4; results are identical for any number)', parseIntOption('--workers', 1, 256), defaultWorkers())
    .option('--out <path>', 'write the output to this file (atomically) instead of stdout')
    .option('--format <format>', 'table (default) or json; without it, taken from the --out extension', parseChoice('--format', FORMATS))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab compare scenarios/project-driven.json scenarios/permanent.json --runs 500\n' +
        '  helixlab compare scenarios/project-driven.json scenarios/mixed-20-30-50.json --set funding.projects.successProbability=0.3 --format json',
    )
    .action(
      action(async (files: string[], o: CompareCliOptions) => {
        if (files.length < 2) throw new UsageError('compare needs at least two scenario files (the first is the baseline)');
        const ss = files.map((f) => loadScenarioWithSets(f, o.set));
        const format = o.format ?? (o.out?.toLowerCase().endsWith('.json') ? 'json' : 'table');
        const t0 = Date.now();
        const opts: Parameters<typeof compare>[1] = { runs: o.runs, seed: o.seed, workers: o.workers };
        if (o.years !== undefined) opts.years = o.years;
        const p = progressReporter(`compare ${ss.length} scenarios`);
        if (p) opts.onProgress = p;
        const c = await compare(ss, opts);
        info(`compared ${ss.length} scenarios: ${o.runs} paired runs × ${c.years} years in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        emit(format === 'json' ? resultToJson(c) : comparisonTable(c), o.out);
      }),
    );
}
