/**
 * Parameter grids for sweeps: parsing `--grid path=v1,v2,...` and full-factorial expansion.
 *
 * Values are JSON (numbers, strings, booleans, null, arrays, objects); a bare word that is not JSON
 * is taken as a string (`--grid funding.regime=projects,mixed`). Commas inside brackets, braces or
 * quoted strings do not split values. A numeric range `lo:hi:step` (e.g. `0.1:0.5:0.1`) expands to
 * lo, lo+step, … up to hi inclusive (values rounded to 12 significant digits to avoid 0.30000000000000004).
 *
 * Expansion order is deterministic: the first axis varies slowest (like nested loops in the order
 * the grids were given), so setting s of axes with sizes n1…nk has index digits (i1,…,ik) in
 * mixed radix. Each setting is expressed as scenario assignments `path=<json>` — the same strings
 * `helixlab simulate --set` accepts, so a sweep point equals the corresponding simulate run.
 *
 * Indexing: design and result arrays have the sizes the design fixes (points × parameters, runs ×
 * years); indices are loop counters below those sizes, so the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import { InputError, type Diagnostic } from '../model/errors.js';
import { parseJsonText } from '../io/json.js';

/** Nesting a grid value may have (a shock list needs 3). */
const GRID_VALUE_DEPTH = 16;

export type GridValue = null | boolean | number | string | GridValue[] | { [key: string]: GridValue };

export interface GridAxis {
  /** Scenario path, e.g. `funding.public_share`. */
  path: string;
  values: GridValue[];
}

export interface Setting {
  /** 0-based index in expansion order. */
  index: number;
  /** One value per axis, in axis order. */
  values: GridValue[];
  /** `path=<json>` assignments, in axis order. */
  assignments: string[];
}

function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inString = false;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      cur += c;
      if (c === '\\' && i + 1 < text.length) cur += text[++i]!;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function roundSig(x: number): number {
  return Number(x.toPrecision(12));
}

const PATH_RE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+|\[\d+\])*$/;

/** Parse one `path=v1,v2,...` spec. Throws InputError (file = `label`, field = path). */
export function parseGridSpec(spec: string, label = '--grid'): GridAxis {
  const diag = (message: string, field?: string): InputError => {
    const d: Diagnostic = { severity: 'error', code: 'bad-grid', file: label, message: `${message} (in '${spec}')` };
    if (field !== undefined) d.field = field;
    return new InputError([d]);
  };
  const eq = spec.indexOf('=');
  if (eq <= 0) throw diag("expected 'path=value1,value2,...'");
  const path = spec.slice(0, eq).trim();
  if (!PATH_RE.test(path))
    throw diag(`'${path}' is not a scenario path (expected names separated by dots, e.g. funding.public_share)`, path);
  const body = spec.slice(eq + 1).trim();
  if (body === '') throw diag('no values given', path);
  const range = /^(-?[\d.eE+-]+):(-?[\d.eE+-]+):([\d.eE+-]+)$/.exec(body);
  if (range) {
    const [lo, hi, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (![lo, hi, step].every(Number.isFinite) || step <= 0 || hi < lo)
      throw diag('a range is lo:hi:step with lo <= hi and step > 0', path);
    const count = Math.floor((hi - lo) / step + 1e-9) + 1;
    if (count > 10000) throw diag(`the range has ${count} values (at most 10000)`, path);
    return { path, values: Array.from({ length: count }, (_, i) => roundSig(lo + i * step)) };
  }
  const values: GridValue[] = [];
  const seen = new Set<string>();
  for (const raw of splitTopLevel(body)) {
    const tok = raw.trim();
    if (tok === '') throw diag('empty value (two commas in a row or a trailing comma?)', path);
    let v: GridValue;
    try {
      v = parseJsonText(tok, GRID_VALUE_DEPTH) as GridValue;
    } catch {
      if (/^[A-Za-z_][\w.-]*$/.test(tok)) v = tok;
      else throw diag(`value '${tok}' is neither JSON nor a plain word`, path);
    }
    const key = JSON.stringify(v);
    if (seen.has(key)) throw diag(`value ${key} is listed twice`, path);
    seen.add(key);
    values.push(v);
  }
  return { path, values };
}

/** Parse every spec; duplicate paths are an error. */
export function parseGrids(specs: readonly string[], label = '--grid'): GridAxis[] {
  const axes = specs.map((s) => parseGridSpec(s, label));
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.path)) {
      throw new InputError([{ severity: 'error', code: 'bad-grid', file: label, field: a.path, message: `${a.path} is swept twice` }]);
    }
    seen.add(a.path);
  }
  return axes;
}

/** Number of settings in the full factorial (1 when there are no axes). */
export function gridSize(axes: readonly GridAxis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

/** The `index`-th setting of the full factorial (first axis slowest). */
export function settingAt(axes: readonly GridAxis[], index: number): Setting {
  const values: GridValue[] = new Array(axes.length);
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const n = axes[a]!.values.length;
    values[a] = axes[a]!.values[rest % n]!;
    rest = Math.floor(rest / n);
  }
  return { index, values, assignments: axes.map((a, i) => `${a.path}=${JSON.stringify(values[i])}`) };
}

/** All settings of the full factorial, first axis slowest. */
export function expandGrid(axes: readonly GridAxis[]): Setting[] {
  const n = gridSize(axes);
  return Array.from({ length: n }, (_, i) => settingAt(axes, i));
}

/** A short human label for a setting, e.g. `funding.public_share=0.2, trust.decay=0.1`. */
export function settingLabel(axes: readonly GridAxis[], s: Setting): string {
  if (axes.length === 0) return 'baseline';
  return axes.map((a, i) => `${a.path}=${cellValue(s.values[i]!)}`).join(', ');
}

/** A grid value as a CSV cell: numbers and booleans as is, strings raw, others as JSON. */
export function cellValue(v: GridValue): string | number | boolean {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return JSON.stringify(v);
}
