#!/usr/bin/env node
/**
 * The `helixlab` command line. A thin layer over the library: each command lives in
 * `commands/<name>.ts` and registers itself here.
 */
import { Command, CommanderError } from 'commander';
import { fileURLToPath } from 'node:url';
import { helixlabVersion } from '../node/index.js';
import { handleError, setDebug } from './util.js';
/**
 * Commands are loaded lazily: only the module of the command being run is imported, so that
 * `helixlab info` does not pay for the simulation engine or the report renderers. The others are
 * registered as light stubs with their one-line summary, for `helixlab --help`.
 */
interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<{ register: (program: Command) => void }>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'info',
    summary: 'summarise a network: actors by role, ties, components, helix coverage',
    load: () => import('./commands/info.js'),
  },
  {
    name: 'analyze',
    summary: 'brokers, structural holes, helix mix, lock-in risk, ESCA check, resilience, communities',
    load: () => import('./commands/analyze.js'),
  },
  {
    name: 'import',
    summary: 'import foreign data as a HelixLab network: CORDIS organization.csv, member-survey rosters',
    load: () => import('./commands/import.js'),
  },
  {
    name: 'cordis-dynamics',
    summary: 'do collaboration ties outlive the project? repeat, overlap and after shares in CORDIS participations',
    load: () => import('./commands/cordis-dynamics.js'),
  },
  {
    name: 'convert',
    summary: 'convert between HelixLab JSON, CSV, GEXF, GraphML and Excel (GML, Pajek, edge lists, CORDIS in)',
    load: () => import('./commands/convert.js'),
  },
  {
    name: 'simulate',
    summary: 'simulate a cluster scenario over years with Monte Carlo runs',
    load: () => import('./commands/simulate.js'),
  },
  {
    name: 'compare',
    summary: 'compare funding regimes with common random numbers and paired differences',
    load: () => import('./commands/compare.js'),
  },
  {
    name: 'explore',
    summary: 'where does a comparison hold? scenario discovery over the plausible parameter ranges',
    load: () => import('./commands/explore.js'),
  },
  { name: 'sweep', summary: 'run a parameter sweep (parallel, resumable, shardable)', load: () => import('./commands/sweep.js') },
  { name: 'merge', summary: 'merge sweep or exploration shards into the single-machine result', load: () => import('./commands/merge.js') },
  {
    name: 'sensitivity',
    summary: 'Morris or Sobol sensitivity analysis of a scenario metric',
    load: () => import('./commands/sensitivity.js'),
  },
  {
    name: 'samples',
    summary: 'list the bundled sample networks, survey rosters and scenarios, or copy them into a folder',
    load: () => import('./commands/samples.js'),
  },
  {
    name: 'report',
    summary: 'write a self-contained HTML impact report from sweep or simulation results',
    load: () => import('./commands/report.js'),
  },
];

/** The command named on the command line (`helixlab help X` names X), if any. */
function invokedCommand(argv: readonly string[]): string | undefined {
  const args = argv.slice(2).filter((a) => !a.startsWith('-'));
  if (args[0] === 'help') return args[1];
  return args[0];
}

export async function buildProgram(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command();
  program
    .name('helixlab')
    .description(
      'HelixLab: regional business cluster networks typed by helix role.\n' +
        'Analyse who bridges whom and how locked-in a cluster is; simulate funding regimes over years.',
    )
    .version(helixlabVersion(), '-V, --version', 'print the HelixLab version')
    .option('--debug', 'show stack traces on errors')
    .option('--quiet', 'no progress or informational messages on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const wanted = invokedCommand(argv);
  for (const entry of COMMANDS) {
    if (entry.name === wanted) (await entry.load()).register(program);
    else program.command(entry.name).description(entry.summary).allowUnknownOption().allowExcessArguments();
  }
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `helixlab ... | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  setDebug(argv.includes('--debug'));
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors exit 2 (commander already printed the message)
      return err.exitCode === 0 ? 0 : 2;
    }
    return handleError(err);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : 0;
}

const invokedDirectly = (() => {
  try {
    return (
      process.argv[1] !== undefined &&
      fileURLToPath(import.meta.url) === (process.argv[1].endsWith('.js') ? process.argv[1] : process.argv[1])
    );
  } catch {
    return false;
  }
})();

if (invokedDirectly || process.argv[1]?.endsWith('helixlab')) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
