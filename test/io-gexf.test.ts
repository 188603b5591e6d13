/**
 * GEXF reader and writer: foreign files (written by NetworkX 3.6 with
 * test/fixtures/scripts/make_foreign.py; hand-written Gephi 1.3 style) load with their attributes,
 * JSON → GEXF → JSON keeps every attribute, and bad files report every problem with its line.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parseGexf, writeGexf } from '../src/io/gexf.js';
import { parseNetworkJson } from '../src/io/json.js';
import { networkFromDocument, networkToDocument } from '../src/model/network.js';
import { InputError, type Diagnostic } from '../src/model/errors.js';
import type { NetworkDocument } from '../src/model/types.js';

const root = process.cwd();
const foreign = (name: string) => ({ name, text: readFileSync(join(root, 'test/fixtures/foreign', name), 'utf8') });
const bad = (name: string) => ({ name, text: readFileSync(join(root, 'test/fixtures/bad', name), 'utf8') });
const opts = { domParser: DOMParser };
const expected = JSON.parse(readFileSync(join(root, 'test/fixtures/foreign/nx-expected.json'), 'utf8')) as Record<
  string,
  { directed: boolean; nodes: Record<string, Record<string, unknown>>; edges: Array<[string, string, Record<string, unknown>]> }
>;

function diagnosticsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected an InputError');
}

/** Sort a document's lists so that documents can be compared whatever the order. */
function canonical(doc: NetworkDocument): NetworkDocument {
  return JSON.parse(JSON.stringify(doc)) as NetworkDocument;
}

describe('GEXF written by NetworkX', () => {
  it('reads every node attribute with its type as NetworkX holds it', () => {
    const r = parseGexf(foreign('nx-cluster.gexf'), opts);
    const g = r.network.graph;
    const exp = expected['nx-cluster']!;
    expect(g.order).toBe(Object.keys(exp.nodes).length);
    for (const [id, attrs] of Object.entries(exp.nodes)) {
      const a = g.getNodeAttributes(id);
      expect(a.label).toBe(attrs['label']);
      expect(a.helix).toBe(attrs['helix']);
      expect(a['employees']).toBe(attrs['employees']);
      expect(a['share']).toBe(attrs['share']);
      expect(a['member']).toBe(attrs['member']);
      if (attrs['subtype'] !== undefined) expect(a.subtype).toBe(attrs['subtype']);
      else expect(a.subtype).toBeUndefined();
    }
    expect(r.warnings).toEqual([]);
    expect(r.network.name).toBe('Nordic Test Cluster');
  });

  it('reads edges with weight, kind and since', () => {
    const r = parseGexf(foreign('nx-cluster.gexf'), opts);
    const doc = networkToDocument(r.network);
    const exp = expected['nx-cluster']!.edges;
    expect(doc.ties).toHaveLength(exp.length);
    exp.forEach(([s, t, a], i) => {
      const tie = doc.ties[i]!;
      expect([tie.source, tie.target]).toEqual([s, t]);
      expect(tie.weight).toBe(a['weight']);
      expect(tie.kind).toBe(a['kind']);
      expect(tie.since).toBe(a['since']);
    });
    expect(doc.ties.map((t) => t.weight)).toEqual([2.5, 1, 0.5, 1]);
  });

  it('keeps parallel edges of a multigraph as separate ties', () => {
    const r = parseGexf(foreign('nx-multi.gexf'), opts);
    const ab = r.network.graph.edges('a', 'b').map((e) => r.network.graph.getEdgeAttributes(e));
    expect(ab.map((a) => [a.kind, a.weight]).sort()).toEqual([
      ['cooperation', 2],
      ['project', 1],
    ]);
    expect(r.network.graph.size).toBe(3);
  });

  it('reads a directed graph as undirected ties with ONE warning, roles via --helix-attr/--helix-map', () => {
    const r = parseGexf(foreign('nx-coded.gexf'), {
      ...opts,
      helixAttr: 'type',
      helixMap: { PRC: 'industry', REC: 'research-education', HES: 'research-education', PUB: 'public' },
    });
    const g = r.network.graph;
    expect(g.type).toBe('undirected');
    expect(g.size).toBe(4);
    expect(r.warnings.map((w) => w.code)).toEqual(['directed-input']);
    expect(g.getNodeAttribute('1', 'helix')).toBe('industry');
    expect(g.getNodeAttribute('3', 'helix')).toBe('research-education');
    expect(g.getNodeAttribute('4', 'helix')).toBe('public');
    // NetworkX writes the id as the GEXF label; the 'name' attribute is the better label
    expect(g.getNodeAttribute('1', 'label')).toBe('Alpha GmbH');
    // the role attribute stays as a free attribute
    expect(g.getNodeAttribute('2', 'type')).toBe('REC');
  });

  it('without --helix-attr names each node, the attribute looked at, and the options', () => {
    const diags = diagnosticsOf(() => parseGexf(foreign('nx-coded.gexf'), opts));
    const errors = diags.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(4);
    expect(errors.map((d) => d.field)).toEqual(["node '1' helix", "node '2' helix", "node '3' helix", "node '4' helix"]);
    expect(errors[0]!.message).toContain("has no attribute 'helix'");
    expect(errors[0]!.message).toContain('--helix-attr');
    expect(errors[0]!.message).toContain('type');
    expect(errors[0]!.line).toBe(12); // <node id="1"> in nx-coded.gexf
  });
});

describe('GEXF in the Gephi 1.3 style (hand-written)', () => {
  const r = parseGexf(foreign('gephi-style.gexf'), { ...opts, helixAttr: 'Helix' });
  const g = r.network.graph;

  it('maps role spellings (Industry, Research & Education) and keeps the role attribute', () => {
    expect(g.getNodeAttribute('yard', 'helix')).toBe('industry');
    expect(g.getNodeAttribute('abo', 'helix')).toBe('research-education');
    expect(g.getNodeAttribute('city', 'helix')).toBe('public');
    expect(g.getNodeAttribute('abo', 'Helix')).toBe('Research & Education');
    expect(g.getNodeAttribute('abo', 'label')).toBe('Åbo Akademi');
  });

  it('reads attribute defaults, integer attvalues and viz attributes', () => {
    expect(g.getNodeAttribute('yard', 'region')).toBe('Varsinais-Suomi'); // <default>
    expect(g.getNodeAttribute('abo', 'region')).toBe('Turku');
    expect(g.getNodeAttribute('yard', 'employees')).toBe(2000);
    expect(g.getNodeAttribute('abo', 'modularity_class')).toBe(1);
    expect(g.getNodeAttribute('yard', 'size')).toBe(42.5);
    expect(g.getNodeAttribute('yard', 'x')).toBe(-120.5);
    expect(g.getNodeAttribute('yard', 'y')).toBe(33.25);
    expect(g.getNodeAttribute('yard', 'color')).toBe('rgb(230,80,40)');
    expect(r.network.description).toBe('Turku marine cluster sketch');
  });

  it('reads edge weights, kinds (a foreign kind kept as edgeKind, one warning) and start/end years', () => {
    const ties = networkToDocument(r.network).ties;
    expect(ties.map((t) => t.weight)).toEqual([3, 1.5, 1]);
    expect(ties[0]!.kind).toBe('cooperation');
    expect(ties[1]!.kind).toBeUndefined();
    expect(ties[1]!.attributes).toEqual({ edgeKind: 'friendship' });
    expect(ties[2]!.since).toBe(2012);
    expect(ties[2]!.until).toBe(2019);
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['foreign-kind', 60]]);
  });
});

describe('JSON → GEXF → JSON', () => {
  it('keeps every actor and tie attribute, activities, profile, name and source of the cluster fixture', () => {
    const file = { name: 'cluster.json', text: readFileSync(join(root, 'test/fixtures/good/cluster.json'), 'utf8') };
    const net = parseNetworkJson(file).network;
    const before = canonical(networkToDocument(net));
    const gexf = writeGexf(net);
    const back = parseGexf({ name: 'cluster.gexf', text: gexf }, opts);
    expect(canonical(networkToDocument(back.network))).toEqual(before);
    expect(back.warnings.filter((w) => w.code !== 'self-loop')).toEqual([]);
  });

  it('keeps awkward values: quotes, <, &, newlines, unicode, booleans, big and fractional numbers', () => {
    const doc: NetworkDocument = {
      format: 'helixlab',
      version: 1,
      actors: [
        {
          id: 'a&b',
          label: 'Acme "Oy" <x>\nline 2',
          helix: 'industry',
          attributes: { note: "it's", flag: true, big: 1e12, f: 0.1 + 0.2, x: 1.5 },
        },
        { id: 'ö', label: 'Öljy ÅÄ', helix: 'financier', attributes: { note: 'q', flag: false, big: 3, f: 2, x: -2 } },
      ],
      ties: [
        { source: 'a&b', target: 'ö', weight: 0.25, kind: 'information', since: 2001, until: 2003, attributes: { label: 'l', n: 7 } },
        { source: 'a&b', target: 'ö' },
      ],
    };
    const net = networkFromDocument(doc);
    const back = parseGexf({ name: 'x.gexf', text: writeGexf(net) }, opts);
    expect(canonical(networkToDocument(back.network))).toEqual(canonical(networkToDocument(net)));
  });

  it('writes GEXF 1.3 with the projection marked origin=affiliation and the activities embedded', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'A', helix: 'industry' },
        { id: 'b', label: 'B', helix: 'public' },
      ],
      ties: [],
      activities: [{ id: 'p', kind: 'project', participants: ['a', 'b'], year: 2020 }],
    });
    const text = writeGexf(net);
    expect(text).toContain('version="1.3"');
    expect(text).toContain('<attvalue for="origin" value="affiliation"/>');
    expect(text).toContain('<helixlab>');
    const back = parseGexf({ name: 'p.gexf', text }, opts).network;
    expect(back.graph.size).toBe(1); // the projection, rebuilt once from the activity
    expect(back.activities).toEqual(net.activities);
  });

  it('writes the same bytes for the same network (deterministic)', () => {
    const file = { name: 'cluster.json', text: readFileSync(join(root, 'test/fixtures/good/cluster.json'), 'utf8') };
    expect(writeGexf(parseNetworkJson(file).network)).toBe(writeGexf(parseNetworkJson(file).network));
  });

  it('writes positions, sizes and colours as viz elements and measures as attributes when asked, and reads them back', () => {
    const file = { name: 'cluster.json', text: readFileSync(join(root, 'test/fixtures/good/cluster.json'), 'utf8') };
    const net = parseNetworkJson(file).network;
    // Without the options, or with empty ones: the same bytes as before.
    expect(writeGexf(net, { viz: new Map(), nodeAttributes: new Map() })).toBe(writeGexf(net));
    const ids = net.graph.nodes();
    const viz = new Map(
      ids.map((id, i) => [id, { x: i * 10.5, y: 1 - i * 2.25, size: 3 + i, color: i % 2 ? '#332288' : 'rgb(230,159,0)' }]),
    );
    const measures = new Map(ids.map((id, i) => [id, { betweenness: i / 10, community: `c${i % 2}`, degree: i }]));
    const text = writeGexf(net, { viz, nodeAttributes: measures });
    expect(text).toContain('xmlns:viz="http://gexf.net/1.3/viz"');
    expect(text).toMatch(/<viz:position x="10.5" y="-1.25"\s*\/>/);
    expect(text).toMatch(/<viz:color r="51" g="34" b="136"\s*\/>/);
    const back = parseGexf({ name: 'v.gexf', text }, opts).network.graph;
    ids.forEach((id, i) => {
      const a = back.getNodeAttributes(id);
      expect([a['x'], a['y'], a['size']]).toEqual([i * 10.5, 1 - i * 2.25, 3 + i]);
      expect(a['color']).toBe(i % 2 ? 'rgb(51,34,136)' : 'rgb(230,159,0)');
      expect([a['betweenness'], a['community'], a['degree']]).toEqual([i / 10, `c${i % 2}`, i]);
      expect(a.label).toBe(net.graph.getNodeAttribute(id, 'label'));
      expect(a.helix).toBe(net.graph.getNodeAttribute(id, 'helix'));
    });
  });
});

describe('bad GEXF files', () => {
  it('XML syntax error with line and column', () => {
    const d = diagnosticsOf(() => parseGexf(bad('gexf-syntax.gexf'), opts));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ file: 'gexf-syntax.gexf', line: 6, column: 33, code: 'xml-syntax' });
    expect(d[0]!.message).toContain('"node" != "nodes"');
  });

  it('a root that is not <gexf>', () => {
    const d = diagnosticsOf(() => parseGexf(bad('gexf-not-gexf.gexf'), opts));
    expect(d.map((x) => [x.code, x.line])).toEqual([['xml-root', 2]]);
    expect(d[0]!.message).toContain('<graphml>');
  });

  it('unknown helix role with did-you-mean and a missing role, each with its node line', () => {
    const d = diagnosticsOf(() => parseGexf(bad('gexf-unknown-helix.gexf'), opts));
    expect(d.map((x) => [x.code, x.line, x.field])).toEqual([
      ['unknown-helix', 8, "node 'acme' helix"],
      ['missing-helix', 14, "node 'town' helix"],
    ]);
    expect(d[0]!.message).toContain("did you mean 'industry'?");
    expect(d[0]!.message).toContain('--helix-map');
  });

  it('duplicate node, missing endpoint (did you mean), bad weights: all reported', () => {
    const d = diagnosticsOf(() => parseGexf(bad('gexf-missing-node.gexf'), opts));
    expect(d.map((x) => [x.code, x.line])).toEqual([
      ['duplicate-id', 10],
      ['missing-node', 13],
      ['bad-weight', 14],
      ['bad-weight', 15],
    ]);
    expect(d[0]!.message).toContain('first defined on line 8');
    expect(d[1]!.message).toContain("did you mean 'uni'?");
    expect(d[2]!.message).toContain("'heavy'");
    expect(d[3]!.message).toContain("'-2'");
  });

  it('no <graph> element; an unknown defaultedgetype is a warning and read as undirected', () => {
    const d = diagnosticsOf(() => parseGexf({ name: 'n.gexf', text: '<gexf>\n  <meta/>\n</gexf>' }, opts));
    expect(d.map((x) => [x.code, x.line, x.message])).toEqual([['gexf-structure', 1, 'no <graph> element inside <gexf>']]);
    const r = parseGexf(
      {
        name: 'w.gexf',
        text: '<gexf><graph defaultedgetype="weird"><attributes class="node"><attribute id="0" title="helix"/></attributes><nodes><node id="a"><attvalues><attvalue for="0" value="public"/></attvalues></node><node id="b"><attvalues><attvalue for="0" value="startup"/></attvalues></node></nodes><edges><edge source="a" target="b"/></edges></graph></gexf>',
      },
      opts,
    );
    expect(r.warnings.map((w) => w.code)).toEqual(['gexf-structure']);
    expect(r.network.graph.size).toBe(1);
    expect(r.network.graph.getNodeAttribute('b', 'helix')).toBe('startup');
  });

  it('an empty file', () => {
    const d = diagnosticsOf(() => parseGexf({ name: 'e.gexf', text: '\n' }, opts));
    expect(d.map((x) => [x.code, x.line])).toEqual([['xml-empty', 1]]);
  });

  it('browser parse errors (a <parsererror> document) are reported with their line and column', () => {
    class BrowserLikeParser {
      parseFromString(): unknown {
        return new DOMParser().parseFromString(
          '<html><body><parsererror>This page contains the following errors: error on line 3 at column 5: Opening and ending tag mismatch</parsererror></body></html>',
          'application/xml',
        );
      }
    }
    const d = diagnosticsOf(() => parseGexf({ name: 'b.gexf', text: '<gexf>' }, { domParser: BrowserLikeParser }));
    expect(d.map((x) => [x.code, x.line, x.column])).toEqual([['xml-syntax', 3, 5]]);
  });

  it('says how to get a DOMParser when there is none (Node without xmldom)', () => {
    expect(() => parseGexf(foreign('nx-cluster.gexf'))).toThrow(/DOMParser/);
  });
});
