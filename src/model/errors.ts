/**
 * Errors for people. Every problem found in user input is a {@link Diagnostic} with the file,
 * the line (and column) or row, the field, and what was expected. Loaders collect all of them
 * (up to a cap) and throw one {@link InputError}; the CLI prints `file:line: message` lines and
 * exits with code 2. Internal errors exit with 1. Stack traces only with `--debug`.
 *
 * Size of messages: a message quotes at most `QUOTE_LIMIT` characters of a value. Readers
 * quote values through `clip`; as a safety net, every diagnostic that enters a collector or an
 * `InputError` has its quoted values ('…' or "…") longer than that shortened, and its message and
 * field capped at `MESSAGE_LIMIT` and `QUOTE_LIMIT` characters, so that a 1 MB label
 * never turns into megabytes of error output.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** File name as the user gave it (or a label such as `<stdin>`, `--set`). */
  file?: string;
  /** 1-based line in the file. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** A spreadsheet cell (`nodes!C7`) or row (`nodes!7:7`): shown instead of the line and column. */
  cell?: string;
  /** Field, column name or JSON path (e.g. `actors[3].helix`). */
  field?: string;
  message: string;
  /** A short machine-readable code, e.g. `unknown-helix`, `missing-node`. */
  code: string;
}

/** Characters of a value that a message quotes at most. */
export const QUOTE_LIMIT = 80;
/** Characters of a message at most (after shortening its quoted values). */
export const MESSAGE_LIMIT = 1000;

/**
 * A value shortened for a message: at most `max` characters (default `QUOTE_LIMIT`), a long
 * one cut with `…` and its length, e.g. `abcd… (1,048,576 characters)`.
 */
export function clip(value: string, max = QUOTE_LIMIT): string {
  if (value.length <= max) return value;
  // do not cut a surrogate pair in two
  let end = max - 1;
  const c = value.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${value.slice(0, end)}… (${value.length.toLocaleString('en-US')} characters)`;
}

const LONG_QUOTE = new RegExp(`'([^'\\n]{${QUOTE_LIMIT + 1},})'|"([^"\\n]{${QUOTE_LIMIT + 1},})"`, 'g');

const CLIPPED = /… \([\d,]+ characters\)$/;

/** A message with long quoted values shortened and the whole capped (see the module doc). */
export function clipMessage(message: string): string {
  if (message.length <= QUOTE_LIMIT) return message;
  let m = message.replace(LONG_QUOTE, (all: string, a: string | undefined, b: string | undefined) => {
    const v = a ?? b ?? '';
    if (CLIPPED.test(v)) return all; // shortened already
    return a !== undefined ? `'${clip(v)}'` : `"${clip(v)}"`;
  });
  if (m.length > MESSAGE_LIMIT) m = clip(m, MESSAGE_LIMIT);
  return m;
}

/** The diagnostic with its message and field shortened (the same object when nothing changes). */
export function clipDiagnostic<T extends { message: string; field?: string }>(d: T): T {
  const message = clipMessage(d.message);
  const field = d.field !== undefined && d.field.length > QUOTE_LIMIT ? clip(d.field) : d.field;
  if (message === d.message && field === d.field) return d;
  const out = { ...d, message };
  if (field !== undefined) out.field = field;
  return out;
}

/** Format as `file:line:column: severity: [field] message` (a spreadsheet: `file.xlsx:sheet!C7: ...`). */
export function formatDiagnostic(d: Diagnostic): string {
  let loc = d.file ?? '';
  if (d.cell !== undefined) loc += `:${d.cell}`;
  else if (d.line !== undefined) loc += `:${d.line}`;
  if (d.cell === undefined && d.line !== undefined && d.column !== undefined) loc += `:${d.column}`;
  const field = d.field ? `${d.field}: ` : '';
  return `${loc ? loc + ': ' : ''}${d.severity}: ${field}${d.message}`;
}

/** Bad input: exit code 2. Carries every diagnostic found (a repeated one once). */
export class InputError extends Error {
  readonly exitCode = 2;
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[], message?: string) {
    // the same problem at the same place is said once (e.g. a bad grid path checked per value)
    const seen = new Set<string>();
    const clipped = diagnostics.map(clipDiagnostic).filter((d) => {
      const key = `${d.severity}\u0000${d.file ?? ''}\u0000${d.line ?? ''}\u0000${d.column ?? ''}\u0000${d.cell ?? ''}\u0000${d.field ?? ''}\u0000${d.code}\u0000${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    super(
      message ??
        clipped
          .filter((d) => d.severity === 'error')
          .map(formatDiagnostic)
          .join('\n'),
    );
    this.diagnostics = clipped;
    this.name = 'InputError';
  }
}

/** A usage error (bad option or argument): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Collects diagnostics up to a cap of errors. */
export class DiagnosticCollector {
  readonly diagnostics: Diagnostic[] = [];
  private errors = 0;
  truncated = false;
  constructor(
    readonly file?: string,
    readonly maxErrors = 100,
  ) {}

  get errorCount(): number {
    return this.errors;
  }

  get full(): boolean {
    return this.errors >= this.maxErrors;
  }

  add(d: Omit<Diagnostic, 'file'> & { file?: string }): void {
    if (d.severity === 'error') {
      if (this.errors >= this.maxErrors) {
        this.truncated = true;
        return;
      }
      this.errors++;
    }
    const full: Diagnostic = clipDiagnostic({ ...d });
    if (full.file === undefined && this.file !== undefined) full.file = this.file;
    this.diagnostics.push(full);
  }

  error(code: string, message: string, where: { line?: number; column?: number; field?: string } = {}): void {
    this.add({ severity: 'error', code, message, ...where });
  }

  warn(code: string, message: string, where: { line?: number; column?: number; field?: string } = {}): void {
    this.add({ severity: 'warning', code, message, ...where });
  }

  get warnings(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'warning');
  }

  /** Throw an InputError when any error was collected. */
  throwIfErrors(): void {
    if (this.errors > 0) {
      const diags = [...this.diagnostics];
      if (this.truncated) {
        const more: Diagnostic = { severity: 'error', code: 'too-many-errors', message: `stopped after ${this.maxErrors} errors` };
        if (this.file !== undefined) more.file = this.file;
        diags.push(more);
      }
      throw new InputError(diags);
    }
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** Longest value (and candidate) that "did you mean" compares, in characters. */
export const SUGGEST_LIMIT = 256;

/** The closest candidate within a small edit distance, or undefined (see `SUGGEST_LIMIT`). */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  // The edit distance is at least the difference in length: a value much longer than every
  // candidate cannot be close to any (nor a prefix of one), so skip the O(n·m) comparisons that
  // would make a 1 MB value take minutes.
  // Values and candidates longer than SUGGEST_LIMIT are not compared at all.
  if (v.length > SUGGEST_LIMIT) return undefined;
  let maxLen = 0;
  for (const c of candidates) if (c.length <= SUGGEST_LIMIT) maxLen = Math.max(maxLen, c.toLowerCase().length);
  if (v.length - maxLen > Math.max(2, Math.floor(maxLen / 3))) return undefined;
  for (const c of candidates) {
    if (c.length > SUGGEST_LIMIT) continue;
    const d = editDistance(v, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(2, Math.floor(best.length / 3)) || best.toLowerCase().startsWith(v) ? best : undefined;
}
