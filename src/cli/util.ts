/**
 * Shared CLI plumbing: error reporting for people (exit codes 2 and 1), output to stdout or an
 * atomic file, messages on stderr. The shared options are in options.ts, progress in progress.ts.
 */
import { InputError, UsageError, formatDiagnostic, writeChunksAtomic, writeFileAtomic, type Diagnostic } from '../node/index.js';

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

/** File-system errors that are the user's paths or the machine's state, not HelixLab's bugs: exit 2. */
const FS_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, expected a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'the file name is too long',
  EEXIST: 'already exists',
};

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
  const what = e ? FS_ERRORS[e.code ?? ''] : undefined;
  if (what !== undefined) {
    // a file-system problem with a path the user gave (the writers of src/node/atomic.ts report
    // theirs as InputErrors; this catches the rest, e.g. creating an output directory)
    process.stderr.write(`${e.path ?? 'helixlab'}: error: ${what}\n`);
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

/** {@link emit} for text given in pieces (ending with a newline): outputs too long for one string. */
export function emitChunks(chunks: Iterable<string>, out?: string): void {
  if (out === undefined || out === '-') {
    for (const c of chunks) process.stdout.write(c);
  } else {
    writeChunksAtomic(out, chunks);
    info(`wrote ${out}`);
  }
}

/**
 * Write a CSV table, and beside a file its provenance as `<file>.provenance.json` (CSV has no place
 * for it that every reader tolerates); on stdout only the table.
 */
export function emitCsvWithProvenance(text: string, out: string | undefined, provenance: unknown): void {
  emit(text, out);
  if (out !== undefined && out !== '-' && provenance !== undefined) {
    writeFileAtomic(`${out}.provenance.json`, JSON.stringify(provenance, null, 2) + '\n');
    info(`wrote ${out}.provenance.json`);
  }
}

/** A message for people: always stderr, so stdout stays clean for data. */
export function info(message: string): void {
  if (!process.argv.includes('--quiet')) process.stderr.write(message + '\n');
}

/** Print warnings, but at most `max` of each code, then one line with the rest counted. */
export function printWarningsCapped(warnings: readonly Diagnostic[], max = 5): void {
  const byCode = new Map<string, number>();
  const shown: Diagnostic[] = [];
  for (const w of warnings) {
    const k = byCode.get(w.code) ?? 0;
    byCode.set(w.code, k + 1);
    if (k < max) shown.push(w);
  }
  printDiagnostics(shown);
  for (const [code, count] of byCode) {
    if (count > max) info(`... and ${(count - max).toLocaleString('en-US')} more warning(s) of kind '${code}'`);
  }
}

/**
 * Warn when simulated values were not finite (an overflow, e.g. a parameter of 1e308): they are
 * reported as missing (null in JSON, empty in CSV, left out of the statistics).
 */
export function warnInfinite(results: ReadonlyArray<{ scenario: string; diagnostics: { infiniteValues?: number } }>): void {
  for (const r of results) {
    const k = r.diagnostics.infiniteValues ?? 0;
    if (k > 0) {
      info(
        `warning: ${r.scenario}: ${k} simulated value(s) were infinite (a parameter near the largest number, e.g. 1e308?); they are reported as missing`,
      );
    }
  }
}
