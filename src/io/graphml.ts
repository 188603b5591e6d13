/**
 * GraphML reader (on top of graphology-graphml) and writer (by hand: graphology-graphml has none).
 *
 * Reading: the XML is parsed here (syntax errors with line and column); the structure is checked
 * element by element (`<key>` declarations, node ids, edge endpoints: every problem with its line);
 * keys declared `for="all"` are expanded to node, edge and graph keys, keys for other domains
 * (port, hyperedge, endpoint, graphml) are dropped with a warning, keys without `attr.name` are
 * named by their id (igraph and NetworkX always give one), and unknown `attr.type`s are read as
 * text, so that graphology-graphml's parser (which would otherwise fail on them) reads typed
 * `<data>` values and `<default>`s; typed values are normalised first by the value rules of every
 * reader (booleans `true`/`false`/`1`/`0` trimmed, numbers by `parseNumberText`); yEd's graphics
 * keys (`yfiles.type`) give node and edge labels and positions and are then left out, with the
 * `<port>` elements. {@link foreignGraphToNetwork} then maps nodes and edges to actors and ties:
 * helix role from `opts.helixAttr` (default `helix`) through `opts.helixMap` (and `helixDefault`),
 * label from `label` or `name`, weight from `weight`, every other attribute kept. Directed graphs
 * (`edgedefault="directed"` or `directed="true"` edges) are read as undirected ties (one warning,
 * saying how the analysis merges arcs); hyperedges are ignored (one warning).
 *
 * Writing: GraphML 1.0, `edgedefault="undirected"`, one `<key>` per attribute name and domain with
 * an `attr.type` inferred from the values (boolean; int when every value is a 32-bit integer, long
 * for larger integers; double for other numbers; string otherwise: an attribute mixing numbers and
 * texts comes back as texts). Null values are left out; empty texts are kept. Projected affiliation
 * edges are written too, marked `origin=affiliation`. Name, description, source, activities and
 * profile travel as JSON in the graph-level `helixlab` key (see {@link EMBED_ATTRIBUTE}).
 *
 * Reference: GraphML primer, http://graphml.graphdrawing.org/primer/graphml-primer.html ;
 * graphology-graphml (node_modules/graphology-graphml).
 */
import { MultiGraph } from 'graphology';
// @ts-expect-error -- untyped CommonJS module of graphology-graphml (the DOM-agnostic parser factory)
import createGraphmlParser from 'graphology-graphml/common/parser.js';
import { DiagnosticCollector, didYouMean } from '../model/errors.js';
import { parseNumberText } from './validate.js';
import type { AttributeValue, Attributes, Network } from '../model/types.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import {
  EMBED_ATTRIBUTE,
  childElements,
  elementsByName,
  localNameOf,
  xmlBoolean,
  embeddedDataOf,
  escapeXml,
  exportEdgeAttributes,
  exportNodeAttributes,
  foreignGraphToNetwork,
  parseXmlDocument,
  whereOf,
  type AnyGraph,
  type XmlDocument,
  type XmlElement,
  type XmlReadOptions,
  checkNodesAndEdges,
} from './xml.js';

type GraphologyParse = (Graph: unknown, source: XmlDocument, options: { addMissingNodes?: boolean }) => AnyGraph;
const createParser = createGraphmlParser as (DOMParser: unknown, Document: unknown) => GraphologyParse;

export type GraphmlReadOptions = FormatOptions & XmlReadOptions;

const GRAPHML_TYPES = ['boolean', 'int', 'long', 'float', 'double', 'string'];
const KEY_DOMAINS = ['node', 'edge', 'graph'];
const NUMERIC_TYPES = new Set(['int', 'long', 'float', 'double']);

/**
 * Normalise a typed value in the document before the graph reader casts it (graphology-graphml would
 * read `1` and ` true ` as false, and `0x1` or an empty text as numbers): booleans to `true`/`false`,
 * numbers checked with the readers' number rule. A bad value is reported and its element removed;
 * an empty one is removed too (no value).
 */
function normaliseTyped(el: XmlElement, type: string, name: string, collector: DiagnosticCollector, what: string): void {
  const text = el.textContent ?? '';
  const drop = () => (el.parentNode as XmlElement | null)?.removeChild(el);
  if (type !== 'boolean' && !NUMERIC_TYPES.has(type)) return;
  if (text.trim() === '') {
    drop();
    return;
  }
  if (type === 'boolean') {
    const b = xmlBoolean(text);
    if (b === undefined) {
      collector.error('bad-value', `${what} '${name}': expected a boolean (true, false, 1 or 0), found '${text}'`, {
        ...whereOf(el),
        field: name,
      });
      drop();
    } else el.textContent = b ? 'true' : 'false';
    return;
  }
  const n = parseNumberText(text);
  if (n === undefined) {
    const code = name === 'weight' ? 'bad-weight' : 'bad-value';
    const expected = name === 'weight' ? 'a positive number (a strength)' : `a number (attr.type ${type})`;
    collector.error(code, `${what} '${name}': expected ${expected}, found the text '${text}'`, { ...whereOf(el), field: name });
    drop();
  } else el.textContent = String(n);
}

/** yEd's graphics keys (`yfiles.type`): node and edge labels are read from them, the rest (shapes, ports, resources) left out. */
interface YedGraphics {
  nodeLabels: Map<string, string>;
  nodeGeometry: Map<string, { x: number; y: number }>;
  edgeLabels: Map<XmlElement, string>;
}

/** The text of the first non-empty `y:NodeLabel` / `y:EdgeLabel` under an element. */
function yedLabel(el: XmlElement, tag: 'NodeLabel' | 'EdgeLabel'): string | undefined {
  for (const l of [...Array.from(el.getElementsByTagName(`y:${tag}`)), ...Array.from(el.getElementsByTagName(tag))]) {
    const t = (l.textContent ?? '').trim();
    if (t !== '') return t;
  }
  return undefined;
}

/** Check and normalise the document in place; collect node and edge elements with their lines. */
function checkStructure(doc: XmlDocument, collector: DiagnosticCollector, addMissing = false) {
  const root = doc.documentElement!;
  const graphEl = childElements(root, 'graph')[0];
  const nodeElements = new Map<string, XmlElement>();
  const edgeElements: XmlElement[] = [];
  let directed = false;
  if (!graphEl) {
    collector.error('graphml-structure', 'no <graph> element inside <graphml>', whereOf(root));
    return {
      graphEl,
      nodeElements,
      edgeElements,
      directed,
      keyTypes: { node: new Map<string, string>(), edge: new Map<string, string>() },
      graphData: [] as Array<{ name: string; value: string }>,
      yed: { nodeLabels: new Map(), nodeGeometry: new Map(), edgeLabels: new Map() } as YedGraphics,
      addedNodes: new Map<string, { line?: number; column?: number }>(),
      arcs: { count: 0, bothWays: 0 },
    };
  }
  // keys
  const keys = new Map<string, XmlElement>();
  const keyTypes = { node: new Map<string, string>(), edge: new Map<string, string>() };
  const removedKeys = new Set<string>();
  const yedKeys = new Map<string, string>();
  for (const key of elementsByName(doc, 'key')) {
    const where = whereOf(key);
    const id = key.getAttribute('id');
    if (id === null || id === '') {
      collector.error('graphml-structure', '<key> without an id', where);
      continue;
    }
    const yfiles = key.getAttribute('yfiles.type');
    if (yfiles !== null) {
      // yEd's graphics: read below (labels, positions), never attributes
      yedKeys.set(id, yfiles);
      removedKeys.add(id);
      (key.parentNode as XmlElement | null)?.removeChild(key);
      continue;
    }
    const domain = (key.getAttribute('for') ?? 'node').toLowerCase();
    if (!key.hasAttribute('attr.name')) key.setAttribute('attr.name', id);
    const type = key.getAttribute('attr.type');
    if (type !== null && !GRAPHML_TYPES.includes(type)) {
      const s = didYouMean(type, GRAPHML_TYPES);
      collector.warn(
        'graphml-type',
        `<key id="${id}">: attr.type '${type}' is not a GraphML type (${GRAPHML_TYPES.join(', ')})${s ? `; did you mean '${s}'?` : ''}; read as text`,
        where,
      );
      key.setAttribute('attr.type', 'string');
    }
    if (domain === 'all') {
      key.setAttribute('for', 'node');
      for (const d of ['edge', 'graph']) {
        const copy = key.cloneNode(true) as XmlElement;
        copy.setAttribute('for', d);
        if (key.parentNode) (key.parentNode as XmlElement).appendChild(copy);
      }
    } else if (!KEY_DOMAINS.includes(domain)) {
      collector.warn('graphml-key', `<key id="${id}" for="${domain}">: HelixLab reads node, edge and graph data only; ignored`, where);
      removedKeys.add(id);
      (key.parentNode as XmlElement | null)?.removeChild(key);
      continue;
    }
    keys.set(id, key);
    const name = key.getAttribute('attr.name')!;
    const t = key.getAttribute('attr.type') ?? 'string';
    for (const d of domain === 'all' ? ['node', 'edge'] : [domain]) if (d === 'node' || d === 'edge') keyTypes[d].set(name, t);
  }
  // ports: HelixLab has none; their data must not leak into the node's attributes
  const ports = elementsByName(doc, 'port');
  if (ports.length > 0) {
    if (yedKeys.size === 0)
      collector.warn('graphml-port', `${ports.length} <port> element(s) ignored (HelixLab has no ports)`, whereOf(ports[0]));
    for (const p of ports) (p.parentNode as XmlElement | null)?.removeChild(p);
  }
  const yed: YedGraphics = { nodeLabels: new Map(), nodeGeometry: new Map(), edgeLabels: new Map() };
  const unknownKeys = new Set<string>();
  for (const d of elementsByName(doc, 'data')) {
    const k = d.getAttribute('key');
    if (k !== null && removedKeys.has(k)) {
      const kind = yedKeys.get(k);
      const owner = d.parentNode as XmlElement | null;
      const ownerName = owner ? localNameOf(owner) : '';
      if (kind === 'nodegraphics' && owner && ownerName === 'node') {
        const id = owner.getAttribute('id');
        const label = yedLabel(d, 'NodeLabel');
        if (id !== null && label !== undefined && !yed.nodeLabels.has(id)) yed.nodeLabels.set(id, label);
        const geo = [...Array.from(d.getElementsByTagName('y:Geometry')), ...Array.from(d.getElementsByTagName('Geometry'))][0];
        const x = geo ? parseNumberText(geo.getAttribute('x') ?? '') : undefined;
        const y = geo ? parseNumberText(geo.getAttribute('y') ?? '') : undefined;
        if (id !== null && x !== undefined && y !== undefined && !yed.nodeGeometry.has(id)) yed.nodeGeometry.set(id, { x, y });
      } else if (kind === 'edgegraphics' && owner && ownerName === 'edge') {
        const label = yedLabel(d, 'EdgeLabel');
        if (label !== undefined && !yed.edgeLabels.has(owner)) yed.edgeLabels.set(owner, label);
      }
      owner?.removeChild(d);
      continue;
    }
    if (k === null) collector.error('graphml-structure', `<data> without a 'key' attribute`, whereOf(d));
    else if (!keys.has(k) && !unknownKeys.has(k)) {
      unknownKeys.add(k);
      collector.warn(
        'graphml-undeclared',
        `<data key="${k}">: key '${k}' is not declared by a <key>; read as text named '${k}'`,
        whereOf(d),
      );
    }
  }
  // typed values: booleans and numbers as GraphML defines them (see normaliseTyped)
  for (const d of elementsByName(doc, 'data')) {
    const key = keys.get(d.getAttribute('key') ?? '');
    if (!key) continue;
    normaliseTyped(d, key.getAttribute('attr.type') ?? 'string', key.getAttribute('attr.name') ?? '', collector, 'value of');
  }
  for (const key of keys.values()) {
    for (const def of childElements(key, 'default')) {
      normaliseTyped(def, key.getAttribute('attr.type') ?? 'string', key.getAttribute('attr.name') ?? '', collector, 'default of');
    }
  }
  const edgedefault = (graphEl.getAttribute('edgedefault') ?? 'undirected').toLowerCase();
  if (edgedefault === 'directed') directed = true;
  else if (edgedefault !== 'undirected') {
    collector.warn('graphml-structure', `edgedefault '${edgedefault}' is not directed or undirected; read as undirected`, whereOf(graphEl));
  }
  graphEl.setAttribute('edgedefault', directed ? 'directed' : 'undirected');
  // graph-level data anywhere among the <graph>'s children (NetworkX writes it after the edges;
  // graphology-graphml reads only the leading ones)
  const graphData: Array<{ name: string; value: string }> = [];
  for (const d of childElements(graphEl, 'data')) {
    const key = keys.get(d.getAttribute('key') ?? '');
    const domain = (key?.getAttribute('for') ?? '').toLowerCase();
    if (key && (domain === 'graph' || domain === 'node')) {
      // 'node' here: a for="all" key was split into node/edge/graph copies sharing the id
      graphData.push({ name: key.getAttribute('attr.name')!, value: d.textContent ?? '' });
    }
  }
  const hyper = elementsByName(doc, 'hyperedge');
  if (hyper.length > 0) collector.warn('graphml-hyperedge', `${hyper.length} <hyperedge> element(s) ignored`, whereOf(hyper[0]));
  if (elementsByName(doc, 'graph').length > 1) {
    collector.warn(
      'graphml-nested',
      'nested graphs are flattened: their nodes and edges are read as part of the main graph',
      whereOf(graphEl),
    );
  }
  const arcPairs: Array<[string, string]> = [];
  const addedNodes = checkNodesAndEdges(
    doc,
    collector,
    nodeElements,
    edgeElements,
    (e) => {
      const own = (e.getAttribute('directed') ?? '').toLowerCase();
      if (own === 'true') directed = true;
      if (own === 'true' || (own !== 'false' && edgedefault === 'directed')) {
        arcPairs.push([e.getAttribute('source') ?? '', e.getAttribute('target') ?? '']);
      }
    },
    addMissing,
  );
  const arcSet = new Set(arcPairs.map(([a, b]) => `${a}\u0000${b}`));
  let bothWays = 0;
  for (const key of new Set(arcPairs.filter(([a, b]) => a < b).map(([a, b]) => `${a}\u0000${b}`))) {
    const [a, b] = key.split('\u0000') as [string, string];
    if (arcSet.has(`${b}\u0000${a}`)) bothWays++;
  }
  return {
    graphEl,
    nodeElements,
    edgeElements,
    directed,
    keyTypes,
    graphData,
    yed,
    addedNodes,
    arcs: { count: arcPairs.length, bothWays },
  };
}

/** Cast a `<default>` value, which graphology-graphml leaves as text (normalised by `normaliseTyped`), to its key's type. */
function castDefault(type: string | undefined, v: unknown): unknown {
  if (typeof v !== 'string' || type === undefined || type === 'string') return v;
  if (type === 'boolean') return xmlBoolean(v) ?? null;
  return parseNumberText(v) ?? null;
}

/**
 * Read a GraphML document. Throws an `InputError` with every problem found; warnings come back
 * in the result. Under Node pass `{ domParser: DOMParser }` from `@xmldom/xmldom`.
 */
export function parseGraphml(file: InputFile, opts: GraphmlReadOptions = {}): LoadResult {
  const collector = new DiagnosticCollector(file.name, opts.maxErrors ?? 100);
  const doc = parseXmlDocument(file.text, 'graphml', collector, opts);
  if (!doc) {
    collector.throwIfErrors();
    throw new Error('XML parser returned no document');
  }
  const s = checkStructure(doc, collector, opts.addMissingNodes === true);
  if (collector.full || !s.graphEl) collector.throwIfErrors();
  // Ties have no ids, and some writers repeat edge ids (NetworkX writes multigraph keys): drop them.
  for (const e of s.edgeElements) if (e.hasAttribute('id')) e.removeAttribute('id');
  let graph: AnyGraph;
  try {
    const parse = createParser(class {}, (doc as unknown as { constructor: unknown }).constructor);
    graph = parse(MultiGraph, doc, { addMissingNodes: opts.addMissingNodes === true });
    for (const { name, value } of s.graphData) if (graph.getAttribute(name) === undefined) graph.setAttribute(name, value);
    graph.forEachNode((id, attrs) => {
      for (const [k, v] of Object.entries(attrs)) {
        const c = castDefault(s.keyTypes.node.get(k), v);
        if (c !== v) graph.setNodeAttribute(id, k, c);
      }
    });
    graph.forEachEdge((e, attrs) => {
      for (const [k, v] of Object.entries(attrs)) {
        const c = castDefault(s.keyTypes.edge.get(k), v);
        if (c !== v) graph.setEdgeAttribute(e, k, c);
      }
    });
    // yEd: the label a node or an edge shows, its position (unless the file has attributes of those names)
    for (const [id, label] of s.yed.nodeLabels)
      if (graph.hasNode(id) && graph.getNodeAttribute(id, 'label') === undefined) graph.setNodeAttribute(id, 'label', label);
    for (const [id, p] of s.yed.nodeGeometry) {
      if (!graph.hasNode(id)) continue;
      if (graph.getNodeAttribute(id, 'x') === undefined) graph.setNodeAttribute(id, 'x', p.x);
      if (graph.getNodeAttribute(id, 'y') === undefined) graph.setNodeAttribute(id, 'y', p.y);
    }
    if (s.yed.edgeLabels.size > 0) {
      let k = 0;
      graph.forEachEdge((e, attrs) => {
        const el = s.edgeElements[k++];
        const label = el ? s.yed.edgeLabels.get(el) : undefined;
        if (label !== undefined && attrs['label'] === undefined) graph.setEdgeAttribute(e, 'label', label);
      });
    }
  } catch (err) {
    collector.error(
      'graphml-structure',
      `cannot read the GraphML graph: ${(err as Error).message.replace(/^graphology-graphml\/parser:\s*/, '')}`,
      whereOf(s.graphEl),
    );
    collector.throwIfErrors();
    throw err;
  }
  const ctx = {
    format: 'GraphML',
    collector,
    options: opts,
    nodeElements: s.nodeElements,
    edgeElements: s.edgeElements,
    directed: s.directed,
    addedNodes: s.addedNodes,
    arcs: s.arcs,
    ...(s.graphEl ? { graphElement: s.graphEl } : {}),
    ...(typeof graph.getAttribute('name') === 'string' ? { graphName: graph.getAttribute('name') as string } : {}),
  };
  const network = foreignGraphToNetwork(graph, ctx);
  return { network, warnings: collector.warnings, format: 'graphml' };
}

type KeyType = 'boolean' | 'int' | 'long' | 'double' | 'string';

/** The GraphML type that can hold every value seen (null values ignored). */
function inferKeyType(values: AttributeValue[]): KeyType {
  let type: KeyType | undefined;
  const widen = (t: KeyType) => {
    if (type === undefined || type === t) type = t;
    else if (type === 'string' || t === 'string' || type === 'boolean' || t === 'boolean') type = 'string';
    else if (type === 'double' || t === 'double') type = 'double';
    else type = 'long';
  };
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'boolean') widen('boolean');
    else if (typeof v === 'number') {
      if (Number.isInteger(v)) widen(Math.abs(v) <= 0x7fffffff ? 'int' : 'long');
      else widen('double');
    } else widen('string');
  }
  return type ?? 'string';
}

interface KeyDecl {
  id: string;
  domain: 'graph' | 'node' | 'edge';
  name: string;
  type: KeyType;
}

function collectKeys(domain: 'node' | 'edge', prefix: string, rows: Attributes[]): KeyDecl[] {
  const values = new Map<string, AttributeValue[]>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      let list = values.get(k);
      if (!list) values.set(k, (list = []));
      list.push(v);
    }
  }
  let i = 0;
  return [...values.entries()].map(([name, vs]) => ({ id: `${prefix}${i++}`, domain, name, type: inferKeyType(vs) }));
}

function dataValue(v: AttributeValue): string {
  return String(v);
}

/**
 * Write a network as GraphML (undirected). Keeps every actor and tie attribute; see the module doc
 * for the types and the limits of the format.
 */
export function writeGraphml(net: Network): string {
  const nodes: Array<{ id: string; attrs: Attributes }> = [];
  net.graph.forEachNode((id, attrs) => nodes.push({ id, attrs: exportNodeAttributes(attrs) }));
  const edges: Array<{ source: string; target: string; attrs: Attributes }> = [];
  net.graph.forEachEdge((_e, attrs, source, target) => edges.push({ source, target, attrs: exportEdgeAttributes(attrs) }));
  const nodeKeys = collectKeys(
    'node',
    'd',
    nodes.map((n) => n.attrs),
  );
  const edgeKeys = collectKeys(
    'edge',
    'e',
    edges.map((e) => e.attrs),
  );
  const embedded = embeddedDataOf(net);
  const graphKeys: KeyDecl[] = [];
  if (net.description !== undefined) graphKeys.push({ id: 'g0', domain: 'graph', name: 'description', type: 'string' });
  if (embedded !== undefined) graphKeys.push({ id: EMBED_ATTRIBUTE, domain: 'graph', name: EMBED_ATTRIBUTE, type: 'string' });

  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  );
  for (const k of [...graphKeys, ...nodeKeys, ...edgeKeys]) {
    out.push(`  <key id="${escapeXml(k.id)}" for="${k.domain}" attr.name="${escapeXml(k.name)}" attr.type="${k.type}"/>`);
  }
  out.push('  <graph id="G" edgedefault="undirected">');
  for (const k of graphKeys) {
    const v = k.name === EMBED_ATTRIBUTE ? embedded! : net.description!;
    out.push(`    <data key="${escapeXml(k.id)}">${escapeXml(v)}</data>`);
  }
  const nodeKeyOf = new Map(nodeKeys.map((k) => [k.name, k.id]));
  const edgeKeyOf = new Map(edgeKeys.map((k) => [k.name, k.id]));
  const dataLines = (attrs: Attributes, keyOf: Map<string, string>, indent: string): string[] => {
    const lines: string[] = [];
    for (const [name, v] of Object.entries(attrs)) {
      if (v === null) continue;
      lines.push(`${indent}<data key="${escapeXml(keyOf.get(name)!)}">${escapeXml(dataValue(v))}</data>`);
    }
    return lines;
  };
  for (const n of nodes) {
    const lines = dataLines(n.attrs, nodeKeyOf, '      ');
    if (lines.length === 0) out.push(`    <node id="${escapeXml(n.id)}"/>`);
    else out.push(`    <node id="${escapeXml(n.id)}">`, ...lines, '    </node>');
  }
  edges.forEach((e, i) => {
    const open = `    <edge id="e${i}" source="${escapeXml(e.source)}" target="${escapeXml(e.target)}"`;
    const lines = dataLines(e.attrs, edgeKeyOf, '      ');
    if (lines.length === 0) out.push(`${open}/>`);
    else out.push(`${open}>`, ...lines, '    </edge>');
  });
  out.push('  </graph>');
  out.push('</graphml>');
  return out.join('\n') + '\n';
}
