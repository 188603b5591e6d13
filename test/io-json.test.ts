/**
 * HelixLab JSON: reading the good fixture (values, attributes, defaults), the projection of
 * activities on a worked example with hand-computed pair weights, the writer (stable bytes,
 * lossless round trip), the position-tracking parser, and format detection / the front door.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetworkJson, writeNetworkJson, parseJsonWithPositions, canonicalDocument, JsonSyntaxError } from '../src/io/json.js';
import { detectFormat, loadNetwork } from '../src/io/load.js';
import { networkToDocument, toSimpleGraph } from '../src/model/network.js';
import { InputError } from '../src/model/errors.js';
import type { NetworkDocument } from '../src/model/types.js';

const goodPath = join(process.cwd(), 'test/fixtures/good/cluster.json');
const goodText = readFileSync(goodPath, 'utf8');
const good = { name: 'cluster.json', text: goodText };

function edgesBetween(net: ReturnType<typeof parseNetworkJson>['network'], a: string, b: string) {
  return net.graph.edges(a, b).map((e) => net.graph.getEdgeAttributes(e));
}

describe('parseNetworkJson on the good fixture', () => {
  const { network, warnings, format } = parseNetworkJson(good);

  it('reads actors, ties, activities and profile', () => {
    expect(format).toBe('json');
    expect(warnings).toEqual([]);
    expect(network.name).toBe('Harbour Tech Cluster (test fixture)');
    expect(network.source).toBe('hand-made test data');
    expect(network.graph.order).toBe(9);
    expect(network.activities.map((a) => a.id)).toEqual(['P1', 'P2', 'E1']);
    expect(network.profile?.form).toBe('association');
    expect(network.profile?.funding).toHaveLength(3);
  });

  it('keeps the actor fields and free attributes with their types', () => {
    expect(network.graph.getNodeAttributes('acme')).toEqual({
      label: 'Acme Oy',
      helix: 'industry',
      subtype: 'large-firm',
      sector: 'machinery',
      region: 'Uusimaa',
      joined: 2015,
      employees: 1200,
      member: true,
      vat: 'FI0100',
    });
  });

  it('keeps tie fields; a missing weight is 1', () => {
    const explicit = network.graph.filterEdges((_e, a) => a.origin === 'tie');
    expect(explicit).toHaveLength(4);
    const acmeUni = edgesBetween(network, 'acme', 'uni').find((a) => a.origin === 'tie')!;
    expect(acmeUni).toEqual({ weight: 2.5, kind: 'cooperation', since: 2016, until: 2020, contract: 'R&D', origin: 'tie' });
    const cityUni = edgesBetween(network, 'city', 'uni').find((a) => a.origin === 'tie')!;
    expect(cityUni.weight).toBe(1);
  });
});

describe('projection of activities: worked example', () => {
  // P1 (project 2019-2021): acme, uni, city;  P2 (project 2020-2022): acme, uni, bolt;
  // E1 (event 2021): acme, bolt, uas.  Projects give 'project' ties, events 'cooperation' ties.
  // By hand: project acme-uni = 2 (P1, P2; 2019..2022); project acme-city = 1; project city-uni = 1;
  // project acme-bolt = 1 (2020..2022); project bolt-uni = 1; cooperation acme-bolt = 1 (2021);
  // cooperation acme-uas = 1; cooperation bolt-uas = 1. 8 projected ties.
  const { network } = parseNetworkJson(good);
  const projected = network.graph.filterEdges((_e, a) => a.origin === 'affiliation');
  const weightOf = (a: string, b: string, kind: string) =>
    edgesBetween(network, a, b).find((x) => x.origin === 'affiliation' && x.kind === kind);

  it('has the hand-computed pair weights and spans', () => {
    expect(projected).toHaveLength(8);
    expect(weightOf('acme', 'uni', 'project')).toMatchObject({ weight: 2, since: 2019, until: 2022 });
    expect(weightOf('acme', 'city', 'project')).toMatchObject({ weight: 1, since: 2019, until: 2021 });
    expect(weightOf('city', 'uni', 'project')).toMatchObject({ weight: 1 });
    expect(weightOf('acme', 'bolt', 'project')).toMatchObject({ weight: 1, since: 2020, until: 2022 });
    expect(weightOf('bolt', 'uni', 'project')).toMatchObject({ weight: 1 });
    expect(weightOf('acme', 'bolt', 'cooperation')).toMatchObject({ weight: 1, since: 2021, until: 2021 });
    expect(weightOf('acme', 'uas', 'cooperation')).toMatchObject({ weight: 1 });
    expect(weightOf('bolt', 'uas', 'cooperation')).toMatchObject({ weight: 1 });
    expect(weightOf('uni', 'uas', 'cooperation')).toBeUndefined();
    const total = projected.reduce((s, e) => s + network.graph.getEdgeAttribute(e, 'weight'), 0);
    expect(total).toBe(9); // 3 + 3 + 3 pairs, acme-uni counted twice
  });

  it('the simple graph sums explicit and projected weights per pair', () => {
    const g = toSimpleGraph(network);
    expect(g.getEdgeAttributes('acme', 'uni')).toMatchObject({ weight: 4.5, count: 2 }); // 2.5 explicit + 2 projected
    expect(g.getEdgeAttributes('acme', 'bolt')).toMatchObject({ weight: 3, count: 3 }); // supply 1 + project 1 + event 1
    expect(g.size).toBe(8);
  });
});

describe('writeNetworkJson', () => {
  it('round-trips JSON → Network → JSON losslessly', () => {
    const { network } = parseNetworkJson(good);
    const out = writeNetworkJson(network);
    const again = JSON.parse(out) as NetworkDocument;
    const input = JSON.parse(goodText) as NetworkDocument;
    for (const t of input.ties) t.weight ??= 1; // the one default the writer makes explicit
    expect(again).toEqual(canonicalDocument(input));
  });

  it('writes the same bytes again (stable key order, 2-space indent, trailing newline)', () => {
    const first = writeNetworkJson(parseNetworkJson(good).network);
    const second = writeNetworkJson(parseNetworkJson({ name: 'x.json', text: first }).network);
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
    expect(first.split('\n').slice(0, 4)).toEqual([
      '{',
      '  "format": "helixlab",',
      '  "version": 1,',
      '  "name": "Harbour Tech Cluster (test fixture)",',
    ]);
    const acme = (JSON.parse(first) as NetworkDocument).actors[0]!;
    expect(Object.keys(acme)).toEqual(['id', 'label', 'helix', 'subtype', 'sector', 'region', 'joined', 'attributes']);
    expect(Object.keys(acme.attributes!)).toEqual(['employees', 'member', 'vat']);
  });

  it('does not write projected ties as ties', () => {
    const doc = JSON.parse(writeNetworkJson(parseNetworkJson(good).network)) as NetworkDocument;
    expect(doc.ties).toHaveLength(4);
    expect(doc.activities).toHaveLength(3);
  });
});

describe('defaults and options', () => {
  it('label defaults to the id; ties may be left out', () => {
    const text = JSON.stringify({ format: 'helixlab', version: 1, actors: [{ id: 'a', helix: 'industry' }] });
    const { network } = parseNetworkJson({ name: 'm.json', text });
    expect(network.graph.getNodeAttribute('a', 'label')).toBe('a');
    expect(network.graph.size).toBe(0);
    expect(networkToDocument(network).ties).toEqual([]);
  });

  it('applies a helix map to the roles', () => {
    const text = JSON.stringify({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', helix: 'PRC' },
        { id: 'b', helix: 'hes' },
      ],
    });
    const { network } = parseNetworkJson({ name: 'm.json', text }, { helixMap: { PRC: 'industry', HES: 'research-education' } });
    expect(network.graph.getNodeAttribute('a', 'helix')).toBe('industry');
    expect(network.graph.getNodeAttribute('b', 'helix')).toBe('research-education');
  });

  it('reports every error, not just the first', () => {
    const actors = Array.from({ length: 7 }, (_, i) => ({ id: `a${i}`, helix: 'nope' }));
    const text = JSON.stringify({ format: 'helixlab', version: 1, actors }, null, 2);
    try {
      parseNetworkJson({ name: 'm.json', text });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const ds = (e as InputError).diagnostics;
      expect(ds).toHaveLength(7);
      // JSON.stringify(…, 2) puts actor i's helix on line 7 + 4 i
      expect(ds.map((d) => d.line)).toEqual([7, 11, 15, 19, 23, 27, 31]);
      expect(ds.every((d) => d.file === 'm.json' && d.code === 'unknown-helix')).toBe(true);
    }
  });
});

describe('parseJsonWithPositions', () => {
  it('gives the same value as JSON.parse', () => {
    const texts = [goodText, '{"a":"x\\u00e9\\n\\"y\\"","b":[1,-2.5e3,true,false,null,{}],"c":[]}', '  [ ]  ', '"\\/"'];
    for (const t of texts) expect(parseJsonWithPositions(t).value).toEqual(JSON.parse(t));
  });

  it('records where values and keys start', () => {
    const p = parseJsonWithPositions('{\n  "actors": [\n    {"id": "a"}\n  ]\n}');
    expect(p.lineCol(p.valueAt.get('actors[0].id')!)).toEqual({ line: 3, column: 12 });
    expect(p.lineCol(p.keyAt.get('actors[0].id')!)).toEqual({ line: 3, column: 6 });
    expect(p.lineCol(p.valueAt.get('actors')!)).toEqual({ line: 2, column: 13 });
  });

  it('rejects what JSON.parse rejects', () => {
    for (const t of ['{"a":1,}', '[1 2]', '{"a" 1}', '01', '{"a":tru}', '"abc', '[1]x', '']) {
      expect(() => JSON.parse(t)).toThrow();
      expect(() => parseJsonWithPositions(t)).toThrow(JsonSyntaxError);
    }
  });
});

describe('detectFormat and loadNetwork', () => {
  it('detects by extension, then by content', () => {
    expect(detectFormat('a.json', '')).toBe('json');
    expect(detectFormat('a.GEXF', '')).toBe('gexf');
    expect(detectFormat('a.graphml', '')).toBe('graphml');
    expect(detectFormat('a.csv', 'id,helix\n')).toBe('csv');
    expect(detectFormat('org.csv', '"projectID","projectAcronym","organisationID","activityType"\n')).toBe('cordis');
    expect(detectFormat('p.csv.gz', 'rcn,role,pic,type,contribution\n')).toBe('cordis');
    // a HelixLab nodes table written from CORDIS data keeps CORDIS columns as attributes: still CSV
    expect(detectFormat('n.csv', 'id,label,helix,activityType,organisationID,projectID\n')).toBe('csv');
    expect(detectFormat('data', '  {"format":"helixlab"}')).toBe('json');
    expect(detectFormat('data', '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3">')).toBe('gexf');
    expect(detectFormat('data', '<?xml version="1.0"?><graphml>')).toBe('graphml');
    expect(detectFormat('data', 'id;helix\na;industry\n')).toBe('csv');
    expect(() => detectFormat('data', 'hello')).toThrow(/cannot tell the format/);
    expect(() => detectFormat('data', '<html>')).toThrow(/neither GEXF/);
  });

  it('loads one JSON file through the front door (browser-safe inputs)', () => {
    const r = loadNetwork([good]);
    expect(r.format).toBe('json');
    expect(r.network.graph.order).toBe(9);
  });

  it('refuses a JSON file together with another file', () => {
    expect(() => loadNetwork([good, { name: 'n.csv', text: 'id,helix\na,industry\n' }])).toThrow(/expected one network file/);
  });
});

describe('writer dispatch (writeNetworkFile → readNetworkFiles)', () => {
  it('JSON → GEXF / GraphML → JSON is lossless through the front door', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { readNetworkFiles, writeNetworkFile } = await import('../src/node/files.js');
    const tmp = mkdtempSync(join(tmpdir(), 'helixlab-xml-'));
    try {
      const net = parseNetworkJson(good).network;
      for (const ext of ['gexf', 'graphml'] as const) {
        const w = writeNetworkFile(net, join(tmp, `x.${ext}`));
        expect(w.warnings).toEqual([]);
        const back = readNetworkFiles(w.paths);
        expect(back.format).toBe(ext);
        expect(writeNetworkJson(back.network)).toBe(writeNetworkJson(net));
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
