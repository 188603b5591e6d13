/**
 * Tie dynamics after a first joint project (src/metrics/tie-dynamics.ts), the CORDIS projects
 * reader (src/io/cordis-projects.ts) and the renderers (src/report/tie-dynamics.ts): hand-made
 * records and a hand-made participations table (test/fixtures/cordis-dynamics/participations-tiny.csv,
 * made up, not CORDIS data) with answers worked out by hand in the comments; and, when
 * ../shared is present, the README's figures on the real H2020 participations table.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPairRecords, tieDynamics, tieDynamicsOfProjects, type JointProjectRecord } from '../src/metrics/tie-dynamics.js';
import { parseCordisProjects } from '../src/io/cordis-projects.js';
import { renderTieDynamicsCsv, renderTieDynamicsJson, renderTieDynamicsMarkdown } from '../src/report/tie-dynamics.js';
import { dateOfDecimalYear, decimalYear, decimalYearEndOfDay } from '../src/util/dates.js';
import { InputError } from '../src/model/errors.js';
import { cordisTieDynamics } from '../src/node/cordis-dynamics.js';
import { readInputFiles } from '../src/node/files.js';
import { createRng } from '../src/util/rng.js';

const root = process.cwd();
const tiny = join(root, 'test/fixtures/cordis-dynamics/participations-tiny.csv');
const participations = join(root, '..', 'shared', 'data', 'cordis-h2020', 'participations.csv.gz');

const rec = (a: string, b: string, start: number, end: number, size: number): JointProjectRecord => ({ a, b, start, end, size });

describe('tie dynamics on hand-made records', () => {
  // pair AB: first 2014.0–2017.0, next starts 2016.5 < 2017 → overlap
  // pair AC: one project → not again
  // pair BC: first 2014.0–2017.0, next starts exactly 2017.0 → after (next.start >= first.end)
  // pair DE: first in 2013 → outside the window 2014–2016
  // pair FG: two projects start 2015.5; the first is the one ending first (2016.0, size 12), the next starts the same day → overlap
  // pair HI: its only joint project has 50 participants → gone with maxSize 40
  const records = [
    rec('A', 'B', 2014, 2017, 3),
    rec('A', 'C', 2014, 2017, 3),
    rec('B', 'C', 2014, 2017, 3),
    rec('B', 'A', 2016.5, 2019, 8),
    rec('C', 'B', 2017, 2018, 2),
    rec('D', 'E', 2013, 2015, 4),
    rec('D', 'E', 2015, 2016, 4),
    rec('F', 'G', 2015.5, 2018, 30),
    rec('F', 'G', 2015.5, 2016, 12),
    rec('H', 'I', 2016.2, 2018, 50),
  ];

  it('counts pairs, again, overlap and after; shares; size bins; start years; censoring', () => {
    const r = tieDynamics(records, { from: 2014, to: 2016, observedUntil: 2017.5 });
    expect(r.total).toMatchObject({ pairs: 5, again: 3, overlap: 2, after: 1 });
    expect(r.total.shareAgain).toBe(0.6);
    expect(r.total.shareOverlap).toBe(0.4);
    expect(r.total.shareAfter).toBeCloseTo(0.2, 15);
    expect(r.pairsAll).toBe(6);
    expect(r.records).toBe(10);
    expect(r.recordsKept).toBe(10);
    // sizes of the first projects: AB, AC, BC 3; FG 12; HI 50
    expect(r.bySize.map((b) => [b.label, b.pairs, b.again, b.overlap, b.after])).toEqual([
      ['2-5', 3, 2, 1, 1],
      ['6-10', 0, 0, 0, 0],
      ['11-20', 1, 1, 1, 0],
      ['21-40', 0, 0, 0, 0],
      ['>40', 1, 0, 0, 0],
    ]);
    expect(r.bySize[1]!.shareAgain).toBeNaN();
    expect(
      r.byStartYear.map((y) => [y.year, y.pairs, y.again, y.overlap, y.after, y.followUpMin, y.followUpMax, y.firstStillRunning]),
    ).toEqual([
      [2014, 3, 2, 1, 1, 2.5, 3.5, 0],
      [2015, 1, 1, 1, 0, 1.5, 2.5, 0],
      [2016, 1, 0, 0, 0, 0.5, 1.5, 1], // HI's project runs to 2018, past 2017.5
    ]);
  });

  it('leaves out large projects first (maxSize), and the result does not depend on the order of the records', () => {
    const r = tieDynamics(records, { from: 2014, to: 2016, maxSize: 40 });
    expect(r.total).toMatchObject({ pairs: 4, again: 3, overlap: 2, after: 1 });
    expect(r.recordsKept).toBe(9);
    expect(r.bySize.map((b) => b.label)).toEqual(['2-5', '6-10', '11-20', '21-40']);
    expect(r.observedUntil).toBe(2017); // the latest start (C–B), before the size filter
    const shuffled = createRng('shuffle').shuffle([...records]);
    expect(tieDynamics(shuffled, { from: 2014, to: 2016, maxSize: 40 })).toEqual(r);
    const swapped = records.map((x) => ({ ...x, a: x.b, b: x.a }));
    expect(tieDynamics(swapped, { from: 2014, to: 2016, maxSize: 40 })).toEqual(r);
  });

  it('custom bins; projects to records; numeric and text ids are the same organisation', () => {
    const r = tieDynamics(records, { from: 2014, to: 2016, sizeBins: [3, 20] });
    expect(r.bySize.map((b) => [b.label, b.pairs])).toEqual([
      ['2-3', 3],
      ['4-20', 1],
      ['>20', 1],
    ]);
    const recs = [...projectPairRecords([{ id: 1, start: 2015, end: 2016, participants: [1, '2', 3, '1'] }])];
    expect(recs).toEqual([
      { a: '1', b: '2', start: 2015, end: 2016, size: 3 },
      { a: '1', b: '3', start: 2015, end: 2016, size: 3 },
      { a: '2', b: '3', start: 2015, end: 2016, size: 3 },
    ]);
    expect(() => tieDynamics(records, { from: 2016, to: 2014 })).toThrow(/window 2016–2014 is empty/);
  });
});

describe('CORDIS projects: dates, end of day, bad rows', () => {
  it('decimal years: start of a day, end of a day equals the start of the next', () => {
    expect(decimalYear('2016-01-01')).toBe(2016);
    expect(decimalYear('2016-07-01')).toBe(2016 + 182 / 366);
    expect(decimalYearEndOfDay('2016-12-31')).toBe(2017);
    expect(decimalYearEndOfDay('2016-02-29')).toBe(decimalYear('2016-03-01'));
    expect(decimalYear('2015-02-29')).toBeNaN();
    expect(decimalYear('NA')).toBeNaN();
    expect(dateOfDecimalYear(decimalYear('2020-10-15'))).toBe('2020-10-15');
  });

  it('reads the tiny table: projects, participants once each, NA dates left out', () => {
    const p = parseCordisProjects({ name: 'tiny.csv', text: readFileSync(tiny, 'utf8') });
    expect(p.rows).toBe(18);
    expect(p.projects.map((x) => [x.id, x.participants.length])).toEqual([
      ['1', 3],
      ['2', 2],
      ['3', 2],
      ['4', 2],
      ['5', 3],
      ['6', 2], // E is listed twice
    ]);
    expect(p.skipped).toBe(2);
    expect(p.skippedWithPairs).toBe(1); // project 8 has one organisation: counted, no warning
    expect(p.warnings.map((w) => `${w.line}: ${w.message}`)).toEqual([
      "17: project 7 (2 organisations) is left out: no valid end (date: 'NA')",
    ]);
    expect(p.latestStart).toBe('2016-03-01');
    expect(p.resolution).toBe('dates');
  });

  it('measures the tiny table as worked out by hand (on the last day = overlap, the day after = after)', () => {
    // AB: project 1 ends 2016-02-29, project 2 starts that day → overlap; AC: once; BC: project 3 starts
    // 2016-03-01 → after; DE: first in 2013 → outside; DF: once (2015); EF: projects 5 and 6 both start
    // 2015-01-01, the first is 6 (ends first) and 5 starts the same day → overlap
    const m = cordisTieDynamics(tiny, { from: 2014, to: 2016 });
    const r = m.result;
    expect(r.total).toMatchObject({ pairs: 5, again: 3, overlap: 2, after: 1 });
    expect(r.pairsAll).toBe(6);
    expect(r.records).toBe(10);
    // observation ends with the day of the latest start (2016-03-01)
    expect(r.observedUntil).toBe(decimalYearEndOfDay('2016-03-01'));
    expect(r.byStartYear.map((y) => [y.year, y.pairs, y.again, y.overlap, y.firstStillRunning])).toEqual([
      [2014, 3, 2, 1, 0],
      [2015, 2, 1, 1, 1], // DF's only project (5) runs to the end of 2016
      [2016, 0, 0, 0, 0],
    ]);
    const two = tieDynamics(projectPairRecords(parseCordisProjects({ name: 't', text: readFileSync(tiny, 'utf8') }).projects), {
      from: 2014,
      to: 2016,
      sizeBins: [2, 5],
    });
    expect(two.bySize.map((b) => [b.label, b.pairs, b.again, b.overlap, b.after])).toEqual([
      ['2', 1, 1, 1, 0], // EF, first project 6 (2 organisations)
      ['3-5', 4, 2, 1, 1],
      ['>5', 0, 0, 0, 0],
    ]);
    // the projects path and the record path agree
    const parsed = parseCordisProjects({ name: 't', text: readFileSync(tiny, 'utf8') }).projects;
    for (const o of [
      { from: 2014, to: 2016 },
      { from: 2013, to: 2015, maxSize: 2, sizeBins: [2] },
    ]) {
      expect(tieDynamicsOfProjects(parsed, o)).toEqual(tieDynamics(projectPairRecords(parsed), o));
    }
    const small = cordisTieDynamics(tiny, { from: 2014, to: 2016, maxSize: 2 }).result;
    // without the 3-organisation projects 1 and 5: AB (2016), BC (2016), EF (2015), each once
    expect(small.total).toMatchObject({ pairs: 3, again: 0 });
  });

  it('year columns only: a project runs from the start of its first year to the end of its last', () => {
    const text = 'rcn,pic,start_year,end_year\n1,A,2014,2015\n1,B,2014,2015\n2,A,2016,2017\n2,B,2016,2017\n';
    const p = parseCordisProjects({ name: 'y.csv', text });
    expect(p.resolution).toBe('years');
    expect(p.projects[0]).toMatchObject({ start: 2014, end: 2016 });
    // project 2 starts when project 1 is over (2016 ≥ 2016) → after
    expect(tieDynamics(projectPairRecords(p.projects), { from: 2014, to: 2014 }).total).toMatchObject({ pairs: 1, again: 1, after: 1 });
  });

  it('errors name the file, line and what is missing; organization.csv gets a hint', () => {
    const diag = (text: string) => {
      try {
        parseCordisProjects({ name: 'x.csv', text });
      } catch (e) {
        if (e instanceof InputError) return e.diagnostics.map((d) => `${d.line}: ${d.message}`);
        throw e;
      }
      return [];
    };
    expect(diag('projectID,organisationID,activityType,name\n1,2,PRC,x\n')).toEqual([
      "1: missing column(s): startDate and endDate (or start_date and end_date, or start_year and end_year) (found: projectID, organisationID, activityType, name); this looks like CORDIS organization.csv, which has no project dates: use the participations table, or join project.csv's startDate and endDate",
    ]);
    expect(diag('rcn,pik,start_date,end_date\n')[0]).toBe(
      "1: missing column(s): organisationID (or pic) (found: rcn, pik, start_date, end_date); did you mean 'pik' for 'pic'?",
    );
    expect(diag('rcn,pic,start_date,end_date\n1,A,2014-01-01\n')).toEqual(['2: row has 3 fields, the header has 4']);
    expect(diag('')).toEqual(['1: empty file: expected a CSV table of CORDIS participations with a header line']);
  });

  it('renders Markdown, JSON and CSV', () => {
    const r = cordisTieDynamics(tiny, { from: 2014, to: 2016 }).result;
    const md = renderTieDynamicsMarkdown(r, { source: 'Source: CORDIS, European Union', input: 'tiny.csv' });
    expect(md).toContain(
      'Organisation pairs whose first joint project started in 2014–2016, counting all projects: 5 pairs. 60.0% of them had another joint project; ' +
        'for 40.0% the next one started before the first had ended (overlap); 20.0% collaborated again only after the first was over.',
    );
    expect(md).toContain('| 2014 | 3 | 66.7% | 33.3% | 33.3% |');
    expect(md).toContain('Input: tiny.csv (Source: CORDIS, European Union, CC BY 4.0).');
    const json = JSON.parse(renderTieDynamicsJson(r, { formatTime: (t) => dateOfDecimalYear(t) })) as Record<string, unknown>;
    expect(json.format).toBe('helixlab-tie-dynamics/1');
    expect((json.total as { pairs: number }).pairs).toBe(5);
    expect((json.bySize as Array<{ max: number | null }>).at(-1)!.max).toBeNull();
    expect(json.observedUntilText).toBe('2016-03-02');
    const csv = renderTieDynamicsCsv(r).trim().split('\n');
    expect(csv[0]).toBe(
      'group,key,pairs,again,overlap,after,share_again,share_overlap,share_after,follow_up_min,follow_up_max,first_still_running',
    );
    expect(csv[1]).toBe('all,2014-2016,5,3,2,1,0.6,0.4,0.2,,,');
    expect(csv.filter((l) => l.startsWith('size,'))).toHaveLength(5);
    expect(csv.at(-1)).toMatch(/^start-year,2016,0,0,0,0,,,,0,/);
  });
});

describe.skipIf(!existsSync(participations))('the real H2020 participations table (../shared; skipped without it)', () => {
  it("reproduces the README's figures: 236,726 pairs, 23.2 / 17.1 / 6.1 % (≤ 40 participants); 286,754, 28.6 / 19.5 / 9.1 % (all)", () => {
    // read and parse once, measure twice
    const file = readInputFiles(participations).files[0]!;
    const projects = parseCordisProjects(file).projects;
    const cappedResult = tieDynamicsOfProjects(projects, { from: 2014, to: 2016, maxSize: 40 });
    const capped = cappedResult.total;
    expect(capped.pairs).toBe(236_726);
    expect(capped.shareAgain * 100).toBeCloseTo(23.2, 1);
    expect(capped.shareOverlap * 100).toBeCloseTo(17.1, 1);
    expect(capped.shareAfter * 100).toBeCloseTo(6.1, 1);
    const all = tieDynamicsOfProjects(projects, { from: 2014, to: 2016 }).total;
    // the record path gives the same (here on one start year, to keep the test quick)
    expect(tieDynamics(projectPairRecords(projects), { from: 2015, to: 2015, maxSize: 40 }).byStartYear[0]).toEqual(
      cappedResult.byStartYear[1],
    );
    expect(all.pairs).toBe(286_754);
    expect(all.shareAgain * 100).toBeCloseTo(28.6, 1);
    expect(all.shareOverlap * 100).toBeCloseTo(19.5, 1);
    expect(all.shareAfter * 100).toBeCloseTo(9.1, 1);
  });
});
