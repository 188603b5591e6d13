#!/usr/bin/env node
/**
 * The `helixlab` command line. A thin layer over the library: each command lives in
 * `commands/<name>.ts` and registers itself here.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { handleError, setDebug } from './util.js';
import { register as registerInfo } from './commands/info.js';
import { register as registerImport } from './commands/import.js';
import { register as registerConvert } from './commands/convert.js';
import { register as registerAnalyze } from './commands/analyze.js';
import { register as registerSimulate } from './commands/simulate.js';
import { register as registerCompare } from './commands/compare.js';
import { register as registerSweep } from './commands/sweep.js';
import { register as registerMerge } from './commands/merge.js';
import { register as registerSensitivity } from './commands/sensitivity.js';
import { register as registerReport } from './commands/report.js';

export function packageVersion(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, '..', '..', 'package.json'), join(here, '..', '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'helixlab' && pkg.version) return pkg.version;
    } catch {
      /* try the next */
    }
  }
  return '0.0.0';
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('helixlab')
    .description(
      'HelixLab: regional business cluster networks typed by helix role.\n' +
        'Analyse who bridges whom and how locked-in a cluster is; simulate funding regimes over years.',
    )
    .version(packageVersion(), '-V, --version', 'print the HelixLab version')
    .option('--debug', 'show stack traces on errors')
    .option('--quiet', 'no progress or informational messages on stderr')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerInfo(program);
  registerImport(program);
  registerConvert(program);
  registerAnalyze(program);
  registerSimulate(program);
  registerCompare(program);
  registerSweep(program);
  registerMerge(program);
  registerSensitivity(program);
  registerReport(program);
  for (const cmd of program.commands) {
    cmd.exitOverride();
    cmd.showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  setDebug(argv.includes('--debug'));
  const program = buildProgram();
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
    return process.argv[1] !== undefined && fileURLToPath(import.meta.url) === (process.argv[1].endsWith('.js') ? process.argv[1] : process.argv[1]);
  } catch {
    return false;
  }
})();

if (invokedDirectly || process.argv[1]?.endsWith('helixlab')) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
