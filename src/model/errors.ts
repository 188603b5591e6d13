/**
 * Errors for people. Every problem found in user input is a {@link Diagnostic} with the file,
 * the line (and column) or row, the field, and what was expected. Loaders collect all of them
 * (up to a cap) and throw one {@link InputError}; the CLI prints `file:line: message` lines and
 * exits with code 2. Internal errors exit with 1. Stack traces only with `--debug`.
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

/** Format as `file:line:column: severity: [field] message` (a spreadsheet: `file.xlsx:sheet!C7: ...`). */
export function formatDiagnostic(d: Diagnostic): string {
  let loc = d.file ?? '';
  if (d.cell !== undefined) loc += `:${d.cell}`;
  else if (d.line !== undefined) loc += `:${d.line}`;
  if (d.cell === undefined && d.line !== undefined && d.column !== undefined) loc += `:${d.column}`;
  const field = d.field ? `${d.field}: ` : '';
  return `${loc ? loc + ': ' : ''}${d.severity}: ${field}${d.message}`;
}

/** Bad input: exit code 2. Carries every diagnostic found. */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly diagnostics: Diagnostic[],
    message?: string,
  ) {
    super(
      message ??
        diagnostics
          .filter((d) => d.severity === 'error')
          .map(formatDiagnostic)
          .join('\n'),
    );
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
    const full: Diagnostic = { ...d };
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

/** The closest candidate within a small edit distance, or undefined. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(v, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(2, Math.floor(best.length / 3)) || best.toLowerCase().startsWith(v) ? best : undefined;
}
