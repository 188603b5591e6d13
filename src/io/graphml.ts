/**
 * GraphML reader (on top of graphology-graphml) and writer (by hand: graphology-graphml has none).
 *
 * Reading: the XML is parsed here (syntax errors with line and column); the structure is checked
 * element by element (`<key>` declarations, node ids, edge endpoints: every problem with its line);
 * keys declared `for="all"` are expanded to node, edge and graph keys, keys for other domains
 * (port, hyperedge, endpoint, graphml) are dropped with a warning, keys without `attr.name` are
 * named by their id (igraph and NetworkX always give one), and unknown `attr.type`s are read as
 * text, so that graphology-graphml's parser (which would otherwise fail on them) reads typed
 * `<data>` values and `<default>`s. {@link foreignGraphToNetwork} then maps nodes and edges to
 * actors and ties: helix role from `opts.helixAttr` (default `helix`) through `opts.helixMap`,
 * label from `label` or `name`, weight from `weight`, every other attribute kept. Directed graphs
 * (`edgedefault="directed"` or `directed="true"` edges) are read as undirected ties (one warning);
 * hyperedges are ignored (one warning).
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
import type { AttributeValue, Attributes, Network } from '../model/types.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import {
  EMBED_ATTRIBUTE,
  childElements,
  elementsByName,
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

/** Check and normalise the document in place; collect node and edge elements with their lines. */
function checkStructure(doc: XmlDocument, collector: DiagnosticCollector) {
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
    };
  }
  // keys
  const keys = new Map<string, XmlElement>();
  const keyTypes = { node: new Map<string, string>(), edge: new Map<string, string>() };
  for (const key of elementsByName(doc, 'key')) {
    const where = whereOf(key);
    const id = key.getAttribute('id');
    if (id === null || id === '') {
      collector.error('graphml-structure', '<key> without an id', where);
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
      (key.parentNode as XmlElement | null)?.removeChild(key);
      continue;
    }
    keys.set(id, key);
    const name = key.getAttribute('attr.name')!;
    const t = key.getAttribute('attr.type') ?? 'string';
    for (const d of domain === 'all' ? ['node', 'edge'] : [domain]) if (d === 'node' || d === 'edge') keyTypes[d].set(name, t);
  }
  const unknownKeys = new Set<string>();
  for (const d of elementsByName(doc, 'data')) {
    const k = d.getAttribute('key');
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
  checkNodesAndEdges(doc, collector, nodeElements, edgeElements, (e) => {
    if ((e.getAttribute('directed') ?? '').toLowerCase() === 'true') directed = true;
  });
  return { graphEl, nodeElements, edgeElements, directed, keyTypes, graphData };
}

/** Cast a `<default>` value, which graphology-graphml leaves as text, to its key's type. */
function castDefault(type: string | undefined, v: unknown): unknown {
  if (typeof v !== 'string' || type === undefined || type === 'string') return v;
  if (type === 'boolean') return v.trim().toLowerCase() === 'true';
  return v.trim() === '' ? null : Number(v);
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
  const s = checkStructure(doc, collector);
  if (collector.full || !s.graphEl) collector.throwIfErrors();
  // Ties have no ids, and some writers repeat edge ids (NetworkX writes multigraph keys): drop them.
  for (const e of s.edgeElements) if (e.hasAttribute('id')) e.removeAttribute('id');
  let graph: AnyGraph;
  try {
    const parse = createParser(class {}, (doc as unknown as { constructor: unknown }).constructor);
    graph = parse(MultiGraph, doc, {});
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
