/**
 * Reading scenario documents: JSON text → validated {@link Scenario} with every default filled in,
 * and `--set path=value` assignments. Errors are {@link InputError}s whose diagnostics name the file,
 * the line of the offending field, the field as a dotted path and what was expected.
 *
 * Validation uses the JSON Schema {@link SCENARIO_SCHEMA} (ajv, draft-07, all errors); the line of a
 * field is found with a small position-tracking scan of the JSON text (JSON.parse keeps none).
 */
import { Ajv, type ErrorObject } from 'ajv';
import { DiagnosticCollector, InputError, didYouMean } from '../model/errors.js';
import { SCENARIO_SCHEMA, withDefaults, type Scenario } from './schema.js';
import { jsonTooDeepAt } from '../io/json.js';

/** Levels of nesting a scenario file may have (it needs fewer than 6): deeper is an input error. */
export const MAX_SCENARIO_DEPTH = 32;

let compiled: ReturnType<Ajv['compile']> | undefined;
function validator(): ReturnType<Ajv['compile']> {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    compiled = ajv.compile(SCENARIO_SCHEMA);
  }
  return compiled;
}

/** Line (1-based) of every JSON pointer in `text` (keys point at the line of the key). */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const n = text.length;
  function ws(): void {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        i++;
      } else if (c === 32 || c === 9 || c === 13) i++;
      else break;
    }
  }
  function str(): string {
    const start = i;
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return text.slice(start + 1, i - 1);
    }
  }
  function value(ptr: string): void {
    ws();
    if (!lines.has(ptr)) lines.set(ptr, line);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (i < n) {
        ws();
        if (text[i] !== '"') return;
        const keyLine = line;
        const key = str();
        const p = ptr + '/' + key.replace(/~/g, '~0').replace(/\//g, '~1');
        lines.set(p, keyLine);
        ws();
        if (text[i] !== ':') return;
        i++;
        ws();
        // the value's own line is not needed: keys carry the line of the field
        const save = lines.get(p);
        value(p);
        if (save !== undefined) lines.set(p, save);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') i++;
        return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      let k = 0;
      while (i < n) {
        value(ptr + '/' + k++);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') i++;
        return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < n && !/[\s,\]}]/.test(text[i]!)) i++;
    }
  }
  value('');
  return lines;
}

/** `/funding/projects/fte` → `funding.projects.fte`; `/shocks/0/type` → `shocks[0].type`. */
export function pointerToField(ptr: string): string {
  let out = '';
  for (const raw of ptr.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out ? '.' + part : part;
  }
  return out;
}

function schemaAt(ptr: string): Record<string, unknown> | undefined {
  let node: unknown = SCENARIO_SCHEMA;
  for (const raw of ptr.split('/').slice(1)) {
    const n = node as Record<string, unknown> | undefined;
    if (!n) return undefined;
    if (n.properties && (n.properties as Record<string, unknown>)[raw]) node = (n.properties as Record<string, unknown>)[raw];
    else if (n.items) node = n.items;
    else return undefined;
  }
  return node as Record<string, unknown>;
}

function describe(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

function valueAt(doc: unknown, ptr: string): unknown {
  let cur: unknown = doc;
  for (const raw of ptr.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

function messageFor(e: ErrorObject, doc: unknown): { ptr: string; message: string; code: string } {
  const ptr = e.instancePath;
  const got = valueAt(doc, ptr);
  const s = schemaAt(ptr) ?? {};
  const range = (): string => {
    const lo = s.minimum ?? s.exclusiveMinimum;
    const hi = s.maximum;
    const kind = s.type === 'integer' ? 'an integer' : 'a number';
    if (lo !== undefined && hi !== undefined) return `${kind} from ${lo} to ${hi}`;
    if (s.exclusiveMinimum !== undefined) return `${kind} greater than ${s.exclusiveMinimum}`;
    if (lo !== undefined) return `${kind} >= ${lo}`;
    if (hi !== undefined) return `${kind} <= ${hi}`;
    return kind;
  };
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((s.properties as Record<string, unknown>) ?? {});
      const dym = didYouMean(extra, known);
      return {
        ptr: ptr + '/' + extra,
        code: 'unknown-field',
        message: `unknown field '${extra}'${dym ? ` (did you mean '${dym}'?)` : ''}; known fields here: ${known.join(', ')}`,
      };
    }
    case 'required':
      return {
        ptr,
        code: 'missing-field',
        message: `missing required field '${(e.params as { missingProperty: string }).missingProperty}'`,
      };
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const dym = typeof got === 'string' ? didYouMean(got, allowed) : undefined;
      return {
        ptr,
        code: 'bad-value',
        message: `expected one of ${allowed.join(', ')}, got ${describe(got)}${dym ? ` (did you mean '${dym}'?)` : ''}`,
      };
    }
    case 'type': {
      const t = (e.params as { type: string | string[] }).type;
      const want = Array.isArray(t) ? t.join(' or ') : t;
      if (want === 'number' || want === 'integer') return { ptr, code: 'bad-type', message: `expected ${range()}, got ${describe(got)}` };
      return {
        ptr,
        code: 'bad-type',
        message: `expected ${want === 'object' ? 'an object' : want === 'array' ? 'an array' : 'a ' + want}, got ${describe(got)}`,
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { ptr, code: 'out-of-range', message: `expected ${range()}, got ${describe(got)}` };
    case 'minLength':
      return { ptr, code: 'bad-value', message: 'expected a non-empty string' };
    default:
      return { ptr, code: 'invalid', message: `${e.message ?? 'invalid'} (got ${describe(got)})` };
  }
}

/**
 * Validate a parsed scenario document and fill in the defaults. `text` (when given) locates the
 * errors by line; `fallbackName` names a scenario without a `name`.
 */
export function validateScenario(doc: unknown, file: string, text?: string, fallbackName = 'scenario'): Scenario {
  const dc = new DiagnosticCollector(file);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    dc.error('bad-type', `a scenario is a JSON object, got ${Array.isArray(doc) ? 'an array' : describe(doc)}`, { line: 1 });
    dc.throwIfErrors();
  }
  const validate = validator();
  if (!validate(doc)) {
    const lines = text !== undefined ? jsonLines(text) : undefined;
    const seen = new Set<string>();
    // ajv reports every branch of a type union; keep one message per field
    for (const e of validate.errors ?? []) {
      const m = messageFor(e, doc);
      const key = m.ptr + '|' + m.code;
      if (seen.has(key)) continue;
      seen.add(key);
      const where: { line?: number; field?: string } = { field: pointerToField(m.ptr) || '(top level)' };
      let p = m.ptr;
      while (lines && p !== '' && !lines.has(p)) p = p.slice(0, p.lastIndexOf('/'));
      const line = lines?.get(p);
      if (line !== undefined) where.line = line;
      dc.error(m.code, m.message, where);
    }
  }
  const d = doc as Record<string, unknown>;
  const years = typeof d.years === 'number' ? d.years : 15;
  if (Array.isArray(d.shocks)) {
    const lines = text !== undefined ? jsonLines(text) : undefined;
    d.shocks.forEach((sh, k) => {
      const y = (sh as { year?: unknown })?.year;
      if (typeof y === 'number' && y > years) {
        const where: { line?: number; field?: string } = { field: `shocks[${k}].year` };
        const line = lines?.get(`/shocks/${k}/year`);
        if (line !== undefined) where.line = line;
        dc.warn('shock-after-horizon', `shock in year ${y} is after the last simulated year ${years}; it will not happen`, where);
      }
    });
  }
  const start = d.start as Record<string, unknown> | undefined;
  if (start && start.network !== undefined && start.generator !== undefined) {
    const line = text !== undefined ? jsonLines(text).get('/start/network') : undefined;
    dc.error(
      'conflict',
      'give either start.network (a file) or start.generator (counts per role), not both',
      line !== undefined ? { field: 'start', line } : { field: 'start' },
    );
  }
  dc.throwIfErrors();
  return withDefaults(d, fallbackName);
}

/** Parse and validate scenario JSON text. `file` is used in messages and, without a `name`, as the name. */
export function parseScenario(text: string, file: string): Scenario {
  const deep = jsonTooDeepAt(text, MAX_SCENARIO_DEPTH);
  if (deep >= 0) {
    const before = text.slice(0, deep);
    const dc = new DiagnosticCollector(file);
    dc.error('json-depth', `JSON nested deeper than ${MAX_SCENARIO_DEPTH} levels (a scenario needs fewer than 6)`, {
      line: before.split('\n').length,
      column: deep - before.lastIndexOf('\n'),
    });
    dc.throwIfErrors();
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const m = /position (\d+)/.exec(msg);
    const dc = new DiagnosticCollector(file);
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      dc.error('bad-json', `not valid JSON: ${msg.replace(/ in JSON at position \d+.*$/, '')}`, { line, column });
    } else dc.error('bad-json', `not valid JSON: ${msg}`, { line: text.split('\n').length });
    dc.throwIfErrors();
  }
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  return validateScenario(doc, file, text, base.replace(/\.json$/i, '') || 'scenario');
}

const RESERVED = new Set(['__proto__', 'prototype', 'constructor']);

/** Strip what the loader added (resolved start network) to get back the file's fields. */
export function scenarioDocument(s: Scenario): Record<string, unknown> {
  const copy = structuredClone(s) as unknown as Record<string, unknown>;
  const start = copy.start as Record<string, unknown>;
  delete start.resolved;
  const em = copy.equalMoney as Record<string, unknown> | undefined;
  if (em) delete em.reference;
  if (start.network !== undefined) delete start.generator;
  return copy;
}

/**
 * Apply one `path=value` assignment (`funding.projects.successProbability=0.5`,
 * `shocks=[{"year":5,"type":"coordinator-leaves"}]`): the value is JSON (a bare word that is not
 * JSON is taken as a string), missing objects on the way are created, and the result is validated
 * like a file. `label` names the source in messages (default `--set`).
 */
export function applySet(s: Scenario, assignment: string, label = '--set'): Scenario {
  const eq = assignment.indexOf('=');
  const dc = new DiagnosticCollector(label);
  if (eq <= 0) {
    dc.error('bad-set', `expected path=value (e.g. funding.projects.successProbability=0.5), got '${assignment}'`);
    dc.throwIfErrors();
  }
  const path = assignment.slice(0, eq).trim();
  const raw = assignment.slice(eq + 1).trim();
  let value: unknown;
  if (jsonTooDeepAt(raw, MAX_SCENARIO_DEPTH) >= 0) {
    dc.error('json-depth', `the value of '${path}' is nested deeper than ${MAX_SCENARIO_DEPTH} levels`, { field: path });
    dc.throwIfErrors();
  }
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  const parts = path.split('.');
  if (parts[0] === 'equalMoney') {
    dc.error('bad-set', `'${path}' cannot be set: equal money is declared in the scenario file ("equalMoney": { "with": "other.json" })`, {
      field: path,
    });
    dc.throwIfErrors();
  }
  const reserved = parts.find((p) => RESERVED.has(p));
  if (reserved !== undefined) {
    dc.error(
      'reserved-key',
      `bad path '${path}': '${reserved}' is a reserved name, not a scenario field (expected e.g. network.openness)`,
      {
        field: path,
      },
    );
    dc.throwIfErrors();
  }
  if (parts.some((p) => p === '')) {
    dc.error('bad-set', `bad path '${path}': expected dotted field names such as network.openness`, { field: path });
    dc.throwIfErrors();
  }
  const doc = scenarioDocument(s);
  const resolved = s.start.resolved;
  let cur: Record<string, unknown> = doc;
  for (let k = 0; k < parts.length - 1; k++) {
    const p = parts[k]!;
    const next = cur[p];
    if (next === undefined || next === null || typeof next !== 'object' || Array.isArray(next)) {
      if (next !== undefined && next !== null) {
        dc.error('bad-set', `cannot set '${path}': '${parts.slice(0, k + 1).join('.')}' is ${JSON.stringify(next)}, not an object`, {
          field: path,
        });
        dc.throwIfErrors();
      }
      cur[p] = {};
    }
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
  if (path === 'start.network') delete (doc.start as Record<string, unknown>).generator;
  if (path.startsWith('start.generator')) delete (doc.start as Record<string, unknown>).network;
  let out: Scenario;
  try {
    out = validateScenario(doc, label, undefined, s.name);
  } catch (err) {
    if (err instanceof InputError) {
      throw new InputError(err.diagnostics.map((d) => ({ ...d, message: `${d.message} (in ${path}=${raw})` })));
    }
    throw err;
  }
  if (resolved && !path.startsWith('start.')) out.start.resolved = resolved;
  // equal money: the reference scenario takes the same assignment (a new `equalMoney` needs the loader)
  const ref = s.equalMoney?.reference;
  if (ref && out.equalMoney && path !== 'equalMoney' && !path.startsWith('equalMoney.')) {
    out.equalMoney.reference = applySet(ref, assignment, label);
  }
  return out;
}
