/**
 * HelixLab CSV tables: reading the good fixtures (separators, quoting, decimal comma, the column
 * typing rule for free attributes, affiliations), the exact writer output, the round trip
 * JSON → CSV → JSON, helix-attr / helix-map, and writing files (stem.*.csv, directories).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseCsvNetwork, writeCsvNetwork, sniffCsvHeader, csvTableKind } from '../src/io/csv.js';
import { parseNetworkJson, canonicalDocument } from '../src/io/json.js';
import { loadNetwork } from '../src/io/load.js';
import { readNetworkFiles, writeNetworkFile } from '../src/node/files.js';
import { networkFromDocument, networkToDocument } from '../src/model/network.js';
import type { NetworkDocument } from '../src/model/types.js';

const goodDir = join(process.cwd(), 'test/fixtures/good');
const input = (name: string) => ({ name, text: readFileSync(join(goodDir, name), 'utf8') });

describe('reading the harbour CSV tables (semicolon, quotes, decimal comma)', () => {
  const files = [input('harbour.affiliations.csv'), input('harbour.nodes.csv'), input('harbour.edges.csv')];
  const { network, warnings, format } = loadNetwork(files); // any order: recognised by header
  const g = network.graph;

  it('recognises the tables and reads every actor', () => {
    expect(format).toBe('csv');
    expect(warnings).toEqual([]);
    expect(g.nodes()).toEqual(['acme', 'bolt', 'uni', 'city', 'fund']);
  });

  it('reads core fields, quoted separators and doubled quotes', () => {
    expect(g.getNodeAttributes('acme')).toMatchObject({
      label: 'Acme Oy; Harbour',
      helix: 'industry',
      subtype: 'large-firm',
      sector: 'machinery',
      region: 'Uusimaa',
      joined: 2015,
      note: 'says "hi"',
    });
    expect(g.getNodeAttribute('fund', 'helix')).toBe('financier');
    expect(g.getNodeAttribute('uni', 'joined')).toBeUndefined();
  });

  it('types free-attribute columns by the whole column', () => {
    // employees: every non-empty cell numeric → numbers
    expect([
      g.getNodeAttribute('acme', 'employees'),
      g.getNodeAttribute('bolt', 'employees'),
      g.getNodeAttribute('fund', 'employees'),
    ]).toEqual([1200, 40, 8]);
    expect(g.getNodeAttribute('uni', 'employees')).toBeUndefined(); // empty cell: not given
    // postcode: leading zeros are not plain numbers → the column stays text
    expect(g.getNodeAttribute('acme', 'postcode')).toBe('00100');
    expect(g.getNodeAttribute('uni', 'postcode')).toBe('00014');
    // member: only true/false → booleans
    expect(g.getNodeAttribute('bolt', 'member')).toBe(false);
    expect(g.getNodeAttribute('uni', 'member')).toBe(true);
    // note: mixed → every cell text, even '12'
    expect(g.getNodeAttribute('uni', 'note')).toBe('12');
  });

  it('reads ties: decimal comma with ";" separator, default weight 1, extra columns', () => {
    const tie = (a: string, b: string) =>
      g
        .edges(a, b)
        .map((e) => g.getEdgeAttributes(e))
        .find((x) => x.origin === 'tie')!;
    expect(tie('acme', 'uni')).toEqual({ weight: 2.5, kind: 'cooperation', since: 2016, until: 2020, contract: 'R&D', origin: 'tie' });
    expect(tie('city', 'uni').weight).toBe(1);
    expect(tie('fund', 'bolt')).toEqual({ weight: 0.75, since: 2021, contract: 'seed', origin: 'tie' });
  });

  it('groups affiliation rows into activities and projects them', () => {
    expect(network.activities).toEqual([
      {
        id: 'P1',
        kind: 'project',
        year: 2019,
        endYear: 2021,
        label: 'Smart Port',
        attributes: { budget: 500000 },
        participants: ['acme', 'uni', 'city'],
      },
      { id: 'E1', kind: 'event', year: 2021, label: 'Campfire', participants: ['acme', 'bolt'] },
      { id: 'S1', kind: 'section', label: 'Empty section', participants: [] },
    ]);
    const projected = g.filterEdges((_e, a) => a.origin === 'affiliation');
    expect(projected).toHaveLength(4); // P1: 3 pairs, E1: 1 pair
  });
});

describe('separators and headers', () => {
  it('detects tab and semicolon from the header', () => {
    expect(sniffCsvHeader('a\tb\tc\n').separator).toBe('\t');
    expect(sniffCsvHeader('"a;x",b;c;d\n').separator).toBe(';');
    expect(sniffCsvHeader('id|label|helix\n')).toMatchObject({ separator: undefined, wrongSeparator: '|' });
    const r = loadNetwork([input('tabbed.nodes.csv'), input('tabbed.edges.csv')]);
    expect(r.network.graph.getEdgeAttribute(r.network.graph.edges()[0]!, 'weight')).toBe(2);
  });

  it('matches column names whatever their case; tells the tables apart', () => {
    expect(csvTableKind('ID;Label;Helix\n')).toBe('nodes');
    expect(csvTableKind('Source,Target\n')).toBe('edges');
    expect(csvTableKind('actor,activity\n')).toBe('affiliations');
    expect(csvTableKind('from,to\n')).toBeUndefined();
  });

  it('warns about a column that looks like a misspelt core column', () => {
    const r = parseCsvNetwork({ nodes: { name: 'n.csv', text: 'id,lable,helix\na,A,industry\n' } });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ file: 'n.csv', line: 1, field: 'lable', code: 'lookalike-column' });
    expect(r.warnings[0]!.message).toContain("did you mean 'label'");
    expect(r.network.graph.getNodeAttribute('a', 'lable')).toBe('A');
  });

  it('reads the role from another column through a helix map', () => {
    const nodes = { name: 'n.csv', text: 'id,type\na,firm\nb,Uni\nc,town\n' };
    const r = parseCsvNetwork({ nodes }, { helixAttr: 'type', helixMap: { firm: 'industry', uni: 'research-education', town: 'public' } });
    expect(r.network.graph.nodes().map((n) => r.network.graph.getNodeAttribute(n, 'helix'))).toEqual([
      'industry',
      'research-education',
      'public',
    ]);
  });
});

describe('writeCsvNetwork', () => {
  it('writes the exact tables', () => {
    const doc: NetworkDocument = {
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'A, Inc.', helix: 'industry', joined: 2010, attributes: { size: 5, zip: '00100' } },
        { id: 'b', label: 'B', helix: 'public', attributes: { ok: true } },
      ],
      ties: [{ source: 'a', target: 'b', weight: 1.5, kind: 'supply', since: 2011 }],
      activities: [{ id: 'P', kind: 'project', year: 2012, participants: ['a', 'b'] }],
    };
    const out = writeCsvNetwork(networkFromDocument(doc));
    expect(out.nodes).toBe(
      'id,label,helix,subtype,sector,region,joined,ok,size,zip\na,"A, Inc.",industry,,,,2010,,5,00100\nb,B,public,,,,,true,,\n',
    );
    expect(out.edges).toBe('source,target,weight,kind,since,until\na,b,1.5,supply,2011,\n');
    expect(out.affiliations).toBe('actor,activity,kind,year,endYear,label\na,P,project,2012,,\nb,P,project,2012,,\n');
  });

  it('round-trips JSON → CSV → JSON keeping every attribute and activity', () => {
    const json = parseNetworkJson(input('cluster.json')).network;
    const csv = writeCsvNetwork(json);
    const back = parseCsvNetwork({
      nodes: { name: 'n.csv', text: csv.nodes },
      edges: { name: 'e.csv', text: csv.edges },
      affiliations: { name: 'a.csv', text: csv.affiliations! },
    }).network;
    const expected = canonicalDocument(networkToDocument(json));
    // CSV holds no name / description / source / profile
    delete expected.name;
    delete expected.description;
    delete expected.source;
    delete expected.profile;
    expect(canonicalDocument(networkToDocument(back))).toEqual(expected);
    // and the tables are a fixed point
    expect(writeCsvNetwork(back)).toEqual(csv);
  });

  it('round-trips the harbour tables byte for byte after one normalising write', () => {
    const first = writeCsvNetwork(
      loadNetwork([input('harbour.nodes.csv'), input('harbour.edges.csv'), input('harbour.affiliations.csv')]).network,
    );
    const second = writeCsvNetwork(
      loadNetwork([
        { name: 'n.csv', text: first.nodes },
        { name: 'e.csv', text: first.edges },
        { name: 'a.csv', text: first.affiliations! },
      ]).network,
    );
    expect(second).toEqual(first);
    expect(first.affiliations).toContain(',S1,section,,,Empty section,\n'); // an activity without participants
  });
});

describe('writeNetworkFile / readNetworkFiles with CSV', () => {
  it('writes stem.nodes.csv / stem.edges.csv / stem.affiliations.csv and reads them back', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'helixlab-csv-'));
    try {
      const net = parseNetworkJson(input('cluster.json')).network;
      const res = writeNetworkFile(net, join(tmp, 'out.csv'));
      expect(res.paths.map((p) => p.slice(tmp.length + 1))).toEqual(['out.nodes.csv', 'out.edges.csv', 'out.affiliations.csv']);
      expect(res.warnings[0]).toContain("CSV does not hold the network's name, description, source, profile");
      const back = readNetworkFiles(res.paths);
      expect(back.network.graph.order).toBe(9);
      expect(back.network.graph.size).toBe(net.graph.size);
      expect(readdirSync(tmp).filter((f) => f.startsWith('.helixlab-tmp'))).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('writes nodes.csv / edges.csv into a directory, and reads the directory', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'helixlab-csvdir-'));
    try {
      const dir = join(tmp, 'tables');
      mkdirSync(dir);
      const net = parseNetworkJson(input('cluster.json')).network;
      writeNetworkFile(net, dir);
      expect(readdirSync(dir).sort()).toEqual(['affiliations.csv', 'edges.csv', 'nodes.csv']);
      const back = readNetworkFiles([dir]);
      expect(back.network.activities).toHaveLength(3);
      // writing a network without activities over it empties the old affiliations table
      const noActs = parseCsvNetwork({ nodes: { name: 'n.csv', text: 'id,helix\nx,industry\n' } }).network;
      writeNetworkFile(noActs, dir);
      expect(readFileSync(join(dir, 'affiliations.csv'), 'utf8')).toBe('actor,activity,kind,year,endYear,label\n');
      expect(readNetworkFiles([dir]).network.activities).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('writes JSON atomically and refuses unknown extensions', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'helixlab-json-'));
    try {
      const net = parseNetworkJson(input('cluster.json')).network;
      writeNetworkFile(net, join(tmp, 'x.json'));
      expect(readNetworkFiles([join(tmp, 'x.json')]).network.graph.order).toBe(9);
      expect(() => writeNetworkFile(net, join(tmp, 'x.pdf'))).toThrow(/cannot tell the output format/);
      expect(() => writeNetworkFile(net, join(tmp, 'x.xlsx'))).toThrow(/written by writeNetworkFileAsync/);
      expect(() => writeNetworkFile(net, join(tmp, 'x.json'), 'gexf')).toThrow(
        /the extension means json, but the format asked for is gexf/,
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('helix spelling in CSV', () => {
  it('normalises case, blanks, underscores and & in roles', () => {
    const nodes = { name: 'n.csv', text: 'id,helix\na,Industry\nb,Research & Education\nc,CIVIL_SOCIETY\n' };
    const g = parseCsvNetwork({ nodes }).network.graph;
    expect(g.nodes().map((n) => g.getNodeAttribute(n, 'helix'))).toEqual(['industry', 'research-education', 'civil-society']);
  });
});

describe('physical line numbers', () => {
  const badHelixLine = (text: string) => {
    try {
      parseCsvNetwork({ nodes: { name: 'n.csv', text } });
    } catch (e) {
      return (e as { diagnostics: Array<{ code: string; line?: number }> }).diagnostics
        .filter((d) => d.code === 'unknown-helix')
        .map((d) => d.line);
    }
    return [];
  };

  it('count blank lines, separator-only lines, quoted line breaks and CRLF', () => {
    const text = ['id,label,helix', '', 'a,"A ""the"" one",industry', ' , , ', 'b,"B', 'second line', '",public', '', 'c,C,nope'].join(
      '\r\n',
    );
    expect(badHelixLine(text)).toEqual([9]);
  });

  it('stay right when the fast scan and csv-parse disagree (a lone quote character as a value)', () => {
    const text = ['id,label,helix', '"""",,', 'a,A,industry', 'b,B,nope'].join('\n');
    // line 2 is a record whose id is '"' (no label, no helix): csv-parse keeps it, the fast scan
    // does not, so the slow path decides; line 4 must still be line 4
    expect(badHelixLine(text)).toEqual([4]);
    try {
      parseCsvNetwork({ nodes: { name: 'n.csv', text } });
    } catch (e) {
      const ds = (e as { diagnostics: Array<{ code: string; line?: number; field?: string }> }).diagnostics;
      expect(ds.map((d) => [d.code, d.line, d.field])).toEqual([
        ['missing-field', 2, 'helix'],
        ['unknown-helix', 4, 'helix'],
      ]);
    }
  });
});
