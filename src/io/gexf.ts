/**
 * GEXF (Gephi's format, versions 1.1–1.3) reader and writer, on top of graphology-gexf.
 *
 * Reading: the XML is parsed here (syntax errors with line and column), the structure is checked
 * element by element (node ids, edge endpoints, weights: every problem reported with its line),
 * then graphology-gexf's parser turns the document into a graph (attribute model with types and
 * defaults, `<attvalues>`, `viz:` colour/size/position/shape/thickness), and
 * {@link foreignGraphToNetwork} maps it to actors and ties (helix role from `opts.helixAttr`,
 * default `helix`, through `opts.helixMap`). Static `start`/`end` XML attributes (Gephi's dynamic
 * mode) that begin with a year give a node's `joined` and an edge's `since`/`until` when no
 * attribute of that name is set. Typed values (`<attvalue>`, `<default>`) and edge weights follow
 * the value rules of every reader (booleans `true`/`false`/`1`/`0` trimmed, numbers by
 * `parseNumberText`). Directed graphs are read as undirected ties (one warning, saying how the
 * analysis merges arcs).
 *
 * Writing: GEXF 1.3, undirected, through graphology-gexf's writer. Every actor field and free
 * attribute is a node `<attvalue>` (`label` is the GEXF label; numeric `x`, `y`, `z`, `size`,
 * `thickness` and text `color`, `shape` go to the `viz:` elements, where Gephi reads them); a tie's
 * `weight` and `kind` are the GEXF edge attributes, the rest `<attvalue>`s. Projected affiliation
 * edges are written too (so other tools see the one-mode network), marked `origin=affiliation`.
 * Name, description, source, activities and profile travel as JSON in `<meta><helixlab>` (see
 * {@link EMBED_ATTRIBUTE}). Limits of the format: an attribute has one type for all nodes, so an
 * attribute mixing numbers and texts comes back as texts; null and empty-text values are not written.
 *
 * Options of {@link writeGexf} for "open it in Gephi as it looks here" (the browser app's export):
 * `viz` gives actors a position, size and colour (`viz:position`, `viz:size`, `viz:color` with r, g,
 * b, which every Gephi version reads), over their own `x`/`y`/`size`/`color` attributes; and
 * `nodeAttributes` adds attributes per actor (computed measures), over actor attributes of the
 * same name. Without them the output is unchanged. The reader brings `viz:position` / `viz:size` /
 * `viz:color` back as the actor attributes `x`, `y`, `size`, `color`.
 *
 * Reference: GEXF 1.3 primer, https://gexf.net/ ; graphology-gexf (node_modules/graphology-gexf).
 */
import { MultiGraph, MultiUndirectedGraph } from 'graphology';
import type { AbstractGraph, Attributes as GraphAttributes } from 'graphology-types';
// @ts-expect-error -- untyped CommonJS module of graphology-gexf (the DOM-agnostic parser factory)
import createGexfParser from 'graphology-gexf/common/parser.js';
// @ts-expect-error -- untyped CommonJS module of graphology-gexf (the writer, no DOM needed)
import gexfWriter from 'graphology-gexf/common/writer.js';
import { DiagnosticCollector } from '../model/errors.js';
import { parseNumberText } from './validate.js';
import type { Attributes, Network } from '../model/types.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import {
  EMBED_ATTRIBUTE,
  VIZ_NAMES,
  childElements,
  elementsByName,
  localNameOf,
  xmlBoolean,
  xmlSafeText,
  embeddedDataOf,
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

type GraphologyParse = (
  Graph: unknown,
  source: XmlDocument,
  options: { addMissingNodes?: boolean; allowUndeclaredAttributes?: boolean },
) => AnyGraph;

interface VizRecord {
  color?: string;
  size?: number;
  x?: number;
  y?: number;
  z?: number;
  shape?: string;
  thickness?: number;
}
interface FormattedElement {
  label?: string;
  weight?: number;
  kind?: string;
  viz?: VizRecord;
  attributes?: Attributes;
}
type GexfWrite = (
  graph: AbstractGraph<GraphAttributes, GraphAttributes, GraphAttributes>,
  options: {
    version: '1.3';
    pretty: boolean;
    formatNode: (key: string, attrs: Attributes) => FormattedElement;
    formatEdge: (key: string, attrs: Attributes) => FormattedElement;
  },
) => string;

const createParser = createGexfParser as (DOMParser: unknown, Document: unknown) => GraphologyParse;
const write = gexfWriter as GexfWrite;

export type GexfReadOptions = FormatOptions & XmlReadOptions;

const YEAR_PREFIX = /^\s*(-?\d{4})(?:$|[-T\s])/;

const GEXF_NUMERIC = new Set(['integer', 'long', 'float', 'double', 'byte', 'short']);

/**
 * Normalise a typed GEXF value in place (an `<attvalue value>` or a `<default>` text) before
 * graphology-gexf casts it (it reads only `true` as true, and `0x1` or an empty text as numbers):
 * booleans to `true`/`false` (`1`/`0`, any case, blanks ignored), numbers by the readers' number rule;
 * a bad value is reported, an empty one left out.
 */
function normaliseGexfValue(
  get: () => string | null,
  set: (v: string) => void,
  remove: () => void,
  type: string,
  title: string,
  where: { line?: number; column?: number },
  collector: DiagnosticCollector,
): void {
  if (type !== 'boolean' && !GEXF_NUMERIC.has(type)) return;
  const text = get();
  if (text === null) return;
  if (text.trim() === '') {
    remove();
    return;
  }
  if (type === 'boolean') {
    const b = xmlBoolean(text);
    if (b === undefined) {
      collector.error('bad-value', `value of '${title}': expected a boolean (true, false, 1 or 0), found '${text}'`, {
        ...where,
        field: title,
      });
      remove();
    } else set(b ? 'true' : 'false');
    return;
  }
  const n = parseNumberText(text);
  if (n === undefined) {
    collector.error('bad-value', `value of '${title}': expected a number (type ${type}), found the text '${text}'`, {
      ...where,
      field: title,
    });
    remove();
  } else set(String(n));
}

/** Check the structure, element by element, so that every problem is reported with its line. */
function checkStructure(doc: XmlDocument, collector: DiagnosticCollector, addMissing = false) {
  const graphEl = elementsByName(doc, 'graph')[0];
  const nodeElements = new Map<string, XmlElement>();
  const edgeElements: XmlElement[] = [];
  let directed = false;
  if (!graphEl) {
    collector.error('gexf-structure', 'no <graph> element inside <gexf>', whereOf(doc.documentElement ?? undefined));
    return {
      graphEl,
      nodeElements,
      edgeElements,
      directed,
      addedNodes: new Map<string, { line?: number; column?: number }>(),
      arcs: { count: 0, bothWays: 0 },
    };
  }
  const defaultType = (graphEl.getAttribute('defaultedgetype') ?? 'undirected').toLowerCase();
  if (defaultType === 'directed') directed = true;
  else if (defaultType !== 'undirected' && defaultType !== 'mutual') {
    collector.warn(
      'gexf-structure',
      `defaultedgetype '${defaultType}' is not one of directed, undirected, mutual; read as undirected`,
      whereOf(graphEl),
    );
    graphEl.setAttribute('defaultedgetype', 'undirected');
  }
  const declared = new Set<string>();
  /** class ('node' / 'edge') + id → type and title of a declared attribute. */
  const types = new Map<string, { type: string; title: string }>();
  for (const a of elementsByName(doc, 'attribute')) {
    const id = a.getAttribute('id');
    if (id === null) {
      collector.error('gexf-structure', '<attribute> without an id', whereOf(a));
      continue;
    }
    declared.add(id);
    const cls = ((a.parentNode as XmlElement | null)?.getAttribute('class') ?? 'node').toLowerCase();
    const type = (a.getAttribute('type') ?? 'string').toLowerCase();
    const title = a.getAttribute('title') ?? id;
    types.set(`${cls}\u0000${id}`, { type, title });
    for (const def of childElements(a, 'default')) {
      normaliseGexfValue(
        () => def.textContent,
        (v) => (def.textContent = v),
        () => (def.parentNode as XmlElement | null)?.removeChild(def),
        type,
        title,
        whereOf(def),
        collector,
      );
    }
  }
  const undeclaredSeen = new Set<string>();
  for (const v of elementsByName(doc, 'attvalue')) {
    const id = v.getAttribute('for') ?? v.getAttribute('id');
    const owner = (v.parentNode as XmlElement | null)?.parentNode as XmlElement | null;
    const cls = owner ? localNameOf(owner) : 'node';
    const t = id === null ? undefined : types.get(`${cls}\u0000${id}`);
    if (t) {
      normaliseGexfValue(
        () => v.getAttribute('value'),
        (x) => v.setAttribute('value', x),
        () => (v.parentNode as XmlElement | null)?.removeChild(v),
        t.type,
        t.title,
        whereOf(v),
        collector,
      );
    }
    if (id === null) {
      collector.error('gexf-structure', `<attvalue> without a 'for' attribute naming the attribute`, whereOf(v));
    } else if (!declared.has(id) && !undeclaredSeen.has(id)) {
      undeclaredSeen.add(id);
      collector.warn(
        'gexf-undeclared',
        `<attvalue for="${id}">: attribute '${id}' is not declared in <attributes>; read as text`,
        whereOf(v),
      );
    }
  }
  const arcPairs: Array<[string, string]> = [];
  const addedNodes = checkNodesAndEdges(
    doc,
    collector,
    nodeElements,
    edgeElements,
    (e, where) => {
      const type = (e.getAttribute('type') ?? '').toLowerCase();
      if (type === 'directed') directed = true;
      if (type === 'directed' || (type === '' && defaultType === 'directed')) {
        arcPairs.push([e.getAttribute('source') ?? '', e.getAttribute('target') ?? '']);
      }
      const w = e.getAttribute('weight');
      const n = w === null ? undefined : parseNumberText(w);
      if (w !== null && (n === undefined || n <= 0)) {
        collector.error('bad-weight', `edge weight: expected a positive number (a strength), found '${w}'`, { ...where, field: 'weight' });
        e.removeAttribute('weight');
      } else if (w !== null && n !== undefined) e.setAttribute('weight', String(n));
    },
    addMissing,
  );
  const arcSet = new Set(arcPairs.map(([a, b]) => `${a}\u0000${b}`));
  let bothWays = 0;
  for (const key of new Set(arcPairs.filter(([a, b]) => a < b).map(([a, b]) => `${a}\u0000${b}`))) {
    const [a, b] = key.split('\u0000') as [string, string];
    if (arcSet.has(`${b}\u0000${a}`)) bothWays++;
  }
  return { graphEl, nodeElements, edgeElements, directed, addedNodes, arcs: { count: arcPairs.length, bothWays } };
}

/** Year at the start of a GEXF time value ('2005', '2005-03-01', ...). */
function yearOf(value: string | null): number | undefined {
  if (value === null) return undefined;
  const m = YEAR_PREFIX.exec(value);
  return m ? Number(m[1]) : undefined;
}

/**
 * Read a GEXF document. Throws an `InputError` with every problem found; warnings (directed
 * input, undeclared attributes, foreign edge kinds, self-loops) come back in the result.
 * Under Node pass `{ domParser: DOMParser }` from `@xmldom/xmldom`.
 */
export function parseGexf(file: InputFile, opts: GexfReadOptions = {}): LoadResult {
  const collector = new DiagnosticCollector(file.name, opts.maxErrors ?? 100);
  const doc = parseXmlDocument(file.text, 'gexf', collector, opts);
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
    graph = parse(MultiGraph, doc, { allowUndeclaredAttributes: true, addMissingNodes: opts.addMissingNodes === true });
  } catch (err) {
    collector.error(
      'gexf-structure',
      `cannot read the GEXF graph: ${(err as Error).message.replace(/^graphology-gexf\/parser:\s*/, '')}`,
      whereOf(s.graphEl),
    );
    collector.throwIfErrors();
    throw err;
  }
  // Gephi's dynamic mode: start/end XML attributes.
  graph.forEachNode((id, attrs) => {
    const y = yearOf(s.nodeElements.get(id)?.getAttribute('start') ?? null);
    if (y !== undefined && attrs['joined'] === undefined) graph.setNodeAttribute(id, 'joined', y);
  });
  let i = 0;
  graph.forEachEdge((key, attrs) => {
    const el = s.edgeElements[i++];
    const start = yearOf(el?.getAttribute('start') ?? null);
    const end = yearOf(el?.getAttribute('end') ?? null);
    if (start !== undefined && attrs['since'] === undefined) graph.setEdgeAttribute(key, 'since', start);
    if (end !== undefined && attrs['until'] === undefined) graph.setEdgeAttribute(key, 'until', end);
  });
  const ctx = {
    format: 'GEXF',
    collector,
    options: opts,
    nodeElements: s.nodeElements,
    edgeElements: s.edgeElements,
    directed: s.directed,
    addedNodes: s.addedNodes,
    arcs: s.arcs,
    ...(s.graphEl ? { graphElement: s.graphEl } : {}),
    ...(s.graphEl?.getAttribute('name') ? { graphName: s.graphEl.getAttribute('name')! } : {}),
  };
  const network = foreignGraphToNetwork(graph, ctx);
  return { network, warnings: collector.warnings, format: 'gexf' };
}

function formatElement(kind: 'node' | 'edge', attrs: Attributes): FormattedElement {
  const out: FormattedElement = {};
  const free: Attributes = {};
  const viz: VizRecord = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'label' && typeof v === 'string') out.label = v;
    else if (kind === 'edge' && k === 'weight' && typeof v === 'number') out.weight = v;
    else if (kind === 'edge' && k === 'kind' && typeof v === 'string') out.kind = v;
    else if (VIZ_NAMES.has(k) && (k === 'color' || k === 'shape' ? typeof v === 'string' : typeof v === 'number')) {
      (viz as Record<string, unknown>)[k] = v;
    } else free[k] = v;
  }
  if (Object.keys(viz).length > 0) out.viz = viz;
  if (Object.keys(free).length > 0) out.attributes = free;
  return out;
}

/** Position, size and colour of an actor in Gephi's `viz` namespace (see {@link GexfWriteOptions}). */
export interface GexfViz {
  x?: number;
  y?: number;
  size?: number;
  /** A CSS colour: `#rrggbb` or `rgb(r, g, b)`. */
  color?: string;
}

export interface GexfWriteOptions {
  /** Indent the XML (default true). */
  pretty?: boolean;
  /** Per actor id: `viz:position`, `viz:size`, `viz:color` (over the actor's own x / y / size / color). */
  viz?: ReadonlyMap<string, GexfViz>;
  /** Per actor id: more attributes, e.g. computed measures (over actor attributes of the same name; null values are not written). */
  nodeAttributes?: ReadonlyMap<string, Attributes>;
}

/** `#rrggbb` / `#rgb` → `rgb(r,g,b)` (written as r, g, b attributes); anything else unchanged. */
function rgbColor(c: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (!m) return c;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((d) => d + d).join('') : m[1]!;
  const n = parseInt(hex, 16);
  return `rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`;
}

/**
 * Write a network as GEXF 1.3 (undirected). Keeps every actor and tie attribute; see the module
 * doc for what goes where, the `viz` / `nodeAttributes` options and the limits of the format.
 */
export function writeGexf(net: Network, options: GexfWriteOptions = {}): string {
  const g = new MultiUndirectedGraph<GraphAttributes, GraphAttributes, GraphAttributes>({ allowSelfLoops: true });
  g.setAttribute('creator', 'HelixLab');
  if (net.description !== undefined) g.setAttribute('description', net.description);
  const embedded = embeddedDataOf(net);
  if (embedded !== undefined) g.setAttribute(EMBED_ATTRIBUTE, embedded);
  // graphology-gexf writes texts as they are: leave out what XML cannot hold, as the GraphML writer does
  const safe = (a: Attributes): Attributes => {
    const out: Attributes = {};
    for (const [k, v] of Object.entries(a)) out[k] = typeof v === 'string' ? xmlSafeText(v).text : v;
    return out;
  };
  net.graph.forEachNode((id, attrs) => {
    const out = exportNodeAttributes(attrs);
    const extra = options.nodeAttributes?.get(id);
    if (extra) for (const [k, v] of Object.entries(extra)) if (v !== undefined) out[k] = v;
    const viz = options.viz?.get(id);
    if (viz) {
      for (const k of ['x', 'y', 'size'] as const) {
        const v = viz[k];
        if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
      }
      if (typeof viz.color === 'string') out['color'] = rgbColor(viz.color);
    }
    g.addNode(id, safe(out));
  });
  let i = 0;
  net.graph.forEachEdge((_e, attrs, s, t) => {
    g.addEdgeWithKey(`e${i++}`, s, t, safe(exportEdgeAttributes(attrs)));
  });
  return write(g, {
    version: '1.3',
    pretty: options.pretty ?? true,
    formatNode: (_k, a) => formatElement('node', a),
    formatEdge: (_k, a) => formatElement('edge', a),
  });
}
