/**
 * Helix roles from foreign data: the `--helix-map` option (`'PRC=industry,HES=research-education'`),
 * the lookup of a node's role value through that map, and the CORDIS `activityType` table.
 *
 * Lookup order for a value `v`: the map's key equal to `v`, then a key equal ignoring case and
 * surrounding blanks; then `v` itself as a helix role, compared after lower-casing and turning runs
 * of blanks, underscores and `&` into single hyphens (so `Research & Education`, `research_education`
 * and `RESEARCH-EDUCATION` all read as `research-education`).
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

/** The role named by `value` (after {@link normaliseRoleName}), or undefined. */
export function asHelixRole(value: string): HelixRole | undefined {
  const n = normaliseRoleName(value);
  return (HELIX_ROLES as readonly string[]).includes(n) ? (n as HelixRole) : undefined;
}

/**
 * Parse a `--helix-map` spec: comma-separated `value=role` pairs. Roles are checked (with a
 * did-you-mean); a bad spec throws a {@link UsageError} naming the option.
 */
export function parseHelixMap(spec: string, optionName = '--helix-map'): Record<string, HelixRole> {
  const map: Record<string, HelixRole> = {};
  const pairs = spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (pairs.length === 0) throw new UsageError(`${optionName}: expected 'value=role,...', got '${spec}'`);
  for (const pair of pairs) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0 || eq === pair.length - 1) {
      throw new UsageError(`${optionName}: expected 'value=role' pairs separated by commas, got '${pair}'`);
    }
    const key = pair.slice(0, eq).trim();
    const roleText = pair.slice(eq + 1).trim();
    const role = asHelixRole(roleText);
    if (!role) {
      const hint = didYouMean(roleText, HELIX_ROLES);
      throw new UsageError(
        `${optionName}: '${roleText}' is not a helix role${hint ? ` (did you mean '${hint}'?)` : ''}; roles: ${HELIX_ROLES.join(', ')}`,
      );
    }
    map[key] = role;
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

export type HelixLookup =
  { ok: true; role: HelixRole } | { ok: false; reason: 'missing' } | { ok: false; reason: 'unknown'; value: string; suggestion?: string };

/** Resolve an attribute value to a helix role through the map (see the module doc for the order). */
export function lookupHelix(value: AttributeValue | undefined, map?: Record<string, HelixRole>): HelixLookup {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return { ok: false, reason: 'missing' };
  }
  const text = String(value);
  if (map) {
    if (Object.prototype.hasOwnProperty.call(map, text)) return { ok: true, role: map[text]! };
    const t = text.trim().toLowerCase();
    for (const [k, role] of Object.entries(map)) if (k.trim().toLowerCase() === t) return { ok: true, role };
  }
  const role = asHelixRole(text);
  if (role) return { ok: true, role };
  const candidates = [...HELIX_ROLES, ...(map ? Object.keys(map) : [])];
  const norm = normaliseRoleName(text);
  const suggestion =
    didYouMean(norm, candidates) ?? HELIX_ROLES.find((r) => norm.startsWith(r) || (norm.length >= 4 && r.startsWith(norm)));
  return suggestion !== undefined
    ? { ok: false, reason: 'unknown', value: text, suggestion }
    : { ok: false, reason: 'unknown', value: text };
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
