/**
 * Shared CLI plumbing: error reporting for people, output to stdout or an atomic file,
 * and option parsing helpers. Commands stay thin: they parse options, call the library,
 * and render.
 */
import { InputError, UsageError, formatDiagnostic, type Diagnostic } from '../model/errors.js';
import { writeFileAtomic } from '../util/atomic.js';

export interface GlobalOptions {
  debug?: boolean;
  quiet?: boolean;
}

let debugMode = process.argv.includes('--debug');

export function setDebug(on: boolean): void {
  debugMode = on;
}

/** Print diagnostics (warnings included) to stderr. */
export function printDiagnostics(diags: readonly Diagnostic[]): void {
  for (const d of diags) process.stderr.write(formatDiagnostic(d) + '\n');
}

/** Map an error to a message and an exit code: 2 for bad input or usage, 1 for internal errors. */
export function handleError(err: unknown): number {
  if (err instanceof InputError) {
    printDiagnostics(err.diagnostics);
    if (debugMode && err.stack) process.stderr.write(err.stack + '\n');
    return 2;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`helixlab: ${err.message}\n`);
    if (debugMode && err.stack) process.stderr.write(err.stack + '\n');
    return 2;
  }
  const e = err as { code?: string; path?: string; message?: string; stack?: string };
  if (e && (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES')) {
    const what = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory, expected a file' : 'permission denied';
    process.stderr.write(`${e.path ?? ''}: error: ${what}\n`);
    if (debugMode && e.stack) process.stderr.write(e.stack + '\n');
    return 2;
  }
  process.stderr.write(`helixlab: internal error: ${e?.message ?? String(err)}\n`);
  if (debugMode && e?.stack) process.stderr.write(e.stack + '\n');
  else process.stderr.write('(run again with --debug for the stack trace; please report it)\n');
  return 1;
}

/** Wrap a command action so that errors become messages and exit codes. */
export function action<A extends unknown[]>(fn: (...args: A) => void | Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      process.exitCode = handleError(err);
    }
  };
}

/** Write `text` to `out` atomically, or to stdout when `out` is undefined or `-`. */
export function emit(text: string, out?: string): void {
  if (out === undefined || out === '-') {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  } else {
    writeFileAtomic(out, text.endsWith('\n') ? text : text + '\n');
    info(`wrote ${out}`);
  }
}

/** A message for people: always stderr, so stdout stays clean for data. */
export function info(message: string): void {
  if (!process.argv.includes('--quiet')) process.stderr.write(message + '\n');
}

export function parseIntOption(name: string, min = -Infinity, max = Infinity) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new UsageError(`${name}: expected an integer${min > -Infinity ? ` >= ${min}` : ''}${max < Infinity ? ` <= ${max}` : ''}, got '${value}'`);
    }
    return n;
  };
}

export function parseChoice<T extends string>(name: string, choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) {
      throw new UsageError(`${name}: expected one of ${choices.join(', ')}, got '${value}'`);
    }
    return value as T;
  };
}

/** Collect a repeatable option into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
