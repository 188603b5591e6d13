/**
 * GraphML reader and writer: foreign files (written by NetworkX 3.6 with
 * test/fixtures/scripts/make_foreign.py; hand-written igraph style) load with their attributes,
 * JSON → GraphML → JSON keeps every attribute, and bad files report every problem with its line.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parseGraphml, writeGraphml } from '../src/io/graphml.js';
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

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('GraphML written by NetworkX', () => {
  it('reads every node attribute with its type as NetworkX holds it', () => {
    const r = parseGraphml(foreign('nx-cluster.graphml'), opts);
    const g = r.network.graph;
    const exp = expected['nx-cluster']!;
    expect(g.order).toBe(5);
    for (const [id, attrs] of Object.entries(exp.nodes)) {
      const a = g.getNodeAttributes(id);
      expect(a.label).toBe(attrs['label']);
      expect(a.helix).toBe(attrs['helix']);
      expect(a['employees']).toBe(attrs['employees']);
      expect(a['share']).toBe(attrs['share']);
      expect(a['member']).toBe(attrs['member']);
    }
    expect(g.getNodeAttribute('acme', 'subtype')).toBe('large-firm');
    expect(r.network.name).toBe('Nordic Test Cluster');
    expect(r.warnings).toEqual([]);
  });

  it('reads edges with weight, kind and since', () => {
    const doc = networkToDocument(parseGraphml(foreign('nx-cluster.graphml'), opts).network);
    const exp = expected['nx-cluster']!.edges;
    expect(doc.ties.map((t) => [t.source, t.target, t.weight, t.kind, t.since])).toEqual(
      exp.map(([s, t, a]) => [s, t, a['weight'], a['kind'], a['since']]),
    );
  });

  it('keeps parallel edges (NetworkX repeats the multigraph keys as edge ids)', () => {
    const r = parseGraphml(foreign('nx-multi.graphml'), opts);
    const g = r.network.graph;
    expect(g.size).toBe(3);
    expect(
      g
        .edges('a', 'b')
        .map((e) => g.getEdgeAttribute(e, 'weight'))
        .sort(),
    ).toEqual([1, 2]);
    expect(g.getNodeAttribute('c', 'helix')).toBe('startup');
  });

  it('reads a directed graph as undirected ties with one warning; roles through --helix-attr and --helix-map', () => {
    const r = parseGraphml(foreign('nx-coded.graphml'), {
      ...opts,
      helixAttr: 'type',
      helixMap: { prc: 'industry', rec: 'research-education', hes: 'research-education', pub: 'public' }, // case-insensitive keys
    });
    const g = r.network.graph;
    expect(r.warnings.map((w) => w.code)).toEqual(['directed-input']);
    expect(g.type).toBe('undirected');
    expect(g.getNodeAttribute('1', 'label')).toBe('Alpha GmbH');
    expect(g.getNodeAttribute('2', 'helix')).toBe('research-education');
    expect(g.getNodeAttribute('4', 'helix')).toBe('public');
    expect(networkToDocument(r.network).ties.map((t) => t.weight)).toEqual([3, 1, 2, 1]);
  });
});

describe('GraphML in the igraph style (hand-written)', () => {
  const map = { firm: 'industry', academia: 'research-education', government: 'public' };

  it('reads name as label, typed keys, boolean defaults and the graph name', () => {
    const r = parseGraphml(foreign('igraph-style.graphml'), { ...opts, helixAttr: 'role', helixMap: map });
    const g = r.network.graph;
    expect(g.getNodeAttribute('n0', 'label')).toBe('Polar Devices');
    expect(g.getNodeAttribute('n0', 'helix')).toBe('industry');
    expect(g.getNodeAttribute('n1', 'helix')).toBe('research-education');
    expect(g.getNodeAttribute('n2', 'helix')).toBe('public');
    expect(g.getNodeAttribute('n3', 'helix')).toBe('startup'); // a role name needs no mapping
    expect(g.getNodeAttribute('n0', 'founded')).toBe(1977);
    expect(g.getNodeAttribute('n0', 'sme')).toBe(true);
    expect(g.getNodeAttribute('n1', 'sme')).toBe(false); // <default>false</default>, typed
    expect(g.getNodeAttribute('n0', 'role')).toBe('firm');
    expect(r.network.name).toBe('Oulu health tech');
    const ties = networkToDocument(r.network).ties;
    expect(ties.map((t) => [t.weight, t.since])).toEqual([
      [4, 2010],
      [1.5, undefined],
      [2, 2017],
      [1, undefined],
    ]);
  });

  it('with --helix-attr but no --helix-map: one error per unmapped value, suggesting the mapping', () => {
    const d = diagnosticsOf(() => parseGraphml(foreign('igraph-style.graphml'), { ...opts, helixAttr: 'role' }));
    expect(d.map((x) => [x.code, x.line, x.field])).toEqual([
      ['unknown-helix', 19, "node 'n0' role"],
      ['unknown-helix', 25, "node 'n1' role"],
      ['unknown-helix', 30, "node 'n2' role"],
    ]);
    expect(d[0]!.message).toContain("--helix-map 'firm=industry'");
  });
});

describe('JSON → GraphML → JSON', () => {
  it('keeps every actor and tie attribute, activities, profile, name, description and source', () => {
    const file = { name: 'cluster.json', text: readFileSync(join(root, 'test/fixtures/good/cluster.json'), 'utf8') };
    const net = parseNetworkJson(file).network;
    const back = parseGraphml({ name: 'cluster.graphml', text: writeGraphml(net) }, opts);
    expect(plain(networkToDocument(back.network))).toEqual(plain(networkToDocument(net)));
  });

  it('keeps awkward values and types: empty texts, quotes, newlines, booleans, long and double numbers', () => {
    const doc: NetworkDocument = {
      format: 'helixlab',
      version: 1,
      description: 'a & b <c>',
      actors: [
        {
          id: 'a"1',
          label: "Acme 'Oy'\n<b>",
          helix: 'industry',
          joined: 1999,
          attributes: { empty: '', flag: true, big: 4_000_000_000, f: 0.1 + 0.2 },
        },
        { id: 'b', label: 'B', helix: 'individual', attributes: { empty: 'x', flag: false, big: 1, f: 3 } },
      ],
      ties: [{ source: 'a"1', target: 'b', weight: 1e-3, kind: 'membership', attributes: { note: 'a\tb' } }],
    };
    const net = networkFromDocument(doc);
    const text = writeGraphml(net);
    expect(text).toContain('attr.name="big" attr.type="long"');
    expect(text).toContain('attr.name="f" attr.type="double"');
    expect(text).toContain('attr.name="flag" attr.type="boolean"');
    const back = parseGraphml({ name: 'x.graphml', text }, opts);
    expect(plain(networkToDocument(back.network))).toEqual(plain(networkToDocument(net)));
  });

  it('an attribute mixing numbers and texts is written as text (documented limit)', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'A', helix: 'industry', attributes: { code: 12 } },
        { id: 'b', label: 'B', helix: 'industry', attributes: { code: 'X1' } },
      ],
      ties: [],
    });
    const back = parseGraphml({ name: 'm.graphml', text: writeGraphml(net) }, opts).network;
    expect(back.graph.getNodeAttribute('a', 'code')).toBe('12');
    expect(back.graph.getNodeAttribute('b', 'code')).toBe('X1');
  });
});

describe('bad GraphML files', () => {
  it('XML syntax error with line and column', () => {
    const d = diagnosticsOf(() => parseGraphml(bad('graphml-syntax.graphml'), opts));
    expect(d.map((x) => [x.code, x.line, x.column])).toEqual([['xml-syntax', 7, 33]]);
  });

  it('missing endpoint, unknown role, implausible year and zero weight: all reported with their lines', () => {
    const d = diagnosticsOf(() => parseGraphml(bad('graphml-bad-values.graphml'), opts));
    expect(d.map((x) => [x.code, x.line])).toEqual([
      ['missing-node', 11],
      ['unknown-helix', 8],
      ['bad-year', 9],
      ['bad-weight', 10],
    ]);
    expect(d[1]!.message).toContain("'Public sector' is not a helix role (did you mean 'public'?)");
  });

  it('an empty file', () => {
    const d = diagnosticsOf(() => parseGraphml(bad('graphml-empty.graphml'), opts));
    expect(d.map((x) => [x.code, x.line])).toEqual([['xml-empty', 1]]);
  });

  it('keys for="all" are read for nodes and edges; unknown attr.type is read as text with a warning', () => {
    const text = `<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k" for="all" attr.name="note" attr.type="string"/>
  <key id="h" for="node" attr.name="helix" attr.type="string"/>
  <key id="w" for="edge" attr.name="weight" attr.type="integer"/>
  <graph edgedefault="undirected">
    <node id="a"><data key="h">public</data><data key="k">n</data></node>
    <node id="b"><data key="h">public</data></node>
    <edge source="a" target="b"><data key="k">e</data><data key="w">2</data></edge>
  </graph>
</graphml>`;
    const r = parseGraphml({ name: 'all.graphml', text }, opts);
    expect(r.network.graph.getNodeAttribute('a', 'note')).toBe('n');
    const e = r.network.graph.edges()[0]!;
    expect(r.network.graph.getEdgeAttribute(e, 'note')).toBe('e');
    expect(r.network.graph.getEdgeAttribute(e, 'weight')).toBe(2); // numeric text is read as a number
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['graphml-type', 5]]);
  });
});
