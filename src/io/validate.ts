/**
 * Validation of HelixLab documents, shared by every reader.
 *
 * Two passes, both reporting EVERY problem (up to the collector's cap) as a located diagnostic:
 *
 * 1. {@link checkDocumentShape} (JSON only): the structure of the raw JSON value against
 *    `NETWORK_SCHEMA` — JSON types, required keys, unknown keys (with the allowed keys and a
 *    "did you mean"), `const` values. It interprets the subset of JSON Schema the HelixLab schema
 *    uses (`type`, `properties`, `required`, `additionalProperties`, `items`, `$ref`, `const`) and
 *    leaves value constraints (`enum`, `minimum`, `exclusiveMinimum`, `minLength`, `integer`) to
 *    pass 2, so that a value is reported once, with a message for people.
 * 2. {@link finishDocument} (every format): the values and the references — helix role (with "did
 *    you mean"), tie and activity kinds, duplicate ids, ties and participants naming a missing actor,
 *    weights (must be finite and > 0; a missing weight means 1), years (integers in 1800..2200),
 *    `since <= until`, `year <= endYear`, the profile's values; self-loops and repeated participants
 *    are warnings. Then it fills the defaults (label = id, ties = [], profile lists = []) and builds
 *    the Network with `networkFromDocument` (which projects the activities).
 *
 * Locations: readers pass a {@link Locator} that maps (actor/tie/activity, index, field) to a line
 * (and column) in their file, and may return the field name to show (CSV: the column name). Without
 * one, the field is shown as a path such as `actors[3].helix`. An error already reported at the same
 * place (file, line, column, field) is not reported twice.
 *
 * Size: over 500 lines because it is the one place where every format's document is checked field by
 * field (actors, ties, activities, profile) with located messages.
 */
import {
  ACTIVITY_KINDS,
  HELIX_ROLES,
  ORGANISATION_FORMS,
  TIE_KINDS,
  type Activity,
  type Actor,
  type Attributes,
  type ClusterProfile,
  type HelixRole,
  type Network,
  type NetworkDocument,
  type Tie,
} from '../model/types.js';
import { type Diagnostic, type DiagnosticCollector, didYouMean } from '../model/errors.js';
import { networkFromDocument } from '../model/network.js';
import { FUNDING_TYPES, NETWORK_SCHEMA } from '../model/schema.js';

/** Where a value is in the input file. */
export interface Location {
  /** File name, when it differs from the collector's (CSV: nodes, edges, affiliations). */
  file?: string;
  line?: number;
  column?: number;
  /** Field name to show (CSV column, JSON path); defaults to the document path. */
  field?: string;
}

/** Maps an element of the document (and optionally one of its fields) to a place in the file. */
export type Locator = (kind: 'actor' | 'tie' | 'activity', index: number, field?: string) => Location;

export interface FinishOptions {
  /** Locate any document path (e.g. `profile.form`, `name`); used for the profile and the top level. */
  locatePath?: (path: string) => Location;
}

/**
 * Names that no key, attribute or column may have: in a JavaScript object they are the prototype
 * machinery (`__proto__` would silently change the object's prototype and drop the value), so they
 * are errors like an unknown key (and, where free names are allowed, errors of their own).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The message for a reserved key, attribute or column name. */
export function reservedKeyMessage(name: string): string {
  return `'${name}' is a reserved name (part of how JavaScript objects work) and cannot be the name of an attribute, key or column; rename it`;
}

/**
 * The number rule every reader applies to a number given as text (CSV cells, GEXF/GraphML values,
 * GML, Pajek, edge lists, xlsx text cells): decimal digits with an optional sign, decimal point and
 * exponent (`2`, `0.5`, `-3`, `+1`, `.5`, `1e3`), surrounding blanks ignored; with `decimalComma` also
 * `0,5`. Not numbers: `0x1`, `1_000`, `Infinity`, `NaN`, `''` (JavaScript's `Number()` would take some).
 */
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
export function parseNumberText(text: string, decimalComma = false): number | undefined {
  let t = text.trim();
  if (decimalComma && /^[+-]?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  return NUMBER_TEXT.test(t) ? Number(t) : undefined;
}

/**
 * The one rule for tie weights in every format: undefined when `w` is a valid weight (a finite
 * number > 0), else the problem in words.
 */
export function weightProblem(w: unknown): string | undefined {
  if (typeof w !== 'number' || Number.isNaN(w)) return `expected a positive number, found ${describe(w)}`;
  if (!Number.isFinite(w)) return `expected a finite positive number, found ${w}`;
  if (w === 0) return `expected a positive number, found 0 (leave the tie out instead)`;
  if (w < 0) return `expected a positive number (a strength), found ${w}`;
  return undefined;
}

/** Earliest and latest plausible years. */
export const YEAR_MIN = 1800;
export const YEAR_MAX = 2200;

const PLURAL = { actor: 'actors', tie: 'ties', activity: 'activities' } as const;

function quote(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  if (v === undefined) return 'nothing';
  return JSON.stringify(v) ?? String(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${quote(v)}`;
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : `the number ${v}`;
  return `${typeof v} ${String(v)}`;
}

/** " (did you mean 'x'?)" or "". */
export function suggestion(value: string, candidates: readonly string[]): string {
  const s = didYouMean(value, candidates);
  return s !== undefined && s !== value ? ` (did you mean '${s}'?)` : '';
}

/** Map a raw helix value through a user mapping (exact match first, then case-insensitive). */
export function applyHelixMap(value: string, map: Record<string, string> | undefined): string {
  if (!map) return value;
  if (Object.prototype.hasOwnProperty.call(map, value)) return map[value]!;
  const lower = value.toLowerCase();
  for (const [k, v] of Object.entries(map)) if (k.toLowerCase() === lower) return v;
  return value;
}

// ---------------------------------------------------------------------------------------------
// Pass 1: shape of the raw JSON value
// ---------------------------------------------------------------------------------------------

/** A problem found by the shape pass: the document path, and whether it points at a key. */
export interface ShapeProblem {
  path: string;
  /** The problem is the key itself (unknown key): locate the key, not the value. */
  atKey: boolean;
  code: string;
  message: string;
}

type SchemaNode = { readonly [k: string]: unknown };

function resolveRef(node: SchemaNode): SchemaNode {
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/definitions/')) {
    const name = ref.slice('#/definitions/'.length);
    const defs = NETWORK_SCHEMA.definitions as unknown as Record<string, SchemaNode>;
    const target = defs[name];
    if (target) return target;
  }
  return node;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
  object: 'an object {...}',
  array: 'a list [...]',
};

function typeMatches(v: unknown, t: string): boolean {
  const jt = jsonType(v);
  if (t === 'integer') return jt === 'number'; // integer-ness is checked in pass 2, with the value
  return jt === t;
}

function joinPath(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function checkNode(value: unknown, schema: SchemaNode, path: string, out: ShapeProblem[]): void {
  const node = resolveRef(schema);
  if ('const' in node) {
    if (value !== node['const']) {
      out.push({ path, atKey: false, code: 'bad-value', message: `expected ${quote(node['const'])}, found ${describe(value)}` });
    }
    return;
  }
  const t = node['type'];
  if (t !== undefined) {
    const types = Array.isArray(t) ? (t as string[]) : [t as string];
    if (!types.some((x) => typeMatches(value, x))) {
      const words = types.map((x) => TYPE_WORDS[x] ?? x);
      out.push({ path, atKey: false, code: 'wrong-type', message: `expected ${words.join(' or ')}, found ${describe(value)}` });
      return;
    }
  }
  if (Array.isArray(value)) {
    const items = node['items'] as SchemaNode | undefined;
    if (items) value.forEach((item, i) => checkNode(item, items, `${path}[${i}]`, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (node['properties'] ?? {}) as Record<string, SchemaNode>;
    const required = (node['required'] ?? []) as readonly string[];
    const extra = node['additionalProperties'];
    for (const r of required) {
      if (!(r in obj)) out.push({ path: joinPath(path, r), atKey: false, code: 'missing-field', message: `missing required field '${r}'` });
    }
    const allowed = Object.keys(props);
    for (const [k, v] of Object.entries(obj)) {
      // own keys only: `constructor` or `__proto__` must not find Object.prototype's members
      const sub = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
      if (sub) {
        checkNode(v, sub, joinPath(path, k), out);
      } else if (extra === false) {
        const where = path === '' ? 'the document' : path;
        out.push({
          path: joinPath(path, k),
          atKey: true,
          code: 'unknown-key',
          message: `unknown key '${k}' in ${where}${suggestion(k, allowed)}; allowed keys: ${allowed.join(', ')}`,
        });
      } else if (RESERVED_KEYS.has(k)) {
        // a free attribute named __proto__ & co.: finishDocument reports the name, not the value
      } else if (extra && typeof extra === 'object') {
        checkNode(v, extra as SchemaNode, joinPath(path, k), out);
      }
    }
  }
}

/** Check the structure of a parsed JSON value against the HelixLab schema (see the module doc). */
export function checkDocumentShape(value: unknown): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.push({
      path: '',
      atKey: false,
      code: 'wrong-type',
      message: `expected a HelixLab document {"format": "helixlab", "version": 1, "actors": [...], ...}, found ${describe(value)}`,
    });
    return out;
  }
  const obj = value as Record<string, unknown>;
  if (obj['format'] !== 'helixlab') {
    out.push({
      path: 'format',
      atKey: false,
      code: 'not-helixlab',
      message:
        obj['format'] === undefined
          ? `missing "format": "helixlab" (is this a HelixLab network document?)`
          : `expected "helixlab", found ${describe(obj['format'])}`,
    });
  }
  const shape: ShapeProblem[] = [];
  checkNode(value, NETWORK_SCHEMA as unknown as SchemaNode, '', shape);
  for (const p of shape) if (p.path !== 'format') out.push(p);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pass 2: values and references
// ---------------------------------------------------------------------------------------------

class Reporter {
  private readonly seen = new Set<string>();
  constructor(
    readonly collector: DiagnosticCollector,
    private readonly locate: Locator | undefined,
    private readonly locatePath: ((path: string) => Location) | undefined,
  ) {
    for (const d of collector.diagnostics) if (d.severity === 'error') this.seen.add(this.key(d.file, d.line, d.column, d.field));
  }

  private key(file?: string, line?: number, column?: number, field?: string): string {
    return `${file ?? ''}\u0000${line ?? ''}\u0000${column ?? ''}\u0000${field ?? ''}`;
  }

  where(kind: 'actor' | 'tie' | 'activity', index: number, field: string): Location {
    const defaultField = `${PLURAL[kind]}[${index}].${field}`;
    if (!this.locate) return { field: defaultField };
    const loc = this.locate(kind, index, field);
    return { ...loc, field: loc.field ?? defaultField };
  }

  wherePath(path: string): Location {
    if (!this.locatePath) return { field: path };
    const loc = this.locatePath(path);
    return { ...loc, field: loc.field ?? path };
  }

  private add(severity: 'error' | 'warning', code: string, message: string, loc: Location): void {
    const d: Omit<Diagnostic, 'file'> & { file?: string } = { severity, code, message };
    const file = loc.file ?? this.collector.file;
    if (file !== undefined) d.file = file;
    if (loc.line !== undefined) d.line = loc.line;
    if (loc.column !== undefined) d.column = loc.column;
    if (loc.field !== undefined) d.field = loc.field;
    this.collector.add(d);
  }

  error(code: string, message: string, loc: Location): void {
    const k = this.key(loc.file ?? this.collector.file, loc.line, loc.column, loc.field);
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.add('error', code, message, loc);
  }

  warn(code: string, message: string, loc: Location): void {
    this.add('warning', code, message, loc);
  }
}

/** True when `value` is absent or a plausible whole-number year; otherwise reports and returns false. */
function checkYear(r: Reporter, value: unknown, loc: () => Location): boolean {
  if (value === undefined) return true;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    r.error('bad-year', `expected a year (a whole number), found ${describe(value)}`, loc());
    return false;
  }
  if (!Number.isInteger(value)) {
    r.error('bad-year', `expected a whole-number year, found ${value}`, loc());
    return false;
  }
  if (value < YEAR_MIN || value > YEAR_MAX) {
    r.error('bad-year', `year ${value} is outside ${YEAR_MIN}..${YEAR_MAX} (a typo?)`, loc());
    return false;
  }
  return true;
}

function checkText(r: Reporter, value: unknown, what: string, loc: () => Location, required = false): void {
  if (value === undefined) {
    if (required) r.error('missing-field', `missing ${what}`, loc());
    return;
  }
  if (typeof value !== 'string') r.error('wrong-type', `expected a text (${what}), found ${describe(value)}`, loc());
}

function checkId(r: Reporter, value: unknown, what: string, loc: () => Location): value is string {
  if (value === undefined || value === '') {
    r.error('missing-field', `missing ${what}`, loc());
    return false;
  }
  if (typeof value !== 'string') {
    r.error('wrong-type', `expected a text id (${what}), found ${describe(value)}`, loc());
    return false;
  }
  return true;
}

function checkEnum(
  r: Reporter,
  value: unknown,
  allowed: readonly string[],
  what: string,
  code: string,
  loc: () => Location,
  required = false,
): void {
  if (value === undefined) {
    if (required) r.error('missing-field', `missing ${what}; expected one of ${allowed.join(', ')}`, loc());
    return;
  }
  if (typeof value !== 'string' || !allowed.includes(value)) {
    const hint = typeof value === 'string' ? suggestion(value, allowed) : '';
    r.error(code, `unknown ${what} ${quote(value)}${hint}; expected one of ${allowed.join(', ')}`, loc());
  }
}

function checkAttributes(r: Reporter, value: unknown, loc: (key?: string) => () => Location): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    r.error('wrong-type', `expected an object of free attributes, found ${describe(value)}`, loc()());
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (RESERVED_KEYS.has(k)) {
      r.error('reserved-key', reservedKeyMessage(k), loc(k)());
      continue;
    }
    if (v !== null && typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
      r.error('wrong-type', `attribute '${k}': expected a text, number, true/false or null, found ${describe(v)}`, loc(k)());
    }
  }
}

const MAX_SUGGEST_IDS = 5000;

/**
 * Check a candidate document's values and references, report every problem into `collector`,
 * throw an `InputError` when the collector holds any error (including errors the caller collected
 * before), otherwise fill the defaults and build the Network. Warnings stay in the collector.
 */
export function finishDocument(
  doc: NetworkDocument,
  collector: DiagnosticCollector,
  locate?: Locator,
  options: FinishOptions = {},
): Network {
  const r = new Reporter(collector, locate, options.locatePath);
  const actors: unknown[] = Array.isArray(doc.actors) ? doc.actors : [];
  const ties: unknown[] = Array.isArray(doc.ties) ? doc.ties : [];
  const activities: unknown[] = Array.isArray(doc.activities) ? doc.activities : [];

  // actors
  const firstIndex = new Map<string, number>();
  actors.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object') return; // the shape pass reported it
    const a = raw as Record<string, unknown>;
    const at = (f: string) => () => r.where('actor', i, f);
    if (checkId(r, a['id'], 'actor id', at('id'))) {
      const id = a['id'] as string;
      const first = firstIndex.get(id);
      if (first !== undefined) {
        const fl = r.where('actor', first, 'id').line;
        r.error('duplicate-id', `duplicate actor id '${id}'${fl !== undefined ? ` (first defined on line ${fl})` : ''}`, at('id')());
      } else {
        firstIndex.set(id, i);
      }
    }
    checkText(r, a['label'], 'label', at('label'));
    checkEnum(r, a['helix'], HELIX_ROLES, 'helix role', 'unknown-helix', at('helix'), true);
    checkText(r, a['subtype'], 'subtype', at('subtype'));
    checkText(r, a['sector'], 'sector', at('sector'));
    checkText(r, a['region'], 'region', at('region'));
    checkYear(r, a['joined'], at('joined'));
    checkAttributes(r, a['attributes'], (k) => at(k === undefined ? 'attributes' : `attributes.${k}`));
  });

  const ids = [...firstIndex.keys()];
  const missingActor = (id: string, what: string): string =>
    `${what} '${id}' is not an actor${ids.length <= MAX_SUGGEST_IDS ? suggestion(id, ids) : ''}`;

  // ties
  ties.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object') return;
    const t = raw as Record<string, unknown>;
    const at = (f: string) => () => r.where('tie', i, f);
    const okS = checkId(r, t['source'], 'tie source', at('source'));
    const okT = checkId(r, t['target'], 'tie target', at('target'));
    if (okS && !firstIndex.has(t['source'] as string))
      r.error('missing-node', missingActor(t['source'] as string, 'tie source'), at('source')());
    if (okT && !firstIndex.has(t['target'] as string))
      r.error('missing-node', missingActor(t['target'] as string, 'tie target'), at('target')());
    if (okS && okT && t['source'] === t['target']) {
      r.warn('self-loop', `tie from '${String(t['source'])}' to itself (self-loop; metrics ignore it)`, at('target')());
    }
    checkEnum(r, t['kind'], TIE_KINDS, 'tie kind', 'unknown-kind', at('kind'));
    const w = t['weight'];
    if (w !== undefined) {
      const problem = weightProblem(w);
      if (problem !== undefined) r.error('bad-weight', problem, at('weight')());
    }
    const okSince = checkYear(r, t['since'], at('since'));
    const okUntil = checkYear(r, t['until'], at('until'));
    if (okSince && okUntil && typeof t['since'] === 'number' && typeof t['until'] === 'number' && t['since'] > t['until']) {
      r.error('since-after-until', `since ${t['since']} is after until ${t['until']}`, at('since')());
    }
    checkAttributes(r, t['attributes'], (k) => at(k === undefined ? 'attributes' : `attributes.${k}`));
  });

  // activities
  const activityIndex = new Map<string, number>();
  activities.forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object') return;
    const a = raw as Record<string, unknown>;
    const at = (f: string) => () => r.where('activity', i, f);
    if (checkId(r, a['id'], 'activity id', at('id'))) {
      const id = a['id'] as string;
      const first = activityIndex.get(id);
      if (first !== undefined) {
        const fl = r.where('activity', first, 'id').line;
        r.error('duplicate-id', `duplicate activity id '${id}'${fl !== undefined ? ` (first defined on line ${fl})` : ''}`, at('id')());
      } else {
        activityIndex.set(id, i);
      }
    }
    checkText(r, a['label'], 'label', at('label'));
    checkEnum(r, a['kind'], ACTIVITY_KINDS, 'activity kind', 'unknown-kind', at('kind'), true);
    const okY = checkYear(r, a['year'], at('year'));
    const okE = checkYear(r, a['endYear'], at('endYear'));
    if (okY && okE && typeof a['year'] === 'number' && typeof a['endYear'] === 'number' && a['year'] > a['endYear']) {
      r.error('since-after-until', `year ${a['year']} is after endYear ${a['endYear']}`, at('year')());
    }
    const parts = a['participants'];
    if (parts === undefined) {
      r.error('missing-field', `missing participants`, at('participants')());
    } else if (Array.isArray(parts)) {
      const seen = new Set<string>();
      parts.forEach((p, j) => {
        const f = `participants[${j}]`;
        if (!checkId(r, p, 'participant', at(f))) return;
        if (!firstIndex.has(p as string)) r.error('missing-node', missingActor(p as string, 'participant'), at(f)());
        if (seen.has(p as string))
          r.warn('duplicate-participant', `'${String(p)}' takes part twice in activity '${String(a['id'])}'; counted once`, at(f)());
        seen.add(p as string);
      });
    } else {
      r.error('wrong-type', `expected a list of actor ids, found ${describe(parts)}`, at('participants')());
    }
    checkAttributes(r, a['attributes'], (k) => at(k === undefined ? 'attributes' : `attributes.${k}`));
  });

  // profile
  const profile = doc.profile as unknown;
  if (profile !== undefined) {
    if (profile === null || typeof profile !== 'object' || Array.isArray(profile)) {
      r.error('wrong-type', `expected an object, found ${describe(profile)}`, r.wherePath('profile'));
    } else {
      const p = profile as Record<string, unknown>;
      const at = (f: string) => () => r.wherePath(`profile.${f}`);
      checkText(r, p['name'], 'profile name', at('name'), true);
      checkEnum(r, p['form'], ORGANISATION_FORMS, 'organisation form', 'unknown-form', at('form'), true);
      for (const key of ['coordinators', 'focusAreas', 'sections'] as const) {
        const list = p[key];
        if (list !== undefined && (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))) {
          r.error('wrong-type', `expected a list of texts`, at(key)());
        }
      }
      for (const key of ['staffFte', 'activitiesPerYear'] as const) {
        const list = p[key];
        if (list === undefined) continue;
        if (!Array.isArray(list)) {
          r.error('wrong-type', `expected a list of {year, value}`, at(key)());
          continue;
        }
        list.forEach((yv, j) => {
          if (yv === null || typeof yv !== 'object') return;
          const o = yv as Record<string, unknown>;
          checkYear(r, o['year'], at(`${key}[${j}].year`));
          const v = o['value'];
          if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
            r.error('bad-value', `expected a number >= 0, found ${describe(v)}`, at(`${key}[${j}].value`)());
          }
        });
      }
      const funding = p['funding'];
      if (Array.isArray(funding)) {
        funding.forEach((fs, j) => {
          if (fs === null || typeof fs !== 'object') return;
          const o = fs as Record<string, unknown>;
          checkText(r, o['source'], 'funding source', at(`funding[${j}].source`), true);
          checkEnum(r, o['type'], FUNDING_TYPES, 'funding type', 'unknown-kind', at(`funding[${j}].type`), true);
          checkYear(r, o['year'], at(`funding[${j}].year`));
          const eur = o['eur'];
          if (typeof eur !== 'number' || !Number.isFinite(eur) || eur < 0) {
            r.error('bad-value', `expected an amount in euros >= 0, found ${describe(eur)}`, at(`funding[${j}].eur`)());
          }
        });
      } else if (funding !== undefined) {
        r.error('wrong-type', `expected a list of funding streams`, at('funding')());
      }
      checkAttributes(r, p['attributes'], (k) => at(k === undefined ? 'attributes' : `attributes.${k}`));
    }
  }

  collector.throwIfErrors();
  return networkFromDocument(withDefaults(doc));
}

/** Defaults for a validated document: label = id, ties = [], the profile's lists = []. */
function withDefaults(doc: NetworkDocument): NetworkDocument {
  const out: NetworkDocument = {
    format: 'helixlab',
    version: 1,
    actors: doc.actors.map((a): Actor => (a.label === undefined ? { ...a, label: a.id } : a)),
    ties: (doc.ties ?? []) as Tie[],
  };
  if (doc.name !== undefined) out.name = doc.name;
  if (doc.description !== undefined) out.description = doc.description;
  if (doc.source !== undefined) out.source = doc.source;
  if (doc.activities !== undefined) out.activities = doc.activities as Activity[];
  if (doc.profile !== undefined) {
    const p = doc.profile as Partial<ClusterProfile> & { name: string; form: ClusterProfile['form'] };
    const prof: ClusterProfile = {
      name: p.name,
      form: p.form,
      coordinators: p.coordinators ?? [],
      staffFte: p.staffFte ?? [],
      funding: p.funding ?? [],
      activitiesPerYear: p.activitiesPerYear ?? [],
      focusAreas: p.focusAreas ?? [],
      sections: p.sections ?? [],
    };
    if (p.attributes !== undefined) prof.attributes = p.attributes as Attributes;
    out.profile = prof;
  }
  return out;
}

/** Is `value` one of the helix roles? */
export function isHelixRole(value: unknown): value is HelixRole {
  return typeof value === 'string' && (HELIX_ROLES as readonly string[]).includes(value);
}
