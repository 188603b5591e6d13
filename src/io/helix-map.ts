/**
 * Helix roles from foreign data: the `--helix-map` option (`'PRC=industry,HES=research-education'`),
 * a map file (`--helix-map-file`, two columns value,role), the default role (`--helix-default ROLE`,
 * or the key `*` in a map), the lookup of a node's role value through them, and the CORDIS
 * `activityType` table.
 *
 * The map spec: `value=role` pairs separated by commas; a value holding a comma, an `=` or blanks at
 * its ends is quoted with `"` or `'` (a quote inside is doubled): `'"Research, Oulu"=research-education'`,
 * `'"10.0"=industry'`. The split is at the last `=` outside quotes. The key `*` (unquoted) is the
 * default role: every node whose value is missing or not in the map gets it (a quoted `"*"` is a
 * literal star).
 *
 * Lookup order for a value `v`: the map's key equal to `v`, then a key equal ignoring case and
 * surrounding blanks, then (for a number, e.g. GraphML `attr.type="double"`) a key that reads as the
 * same number (`10.0` and `10`); then `v` itself as a helix role, compared after lower-casing and
 * turning runs of blanks, underscores and `&` into single hyphens (so `Research & Education`,
 * `research_education` and `RESEARCH-EDUCATION` all read as `research-education`); then the default
 * role. Nodes given the default are counted ({@link DefaultRoleTally}) so that the reader can say how
 * many, once.
 */
import { UsageError, didYouMean } from '../model/errors.js';
import { HELIX_ROLES, type AttributeValue, type HelixRole } from '../model/types.js';

/** Normalise a role spelling: lower case; blanks, underscores and '&' runs → one hyphen. */
export function normaliseRoleName(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_&]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The role named by `value` (after normalising: lower case; blanks, underscores and `&` → one hyphen), or undefined. */
export function asHelixRole(value: string): HelixRole | undefined {
  const n = normaliseRoleName(value);
  return (HELIX_ROLES as readonly string[]).includes(n) ? (n as HelixRole) : undefined;
}

/** The key of a helix map that holds the default role. */
export const DEFAULT_ROLE_KEY = '*';

/** Split a map spec at commas outside quotes; each piece keeps whether its key part was quoted. */
function splitSpec(spec: string, optionName: string): Array<{ key: string; role: string; quoted: boolean; raw: string }> {
  const out: Array<{ key: string; role: string; quoted: boolean; raw: string }> = [];
  let i = 0;
  const n = spec.length;
  while (i < n) {
    // one pair: [blanks] key [blanks] = [blanks] role [blanks] (, | end)
    while (i < n && /\s/.test(spec[i]!)) i++;
    if (i >= n) break;
    const start = i;
    let key = '';
    let quoted = false;
    const q = spec[i];
    if (q === '"' || q === "'") {
      quoted = true;
      i++;
      let closed = false;
      while (i < n) {
        if (spec[i] === q) {
          if (spec[i + 1] === q) {
            key += q;
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        key += spec[i++];
      }
      if (!closed) throw new UsageError(`${optionName}: a quoted value is not closed (missing ${q}) in '${spec.slice(start)}'`);
      while (i < n && /\s/.test(spec[i]!)) i++;
      if (spec[i] !== '=')
        throw new UsageError(
          `${optionName}: expected '=' after the quoted value ${q}${key}${q}, got '${spec.slice(i, i + 10) || 'the end'}'`,
        );
    } else {
      // unquoted key: up to the last '=' before the next ','
      const comma = spec.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const eq = spec.lastIndexOf('=', end - 1);
      if (eq < i) {
        throw new UsageError(`${optionName}: expected 'value=role' pairs separated by commas, got '${spec.slice(start, end).trim()}'`);
      }
      key = spec.slice(i, eq).trim();
      i = eq;
    }
    i++; // the '='
    const comma = spec.indexOf(',', i);
    const end = comma < 0 ? n : comma;
    const role = spec.slice(i, end).trim();
    out.push({ key, role, quoted, raw: spec.slice(start, end).trim() });
    i = end + 1;
  }
  return out;
}

function checkRole(roleText: string, optionName: string, where = ''): HelixRole {
  const role = asHelixRole(roleText);
  if (role) return role;
  const hint = didYouMean(roleText, HELIX_ROLES);
  throw new UsageError(
    `${optionName}${where}: '${roleText}' is not a helix role${hint ? ` (did you mean '${hint}'?)` : ''}; roles: ${HELIX_ROLES.join(', ')}`,
  );
}

/**
 * Parse a `--helix-map` spec (see the module doc: quoting, the `*` default). Roles are checked
 * (with a did-you-mean); a bad spec throws a {@link UsageError} naming the option. The default role,
 * if any, is under the key `*`.
 */
export function parseHelixMap(spec: string, optionName = '--helix-map'): Record<string, HelixRole> {
  const map: Record<string, HelixRole> = {};
  const pairs = splitSpec(spec, optionName);
  if (pairs.length === 0) throw new UsageError(`${optionName}: expected 'value=role,...', got '${spec}'`);
  for (const p of pairs) {
    if (p.role === '') throw new UsageError(`${optionName}: expected 'value=role' pairs separated by commas, got '${p.raw}'`);
    if (p.key === '' && !p.quoted) throw new UsageError(`${optionName}: expected 'value=role' pairs separated by commas, got '${p.raw}'`);
    const role = checkRole(p.role, optionName);
    // a quoted "*" is a literal star: keep it apart from the default key
    map[p.quoted && p.key === DEFAULT_ROLE_KEY ? `"${DEFAULT_ROLE_KEY}"` : p.key] = role;
  }
  return map;
}

/** Check a map given through the library API (values must be helix roles); throws UsageError. */
export function checkHelixMap(map: Record<string, string> | undefined): Record<string, HelixRole> | undefined {
  if (!map) return undefined;
  const out: Record<string, HelixRole> = {};
  for (const [k, v] of Object.entries(map)) {
    const role = asHelixRole(v);
    if (!role) {
      const hint = didYouMean(v, HELIX_ROLES);
      throw new UsageError(`helix map: '${k}=${v}': '${v}' is not a helix role${hint ? ` (did you mean '${hint}'?)` : ''}`);
    }
    out[k] = role;
  }
  return out;
}

/**
 * The default role of the reader options: `helixDefault`, else the `*` key of `helixMap`; a value that
 * is no role throws a UsageError.
 */
export function defaultRoleOf(opts: { helixDefault?: string; helixMap?: Record<string, string> }): HelixRole | undefined {
  if (opts.helixDefault !== undefined) return checkRole(opts.helixDefault, '--helix-default');
  const star = opts.helixMap?.[DEFAULT_ROLE_KEY];
  return star === undefined ? undefined : checkRole(star, '--helix-map', ` (${DEFAULT_ROLE_KEY}=${star})`);
}

export type HelixLookup =
  | { ok: true; role: HelixRole; byDefault?: 'missing' | 'unmapped' }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'unknown'; value: string; suggestion?: string };

/** The map key that reads as the number `x` (`10.0` for 10), if any. */
function numericKey(map: Record<string, HelixRole>, x: number): HelixRole | undefined {
  for (const [k, role] of Object.entries(map)) {
    const t = k.trim();
    if (t !== '' && t !== DEFAULT_ROLE_KEY && Number(t) === x && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return role;
  }
  return undefined;
}

/** Resolve an attribute value to a helix role through the map and the default (see the module doc for the order). */
export function lookupHelix(value: AttributeValue | undefined, map?: Record<string, HelixRole>, defaultRole?: HelixRole): HelixLookup {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return defaultRole !== undefined ? { ok: true, role: defaultRole, byDefault: 'missing' } : { ok: false, reason: 'missing' };
  }
  const text = String(value);
  if (map) {
    const literal = text === DEFAULT_ROLE_KEY ? `"${DEFAULT_ROLE_KEY}"` : text;
    if (Object.prototype.hasOwnProperty.call(map, literal)) return { ok: true, role: map[literal]! };
    const t = text.trim().toLowerCase();
    for (const [k, role] of Object.entries(map)) {
      if (k === DEFAULT_ROLE_KEY) continue;
      if (k.trim().toLowerCase() === t) return { ok: true, role };
    }
    const num =
      typeof value === 'number' ? value : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text.trim()) : undefined;
    if (num !== undefined && Number.isFinite(num)) {
      const role = numericKey(map, num);
      if (role) return { ok: true, role };
    }
  }
  const role = asHelixRole(text);
  if (role) return { ok: true, role };
  if (defaultRole !== undefined) return { ok: true, role: defaultRole, byDefault: 'unmapped' };
  const candidates = [...HELIX_ROLES, ...(map ? Object.keys(map).filter((k) => k !== DEFAULT_ROLE_KEY) : [])];
  const norm = normaliseRoleName(text);
  const suggestion =
    didYouMean(norm, candidates) ?? HELIX_ROLES.find((r) => norm.startsWith(r) || (norm.length >= 4 && r.startsWith(norm)));
  return suggestion !== undefined
    ? { ok: false, reason: 'unknown', value: text, suggestion }
    : { ok: false, reason: 'unknown', value: text };
}

/**
 * Counts the nodes given the default role, to report them once: `missing` had no role value,
 * `unmapped` a value that is neither a map key nor a role name (up to five such values are named).
 */
export class DefaultRoleTally {
  missing = 0;
  unmapped = 0;
  readonly values = new Set<string>();
  constructor(readonly role: HelixRole | undefined) {}

  add(look: HelixLookup, value: AttributeValue | undefined): void {
    if (!look.ok || look.byDefault === undefined) return;
    if (look.byDefault === 'missing') this.missing++;
    else {
      this.unmapped++;
      if (this.values.size < 5) this.values.add(String(value));
    }
  }

  /** The warning text, or undefined when no node got the default. */
  message(attr: string): string | undefined {
    if (this.role === undefined || this.missing + this.unmapped === 0) return undefined;
    const parts: string[] = [];
    if (this.missing > 0) parts.push(`${this.missing} node(s) without a '${attr}' value`);
    if (this.unmapped > 0) {
      const more = this.unmapped > this.values.size ? ', ...' : '';
      parts.push(
        `${this.unmapped} with a value that is neither mapped nor a role (${[...this.values].map((v) => `'${v}'`).join(', ')}${more})`,
      );
    }
    return `${parts.join(' and ')} read as ${this.role} (the default role)`;
  }
}

/**
 * Read a helix map file (`--helix-map-file`): CSV text with two columns, value and role (`,` `;` or
 * tab between them; quoted fields as in any CSV), an optional header line (skipped when its second
 * cell is not a role: `value,role`); the value `*` is the default role. Returns the map and the
 * problems found, located by line.
 */
export function parseHelixMapFile(text: string): { map: Record<string, HelixRole>; problems: Array<{ line: number; message: string }> } {
  const map: Record<string, HelixRole> = {};
  const problems: Array<{ line: number; message: string }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const first = lines.find((l) => l.trim() !== '') ?? '';
  const sep = [',', ';', '\t'].map((c) => ({ c, k: first.split(c).length })).sort((a, b) => b.k - a.k)[0]!.c;
  let seenRow = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const firstRow = !seenRow;
    seenRow = true;
    const cells = splitCsvLine(raw, sep);
    if (cells.length < 2 || cells.slice(2).some((c) => c.trim() !== '')) {
      problems.push({
        line,
        message: `expected two columns, value and role (separated by '${sep === '\t' ? 'tab' : sep}'), found ${cells.length}`,
      });
      return;
    }
    const [value, roleText] = [cells[0]!.value, cells[1]!.value.trim()];
    const role = asHelixRole(roleText);
    if (!role) {
      if (firstRow) return; // a header line such as value,role
      const hint = didYouMean(roleText, HELIX_ROLES);
      problems.push({
        line,
        message: `'${roleText}' is not a helix role${hint ? ` (did you mean '${hint}'?)` : ''}; roles: ${HELIX_ROLES.join(', ')}`,
      });
      return;
    }
    const key = cells[0]!.quoted && value === DEFAULT_ROLE_KEY ? `"${DEFAULT_ROLE_KEY}"` : cells[0]!.quoted ? value : value.trim();
    map[key] = role;
  });
  return { map, problems };
}

/** One CSV line split at `sep` outside double quotes ("" is a quote inside a quoted field). */
function splitCsvLine(line: string, sep: string): Array<{ value: string; quoted: boolean; trim(): string }> {
  const out: Array<{ value: string; quoted: boolean; trim(): string }> = [];
  let cur = '';
  let quoted = false;
  let inQ = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (inQ) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQ = false;
      } else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      inQ = true;
      quoted = true;
      cur = '';
    } else if (ch === sep) {
      const v = cur;
      const q = quoted;
      out.push({ value: v, quoted: q, trim: () => v.trim() });
      cur = '';
      quoted = false;
    } else cur += ch;
  }
  const v = cur;
  const q = quoted;
  out.push({ value: v, quoted: q, trim: () => v.trim() });
  return out;
}

/** A helix role and subtype for a CORDIS `activityType` code. */
export interface CordisRole {
  helix: HelixRole;
  /** For PRC the subtype depends on the SME flag: 'sme' when True, else 'company'. None for PUB, OTH. */
  subtype?: string;
  meaning: string;
}

/** CORDIS activityType → helix role (see `/work/shared/data/cordis-h2020/README.md`, docs/formats-foreign.md). */
export const CORDIS_ACTIVITY_TYPES: Readonly<Record<string, CordisRole>> = {
  PRC: { helix: 'industry', subtype: 'company', meaning: 'private for-profit entity' },
  HES: { helix: 'research-education', subtype: 'higher-education', meaning: 'higher or secondary education' },
  REC: { helix: 'research-education', subtype: 'research-institute', meaning: 'research organisation' },
  PUB: { helix: 'public', meaning: 'public body (excluding research and education)' },
  OTH: { helix: 'civil-society', meaning: 'other (associations, NGOs, foundations, networks)' },
};
