/**
 * Member-survey rosters: the cookbook's way of measuring a cluster's impact is the annual member
 * survey ("whom did you work with this year?", lines 1023-1030, 2404-2420). This module turns the
 * export of such a survey (a CSV or a sheet: one row per respondent, the partners named in one or more
 * columns) into ties of kind `survey` between the actors of a network.
 *
 * Columns: the respondent column (`respondentColumn`, else the first column whose header starts with
 * respondent, vastaaja, organisation/organization, organisaatio, yritys, company, member, jäsen, name
 * or nimi, else the first column) names the answering actor; the partner columns (`partnerColumns`,
 * else the columns whose header mentions partner, kumppani, yhteistyö, collaborat or "worked with",
 * else every other column but timestamps and e-mail addresses) name partners, one or several per cell
 * separated by `;`, `|` or line breaks (Microsoft Forms, free text); a piece with commas that matches
 * no actor as a whole is split at its commas when every part then matches one (Google Forms writes
 * "A, B, C").
 *
 * Matching a written name to an actor ({@link nameKey}): case, accents of letters other than å, ä,
 * ö, punctuation, runs of blanks and company-form words (Oy, Oyj, Ab, Ltd, ry, Inc, GmbH, ...) are
 * ignored; an actor answers to its id, its label, the part of its label in brackets and the part
 * before them (`Tampere University (Tampereen yliopisto)`), and the names in an `aliases` /
 * `alias` attribute (separated by `;` or `|`). A name that answers to one actor is matched; to
 * several, ambiguous; to none, unmatched. The `aliases` option (from a fixed suggestions file) maps
 * written names to actor ids first (`-` = leave the name out on purpose).
 *
 * Ties: for each pair of actors at least one named the other: one tie of kind `survey`, `since` =
 * `until` = the survey year, weight 1 (named by one) or 2 (by both), attributes `reciprocal` (true
 * when both answered and both named each other, false when both answered and only one named the
 * other, absent when the named actor did not answer) and `namedBy` (the ids that named it, `|`-joined).
 * A respondent naming itself, a partner named twice in one answer, and a respondent answering twice
 * are warnings.
 *
 * The result lists the unmatched and ambiguous names with where they were written, and the rows of a
 * suggestions table (`name, status, count, rows, suggestion, suggestion_label, candidates, actor`):
 * fill in `actor` and give the table back as `aliases`.
 */
import { DiagnosticCollector, InputError, editDistance, type Diagnostic } from '../model/errors.js';
import type { Attributes, Network, NetworkDocument, Tie } from '../model/types.js';
import { networkToDocument } from '../model/network.js';
import type { Cell } from '../util/csv.js';
import type { RowTable } from './csv.js';
import { finishDocument } from './validate.js';

export interface RosterOptions {
  /** The survey year (the ties' `since` and `until`). */
  year: number;
  /** The respondent column's header (default: see the module doc). */
  respondentColumn?: string;
  /** The partner columns' headers (default: see the module doc). */
  partnerColumns?: string[];
  /** Written name → actor id (`-` leaves the name out), e.g. from a fixed suggestions file. */
  aliases?: Record<string, string>;
  /** Cap on errors reported (default 100). */
  maxErrors?: number;
}

/** A name that matched no actor, or several. */
export interface NameProblem {
  name: string;
  status: 'unmatched' | 'ambiguous';
  /** Where it was written: row (line) and column header. */
  places: Array<{ line: number; column: string }>;
  /** For an ambiguous name: the actors it answers to; for an unmatched one: the best guesses. */
  candidates: Array<{ id: string; label: string }>;
}

export interface RosterResult {
  /** The network with the survey ties added. */
  network: Network;
  respondents: number;
  ties: number;
  reciprocal: number;
  /** Ties between two respondents (where reciprocity can be judged). */
  bothResponded: number;
  problems: NameProblem[];
  /** The suggestions table (header first), for fixing the names. */
  suggestions: Cell[][];
  warnings: Diagnostic[];
}

const FORM_WORDS = new Set([
  'oy',
  'oyj',
  'ab',
  'abp',
  'ltd',
  'ry',
  'rf',
  'inc',
  'gmbh',
  'llc',
  'plc',
  'as',
  'asa',
  'ky',
  'tmi',
  'ay',
  'osk',
  'sr',
  'corp',
  'co',
  'limited',
  'osakeyhtiö',
  'kommandiittiyhtiö',
  'avoin',
  'yhtiö',
  'aps',
  'bv',
  'nv',
  'sa',
  'srl',
  'spa',
]);

/** The matching key of a written name (see the module doc). */
export function nameKey(name: string): string {
  // å, ä, ö are letters of their own in Finnish and Swedish: keep them; fold the accents of others (é → e)
  const keep: Record<string, string> = { å: '\ue000', ä: '\ue001', ö: '\ue002' };
  const back: Record<string, string> = { '\ue000': 'å', '\ue001': 'ä', '\ue002': 'ö' };
  const folded = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[åäö]/g, (c) => keep[c]!)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .replace(/[\ue000-\ue002]/g, (c) => back[c]!);
  const words = folded
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const kept = words.filter((w) => !FORM_WORDS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/** The names an actor answers to (see the module doc). */
function actorNames(id: string, label: string, attrs: Record<string, unknown>): string[] {
  const out = [id, label];
  const m = /^(.*?)\s*\((.+)\)\s*$/.exec(label);
  if (m) out.push(m[1]!, m[2]!);
  for (const k of ['aliases', 'alias']) {
    const v = attrs[k];
    if (typeof v === 'string') out.push(...v.split(/[;|]/).map((x) => x.trim()));
  }
  return out.filter((x) => x.trim() !== '');
}

const RESPONDENT = /^(respondent|vastaaja|organi[sz]ation|organisaatio|yritys|company|member|jäsen|name|nimi)/i;
const PARTNER = /(partner|kumppani|yhteisty|collaborat|worked with|with whom|kenen kanssa)/i;
const METADATA = /^(timestamp|aikaleima|time|aika|date|päivämäärä|pvm|e-?mail|sähköposti|id)$|e-?mail|sähköposti/i;

/** Split a cell into the names written in it (see the module doc). */
function piecesOf(cell: string): string[] {
  return cell
    .split(/[;|\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== '' && x !== '-');
}

/**
 * Match a roster to a network's actors and add the survey ties (see the module doc). Throws
 * `InputError` for a roster that cannot be read (no rows, unknown columns, a bad alias); unmatched
 * and ambiguous names are returned in `problems` (the caller decides whether they are fatal).
 */
export function matchRoster(net: Network, roster: RowTable, opts: RosterOptions): RosterResult {
  const c = new DiagnosticCollector(roster.name, opts.maxErrors ?? 100);
  const rows = roster.rows.filter((r) => r.cells.some((x) => x.trim() !== ''));
  const headerRow = rows.shift();
  if (!headerRow || rows.length === 0) {
    c.error('empty-file', 'no answers: expected a header row and one row per respondent', { line: headerRow?.line ?? 1 });
    c.throwIfErrors();
  }
  const header = headerRow!.cells.map((h) => h.trim());
  const find = (name: string, what: string): number => {
    const k = header.findIndex((h) => h.toLowerCase() === name.trim().toLowerCase());
    if (k < 0)
      c.error('missing-column', `no column '${name}' (${what}); the header has: ${header.join(', ')}`, {
        line: headerRow!.line,
        field: name,
      });
    return k;
  };
  let kResp =
    opts.respondentColumn !== undefined ? find(opts.respondentColumn, '--respondent') : header.findIndex((h) => RESPONDENT.test(h));
  if (kResp < 0 && opts.respondentColumn === undefined) kResp = 0;
  let kParts: number[];
  if (opts.partnerColumns !== undefined) kParts = opts.partnerColumns.map((p) => find(p, '--partners'));
  else {
    kParts = header.map((h, k) => (k !== kResp && PARTNER.test(h) ? k : -1)).filter((k) => k >= 0);
    if (kParts.length === 0) kParts = header.map((h, k) => (k !== kResp && h !== '' && !METADATA.test(h) ? k : -1)).filter((k) => k >= 0);
  }
  if (kParts.length === 0 && c.errorCount === 0)
    c.error('missing-column', 'no partner columns: name them with --partners', { line: headerRow!.line });
  c.throwIfErrors();

  // the actors' names
  const index = new Map<string, Set<string>>();
  const labelOf = new Map<string, string>();
  const allKeys: Array<{ key: string; id: string }> = [];
  net.graph.forEachNode((id, a) => {
    labelOf.set(id, a.label);
    for (const n of actorNames(id, a.label, a as unknown as Record<string, unknown>)) {
      const key = nameKey(n);
      if (key === '') continue;
      let set = index.get(key);
      if (!set) index.set(key, (set = new Set()));
      if (!set.has(id)) allKeys.push({ key, id });
      set.add(id);
    }
  });
  const aliases = new Map<string, string | null>();
  for (const [name, id] of Object.entries(opts.aliases ?? {})) {
    const target = id.trim();
    if (target === '-' || target.toLowerCase() === 'ignore') aliases.set(nameKey(name), null);
    else if (!net.graph.hasNode(target)) {
      c.error('bad-alias', `alias '${name}' → '${target}': '${target}' is not an actor id of the network`);
    } else aliases.set(nameKey(name), target);
  }
  c.throwIfErrors();

  type Look = { id: string } | { ignore: true } | { candidates: string[] } | { none: true };
  const look = (name: string): Look => {
    const key = nameKey(name);
    if (aliases.has(key)) {
      const a = aliases.get(key);
      return a === null || a === undefined ? { ignore: true } : { id: a };
    }
    const ids = index.get(key);
    if (!ids || ids.size === 0) return { none: true };
    if (ids.size === 1) return { id: [...ids][0]! };
    return { candidates: [...ids] };
  };
  const guesses = (name: string): string[] => {
    const key = nameKey(name);
    if (key === '') return [];
    const scored = new Map<string, number>();
    const tokens = new Set(key.split(' '));
    for (const k of allKeys) {
      const d = editDistance(key, k.key) / Math.max(key.length, k.key.length);
      const kt = k.key.split(' ');
      const overlap = kt.filter((t) => tokens.has(t)).length / Math.max(tokens.size, kt.length);
      const score = Math.min(d, 1 - overlap);
      if (score <= 0.5 && score < (scored.get(k.id) ?? Infinity)) scored.set(k.id, score);
    }
    return [...scored.entries()]
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([id]) => id);
  };

  const problems = new Map<string, NameProblem>();
  const problem = (name: string, status: NameProblem['status'], line: number, column: string, candidates: string[]) => {
    const key = `${status}\u0000${nameKey(name)}`;
    let p = problems.get(key);
    if (!p) {
      p = { name, status, places: [], candidates: candidates.map((id) => ({ id, label: labelOf.get(id) ?? id })) };
      problems.set(key, p);
    }
    p.places.push({ line, column });
  };
  const resolve = (piece: string, line: number, column: string): string[] => {
    const r = look(piece);
    if ('id' in r) return [r.id];
    if ('ignore' in r) return [];
    if ('candidates' in r) {
      problem(piece, 'ambiguous', line, column, r.candidates);
      return [];
    }
    if (piece.includes(',')) {
      const parts = piece
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
      const found = parts.map(look);
      if (parts.length > 1 && found.every((f) => 'id' in f || 'ignore' in f)) return found.flatMap((f) => ('id' in f ? [f.id] : []));
    }
    problem(piece, 'unmatched', line, column, guesses(piece));
    return [];
  };

  // who named whom
  const named = new Map<string, Map<string, number>>();
  const respondents = new Map<string, number>();
  const respHeader = header[kResp] ?? 'respondent';
  for (const row of rows) {
    const respText = (row.cells[kResp] ?? '').trim();
    if (respText === '') {
      c.warn('no-respondent', `an answer without a respondent (column '${respHeader}'): left out`, { line: row.line, field: respHeader });
      continue;
    }
    const who = resolve(respText, row.line, respHeader);
    if (who.length !== 1) continue;
    const r = who[0]!;
    const prev = respondents.get(r);
    if (prev !== undefined) {
      c.warn('answered-twice', `'${respText}' (${r}) answered twice (also on line ${prev}): the partners of both answers are counted`, {
        line: row.line,
        field: respHeader,
      });
    } else respondents.set(r, row.line);
    let mine = named.get(r);
    if (!mine) named.set(r, (mine = new Map()));
    for (const k of kParts) {
      const col = header[k] ?? `#${k + 1}`;
      for (const piece of piecesOf(row.cells[k] ?? '')) {
        for (const p of resolve(piece, row.line, col)) {
          if (p === r) {
            c.warn('self-named', `'${piece}' is the respondent itself: left out`, { line: row.line, field: col });
            continue;
          }
          if (mine.has(p)) {
            if (mine.get(p) === row.line)
              c.warn('named-twice', `'${piece}' (${p}) is named twice in one answer: counted once`, { line: row.line, field: col });
            continue;
          }
          mine.set(p, row.line);
        }
      }
    }
  }

  // one tie per pair
  const pairs = new Map<string, { a: string; b: string; by: Set<string> }>();
  for (const [r, ps] of named) {
    for (const p of ps.keys()) {
      const [a, b] = r < p ? [r, p] : [p, r];
      const key = `${a}\u0000${b}`;
      let e = pairs.get(key);
      if (!e) pairs.set(key, (e = { a, b, by: new Set() }));
      e.by.add(r);
    }
  }
  const doc: NetworkDocument = networkToDocument(net);
  const newTies: Tie[] = [];
  let reciprocal = 0;
  let both = 0;
  for (const e of [...pairs.values()].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0))) {
    const attributes: Attributes = { namedBy: [...e.by].sort().join('|') };
    if (respondents.has(e.a) && respondents.has(e.b)) {
      both++;
      attributes['reciprocal'] = e.by.size === 2;
      if (e.by.size === 2) reciprocal++;
    }
    newTies.push({ source: e.a, target: e.b, kind: 'survey', weight: e.by.size, since: opts.year, until: opts.year, attributes });
  }
  const withSurvey: NetworkDocument = { ...doc, ties: [...(doc.ties ?? []), ...newTies] };
  const network = finishDocument(withSurvey, new DiagnosticCollector(roster.name, opts.maxErrors ?? 100));

  const list = [...problems.values()];
  const suggestions: Cell[][] = [['name', 'status', 'count', 'rows', 'suggestion', 'suggestion_label', 'candidates', 'actor']];
  for (const p of list) {
    const first = p.candidates[0];
    suggestions.push([
      p.name,
      p.status,
      p.places.length,
      [...new Set(p.places.map((x) => x.line))].join(' '),
      p.status === 'unmatched' && first ? first.id : '',
      p.status === 'unmatched' && first ? first.label : '',
      p.candidates.map((x) => `${x.id} (${x.label})`).join('; '),
      '',
    ]);
  }
  return {
    network,
    respondents: respondents.size,
    ties: newTies.length,
    reciprocal,
    bothResponded: both,
    problems: list,
    suggestions,
    warnings: c.warnings,
  };
}

/** The problems of a roster as located errors (one per place a name was written). */
export function rosterDiagnostics(file: string, problems: readonly NameProblem[], severity: 'error' | 'warning' = 'error'): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const cands = p.candidates.map((x) => `'${x.label}' (${x.id})`);
    const message =
      p.status === 'ambiguous'
        ? `'${p.name}' matches several actors: ${cands.join(', ')}; say which in the aliases file`
        : `'${p.name}' matches no actor${cands.length > 0 ? ` (did you mean ${cands.slice(0, 2).join(' or ')}?)` : ''}; give it an actor in the aliases file`;
    for (const place of p.places) {
      out.push({
        severity,
        code: p.status === 'ambiguous' ? 'ambiguous-name' : 'unmatched-name',
        file,
        line: place.line,
        field: place.column,
        message,
      });
    }
  }
  return out;
}

/** Read a fixed suggestions file (or any table with the columns `name` and `actor`) into aliases; problems located by line. */
export function aliasesFromTable(table: RowTable): Record<string, string> {
  const rows = table.rows.filter((r) => r.cells.some((x) => x.trim() !== ''));
  const head = rows.shift();
  const h = (head?.cells ?? []).map((x) => x.trim().toLowerCase());
  const kn = h.indexOf('name');
  const ka = h.indexOf('actor');
  if (kn < 0 || ka < 0) {
    throw new InputError([
      {
        severity: 'error',
        code: 'missing-column',
        file: table.name,
        line: head?.line ?? 1,
        message: `an aliases file needs the columns name and actor (the suggestions file with the actor column filled in); the header has: ${(head?.cells ?? []).join(', ')}`,
      },
    ]);
  }
  const out: Record<string, string> = {};
  for (const r of rows) {
    const name = (r.cells[kn] ?? '').trim();
    const actor = (r.cells[ka] ?? '').trim();
    if (name !== '' && actor !== '') out[name] = actor;
  }
  return out;
}
