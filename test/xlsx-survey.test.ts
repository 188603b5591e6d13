/**
 * Excel in and out (workbooks as networks, tables written as sheets, byte-stable output), member-survey
 * rosters (matching free-text names, reciprocity, the suggestions file and aliases, CSV and Excel), and
 * the bundled samples (`helixlab samples`).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readNetworkFiles } from '../src/node/files.js';
import { networkSheets, readNetworkFilesAsync, readWorkbook, workbookBytes } from '../src/node/xlsx.js';
import { parseWorkbookNetwork, cellRef, columnLetters, parseSheetsSpec } from '../src/io/sheets.js';
import { networkToDocument, networkFromDocument } from '../src/model/network.js';
import { canonicalDocument } from '../src/io/json.js';
import { aliasesFromTable, matchRoster, nameKey, rosterDiagnostics } from '../src/io/survey.js';
import { csvRowTable } from '../src/io/csv.js';
import { DiagnosticCollector, InputError } from '../src/model/errors.js';
import { bundledSamples, copySamples } from '../src/node/bundled.js';
import { runCli } from './helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'helixlab-xlsx-'));
const body = (net: Parameters<typeof networkToDocument>[0]) => {
  const d = canonicalDocument(networkToDocument(net));
  return { actors: d.actors, ties: d.ties, activities: d.activities };
};

describe('Excel workbooks', () => {
  it('a network → sheets nodes, edges, affiliations → the same network; the same bytes every time', async () => {
    const net = readNetworkFiles(['data/tiny.json']).network;
    const bytes = await workbookBytes(networkSheets(net));
    expect(Buffer.from(await workbookBytes(networkSheets(net))).equals(Buffer.from(bytes))).toBe(true);
    const { book, problems } = await readWorkbook('tiny.xlsx', bytes);
    expect(problems).toEqual([]);
    expect(book.sheets.map((s) => s.name)).toEqual(['nodes', 'edges', 'affiliations']);
    expect(body(parseWorkbookNetwork(book).network)).toEqual(body(net));
  });

  it('the committed Excel samples are what scripts/make-xlsx-samples.mjs makes', async () => {
    const net = readNetworkFiles(['data/tiny.json']).network;
    expect(Buffer.from(await workbookBytes(networkSheets(net))).equals(readFileSync('data/tiny.xlsx'))).toBe(true);
    const c = new DiagnosticCollector('r');
    const roster = csvRowTable({ name: 'r', text: readFileSync('data/survey-tiny-2024.csv', 'utf8') }, c)!;
    const [head, ...rows] = roster.rows.map((r) => r.cells);
    const bytes = await workbookBytes([{ name: 'Vastaukset', head: head!, rows }]);
    expect(Buffer.from(bytes).equals(readFileSync('data/survey-tiny-2024.xlsx'))).toBe(true);
  });

  it('sheets by --sheets, by Finnish names or by header; numbers typed as text with a decimal comma', () => {
    const book = {
      file: 'b.xlsx',
      sheets: [
        { name: 'Info', rows: [{ row: 1, cells: ['Made by hand'] }] },
        {
          name: 'Toimijat',
          rows: [
            { row: 1, cells: ['id', 'helix', 'staff'] },
            { row: 2, cells: ['a', 'industry', '2,5'] },
            { row: 3, cells: ['b', 'public', '1'] },
          ],
        },
        {
          name: 'Ties 2024',
          rows: [
            { row: 2, cells: ['source', 'target', 'weight'] },
            { row: 4, cells: ['a', 'b', '1,5'] },
          ],
        },
      ],
    };
    const r = parseWorkbookNetwork(book);
    expect(r.network.graph.getNodeAttribute('a', 'staff')).toBe(2.5);
    expect(r.network.graph.getEdgeAttribute(r.network.graph.edges()[0]!, 'weight')).toBe(1.5);
    expect(r.warnings.map((w) => w.message)).toEqual(["sheet(s) 'Info' read as none of the tables nodes, edges, affiliations; ignored"]);
    expect(parseSheetsSpec('nodes=Jäsenet,edges="Ties, 2024"')).toEqual({ nodes: 'Jäsenet', edges: 'Ties, 2024' });
    expect(() => parseSheetsSpec('node=X')).toThrow(/did you mean 'nodes'/);
    expect([columnLetters(1), columnLetters(26), columnLetters(28), cellRef('Member list', 3, 7)]).toEqual([
      'A',
      'Z',
      'AB',
      "'Member list'!C7",
    ]);
    try {
      parseWorkbookNetwork({
        ...book,
        sheets: [
          book.sheets[1]!,
          {
            name: 'edges',
            rows: [
              { row: 1, cells: ['source', 'target'] },
              { row: 2, cells: ['a', 'x'] },
            ],
          },
        ],
      });
      expect.unreachable();
    } catch (e) {
      const d = (e as InputError).diagnostics.find((x) => x.severity === 'error')!;
      expect(d).toMatchObject({ file: 'b.xlsx', cell: 'edges!B2', code: 'missing-node' });
    }
  });

  it('the CLI: analyze, simulate, compare and report write workbooks; info reads one', async () => {
    const dir = tmp();
    try {
      const a = await runCli(['analyze', 'data/tiny.json', '--out', join(dir, 'a.xlsx'), '--permutations', '10']);
      expect(a.code, a.stderr).toBe(0);
      const book = (await readWorkbook(join(dir, 'a.xlsx'))).book;
      expect(book.sheets.map((s) => s.name)).toEqual(['actors', 'lock-in', 'helix', 'esca']);
      expect(book.sheets[0]!.rows[0]!.cells.slice(0, 3)).toEqual(['id', 'label', 'helix']);
      expect(book.sheets[0]!.rows[0]!.cells).toContain('betweenness');
      const c = await runCli([
        'compare',
        'scenarios/project-driven.json',
        'scenarios/permanent.json',
        '--runs',
        '4',
        '--workers',
        '1',
        '--out',
        join(dir, 'c.xlsx'),
      ]);
      expect(c.code, c.stderr).toBe(0);
      expect((await readWorkbook(join(dir, 'c.xlsx'))).book.sheets.map((s) => s.name)).toEqual([
        'final',
        'differences',
        'by-year',
        'money',
      ]);
      const j = await runCli([
        'compare',
        'scenarios/project-driven.json',
        'scenarios/permanent.json',
        '--runs',
        '4',
        '--workers',
        '1',
        '--out',
        join(dir, 'c.json'),
      ]);
      expect(j.code).toBe(0);
      const r = await runCli(['report', join(dir, 'c.json'), '--out', join(dir, 'r.xlsx')]);
      expect(r.code, r.stderr).toBe(0);
      expect((await readWorkbook(join(dir, 'r.xlsx'))).book.sheets[0]!.name).toBe('scenarios-1');
      const s = await runCli(['simulate', 'scenarios/permanent.json', '--runs', '3', '--workers', '1', '--format', 'xlsx']);
      expect(s.code).toBe(2);
      expect(s.stderr).toContain('give --out FILE.xlsx');
      const i = await runCli(['info', 'test/fixtures/bad/xlsx-bad-cells.xlsx']);
      expect(i.code).toBe(2);
      expect(i.stderr).toContain('xlsx-bad-cells.xlsx:nodes!C3: error: helix: unknown helix role');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('member-survey rosters', () => {
  const tiny = readNetworkFiles(['data/tiny.json']).network;
  const table = (text: string, name = 'roster.csv') => {
    const c = new DiagnosticCollector(name);
    return csvRowTable({ name, text }, c)!;
  };

  it('name keys ignore case, punctuation, company forms and accents, but keep å, ä and ö', () => {
    expect(nameKey('ACME Oy')).toBe(nameKey('acme'));
    expect(nameKey('Acme Ltd.')).toBe('acme');
    expect(nameKey('Café Ry')).toBe('cafe');
    expect(nameKey('Pöllö')).not.toBe(nameKey('Pollo'));
  });

  it('the sample roster: 7 respondents, 13 survey ties of 2024, 5 of the 6 between respondents reciprocal', () => {
    const r = matchRoster(tiny, table(readFileSync('data/survey-tiny-2024.csv', 'utf8')), { year: 2024 });
    expect(r.problems).toEqual([]);
    expect([r.respondents, r.ties, r.bothResponded, r.reciprocal]).toEqual([7, 13, 6, 5]);
    const g = r.network.graph;
    const survey = g.filterEdges((_e, a) => a.kind === 'survey');
    expect(survey.length).toBe(13);
    const ab = survey.find((e) => [g.source(e), g.target(e)].sort().join() === 'ind-001,ind-002')!;
    expect(g.getEdgeAttributes(ab)).toMatchObject({ weight: 2, since: 2024, until: 2024, reciprocal: true, namedBy: 'ind-001|ind-002' });
    const ur = survey.find((e) => [g.source(e), g.target(e)].sort().join() === 'res-001,res-002')!;
    expect(g.getEdgeAttribute(ur, 'reciprocal')).toBe(false);
    const fund = survey.find((e) => [g.source(e), g.target(e)].sort().join() === 'fin-001,sta-001')!;
    expect(g.getEdgeAttributes(fund)).not.toHaveProperty('reciprocal');
    // the original ties are kept
    expect(g.size).toBe(tiny.graph.size + 13);
  });

  it('unmatched and ambiguous names: located, with guesses and a suggestions table; aliases fix them', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a1', label: 'Acme (Oulu)', helix: 'industry' },
        { id: 'a2', label: 'Acme (Tampere)', helix: 'industry' },
        { id: 'u', label: 'North University', helix: 'research-education', attributes: { aliases: 'NU; Pohjoinen yliopisto' } },
      ],
      ties: [],
    });
    const roster = table('Respondent,Partners\nNU,"Acme; Nrth University"\nPohjoinen yliopisto,Acme Oulu Oy, Acme (Tampere)\n');
    const r = matchRoster(net, roster, { year: 2023, partnerColumns: ['Partners'] });
    const byName = Object.fromEntries(r.problems.map((p) => [p.name, p]));
    expect(byName['Acme']!.status).toBe('ambiguous');
    expect(byName['Acme']!.candidates.map((c) => c.id)).toEqual(['a1', 'a2']);
    expect(byName['Nrth University']).toMatchObject({ status: 'unmatched', places: [{ line: 2, column: 'Partners' }] });
    expect(byName['Nrth University']!.candidates[0]!.id).toBe('u');
    expect(r.suggestions[0]).toEqual(['name', 'status', 'count', 'rows', 'suggestion', 'suggestion_label', 'candidates', 'actor']);
    const d = rosterDiagnostics('roster.csv', r.problems);
    expect(d.map((x) => [x.line, x.code])).toEqual(
      expect.arrayContaining([
        [2, 'ambiguous-name'],
        [2, 'unmatched-name'],
      ]),
    );
    const aliases = aliasesFromTable(table('name,actor\nAcme,a1\nNrth University,u\n'));
    const fixed = matchRoster(net, roster, { year: 2023, partnerColumns: ['Partners'], aliases });
    expect(fixed.problems.filter((p) => p.name === 'Acme' || p.name === 'Nrth University')).toEqual([]);
    expect(() => matchRoster(net, roster, { year: 2023, aliases: { Acme: 'nobody' } })).toThrow(/'nobody' is not an actor id/);
  });

  it('Google Forms cells ("A, B") are split when every part is an actor; self-naming is a warning', () => {
    const r = matchRoster(tiny, table('Organisaatio,Yhteistyökumppanit\nUniversity E,"Firm A, Firm B, University E"\n'), { year: 2024 });
    expect(r.problems).toEqual([]);
    expect(r.ties).toBe(2);
    expect(r.warnings.map((w) => w.code)).toEqual(['self-named']);
  });

  it('the CLI: exit 2 with the suggestions file and no network; --aliases; --allow-unmatched; an Excel roster located by cell', async () => {
    const dir = tmp();
    try {
      const out = join(dir, 's.json');
      const bad = await runCli([
        'import',
        'survey',
        'test/fixtures/bad/survey-unmatched.csv',
        '--actors',
        'data/tiny.json',
        '--year',
        '2024',
        '--out',
        out,
      ]);
      expect(bad.code).toBe(2);
      expect(existsSync(out)).toBe(false);
      expect(bad.stderr).toContain(
        "survey-unmatched.csv:2: error: Kumppani 1: 'Firm Bee' matches no actor (did you mean 'Firm B (packaging)' (ind-002)",
      );
      expect(bad.stderr).toContain("survey-unmatched.csv:4: error: Organisaatio: 'Unknown Org' matches no actor");
      const names = join(dir, 's.names.csv');
      const rows = readFileSync(names, 'utf8').trim().split('\n');
      expect(rows[0]).toBe('name,status,count,rows,suggestion,suggestion_label,candidates,actor');
      writeFileSync(
        names,
        rows.map((l, i) => (i === 0 ? l : l.replace(/,$/, `,${l.startsWith('Unknown Org') ? '-' : l.split(',')[4]}`))).join('\n') + '\n',
      );
      const ok = await runCli([
        'import',
        'survey',
        'test/fixtures/bad/survey-unmatched.csv',
        '--actors',
        'data/tiny.json',
        '--year',
        '2024',
        '--aliases',
        names,
        '--out',
        out,
      ]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toContain('survey 2024: 2 respondent(s)');
      const allow = await runCli([
        'import',
        'survey',
        'test/fixtures/bad/survey-unmatched.csv',
        '--actors',
        'data/tiny.json',
        '--year',
        '2024',
        '--allow-unmatched',
        '--out',
        join(dir, 'a.json'),
      ]);
      expect(allow.code).toBe(0);
      expect(allow.stderr).toContain('warning:');
      const info = await runCli(['info', out]);
      expect(info.stdout).toMatch(/Member survey: \d+ survey ties \(2024\)/);
      // an Excel roster: problems located by sheet and cell
      const xbook = join(dir, 'r.xlsx');
      const c = new DiagnosticCollector('r');
      const [head, ...rrows] = csvRowTable(
        { name: 'r', text: readFileSync('test/fixtures/bad/survey-unmatched.csv', 'utf8') },
        c,
      )!.rows.map((r) => r.cells);
      writeFileSync(xbook, await workbookBytes([{ name: 'Vastaukset', head: head!, rows: rrows }]));
      const x = await runCli(['import', 'survey', xbook, '--actors', 'data/tiny.xlsx', '--year', '2024', '--out', join(dir, 'x.json')]);
      expect(x.code).toBe(2);
      expect(x.stderr).toContain("r.xlsx:Vastaukset!B2: error: Kumppani 1: 'Firm Bee' matches no actor");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('info and analyze report the survey ties', async () => {
    const dir = tmp();
    try {
      const out = join(dir, 's.json');
      expect(
        (await runCli(['import', 'survey', 'data/survey-tiny-2024.xlsx', '--actors', 'data/tiny.json', '--year', '2024', '--out', out]))
          .code,
      ).toBe(0);
      const json = await runCli(['analyze', out, '--format', 'json', '--permutations', '10']);
      expect(JSON.parse(json.stdout).graph.survey).toEqual({ ties: 13, years: [2024], bothResponded: 6, reciprocal: 5 });
      const md = await runCli(['analyze', out, '--permutations', '10']);
      expect(md.stdout).toContain('## Member survey');
      expect(md.stdout).toContain('13 survey ties (2024); 5 of the 6 ties between two respondents are reciprocal (83%).');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bundled samples', () => {
  it('lists networks, workbooks, rosters and scenarios with descriptions, and copies them keeping their paths', () => {
    const list = bundledSamples();
    const names = list.map((s) => s.name);
    for (const n of [
      'data/tiny.json',
      'data/tiny',
      'data/tiny.xlsx',
      'data/survey-tiny-2024.csv',
      'data/foreign',
      'scenarios/permanent.json',
    ])
      expect(names).toContain(n);
    expect(list.find((s) => s.name === 'data/tiny.json')!.description).toBe('Exampletown food cluster (tiny hand-made example)');
    const dir = tmp();
    try {
      expect(copySamples(['tiny.json', 'scenarios'], dir).length).toBeGreaterThan(5);
      expect(existsSync(join(dir, 'data', 'tiny.json'))).toBe(true);
      expect(existsSync(join(dir, 'scenarios', 'assumptions.json'))).toBe(true);
      expect(() => copySamples(['tiny.json'], dir)).toThrow(/exists: give --force/);
      expect(() => copySamples(['tiny.jsn'], dir)).toThrow(/did you mean 'data\/tiny.json'/);
      copySamples(['data/tiny'], dir, { force: true });
      expect(readNetworkFiles([join(dir, 'data', 'tiny')]).network.graph.order).toBe(12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the CLI lists them', async () => {
    const r = await runCli(['samples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('data/survey-tiny-2024.csv');
    expect(r.stdout).toContain('helixlab samples copy');
  });
});

describe('reading workbooks through the front door', () => {
  it('readNetworkFilesAsync reads an .xlsx alone, and everything else as readNetworkFiles does', async () => {
    expect((await readNetworkFilesAsync(['data/tiny.xlsx'])).format).toBe('xlsx');
    expect((await readNetworkFilesAsync(['data/tiny.json'])).format).toBe('json');
    await expect(readNetworkFilesAsync(['data/tiny.xlsx', 'data/tiny/nodes.csv'])).rejects.toThrow(/give it alone/);
  });
});
