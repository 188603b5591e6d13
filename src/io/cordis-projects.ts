/**
 * CORDIS projects with their dates and participants, for the tie dynamics measure
 * (src/metrics/tie-dynamics.ts): CSV text in, one {@link CordisProject} per project out
 * (browser-safe; the Node layer reads and decompresses the file).
 *
 * Columns (matched ignoring case; the first name found is used):
 * - project: `projectID` or `rcn`; organisation: `organisationID` or `pic` (required);
 * - start: `startDate` or `start_date` (`YYYY-MM-DD`), else `startYear` or `start_year`;
 * - end: `endDate` or `end_date`, else `endYear` or `end_year` (required: a date or a year column).
 * The derived H2020 participations table (`rcn`, `pic`, `start_date`, `end_date`, …) has them all;
 * CORDIS's own `organization.csv` has no project dates (join `startDate` and `endDate` from
 * `project.csv` first).
 *
 * Times are decimal years: a start date is the start of that day, an end date the end of that
 * day (its last instant: the start of the next day), so "started before the first project had
 * ended" means on or before its last day. With year columns only, a project runs from the start of
 * its start year to the end of its end year.
 *
 * A project's dates come from its first row; a later row with other dates gets a warning. A project
 * without a valid start or end (`NA`, empty, not a date, end before start) is left out — with a
 * warning when it has two or more organisations (up to 20, then a count); one of a single
 * organisation has no pairs and is only counted. An organisation listed twice in a project counts once;
 * the consortium size is the number of distinct organisations in the file.
 */
import { DiagnosticCollector, didYouMean, type Diagnostic } from '../model/errors.js';
import { decimalYear, decimalYearEndOfDay } from '../util/dates.js';
import { detectSeparator, readCsvRecords } from './cordis.js';
import type { InputFile } from './formats.js';

/** A project with its times (decimal years) and distinct participants (the shape of `JointProject` in src/metrics/tie-dynamics.ts). */
export interface CordisProject {
  id: string;
  start: number;
  end: number;
  participants: string[];
}

/** What {@link parseCordisProjects} returns. */
export interface CordisProjects {
  projects: CordisProject[];
  /** Data rows read. */
  rows: number;
  /** Projects left out for want of valid dates. */
  skipped: number;
  /** Of those, projects of two or more organisations (the others have no pairs: leaving them out changes nothing). */
  skippedWithPairs: number;
  /** The latest project start (`YYYY-MM-DD`, or the year with year columns only); '' when none. */
  latestStart: string;
  warnings: Diagnostic[];
  /** How times were read: 'dates' or 'years'. */
  resolution: 'dates' | 'years';
}

const COLUMNS = {
  project: ['projectID', 'rcn'],
  organisation: ['organisationID', 'pic'],
  startDate: ['startDate', 'start_date'],
  endDate: ['endDate', 'end_date'],
  startYear: ['startYear', 'start_year'],
  endYear: ['endYear', 'end_year'],
} as const;

const MAX_PROJECT_WARNINGS = 20;

/** Read projects, their dates and participants from CORDIS CSV text (see the module doc). */
export function parseCordisProjects(file: InputFile): CordisProjects {
  const dc = new DiagnosticCollector(file.name);
  const text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  if (text.trim() === '') {
    dc.error('empty-file', 'empty file: expected a CSV table of CORDIS participations with a header line', { line: 1 });
    dc.throwIfErrors();
  }
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const parsed = readCsvRecords(text, detectSeparator(headerLine));
  if (parsed.error) {
    dc.error('csv-syntax', `CSV syntax error: ${parsed.error.message}`, { line: parsed.error.line, column: parsed.error.column });
    dc.throwIfErrors();
  }
  const header = (parsed.records[0] ?? []).map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(h.toLowerCase())) index.set(h.toLowerCase(), i);
  });
  const find = (names: readonly string[]): number | undefined => {
    for (const n of names) {
      const i = index.get(n.toLowerCase());
      if (i !== undefined) return i;
    }
    return undefined;
  };
  const cProject = find(COLUMNS.project);
  const cOrg = find(COLUMNS.organisation);
  const cStartDate = find(COLUMNS.startDate);
  const cEndDate = find(COLUMNS.endDate);
  const cStartYear = find(COLUMNS.startYear);
  const cEndYear = find(COLUMNS.endYear);
  const useDates = cStartDate !== undefined && cEndDate !== undefined;
  const useYears = !useDates && cStartYear !== undefined && cEndYear !== undefined;
  const missing: string[] = [];
  if (cProject === undefined) missing.push('projectID (or rcn)');
  if (cOrg === undefined) missing.push('organisationID (or pic)');
  if (!useDates && !useYears) missing.push('startDate and endDate (or start_date and end_date, or start_year and end_year)');
  if (missing.length > 0) {
    const hints = header
      .map((h) => {
        const all = Object.values(COLUMNS).flat();
        const s = didYouMean(h, all);
        return s && s.toLowerCase() !== h.toLowerCase() ? `'${h}' for '${s}'?` : undefined;
      })
      .filter((x) => x !== undefined);
    const organisationCsv = index.has('activitytype') && !useDates && !useYears;
    dc.error(
      'missing-column',
      `missing column(s): ${missing.join('; ')} (found: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', ...' : ''})` +
        (hints.length ? `; did you mean ${hints.join(' ')}` : '') +
        (organisationCsv
          ? "; this looks like CORDIS organization.csv, which has no project dates: use the participations table, or join project.csv's startDate and endDate"
          : ''),
      { line: 1 },
    );
    dc.throwIfErrors();
  }

  interface Building {
    start: number;
    end: number;
    startText: string;
    endText: string;
    line: number;
    participants: Set<string>;
    bad?: string;
  }
  const byId = new Map<string, Building>();
  const warnings: Diagnostic[] = [];
  let dateWarnings = 0;
  let rows = 0;
  for (let r = 1; r < parsed.records.length; r++) {
    const rec = parsed.records[r]!;
    const line = parsed.lines[r]!;
    if (rec.length !== header.length) {
      dc.error('column-count', `row has ${rec.length} fields, the header has ${header.length}`, { line });
      continue;
    }
    rows++;
    const get = (c: number | undefined) => (c === undefined ? '' : (rec[c] ?? '').trim());
    const pid = get(cProject);
    const org = get(cOrg);
    if (pid === '' || org === '') {
      dc.error('missing-value', `empty ${pid === '' ? 'project' : 'organisation'} id`, {
        line,
        field: pid === '' ? header[cProject!]! : header[cOrg!]!,
      });
      continue;
    }
    const startText = useDates ? get(cStartDate) : get(cStartYear);
    const endText = useDates ? get(cEndDate) : get(cEndYear);
    let b = byId.get(pid);
    if (!b) {
      let start: number;
      let end: number;
      if (useDates) {
        start = decimalYear(startText);
        end = decimalYearEndOfDay(endText);
      } else {
        start = /^\d{4}$/.test(startText) ? Number(startText) : NaN;
        end = /^\d{4}$/.test(endText) ? Number(endText) + 1 : NaN;
      }
      b = { start, end, startText, endText, line, participants: new Set() };
      if (Number.isNaN(start) || Number.isNaN(end))
        b.bad = `no valid ${Number.isNaN(start) ? 'start' : 'end'} (${useDates ? 'date' : 'year'}: '${Number.isNaN(start) ? startText : endText}')`;
      else if (end <= start) b.bad = `it ends (${endText}) before it starts (${startText})`;
      byId.set(pid, b);
    } else if ((b.startText !== startText || b.endText !== endText) && dateWarnings < MAX_PROJECT_WARNINGS) {
      dateWarnings++;
      warnings.push({
        severity: 'warning',
        code: 'inconsistent-dates',
        file: file.name,
        line,
        message: `project ${pid} has other dates here (${startText} – ${endText}) than on line ${b.line} (${b.startText} – ${b.endText}); the first are used`,
      });
    }
    b.participants.add(org);
  }
  dc.throwIfErrors();
  const projects: CordisProject[] = [];
  let skipped = 0;
  let latest = -Infinity;
  let latestText = '';
  let skippedWithPairs = 0;
  for (const [pid, b] of byId) {
    if (b.bad !== undefined) {
      skipped++;
      // a project of one organisation has no pairs: leaving it out changes nothing, so it is only counted
      if (b.participants.size >= 2 && ++skippedWithPairs <= MAX_PROJECT_WARNINGS) {
        warnings.push({
          severity: 'warning',
          code: 'no-dates',
          file: file.name,
          line: b.line,
          message: `project ${pid} (${b.participants.size} organisations) is left out: ${b.bad}`,
        });
      }
      continue;
    }
    if (b.start > latest) {
      latest = b.start;
      latestText = b.startText;
    }
    projects.push({ id: pid, start: b.start, end: b.end, participants: [...b.participants] });
  }
  if (skippedWithPairs > MAX_PROJECT_WARNINGS) {
    warnings.push({
      severity: 'warning',
      code: 'no-dates',
      file: file.name,
      message: `${skippedWithPairs - MAX_PROJECT_WARNINGS} more projects of two or more organisations are left out for want of valid dates`,
    });
  }
  return { projects, rows, skipped, skippedWithPairs, latestStart: latestText, warnings, resolution: useDates ? 'dates' : 'years' };
}
