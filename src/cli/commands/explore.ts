/**
 * `helixlab explore A.json B.json [--ranges register|FILE] [--samples N] [--runs R] [--metrics …]`:
 * where in the plausible parameter space does B beat A, which parameters decide it, and under which
 * conditions does the sign flip (scenario discovery with PRIM). A thin layer over `runExplore`
 * (src/node/batch/explore.ts); the method is in src/batch/explore.ts and docs/model.md.
 */
import type { Command } from 'commander';
import {
  readJsonFile,
  UsageError,
  checkRanges,
  exploreMarkdown,
  loadAssumptionRegister,
  loadScenarioWithSets,
  parseMetricList,
  parseRangesDocument,
  parseShard,
  provenanceBase,
  rangesFromRegister,
  resolvePosterior,
  runExplore,
  startPool,
  type ExploreRange,
  type ExploreSampling,
  type PosteriorSample,
} from '../../node/index.js';
import { addPosteriorOption, addSeedOption, addWorkersOption, collect, parseChoice, parseIntOption } from '../options.js';
import { installStopHandler, makeProgress } from '../progress.js';
import { action, emit, info } from '../util.js';

interface ExploreCliOptions {
  ranges: string;
  samples: number;
  runs: number;
  metrics?: string;
  sampling: ExploreSampling;
  measure: 'final' | 'mean';
  years?: number;
  set: string[];
  seed: number | string;
  workers: number;
  out?: string;
  resume?: boolean;
  shard?: string;
  format: 'md' | 'json';
  posterior?: string;
}

function loadRanges(spec: string): { ranges: ExploreRange[]; source: string } {
  if (spec === 'register') return { ranges: rangesFromRegister(loadAssumptionRegister()), source: 'register (scenarios/assumptions.json)' };
  const doc = readJsonFile(spec, "a JSON file of ranges (--ranges takes 'register' or a JSON file)");
  return { ranges: parseRangesDocument(doc, spec), source: spec };
}

export function register(program: Command): void {
  const cmd = program
    .command('explore')
    .description(
      'where does a comparison hold? Sample the plausible parameter ranges, run paired comparisons of B against A at each point,\n' +
        'and report the share of the space where each does better, the parameters that decide it, and where the sign flips (PRIM)',
    )
    .argument('<a>', 'scenario A (the baseline)')
    .argument('<b>', 'scenario B')
    .option(
      '--ranges <register|file>',
      'parameter ranges: \'register\' (scenarios/assumptions.json) or a JSON file {"ranges": {"path": [lo, hi]}}',
      'register',
    )
    .option(
      '-n, --samples <n>',
      'points of the parameter space (a power of 2 spreads a Sobol design best)',
      parseIntOption('--samples', 1, 10_000_000),
      256,
    )
    .option('-r, --runs <n>', 'paired replications per point', parseIntOption('--runs', 1, 100_000), 20)
    .option('--metrics <list>', 'comma-separated metrics (default partnerships,members,meanTrust,jointProjects,jobs,lockIn)')
    .option('--sampling <kind>', 'sobol (default) or lhs (Latin hypercube)', parseChoice('--sampling', ['sobol', 'lhs'] as const), 'sobol')
    .option(
      '--measure <m>',
      "final (the last year's values, default) or mean (each run's mean over the years)",
      parseChoice('--measure', ['final', 'mean'] as const),
      'final',
    )
    .option('--years <y>', "simulated years (default: the scenarios')", parseIntOption('--years', 1, 100))
    .option('--set <path=value>', 'fix a field in both scenarios (repeatable)', collect, []);
  addSeedOption(cmd);
  addWorkersOption(cmd);
  addPosteriorOption(cmd);
  cmd
    .option(
      '-o, --out <dir>',
      'write explore.json, explore.md, points.csv and manifest.json here (resumable; the HTML view: helixlab report DIR)',
    )
    .option('--resume', 'finish an interrupted exploration in --out (only the missing points are run)')
    .option('--shard <i/n>', 'run only the i-th of n slices of the points (combine with `helixlab merge`)')
    .option('-f, --format <format>', 'stdout: md (default) or json', parseChoice('--format', ['md', 'json'] as const), 'md')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab explore scenarios/project-driven.json scenarios/permanent.json\n' +
        '  helixlab explore scenarios/project-driven.json scenarios/permanent.json --samples 1024 --runs 50 --out out/explore\n' +
        '  helixlab explore a.json b.json --ranges ranges.json --metrics partnerships,meanTrust --format json\n' +
        '  helixlab report out/explore --out explore.html\n',
    )
    .action(
      action(async (fileA: string, fileB: string, o: ExploreCliOptions) => {
        if (o.resume && !o.out) throw new UsageError('--resume needs --out DIR (the directory of the interrupted exploration)');
        const shard = o.shard ? parseShard(o.shard) : undefined;
        if (shard && shard.count > 1 && !o.out)
          throw new UsageError('--shard needs --out DIR (each shard writes its points there for `helixlab merge`)');
        const metrics = parseMetricList(o.metrics);
        const pool = startPool(o.workers);
        const progress = makeProgress('explore');
        const stop = installStopHandler();
        try {
          const sets = o.years !== undefined ? [...o.set, `years=${o.years}`] : o.set;
          const a = loadScenarioWithSets(fileA, sets);
          const b = loadScenarioWithSets(fileB, sets);
          const pa = resolvePosterior(a, fileA, o.posterior);
          const pb = resolvePosterior(b, fileB, o.posterior);
          for (const w of [...pa.warnings, ...pb.warnings]) info(`warning: ${w}`);
          if (a.years !== b.years)
            throw new UsageError(`the scenarios have different horizons (${a.years}, ${b.years} years): give --years`);
          const { ranges, source } = loadRanges(o.ranges);
          checkRanges(ranges, [a, b], o.ranges === 'register' ? 'scenarios/assumptions.json' : o.ranges);
          info(
            `explore: ${o.samples} points × ${o.runs} paired runs × ${a.years} years over ${ranges.length} parameters, ${o.workers} worker${o.workers === 1 ? '' : 's'}`,
          );
          const run = {
            a,
            b,
            files: [fileA, fileB] as [string, string],
            spec: {
              ranges,
              samples: o.samples,
              sampling: o.sampling,
              seed: o.seed,
              runs: o.runs,
              years: a.years,
              metrics,
              measure: o.measure,
            },
            rangesSource: source,
            workers: o.workers,
            provenance: provenanceBase([fileA, fileB]),
            onProgress: (d: number, t: number) => progress.update(d, t),
            shouldStop: stop.stopped,
            posteriors: [pa.posterior, pb.posterior] as [PosteriorSample | null, PosteriorSample | null],
          };
          const outcome = await runExplore({
            ...run,
            ...(pool ? { pool } : {}),
            ...(o.out ? { out: o.out } : {}),
            ...(o.resume ? { resume: true } : {}),
            ...(shard ? { shard } : {}),
          });
          progress.stop();
          if (outcome.status === 'stopped') {
            info(
              o.out
                ? `stopped: ${outcome.pointsDone} points are saved in ${o.out}; finish with the same command and --resume`
                : 'stopped before all points were run; nothing written',
            );
            process.exitCode = 130;
            return;
          }
          if (outcome.status === 'shard-done') {
            info(
              `shard ${shard!.index}/${shard!.count}: ${outcome.pointsDone} points written to ${o.out}; combine the shards with helixlab merge`,
            );
            return;
          }
          if (outcome.resumed > 0) info(`resumed: ${outcome.resumed} points were read back from ${o.out}`);
          if (outcome.status === 'already-finished') info(`${o.out} already holds this finished exploration; nothing to do`);
          else if (o.out) info(`wrote ${o.out}/explore.json, explore.md, points.csv, manifest.json`);
          const doc = outcome.document!;
          emit(o.format === 'json' ? JSON.stringify(doc, null, 2) : exploreMarkdown(doc.summary));
        } finally {
          progress.stop();
          stop.dispose();
          await pool?.destroy();
        }
      }),
    );
}
