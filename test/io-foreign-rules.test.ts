/**
 * Every common graph file, and the value rules every reader applies: GML, Pajek and edge lists;
 * GraphML/GEXF booleans, yEd labels and ports, the one number rule (0x1), GraphML affiliation
 * weights, unknown keys in the embedded JSON, control characters in XML, the helix map (quoting,
 * numeric keys, the default role, the map file), --add-missing-nodes, directed input and --parallel.
 * The files are made here, by hand; the bad-input corpus (io-bad-inputs.test.ts) has the located
 * messages of each format.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import '../src/node/files.js'; // installs xmldom's DOMParser
import { loadNetwork } from '../src/io/load.js';
import { InputError, UsageError, type Diagnostic } from '../src/model/errors.js';
import { parseHelixMap, parseHelixMapFile, lookupHelix } from '../src/io/helix-map.js';
import { writeGexf } from '../src/io/gexf.js';
import { writeGraphml } from '../src/io/graphml.js';
import { writeNetwork } from '../src/io/write.js';
import { networkFromDocument, toSimpleGraph } from '../src/model/network.js';
import type { FormatOptions } from '../src/io/formats.js';
import { analyzeNetwork } from '../src/metrics/analyze.js';
import { runCli } from './helpers/cli.js';

const load = (name: string, text: string, opts: FormatOptions = {}) => loadNetwork([{ name, text }], opts);
function errorsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics.filter((d) => d.severity === 'error');
    throw e;
  }
  throw new Error('expected an InputError');
}
const labelOf = (r: ReturnType<typeof load>, id: string) => r.network.graph.getNodeAttribute(id, 'label');
const attr = (r: ReturnType<typeof load>, id: string, k: string) => (r.network.graph.getNodeAttributes(id) as Record<string, unknown>)[k];

const GML = `# written by hand, as NetworkX writes GML
graph [
  directed 1
  name "Harbour"
  node [ id 0 label "Acme &amp; Sons Oy" helix "industry" employees 12 graphics [ x 1.5 y -2 w 3 ] ]
  node [ id 1 label "Uni" helix "research-education" ]
  node [ id 2 label "City" ]
  edge [ source 0 target 1 key 0 weight 2.5 kind "cooperation" ]
  edge [ source 1 target 0 weight 1 ]
  edge [ source 1 target 2 ]
]
`;

describe('GML', () => {
  it('reads nodes, labels (entities decoded), attributes, positions, weights; directed input with the merge rule said', () => {
    const r = load('h.gml', GML, { helixDefault: 'public' });
    expect(r.format).toBe('gml');
    expect(r.network.name).toBe('Harbour');
    expect(labelOf(r, '0')).toBe('Acme & Sons Oy');
    expect(attr(r, '0', 'employees')).toBe(12);
    expect(attr(r, '0', 'x')).toBe(1.5);
    expect(r.network.graph.getNodeAttribute('2', 'helix')).toBe('public');
    expect(r.network.graph.size).toBe(3);
    const w = r.warnings.map((d) => d.message).join('\n');
    expect(w).toContain('the GML graph is directed; its 3 arcs are read as undirected ties (1 pair has arcs both ways)');
    expect(w).toContain('summing their weights (--parallel sum');
    expect(w).toContain("1 node(s) without a 'helix' value read as public (the default role)");
  });

  it('reports syntax and structure with line and column', () => {
    const e = errorsOf(() =>
      load('b.gml', 'graph [\n  node [ id 0 helix "industry" ]\n  node [ id 0 helix "public" ]\n  edge [ source 0 target 7 ]\n'),
    );
    expect(e.map((d) => [d.line, d.code])).toEqual([[4, 'gml-syntax']]);
    const e2 = errorsOf(() =>
      load('b.gml', 'graph [\n  node [ id 0 helix "industry" ]\n  node [ id 0 helix "public" ]\n  edge [ source 0 target 7 ]\n]\n'),
    );
    expect(e2.map((d) => [d.line, d.code])).toEqual([
      [3, 'duplicate-id'],
      [4, 'missing-node'],
    ]);
  });
});

const PAJEK = `% a comment
*Network harbour
*Vertices 3
1 "Acme Oy" 0.1 0.2 0.5
2 "North University"
*Arcs
1 2 1.5
2 1 0.5
*Edges
2 3
*Partition roles
1
`;

describe('Pajek', () => {
  it('reads vertices (labels, positions), arcs and edges; roles from a map of the labels or the default', () => {
    const r = load('h.net', PAJEK, {
      helixAttr: 'label',
      helixMap: { 'Acme Oy': 'industry', 'North University': 'research-education' },
      helixDefault: 'public',
    });
    expect(r.format).toBe('pajek');
    expect(r.network.name).toBe('harbour');
    expect(r.network.graph.getNodeAttribute('1', 'helix')).toBe('industry');
    expect(r.network.graph.getNodeAttribute('3', 'helix')).toBe('public');
    expect(labelOf(r, '3')).toBe('3');
    expect(attr(r, '1', 'x')).toBe(0.1);
    const w = (rule: 'sum' | 'max' | 'min') => {
      const g = toSimpleGraph(r.network, { parallel: rule });
      return g.getEdgeAttribute(g.edge('1', '2')!, 'weight');
    };
    expect([w('sum'), w('max'), w('min')]).toEqual([2, 1.5, 0.5]);
    expect(r.warnings.map((d) => d.code)).toEqual(['pajek-section', 'directed-input', 'default-role']);
  });

  it('reports bad vertices, weights and ties by line', () => {
    const e = errorsOf(() => load('b.net', '*Vertices 2\n1 "A"\n*Edges\n1 3\n1 2 0x1\n1 2 -2\n', { helixDefault: 'industry' }));
    expect(e.map((d) => [d.line, d.code, d.field])).toEqual([
      [4, 'missing-node', 'to'],
      [5, 'bad-weight', 'weight'],
      [6, 'bad-weight', 'weight'],
    ]);
    const added = load('a.net', '*Vertices 2\n*Edges\n1 3\n', { helixDefault: 'industry', addMissingNodes: true });
    expect(added.network.graph.order).toBe(3);
    expect(added.warnings.some((w) => w.code === 'added-nodes' && w.line === 3)).toBe(true);
  });
});

describe('edge lists', () => {
  it('without a header: whitespace, weights, NetworkX data dictionaries, comments', () => {
    const r = load('e.txt', '# from NetworkX\na b 2\nb c\nc a {"weight": 3, "kind": "supply"}\n', { helixDefault: 'industry' });
    expect(r.format).toBe('edgelist');
    expect(r.network.graph.order).toBe(3);
    const g = toSimpleGraph(r.network);
    expect(g.getEdgeAttribute(g.edge('a', 'c')!, 'weight')).toBe(3);
    expect(r.network.graph.getEdgeAttribute(r.network.graph.edges('c', 'a')[0]!, 'kind')).toBe('supply');
  });

  it("with a header (Gephi's edge table): a lone source,target CSV, directed arcs counted", () => {
    const text = 'Source,Target,Type,Weight,since\nA,B,Directed,2,2020\nB,A,Directed,1,2021\n';
    const r = load('g.csv', text, { helixDefault: 'startup' });
    expect(r.format).toBe('edgelist');
    expect(r.warnings[0]!.message).toContain('its 2 arcs are read as undirected ties (1 pair has arcs both ways)');
    // without roles it stays the error of a missing nodes table, which says how to read it as an edge list
    expect(errorsOf(() => load('g.csv', text))[0]!.message).toContain(
      'or read it as an edge list, giving the roles with --helix-default ROLE',
    );
  });

  it('roles from a map of the names; no roles at all is one error; 0x1 is no weight', () => {
    const r = load('e.txt', 'acme uni\n', { helixMap: { acme: 'industry', uni: 'research-education' } });
    expect(r.network.graph.getNodeAttribute('uni', 'helix')).toBe('research-education');
    expect(errorsOf(() => load('e.txt', 'a b\n')).map((d) => d.code)).toEqual(['missing-helix']);
    const e = errorsOf(() => load('e.txt', 'a b 0x1\nb c 2\n', { helixDefault: 'industry' }));
    expect(e.map((d) => [d.line, d.code])).toEqual([[1, 'bad-weight']]);
  });
});

const graphml = (data: string, keys = '', edgedefault = 'undirected') => `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="h" for="node" attr.name="helix" attr.type="string"/>
  <key id="m" for="node" attr.name="member" attr.type="boolean"/>
  <key id="w" for="edge" attr.name="weight" attr.type="double"/>
${keys}
  <graph edgedefault="${edgedefault}">
${data}
  </graph>
</graphml>
`;

describe('GraphML and GEXF value rules', () => {
  it('GraphML booleans: 1, 0, true, " true ", FALSE (trimmed, any case); anything else is an error', () => {
    const r = load(
      'b.graphml',
      graphml(
        ['1', '0', 'true', ' true ', 'FALSE']
          .map((v, i) => `<node id="n${i}"><data key="h">industry</data><data key="m">${v}</data></node>`)
          .join('\n'),
      ),
    );
    expect([0, 1, 2, 3, 4].map((i) => attr(r, `n${i}`, 'member'))).toEqual([true, false, true, true, false]);
    const e = errorsOf(() => load('b.graphml', graphml('<node id="a"><data key="h">industry</data><data key="m">yes</data></node>')));
    expect(e[0]!.message).toContain("expected a boolean (true, false, 1 or 0), found 'yes'");
  });

  it('GEXF booleans and numbers in attvalues follow the same rules', () => {
    const gexf = (v: string, n = '2') => `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph defaultedgetype="undirected">
<attributes class="node"><attribute id="0" title="helix" type="string"/><attribute id="1" title="member" type="boolean"/><attribute id="2" title="staff" type="integer"/></attributes>
<nodes><node id="a" label="A"><attvalues><attvalue for="0" value="industry"/><attvalue for="1" value="${v}"/><attvalue for="2" value="${n}"/></attvalues></node></nodes>
<edges/></graph></gexf>`;
    expect(attr(load('g.gexf', gexf('1')), 'a', 'member')).toBe(true);
    expect(attr(load('g.gexf', gexf(' true ')), 'a', 'member')).toBe(true);
    expect(attr(load('g.gexf', gexf('0')), 'a', 'member')).toBe(false);
    expect(errorsOf(() => load('g.gexf', gexf('1', '0x1')))[0]!.message).toContain(
      "expected a number (type integer), found the text '0x1'",
    );
  });

  it('weights like 0x1 are rejected in GraphML and GEXF as in CSV', () => {
    const e = errorsOf(() =>
      load(
        'w.graphml',
        graphml(
          '<node id="a"><data key="h">industry</data></node><node id="b"><data key="h">public</data></node><edge source="a" target="b"><data key="w">0x1</data></edge>',
        ),
      ),
    );
    expect(e.map((d) => d.code)).toEqual(['bad-weight']);
    const gx = `<?xml version="1.0"?><gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><attributes class="node"><attribute id="0" title="helix" type="string"/></attributes>
<nodes><node id="a"><attvalues><attvalue for="0" value="industry"/></attvalues></node><node id="b"><attvalues><attvalue for="0" value="public"/></attvalues></node></nodes>
<edges><edge source="a" target="b" weight="0x1"/></edges></graph></gexf>`;
    expect(errorsOf(() => load('w.gexf', gx)).map((d) => d.code)).toEqual(['bad-weight']);
    const csv = errorsOf(() =>
      loadNetwork([
        { name: 'n.csv', text: 'id,helix\na,industry\nb,public\n' },
        { name: 'e.csv', text: 'source,target,weight\na,b,0x1\n' },
      ]),
    );
    expect(csv.map((d) => d.code)).toEqual(['bad-weight']);
  });

  it('GraphML affiliation edges with weight -1, NaN or abc are rejected, as GEXF rejects them', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'A', helix: 'industry' },
        { id: 'b', label: 'B', helix: 'public' },
      ],
      ties: [],
      activities: [{ id: 'p', kind: 'project', participants: ['a', 'b'] }],
    });
    const text = writeGraphml(net);
    for (const bad of ['-1', 'NaN', 'abc']) {
      const broken = text.replace(/(<data key="e1">)1(<\/data>)/, `$1${bad}$2`);
      expect(broken).not.toBe(text);
      const e = errorsOf(() => load('aff.graphml', broken));
      expect(
        e.map((d) => d.code),
        bad,
      ).toEqual(['bad-weight']);
    }
    const gexfText = writeGexf(net).replace(/weight="1"/, 'weight="-1"');
    expect(errorsOf(() => load('aff.gexf', gexfText)).map((d) => d.code)).toEqual(['bad-weight']);
  });

  it('an unknown key in the embedded helixlab JSON is an error, in GraphML and GEXF', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      name: 'N',
      actors: [{ id: 'a', label: 'A', helix: 'industry' }],
      ties: [],
      profile: {
        name: 'N',
        form: 'association',
        coordinators: [],
        staffFte: [],
        funding: [],
        activitiesPerYear: [],
        focusAreas: [],
        sections: [],
      },
    });
    for (const [name, text] of [
      ['p.graphml', writeGraphml(net)],
      ['p.gexf', writeGexf(net)],
    ] as const) {
      const broken = text.replace('&quot;form&quot;', '&quot;colour&quot;:1,&quot;form&quot;').replace('"form"', '"colour":1,"form"');
      const e = errorsOf(() => load(name, broken));
      expect(
        e.map((d) => d.code),
        name,
      ).toEqual(['unknown-key']);
      expect(e[0]!.message).toContain("unknown key 'colour' in profile");
      expect(e[0]!.field).toBe('helixlab.profile.colour');
    }
  });

  it('control characters in labels: GEXF and GraphML keep the same text, and the writers say what they left out', () => {
    const net = networkFromDocument({
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'tab\there\nline\u0001x', helix: 'industry' },
        { id: 'b', label: 'B', helix: 'public' },
      ],
      ties: [{ source: 'a', target: 'b' }],
    });
    const viaGexf = load('c.gexf', writeGexf(net));
    const viaGraphml = load('c.graphml', writeGraphml(net));
    expect(labelOf(viaGexf, 'a')).toBe('tab\there\nlinex');
    expect(labelOf(viaGraphml, 'a')).toBe(labelOf(viaGexf, 'a'));
    expect(writeNetwork(net, 'gexf').warnings[0]).toContain('1 control character(s) in texts left out');
    expect(writeNetwork(net, 'json').warnings).toEqual([]);
  });
});

describe('yEd', () => {
  it('labels from y:NodeLabel and y:EdgeLabel, positions from y:Geometry; ports and graphics leave no attribute and no warning', () => {
    const r = load('yed.graphml', readFileSync('test/fixtures/good/yed.graphml', 'utf8'));
    expect(labelOf(r, 'n0')).toBe('Acme Oy');
    expect(labelOf(r, 'n1')).toBe('City of Oulu');
    expect(labelOf(r, 'n2')).toBe('n2');
    expect(attr(r, 'n0', 'x')).toBe(10);
    expect(r.network.graph.getNodeAttributes('n1')).not.toHaveProperty('d1');
    expect(Object.keys(r.network.graph.getNodeAttributes('n0')).filter((k) => /^d\d+$/.test(k))).toEqual([]);
    expect(r.network.graph.getEdgeAttribute(r.network.graph.edges()[0]!, 'label')).toBe('supplies');
    expect([attr(r, 'n0', 'member'), attr(r, 'n1', 'member'), attr(r, 'n2', 'member')]).toEqual([true, true, false]);
    expect(r.warnings.map((d) => d.code)).toEqual(['directed-input']);
  });
});

describe('helix roles: the map, its quoting, numbers, the default, the map file', () => {
  it("quotes values with commas and '=', splits at the last '=', and '*' is the default", () => {
    expect(parseHelixMap('"R&D, Oulu"=research-education,firm=industry')).toEqual({ 'R&D, Oulu': 'research-education', firm: 'industry' });
    expect(parseHelixMap('\'a=b\'=public, "it""s" = startup')).toEqual({ 'a=b': 'public', 'it"s': 'startup' });
    expect(parseHelixMap('*=industry')).toEqual({ '*': 'industry' });
    expect(() => parseHelixMap('"open=industry')).toThrow(UsageError);
    expect(() => parseHelixMap('x=industy')).toThrow(/did you mean 'industry'/);
  });

  it("'10.0=industry' maps the number 10 (GraphML attr.type double); the default catches the rest", () => {
    const map = parseHelixMap('10.0=industry,"20"=public');
    expect(lookupHelix(10, map)).toEqual({ ok: true, role: 'industry' });
    expect(lookupHelix('20.00', map)).toEqual({ ok: true, role: 'public' });
    expect(lookupHelix(30, map, 'startup')).toEqual({ ok: true, role: 'startup', byDefault: 'unmapped' });
    const keys = '<key id="t" for="node" attr.name="type" attr.type="double"/>';
    const r = load('n.graphml', graphml('<node id="a"><data key="t">10.0</data></node><node id="b"><data key="t">30</data></node>', keys), {
      helixAttr: 'type',
      helixMap: { ...map, '*': 'civil-society' },
    });
    expect(r.network.graph.getNodeAttribute('a', 'helix')).toBe('industry');
    expect(r.network.graph.getNodeAttribute('b', 'helix')).toBe('civil-society');
    expect(r.warnings.find((w) => w.code === 'default-role')!.message).toContain("1 with a value that is neither mapped nor a role ('30')");
  });

  it('a map file: two columns, an optional header, quoted values, * for the default; bad lines located', () => {
    const { map, problems } = parseHelixMapFile('value;role\n"Oulu, University";research-education\nFirm;industry\n*;public\n');
    expect(problems).toEqual([]);
    expect(map).toEqual({ 'Oulu, University': 'research-education', Firm: 'industry', '*': 'public' });
    expect(parseHelixMapFile('a,industry\nb,industy\nc\n').problems).toEqual([
      { line: 2, message: expect.stringContaining("'industy' is not a helix role (did you mean 'industry'?)") },
      { line: 3, message: expect.stringContaining('expected two columns') },
    ]);
  });

  it('CSV: with a default the role column may be missing; the default is counted', () => {
    const r = loadNetwork([{ name: 'nodes.csv', text: 'id,label\na,A\nb,B\n' }], { helixDefault: 'industry' });
    expect(r.network.graph.getNodeAttribute('a', 'helix')).toBe('industry');
    expect(r.warnings.map((w) => w.message)).toEqual(["2 node(s) without a 'helix' value read as industry (the default role)"]);
  });
});

describe('--add-missing-nodes', () => {
  const text = graphml(
    '<node id="a"><data key="h">industry</data></node><edge source="a" target="ghost"/><edge source="ghost" target="b"/>',
  );
  it('is an error without it (with a did-you-mean), adds the nodes with one warning with it', () => {
    expect(errorsOf(() => load('m.graphml', text)).map((d) => d.code)).toEqual(['missing-node', 'missing-node', 'missing-node']);
    const r = load('m.graphml', text, { addMissingNodes: true, helixDefault: 'public' });
    expect(r.network.graph.order).toBe(3);
    expect(r.warnings.find((w) => w.code === 'added-nodes')!.message).toContain('2 node(s) named by edges but not declared were added');
    // the added nodes need a role
    expect(errorsOf(() => load('m.graphml', text, { addMissingNodes: true })).map((d) => d.code)).toEqual([
      'missing-helix',
      'missing-helix',
    ]);
  });
  it('works for CSV tables too', () => {
    const r = loadNetwork(
      [
        { name: 'nodes.csv', text: 'id,helix\na,industry\n' },
        { name: 'edges.csv', text: 'source,target\na,b\n' },
      ],
      { addMissingNodes: true, helixDefault: 'public' },
    );
    expect(r.network.graph.getNodeAttribute('b', 'helix')).toBe('public');
    expect(r.warnings.find((w) => w.code === 'added-nodes')).toMatchObject({ file: 'edges.csv', line: 2 });
  });
});

describe('directed input and --parallel', () => {
  const text = graphml(
    '<node id="a"><data key="h">industry</data></node><node id="b"><data key="h">public</data></node><node id="c"><data key="h">public</data></node>' +
      '<edge source="a" target="b"><data key="w">3</data></edge><edge source="b" target="a"><data key="w">1</data></edge><edge source="b" target="c"><data key="w">2</data></edge>',
    '',
    'directed',
  );
  it('the warning names the rule the analysis will use', () => {
    expect(load('d.graphml', text).warnings[0]!.message).toBe(
      'the GraphML graph is directed; its 3 arcs are read as undirected ties (1 pair has arcs both ways); the analysis merges parallel ties and opposite arcs (a→b and b→a) into one edge by summing their weights (--parallel sum; the others: max, min)',
    );
    expect(load('d.graphml', text, { parallel: 'min' }).warnings[0]!.message).toContain(
      'keeping the smallest weight (--parallel min; the others: sum, max)',
    );
  });
  it('analyze --parallel changes the strengths, and the JSON records it (only when not sum)', () => {
    const net = load('d.graphml', text).network;
    const sum = analyzeNetwork(net, { permutations: 0 });
    const max = analyzeNetwork(net, { permutations: 0, parallel: 'max' });
    const strength = (r: typeof sum, id: string) => r.nodes.find((n) => n.id === id)!.strength;
    expect([strength(sum, 'a'), strength(max, 'a')]).toEqual([4, 3]);
    expect(sum.graph.options).not.toHaveProperty('parallel');
    expect(max.graph.options.parallel).toBe('max');
  });
});

describe('the CLI: --out must agree with --format; the new options', () => {
  it('an extension the command does not write, or one that disagrees with --format, is an error (exit 2, nothing written)', async () => {
    for (const args of [
      ['simulate', 'scenarios/permanent.json', '--runs', '2', '--out', 'out/never.parquet'],
      ['analyze', 'data/tiny.json', '--out', 'out/never.pdf'],
      ['analyze', 'data/tiny.json', '--format', 'md', '--out', 'out/never.html'],
      ['convert', 'data/tiny.json', 'out/never.gexf', '--format', 'graphml'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/does not write \.(parquet|pdf) files|means (html|gexf)/);
    }
  });
  it('--helix-map-file and --helix-default read a Pajek file; a bad role in --helix-default is a usage error', async () => {
    const r = await runCli([
      'info',
      'data/foreign/tiny.net',
      '--helix-attr',
      'label',
      '--helix-map-file',
      'data/foreign/tiny-roles.csv',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).roles).toMatchObject({ industry: 3, 'research-education': 2, public: 2 });
    const bad = await runCli(['info', 'data/foreign/tiny.net', '--helix-default', 'firm']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--helix-default: 'firm' is not a helix role");
  });
});
