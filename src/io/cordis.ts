/**
 * CORDIS importer: the EU research results service's `organization.csv` (Horizon 2020 and later
 * framework programmes) → a HelixLab network of organisations and the projects they share.
 *
 * The file: one row per (project, organisation) participation, with the columns `projectID`,
 * `projectAcronym`, `organisationID`, `name`, `shortName`, `SME`, `activityType`, `city`,
 * `country`, `nutsCode`, `role`, `ecContribution`, `netEcContribution`, `totalCost`, ... (others are
 * ignored). Separator `,` (older downloads) or `;` (current ones), told from the header line;
 * fields may be quoted; a UTF-8 byte order mark is dropped; column names are matched ignoring case.
 * Required: `projectID`, `organisationID`, `activityType`; missing ones are an error naming them.
 *
 * Mapping:
 * - actor per organisation: id = organisationID, label = shortName || name, region = country,
 *   helix and subtype from activityType ({@link CORDIS_ACTIVITY_TYPES}: PRC → industry, subtype
 *   'sme' when SME is True else 'company'; HES → research-education 'higher-education'; REC →
 *   research-education 'research-institute'; PUB → public; OTH → civil-society), overridable per
 *   code with `opts.helixMap` (e.g. `OTH=public`). Attributes: name, activityType, sme (true/false
 *   when given), city, nutsCode, and over the rows read: projects (distinct projects),
 *   coordinations (rows with role coordinator), ecContribution (sum, EUR). An organisation's first
 *   row gives its fields; later rows that disagree on activityType or country get a warning.
 * - activity per project: kind 'project', id = projectID, label = projectAcronym, participants =
 *   the organisations (each once); attributes: participantsTotal (organisations in the file before
 *   any filter), ecContribution (sum over the participants kept, EUR), coordinator (when kept).
 *   The network's ties are the projection: two organisations are tied once per shared project.
 * - `opts.country` (ISO code as CORDIS writes it: EL for Greece, UK for the United Kingdom) keeps
 *   only organisations of that country, and of each project only its participants from there
 *   (projects with none are dropped), i.e. the co-participations among them.
 * - money columns: a decimal comma is read as a decimal point (`771225,1` → 771225.1); with both
 *   `,` and `.` the last one is the decimal mark; several commas (or several points) are thousands
 *   separators; blanks and apostrophes are dropped; empty, NA, N/A, null, none and - mean no value.
 *   A value that is still not a number is a warning naming the row and the column.
 * - the derived participations table (`rcn`, `pic`, `type`, `contribution`, `start_year`,
 *   `end_year`; see {@link CORDIS_COLUMN_ALIASES}) reads too; its projects get `year`/`endYear`.
 *   It has no names: organisations are labelled by their id.
 *
 * Source attribution (CC BY 4.0, Commission Decision 2011/833/EU): the network's `source` is
 * "Source: CORDIS, European Union".
 *
 * Size: just over 500 lines: one format with its column aliases, separators and money parsing.
 */
import { DiagnosticCollector, didYouMean } from '../model/errors.js';
import type { Activity, Actor, Attributes, HelixRole, NetworkDocument } from '../model/types.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import { CORDIS_ACTIVITY_TYPES, checkHelixMap } from './helix-map.js';
import { finishDocument, type Locator } from './validate.js';

export const CORDIS_SOURCE = 'Source: CORDIS, European Union';

/** Columns that must be present. */
export const CORDIS_REQUIRED_COLUMNS = ['projectID', 'organisationID', 'activityType'] as const;
/** Columns read when present. */
export const CORDIS_OPTIONAL_COLUMNS = [
  'projectAcronym',
  'name',
  'shortName',
  'SME',
  'city',
  'country',
  'nutsCode',
  'role',
  'ecContribution',
  'netEcContribution',
  'totalCost',
  'startYear',
  'endYear',
] as const;

/**
 * Other spellings of the columns, tried in order when the CORDIS name is absent: the derived
 * participations table (`rcn`, `pic`, `type`, `contribution`, `start_year`, `end_year`) reads too.
 */
export const CORDIS_COLUMN_ALIASES: Readonly<Partial<Record<CordisColumn, readonly string[]>>> = {
  projectID: ['rcn'],
  organisationID: ['pic'],
  activityType: ['type'],
  ecContribution: ['contribution'],
  startYear: ['start_year'],
  endYear: ['end_year'],
};
type CordisColumn = (typeof CORDIS_REQUIRED_COLUMNS)[number] | (typeof CORDIS_OPTIONAL_COLUMNS)[number];

/** The separator of a header line: the most frequent of `;`, `,`, tab outside quotes. */
export function detectSeparator(headerLine: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * A money amount with a decimal comma or point (see the module doc). Returns undefined for an
 * empty value and NaN for text that is no number.
 */
export function parseMoney(text: string): number | undefined {
  let t = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  if (t === '' || /^(na|n\/a|null|none|-)$/i.test(t)) return undefined;
  const lastComma = t.lastIndexOf(',');
  const lastDot = t.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    t = lastComma > lastDot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (lastComma >= 0) {
    t = (t.match(/,/g) ?? []).length > 1 ? t.replace(/,/g, '') : t.replace(',', '.');
  } else if (lastDot >= 0 && (t.match(/\./g) ?? []).length > 1) {
    t = t.replace(/\./g, '');
  }
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : NaN;
}

/**
 * Split CSV text into records (RFC 4180: fields in double quotes may hold separators, line
 * breaks and doubled quotes `""`; `\r\n`, `\n` and `\r` end a record; blank lines are skipped).
 * Returns the records, the 1-based line each record starts on, and the first syntax error
 * (an unclosed quote, or text after a closing quote) with its line and column.
 *
 * Written by hand rather than with csv-parse because this file is read in the browser too, where
 * csv-parse's browser build (with its Buffer shim) is an order of magnitude slower on CORDIS-sized
 * files (tens of MB); the tests compare it with csv-parse on the fixtures.
 */
export function readCsvRecords(
  text: string,
  delimiter: string,
): { records: string[][]; lines: number[]; error?: { message: string; line: number; column: number } } {
  const records: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const d = delimiter.charCodeAt(0);
  while (i < n) {
    const recordLine = line;
    const record: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text.charCodeAt(i) === 34 /* " */) {
        const openLine = line;
        const openCol = i - lineStart + 1;
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            return { records, lines, error: { message: "a quoted field is not closed (missing '\"')", line: openLine, column: openCol } };
          }
          const chunk = text.slice(j, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) {
            line++;
            lineStart = j + k + 1;
          }
          value += chunk;
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        record.push(value);
        const c = i < n ? text.charCodeAt(i) : -1;
        if (c === d) {
          i++;
          if (i >= n) record.push('');
        } else if (c === -1) endOfRecord = true;
        else if (c === 10 || c === 13) {
          i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
          line++;
          lineStart = i;
          endOfRecord = true;
        } else {
          return {
            records,
            lines,
            error: {
              message: `unexpected text after a closing quote (expected the separator '${delimiter === '\t' ? '\\t' : delimiter}' or the end of the line)`,
              line,
              column: i - lineStart + 1,
            },
          };
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === d || c === 10 || c === 13) break;
          j++;
        }
        record.push(text.slice(i, j));
        const c = j < n ? text.charCodeAt(j) : -1;
        if (c === d) {
          i = j + 1;
          if (i >= n) record.push('');
        } else {
          i = c === 13 && text.charCodeAt(j + 1) === 10 ? j + 2 : j < n ? j + 1 : j;
          if (c !== -1) {
            line++;
            lineStart = i;
          }
          endOfRecord = true;
        }
      }
      if (i >= n) endOfRecord = true;
    }
    if (record.length === 1 && record[0] === '') continue; // blank line
    records.push(record);
    lines.push(recordLine);
  }
  return { records, lines };
}

function parseBool(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1' || t === 'yes' || t === 'y') return true;
  if (t === 'false' || t === '0' || t === 'no' || t === 'n') return false;
  return undefined;
}

interface Row {
  line: number;
  get(col: CordisColumn): string;
}

interface OrgRecord {
  actor: Actor;
  line: number;
  country: string;
  activityType: string;
  projects: Set<string>;
  coordinations: number;
  ec: number;
  hasEc: boolean;
}

/**
 * Read a CORDIS `organization.csv`. Throws an `InputError` with every problem found (missing
 * columns, unknown activityType codes with their lines, malformed CSV); warnings come back in the
 * result. See the module doc for the mapping.
 */
export function parseCordis(file: InputFile, opts: FormatOptions = {}): LoadResult {
  const collector = new DiagnosticCollector(file.name, opts.maxErrors ?? 100);
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  if (text.trim() === '') {
    collector.error('empty-file', 'empty file: expected a CORDIS organization.csv with a header line', { line: 1 });
    collector.throwIfErrors();
  }
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = detectSeparator(headerLine);

  const parsed = readCsvRecords(text, delimiter);
  if (parsed.error) {
    collector.error('csv-syntax', `CSV syntax error: ${parsed.error.message}`, { line: parsed.error.line, column: parsed.error.column });
    collector.throwIfErrors();
  }
  const records = parsed.records;
  if (records.length === 0) {
    collector.error('empty-file', 'no header line', { line: 1 });
    collector.throwIfErrors();
  }

  // header
  const header = records[0]!.map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const k = h.toLowerCase();
    if (!index.has(k)) index.set(k, i);
  });
  const resolved = new Map<CordisColumn, number>();
  for (const c of [...CORDIS_REQUIRED_COLUMNS, ...CORDIS_OPTIONAL_COLUMNS]) {
    for (const name of [c, ...(CORDIS_COLUMN_ALIASES[c] ?? [])]) {
      const i = index.get(name.toLowerCase());
      if (i !== undefined) {
        resolved.set(c, i);
        break;
      }
    }
  }
  const missing = CORDIS_REQUIRED_COLUMNS.filter((c) => !resolved.has(c));
  if (missing.length > 0) {
    const hints = missing
      .map((m) => {
        const s = didYouMean(m, header);
        return s ? `'${s}' for '${m}'?` : undefined;
      })
      .filter((x) => x !== undefined);
    const sepHint = header.length === 1 ? `; the header is one column: is the separator one of ',', ';'?` : '';
    collector.error(
      'missing-column',
      `missing CORDIS column(s): ${missing.join(', ')} (found: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', ...' : ''})${hints.length ? `; did you mean ${hints.join(' ')}` : ''}${sepHint}`,
      { line: 1 },
    );
    collector.throwIfErrors();
  }
  const col = (c: CordisColumn): number | undefined => resolved.get(c);

  // rows
  const rows: Row[] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    const line = parsed.lines[r]!;
    if (record.length !== header.length) {
      collector.error(
        'column-count',
        `row has ${record.length} fields, the header has ${header.length}${record.length > header.length ? ' (an unquoted separator or decimal comma?)' : ''}`,
        { line },
      );
      continue;
    }
    rows.push({
      line,
      get: (c) => {
        const i = col(c);
        return i === undefined ? '' : (record[i] ?? '').trim();
      },
    });
  }

  const helixMap = checkHelixMap(opts.helixMap);
  const country = opts.country?.trim().toUpperCase();
  const knownCodes = Object.keys(CORDIS_ACTIVITY_TYPES);

  const roleOf = (code: string, sme: boolean | undefined): { helix: HelixRole; subtype?: string } | undefined => {
    if (helixMap) {
      const mapped = helixMap[code] ?? Object.entries(helixMap).find(([k]) => k.trim().toUpperCase() === code)?.[1];
      if (mapped !== undefined) return { helix: mapped };
    }
    const entry = CORDIS_ACTIVITY_TYPES[code];
    if (!entry) return undefined;
    if (code === 'PRC') return { helix: entry.helix, subtype: sme ? 'sme' : 'company' };
    return entry.subtype !== undefined ? { helix: entry.helix, subtype: entry.subtype } : { helix: entry.helix };
  };

  // pass 1: organisations (first row wins)
  const orgs = new Map<string, OrgRecord>();
  const countries = new Map<string, number>();
  for (const row of rows) {
    const orgId = row.get('organisationID');
    const projectId = row.get('projectID');
    if (orgId === '') collector.error('missing-value', 'empty organisationID', { line: row.line, field: 'organisationID' });
    if (projectId === '') collector.error('missing-value', 'empty projectID', { line: row.line, field: 'projectID' });
    const code = row.get('activityType').toUpperCase();
    const smeText = row.get('SME');
    const sme = smeText === '' ? undefined : parseBool(smeText);
    if (smeText !== '' && sme === undefined) {
      collector.warn('bad-value', `SME: expected True or False, found '${smeText}'; ignored`, { line: row.line, field: 'SME' });
    }
    const role = roleOf(code, sme);
    if (!role) {
      const s = code === '' ? undefined : didYouMean(code, knownCodes);
      collector.error(
        'unknown-activity-type',
        code === ''
          ? `empty activityType for organisation '${orgId}'; expected one of ${knownCodes.join(', ')} (or map it with --helix-map CODE=role)`
          : `unknown activityType '${code}' for organisation '${orgId}'${s ? ` (did you mean '${s}'?)` : ''}; expected one of ${knownCodes.join(', ')} (or map it with --helix-map ${code}=role)`,
        { line: row.line, field: 'activityType' },
      );
      continue;
    }
    if (orgId === '' || projectId === '') continue;
    const c = row.get('country').toUpperCase();
    const prev = orgs.get(orgId);
    if (prev) {
      if (prev.activityType !== code || prev.country !== c) {
        const what = prev.activityType !== code ? `activityType ${code} (was ${prev.activityType})` : `country ${c} (was ${prev.country})`;
        collector.warn(
          'inconsistent-organisation',
          `organisation '${orgId}' appears with ${what} on line ${prev.line}; keeping the first`,
          { line: row.line },
        );
      }
      continue;
    }
    countries.set(c, (countries.get(c) ?? 0) + 1);
    const name = row.get('name');
    const shortName = row.get('shortName');
    const actor: Actor = { id: orgId, label: shortName || name || orgId, helix: role.helix };
    if (role.subtype !== undefined) actor.subtype = role.subtype;
    if (c !== '') actor.region = c;
    const attrs: Attributes = {};
    if (name !== '') attrs['name'] = name;
    attrs['activityType'] = code;
    if (sme !== undefined) attrs['sme'] = sme;
    const city = row.get('city');
    if (city !== '') attrs['city'] = city;
    const nuts = row.get('nutsCode');
    if (nuts !== '') attrs['nutsCode'] = nuts;
    actor.attributes = attrs;
    orgs.set(orgId, { actor, line: row.line, country: c, activityType: code, projects: new Set(), coordinations: 0, ec: 0, hasEc: false });
  }

  if (country !== undefined && country !== '' && collector.errorCount === 0 && !countries.has(country)) {
    const list = [...countries.keys()].filter((k) => k !== '').sort();
    const alias: Record<string, string> = { GR: 'EL', GB: 'UK' };
    const s = alias[country] !== undefined && countries.has(alias[country]!) ? alias[country] : didYouMean(country, list);
    collector.error(
      'no-such-country',
      `no organisation with country '${country}'${s ? ` (did you mean '${s}'?)` : ''}; countries in the file: ${list.join(', ')}`,
      { line: 1, field: '--country' },
    );
  }

  // pass 2: projects
  const projects = new Map<string, { activity: Activity; line: number; all: Set<string>; ec: number; hasEc: boolean }>();
  for (const row of rows) {
    const orgId = row.get('organisationID');
    const projectId = row.get('projectID');
    const org = orgs.get(orgId);
    if (!org || projectId === '') continue;
    let p = projects.get(projectId);
    if (!p) {
      const activity: Activity = { id: projectId, kind: 'project', participants: [] };
      const acronym = row.get('projectAcronym');
      if (acronym !== '') activity.label = acronym;
      const start = Number(row.get('startYear') || NaN);
      const end = Number(row.get('endYear') || NaN);
      if (Number.isInteger(start)) activity.year = start;
      if (Number.isInteger(end)) activity.endYear = end;
      p = { activity, line: row.line, all: new Set(), ec: 0, hasEc: false };
      projects.set(projectId, p);
    }
    p.all.add(orgId);
    if (country && org.country !== country) continue;
    const money: Partial<Record<'ecContribution' | 'netEcContribution' | 'totalCost', number>> = {};
    for (const m of ['ecContribution', 'netEcContribution', 'totalCost'] as const) {
      const raw = row.get(m);
      const v = parseMoney(raw);
      if (v === undefined) continue;
      if (Number.isNaN(v)) {
        collector.warn('bad-value', `${m}: expected an amount in EUR, found '${raw}'; ignored`, { line: row.line, field: m });
        continue;
      }
      money[m] = v;
    }
    if (!p.activity.participants.includes(orgId)) p.activity.participants.push(orgId);
    if (!org.projects.has(projectId)) org.projects.add(projectId);
    if (row.get('role').toLowerCase() === 'coordinator') {
      org.coordinations++;
      p.activity.attributes = { ...(p.activity.attributes ?? {}), coordinator: orgId };
    }
    if (money.ecContribution !== undefined) {
      org.ec += money.ecContribution;
      org.hasEc = true;
      p.ec += money.ecContribution;
      p.hasEc = true;
    }
  }

  // assemble
  const actors: Actor[] = [];
  const actorLines: number[] = [];
  for (const org of orgs.values()) {
    if (country && org.country !== country) continue;
    const a = org.actor;
    a.attributes = { ...a.attributes, projects: org.projects.size, coordinations: org.coordinations };
    if (org.hasEc) a.attributes['ecContribution'] = Math.round(org.ec * 100) / 100;
    actors.push(a);
    actorLines.push(org.line);
  }
  const activities: Activity[] = [];
  const activityLines: number[] = [];
  for (const p of projects.values()) {
    if (p.activity.participants.length === 0) continue;
    const attrs: Attributes = { participantsTotal: p.all.size };
    if (p.hasEc) attrs['ecContribution'] = Math.round(p.ec * 100) / 100;
    const coordinator = p.activity.attributes?.['coordinator'];
    if (coordinator !== undefined) attrs['coordinator'] = coordinator;
    p.activity.attributes = attrs;
    activities.push(p.activity);
    activityLines.push(p.line);
  }
  const base = file.name.replace(/\\/g, '/').split('/').pop() ?? file.name;
  const doc: NetworkDocument = {
    format: 'helixlab',
    version: 1,
    name: `CORDIS ${base}${country ? ` (${country})` : ''}`,
    description:
      `Organisations and the projects they share, imported from the CORDIS file ${base}` +
      `${country ? `, organisations of country ${country} only` : ''}: ${actors.length} organisations, ${activities.length} projects.`,
    source: CORDIS_SOURCE,
    actors,
    ties: [],
    activities,
  };
  const actorColumn: Record<string, string> = { id: 'organisationID', label: 'shortName', helix: 'activityType', region: 'country' };
  const locate: Locator = (kind, i, field) => {
    if (kind === 'actor') {
      return actorLines[i] !== undefined ? { line: actorLines[i]!, field: actorColumn[field ?? 'id'] ?? field ?? 'organisationID' } : {};
    }
    if (kind === 'activity') {
      const f =
        field === undefined || field === 'id'
          ? 'projectID'
          : field === 'label'
            ? 'projectAcronym'
            : field.startsWith('participants')
              ? 'organisationID'
              : field;
      return activityLines[i] !== undefined ? { line: activityLines[i]!, field: f } : {};
    }
    return {};
  };
  const network = finishDocument(doc, collector, locate);
  return { network, warnings: collector.warnings, format: 'cordis' };
}
