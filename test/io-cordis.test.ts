/**
 * CORDIS importer: hand-made organization.csv fixtures (made up, not CORDIS data) in the comma and
 * semicolon variants with a byte order mark and decimal commas, values computed by hand; the CSV
 * splitter against csv-parse; bad files; and, when ../shared is present, the real sample
 * (1,819 organisations) and the participations table (README: FI gives 503 organisations with a
 * tie and 1,473 ties).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse as csvParse } from 'csv-parse/sync';
import { CORDIS_SOURCE, detectSeparator, parseCordis, parseMoney, readCsvRecords } from '../src/io/cordis.js';
import { InputError, type Diagnostic } from '../src/model/errors.js';
import { networkToDocument, toSimpleGraph } from '../src/model/network.js';

const root = process.cwd();
const foreign = (name: string) => ({ name, text: readFileSync(join(root, 'test/fixtures/foreign', name), 'utf8') });
const bad = (name: string) => ({ name, text: readFileSync(join(root, 'test/fixtures/bad', name), 'utf8') });
const shared = join(root, '..', 'shared', 'data', 'cordis-h2020');
const sample = join(shared, 'organization-sample.csv');
const participations = join(shared, 'participations.csv.gz');

function diagnosticsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('money, separators and the CSV splitter', () => {
  it('reads decimal commas and points, thousands separators, and no-value markers', () => {
    expect(parseMoney('771225,1')).toBe(771225.1);
    expect(parseMoney('1788682.0')).toBe(1788682);
    expect(parseMoney('1.045.000,25')).toBe(1045000.25);
    expect(parseMoney('1,045,000.25')).toBe(1045000.25);
    expect(parseMoney('1 234,5')).toBe(1234.5);
    expect(parseMoney('12')).toBe(12);
    expect(parseMoney('')).toBeUndefined();
    expect(parseMoney('NA')).toBeUndefined();
    expect(parseMoney('lots')).toBeNaN();
  });

  it('tells the separator from the header line (quotes respected)', () => {
    expect(detectSeparator('"a";"b";"c,d"')).toBe(';');
    expect(detectSeparator('"a","b;c","d"')).toBe(',');
    expect(detectSeparator('a\tb\tc')).toBe('\t');
  });

  it('splits records exactly as csv-parse does, with the line each record starts on', () => {
    for (const [name, sep] of [
      ['cordis-comma.csv', ','],
      ['cordis-semicolon.csv', ';'],
    ] as const) {
      const text = foreign(name).text.replace(/^\uFEFF/, '');
      const mine = readCsvRecords(text, sep);
      expect(mine.error).toBeUndefined();
      expect(mine.records).toEqual(csvParse(text, { delimiter: sep, relax_column_count: true, skip_empty_lines: true }));
      expect(mine.lines).toEqual(mine.records.map((_r, i) => i + 1));
    }
    const multi = readCsvRecords('a,b\n"x\ny",1\n\n"q""r",2', ',');
    expect(multi.records).toEqual([
      ['a', 'b'],
      ['x\ny', '1'],
      ['q"r', '2'],
    ]);
    expect(multi.lines).toEqual([1, 2, 5]);
  });
});

describe('CORDIS organization.csv (hand-made fixture)', () => {
  const comma = parseCordis(foreign('cordis-comma.csv'));
  const semi = parseCordis(foreign('cordis-semicolon.csv'));

  it('organisations become actors with helix, subtype, label, region and attributes', () => {
    const g = comma.network.graph;
    expect(g.order).toBe(6);
    expect(g.getNodeAttributes('910001')).toMatchObject({
      label: 'KIDE',
      helix: 'industry',
      subtype: 'sme',
      region: 'FI',
      name: 'Kide Energy Oy',
      activityType: 'PRC',
      sme: true,
      city: 'Lakeside',
      nutsCode: 'FI1C1',
      projects: 2,
      coordinations: 1,
      ecContribution: 300000.5,
    });
    expect(g.getNodeAttributes('930001')).toMatchObject({
      helix: 'industry',
      subtype: 'company',
      sme: false,
      projects: 2,
      coordinations: 1,
      ecContribution: 135000.25,
    });
    expect(g.getNodeAttributes('910002')).toMatchObject({
      label: 'Lakeside University',
      helix: 'research-education',
      subtype: 'higher-education',
      ecContribution: 180000,
    });
    expect(g.getNodeAttributes('920001')).toMatchObject({ helix: 'research-education', subtype: 'research-institute', region: 'SE' });
    expect(g.getNodeAttributes('910003')).toMatchObject({ helix: 'public', ecContribution: 20000.75 });
    expect(g.getNodeAttribute('910003', 'subtype')).toBeUndefined();
    expect(g.getNodeAttribute('910003', 'sme')).toBeUndefined();
    expect(g.getNodeAttributes('910004')).toMatchObject({ helix: 'civil-society', label: 'MAKERS' });
    expect(comma.network.source).toBe(CORDIS_SOURCE);
    expect(comma.warnings).toEqual([]);
  });

  it('projects become activities; ties = shared projects (hand-computed weights)', () => {
    const acts = comma.network.activities;
    expect(acts.map((a) => [a.id, a.label, a.kind, a.participants])).toEqual([
      ['5001', 'NORDGRID', 'project', ['910001', '910002', '920001', '930001']],
      ['5002', 'COASTAL', 'project', ['910001', '910003', '910004', '920001']],
      ['5003', 'SOLO', 'project', ['930001', '910002']],
    ]);
    expect(acts[0]!.attributes).toEqual({ participantsTotal: 4, ecContribution: 670000.5, coordinator: '910001' });
    const s = toSimpleGraph(comma.network);
    expect(s.size).toBe(11); // 6 + 6 pairs, (910001, 920001) shared; SOLO's pair repeats a NORDGRID pair
    expect(s.getEdgeAttribute(s.edge('910001', '920001')!, 'weight')).toBe(2);
    expect(s.getEdgeAttribute(s.edge('910002', '930001')!, 'weight')).toBe(2);
    expect(s.getEdgeAttribute(s.edge('910003', '910004')!, 'weight')).toBe(1);
  });

  it('the semicolon variant (CRLF, unquoted decimal commas, BOM) gives the same network', () => {
    const a = networkToDocument(comma.network);
    const b = networkToDocument(semi.network);
    expect({ ...b, name: '', description: '' }).toEqual({ ...a, name: '', description: '' });
  });

  it('--country keeps only that country and the co-participations among its organisations', () => {
    const fi = parseCordis(foreign('cordis-comma.csv'), { country: 'fi' });
    const g = fi.network.graph;
    expect(g.nodes().sort()).toEqual(['910001', '910002', '910003', '910004']);
    expect(fi.network.activities.map((a) => [a.id, a.participants, a.attributes?.['participantsTotal']])).toEqual([
      ['5001', ['910001', '910002'], 4],
      ['5002', ['910001', '910003', '910004'], 4],
      ['5003', ['910002'], 2],
    ]);
    expect(toSimpleGraph(fi.network).size).toBe(4);
    expect(g.getNodeAttribute('910001', 'ecContribution')).toBe(300000.5);
    expect(fi.network.name).toContain('(FI)');
  });

  it('--helix-map overrides the activityType table', () => {
    const r = parseCordis(foreign('cordis-comma.csv'), { helixMap: { OTH: 'public' } });
    expect(r.network.graph.getNodeAttribute('910004', 'helix')).toBe('public');
    expect(r.network.graph.getNodeAttribute('910001', 'helix')).toBe('industry');
  });

  it('an unknown country is an error listing the countries, with GR → EL', () => {
    const d = diagnosticsOf(() => parseCordis(foreign('cordis-comma.csv'), { country: 'GR' }));
    expect(d.map((x) => x.code)).toEqual(['no-such-country']);
    expect(d[0]!.message).toContain('countries in the file: DE, FI, SE');
    const d2 = diagnosticsOf(() => parseCordis(foreign('cordis-comma.csv'), { country: 'FJ' }));
    expect(d2[0]!.message).toContain("did you mean 'FI'?");
  });
});

describe('bad CORDIS files', () => {
  it('missing required columns are named, with did-you-mean', () => {
    const d = diagnosticsOf(() => parseCordis(bad('cordis-missing-columns.csv')));
    expect(d.map((x) => [x.code, x.line])).toEqual([['missing-column', 1]]);
    expect(d[0]!.message).toContain('missing CORDIS column(s): activityType');
    expect(d[0]!.message).toContain("'activity_type' for 'activityType'");
  });

  it('unknown and empty activityType: one error per row with its line; a bad amount is a warning', () => {
    const d = diagnosticsOf(() => parseCordis(bad('cordis-unknown-type.csv')));
    expect(d.map((x) => [x.severity, x.code, x.line, x.field])).toEqual([
      ['error', 'unknown-activity-type', 3, 'activityType'],
      ['error', 'unknown-activity-type', 4, 'activityType'],
      ['warning', 'bad-value', 5, 'ecContribution'],
    ]);
    expect(d[0]!.message).toContain("unknown activityType 'PRV'");
    expect(d[0]!.message).toContain("did you mean 'PRC'?");
    expect(d[1]!.message).toContain('empty activityType');
  });

  it('an unclosed quote: line and column where it opens', () => {
    const d = diagnosticsOf(() => parseCordis(bad('cordis-unclosed-quote.csv')));
    expect(d.map((x) => [x.code, x.line, x.column])).toEqual([['csv-syntax', 2, 19]]);
  });

  it('a row with too many fields (an unquoted decimal comma)', () => {
    const d = diagnosticsOf(() => parseCordis(bad('cordis-field-count.csv')));
    expect(d.map((x) => [x.code, x.line])).toEqual([['column-count', 3]]);
    expect(d[0]!.message).toContain('decimal comma');
  });
});

describe('real CORDIS data (only when ../shared is present)', () => {
  it.skipIf(!existsSync(sample))('organization-sample.csv: 1,819 organisations, 336 projects; FI keeps only FI', () => {
    const text = readFileSync(sample, 'utf8');
    const all = parseCordis({ name: 'organization-sample.csv', text });
    expect(all.network.graph.order).toBe(1819);
    expect(all.network.activities).toHaveLength(336);
    const fi = parseCordis({ name: 'organization-sample.csv', text }, { country: 'FI' });
    const regions = new Set(fi.network.graph.mapNodes((_id, a) => a.region));
    expect([...regions]).toEqual(['FI']);
    expect(fi.network.graph.order).toBe(38);
    expect(fi.network.activities.every((a) => a.participants.every((p) => fi.network.graph.hasNode(p)))).toBe(true);
  });

  it.skipIf(!existsSync(participations))('participations.csv.gz, FI: 503 organisations with a tie, 1,473 ties (README)', () => {
    const text = gunzipSync(readFileSync(participations)).toString('utf8');
    const fi = parseCordis({ name: 'participations.csv', text }, { country: 'FI' });
    const s = toSimpleGraph(fi.network);
    let withTie = 0;
    s.forEachNode((n) => {
      if (s.degree(n) > 0) withTie++;
    });
    expect(withTie).toBe(503);
    expect(s.size).toBe(1473);
    expect(fi.network.activities.every((a) => typeof a.year === 'number')).toBe(true);
  });
});
