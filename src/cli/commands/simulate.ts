/**
 * `helixlab simulate SCENARIO`: Monte Carlo runs of one scenario file (`scenarios/*.json`), with
 * `--set path=value` overrides, on worker threads. Output: an aligned table (default), the JSON
 * contract (`--format json`: stdout holds only the JSON) or CSV; `--out` writes it atomically.
 * Same seed → same bytes whatever `--workers`. `--network-run r` adds the recorded network of
 * replication r to the JSON (key `network`, src/cli/network-run.ts).
 */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../model/errors.js';
import { applySet, parseScenario, resultToJson, simulationCsv, simulationTable, type Scenario } from '../../scenario/index.js';
import { poolRunner, resolveStart, simulate, startPool, type ScenarioPool } from '../../scenario/node.js';
import { worthThreads } from '../../scenario/pool.js';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { action, collect, emit, info, parseChoice, parseIntOption } from '../util.js';
import { checkNetworkRun, NETWORK_RUN_HELP, recordNetworks, resultWithNetworksToJson } from '../network-run.js';

/** A seed: an integer stays a number, anything else is a string seed. */
export function parseSeedOption(value: string): number | string {
  if (value.trim() === '') throw new UsageError("--seed: expected a number or a word, got ''");
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value;
}

/** Read a scenario file, apply the `--set` assignments in order, then load its start network. */
export function loadScenarioWithSets(path: string, sets: readonly string[]): Scenario {
  const text = readFileSync(path, 'utf8');
  let s = parseScenario(text, path);
  for (const a of sets) s = applySet(s, a, '--set');
  return resolveStart(s, dirname(resolve(path)), path);
}

/** Progress on stderr when it is a terminal (and not --quiet). */
export function progressReporter(label: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY || process.argv.includes('--quiet')) return undefined;
  let last = -1;
  return (done, total) => {
    const pct = Math.floor((100 * done) / total);
    if (pct === last && done !== total) return;
    last = pct;
    process.stderr.write(`\r${label}: ${done}/${total} runs (${pct}%)` + (done === total ? '\n' : ''));
  };
}


/** Default worker threads: the available cores, at most 4. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

const FORMATS = ['table', 'json', 'csv'] as const;

interface SimulateCliOptions {
  runs: number;
  seed: number | string;
  years?: number;
  set: string[];
  workers: number;
  out?: string;
  format?: (typeof FORMATS)[number];
  networkRun?: number;
}

function formatFrom(format: SimulateCliOptions['format'], out: string | undefined): (typeof FORMATS)[number] {
  if (format) return format;
  const ext = out?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
  return ext === 'json' ? 'json' : ext === 'csv' ? 'csv' : 'table';
}

export function register(program: Command): void {
  program
    .command('simulate')
    .description('simulate a cluster over years under a funding regime (Monte Carlo runs of a scenario file)')
    .argument('<scenario>', 'scenario file (JSON, e.g. scenarios/permanent.json)')
    .option('--runs <n>', 'Monte Carlo runs', parseIntOption('--runs', 1, 10_000_000), 200)
    .option('--seed <s>', 'random seed (a number or a word)', parseSeedOption, 1)
    .option('--years <y>', 'simulated years (default: the scenario\'s)', parseIntOption('--years', 1, 100))
    .option('--set <path=value>', 'override a scenario field with a JSON value, e.g. funding.projects.successProbability=0.5 (repeatable)', collect, [])
    .option('--workers <k>', 'worker threads (default: the cores, at most 4; results are identical for any number)', parseIntOption('--workers', 1, 256), defaultWorkers())
    .option('--out <path>', 'write the output to this file (atomically) instead of stdout')
    .option('--format <format>', 'table (default), json or csv; without it, taken from the --out extension', parseChoice('--format', FORMATS))
    .option('--network-run <r>', NETWORK_RUN_HELP, parseIntOption('--network-run', 0, 10_000_000))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab simulate scenarios/permanent.json --runs 500\n' +
        '  helixlab simulate scenarios/project-driven.json --set funding.projects.successProbability=0.5 --format json\n' +
        '  helixlab simulate scenarios/permanent.json --set \'shocks=[{"year":5,"type":"coordinator-leaves"}]\' --workers 2 --out out/sim.json\n' +
        '  helixlab simulate scenarios/permanent.json --runs 200 --network-run 0 --out out/sim.json   # open it in the app\'s Scenarios tab',
    )
    .action(
      action(async (file: string, o: SimulateCliOptions) => {
        const pool = earlyPool(o.runs, o.workers);
        try {
          const s = loadScenarioWithSets(file, o.set);
          const format = formatFrom(o.format, o.out);
          checkNetworkRun(o.networkRun, o.runs, format);
          const t0 = Date.now();
          const opts: Parameters<typeof simulate>[1] = { runs: o.runs, seed: o.seed, workers: o.workers };
          if (pool) opts.runner = poolRunner(pool);
          if (o.years !== undefined) opts.years = o.years;
          const p = progressReporter(`simulate ${s.name}`);
          if (p) opts.onProgress = p;
          const r = await simulate(s, opts);
          info(`simulated ${s.name}: ${o.runs} runs × ${r.years} years in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
          if (o.networkRun !== undefined) {
            emit(resultWithNetworksToJson(r, recordNetworks([s], [r.scenario], o.seed, o.networkRun, r.years)), o.out);
            return;
          }
          emit(format === 'json' ? resultToJson(r) : format === 'csv' ? simulationCsv([r]) : simulationTable(r), o.out);
        } finally {
          await pool?.destroy();
        }
      }),
    );
}

/**
 * Worker threads started before the scenarios are loaded and validated (their start-up overlaps
 * that), when the runs will go to threads anyway: more than one worker and more runs than one task.
 */
export function earlyPool(runs: number, workers: number): ScenarioPool | undefined {
  return worthThreads(runs, workers) ? startPool(workers) : undefined;
}
