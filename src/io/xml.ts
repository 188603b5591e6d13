/**
 * XML plumbing shared by the GEXF and GraphML readers and writers, and the mapping of a parsed
 * foreign graph to a HelixLab network ({@link foreignGraphToNetwork}) that both readers use.
 *
 * The readers need a W3C `DOMParser`. In the browser the global one is used; under Node there is
 * none, so the caller passes one in (`{ domParser: DOMParser }` from `@xmldom/xmldom`, done by
 * `src/node/files.ts`). This module imports no XML library itself, so the browser bundle
 * never pulls xmldom in.
 *
 * Depth: documents nested deeper than {@link MAX_XML_DEPTH} levels are refused by a linear scan
 * before the DOM is built (a located error, exit 2), which keeps reading linear in the file size.
 *
 * Syntax errors are reported as diagnostics with line and column: xmldom reports them through its
 * `onError` callback (and throws a `ParseError` carrying a locator on fatal errors); browsers put a
 * `<parsererror>` element in the document, whose text usually names the line and column.
 *
 * Size: over 500 lines because it is the shared XML layer of two formats (GEXF, GraphML): the DOM
 * helpers, the structural checks with locations and the conversion of a foreign graph into a network.
 */
import type { AbstractGraph, Attributes as GraphAttributes } from 'graphology-types';
import { didYouMean, type DiagnosticCollector } from '../model/errors.js';
import {
  HELIX_ROLES,
  TIE_KINDS,
  type Activity,
  type Actor,
  type AttributeValue,
  type Attributes,
  type ClusterProfile,
  type EdgeAttributes,
  type HelixRole,
  type Network,
  type NetworkDocument,
  type NodeAttributes,
  type Tie,
  type TieKind,
} from '../model/types.js';
import type { FormatOptions } from './formats.js';
import { checkHelixMap, lookupHelix } from './helix-map.js';
import { RESERVED_KEYS, finishDocument, reservedKeyMessage, type Locator } from './validate.js';
import { parseJsonText } from './json.js';

/** The few DOM node features the readers use (satisfied by the browser DOM and by xmldom). */
export interface XmlNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<XmlNode>;
  readonly parentNode: XmlNode | null;
  /** Set by xmldom (locator on): 1-based line of the start tag. */
  readonly lineNumber?: number;
  readonly columnNumber?: number;
}

export interface XmlElement extends XmlNode {
  readonly tagName: string;
  readonly localName: string | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  removeChild(child: XmlNode): unknown;
  appendChild(child: XmlNode): unknown;
  cloneNode(deep: boolean): XmlNode;
}

export interface XmlDocument {
  readonly documentElement: XmlElement | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}

export interface DomParserLike {
  parseFromString(text: string, mimeType: string): unknown;
}

/** Options understood by xmldom's DOMParser (the browser's ignores them). */
export interface DomParserOptions {
  locator?: boolean;
  onError?: (level: 'warning' | 'error' | 'fatalError', message: string, context: unknown) => void;
}

/** A DOMParser class: the browser global or `DOMParser` from `@xmldom/xmldom`. */
export type DomParserConstructor = new (options?: DomParserOptions) => DomParserLike;

/** Options of the XML-based readers, beside the common {@link FormatOptions}. */
export interface XmlReadOptions {
  /** The DOMParser class to use; default the global `DOMParser` (browsers). Node: pass xmldom's. */
  domParser?: DomParserConstructor;
}

let installedDomParser: DomParserConstructor | undefined;

/**
 * Set the DOMParser used when a reader is given none (Node: call once with xmldom's, e.g.
 * `setDefaultDomParser(DOMParser)` after `import { DOMParser } from '@xmldom/xmldom'`).
 */
export function setDefaultDomParser(parser: DomParserConstructor | undefined): void {
  installedDomParser = parser;
}

function defaultDomParser(): DomParserConstructor | undefined {
  if (installedDomParser) return installedDomParser;
  const g = globalThis as { DOMParser?: DomParserConstructor };
  return g.DOMParser;
}

const LINE_COL_PATTERNS: RegExp[] = [
  /line[:\s]+(\d+)[,\s]+(?:at\s+)?col(?:umn)?[:\s]+(\d+)/i, // xmldom "[line:2,col:1]", Chrome "line 3 at column 5"
  /Line Number (\d+), Column (\d+)/i, // Firefox
];

function lineColumnOf(text: string): { line?: number; column?: number } {
  for (const re of LINE_COL_PATTERNS) {
    const m = re.exec(text);
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return {};
}

function locatorOf(value: unknown): { line?: number; column?: number } {
  const loc = (value as { locator?: { lineNumber?: unknown; columnNumber?: unknown } } | null)?.locator;
  const out: { line?: number; column?: number } = {};
  if (loc && typeof loc.lineNumber === 'number' && loc.lineNumber > 0) out.line = loc.lineNumber;
  if (loc && typeof loc.columnNumber === 'number' && loc.columnNumber > 0) out.column = loc.columnNumber;
  return out;
}

/**
 * Levels of element nesting an XML input may have. GEXF and GraphML need fewer than 10 (GEXF:
 * gexf › graph › nodes › node › attvalues › attvalue; GraphML with yEd's graphics about 10); deeper
 * documents are refused before the DOM is built, because the DOM readers visit every element's
 * subtree (a cost that grows with the depth times the size: 5,000 nested `<nodes>` took minutes).
 */
export const MAX_XML_DEPTH = 64;

/**
 * Offset of the first start tag that opens a level beyond `maxDepth`, or -1. A linear scan of the
 * tags that skips comments, CDATA sections, processing instructions, the DOCTYPE and quoted
 * attribute values; malformed markup is left to the XML parser to report.
 */
export function xmlTooDeepAt(text: string, maxDepth = MAX_XML_DEPTH): number {
  let depth = 0;
  const n = text.length;
  let i = text.indexOf('<');
  while (i >= 0 && i < n) {
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (text.startsWith('<!--', i)) {
      end = text.indexOf('-->', i + 4);
      end = end < 0 ? n : end + 3;
    } else if (text.startsWith('<![CDATA[', i)) {
      end = text.indexOf(']]>', i + 9);
      end = end < 0 ? n : end + 3;
    } else if (next === 63 /* ? */) {
      end = text.indexOf('?>', i + 2);
      end = end < 0 ? n : end + 2;
    } else if (next === 33 /* ! (DOCTYPE, with an optional [internal subset]) */) {
      let k = i + 2;
      let bracket = 0;
      for (; k < n; k++) {
        const c = text.charCodeAt(k);
        if (c === 91) bracket++;
        else if (c === 93) bracket--;
        else if (c === 62 && bracket <= 0) break;
      }
      end = k + 1;
    } else if (next === 47 /* / */) {
      depth--;
      end = text.indexOf('>', i + 2);
      end = end < 0 ? n : end + 1;
    } else {
      // a start tag: find its '>' outside quoted attribute values
      let k = i + 1;
      let quote = 0;
      for (; k < n; k++) {
        const c = text.charCodeAt(k);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break;
      }
      if (text.charCodeAt(k - 1) !== 47 /* not self-closing */ && ++depth > maxDepth) return i;
      end = k + 1;
    }
    i = text.indexOf('<', end);
  }
  return -1;
}

/** 1-based line and column of a character offset. */
function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) {
    line++;
    start = k + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Parse XML text into a document, reporting syntax problems to `collector` (errors for xmldom's
 * `error`/`fatalError` and browser parse errors, warnings for xmldom's `warning`s). Returns
 * undefined when no usable document came out. Checks that the root element is `<rootName>`.
 */
export function parseXmlDocument(
  text: string,
  rootName: string,
  collector: DiagnosticCollector,
  options: XmlReadOptions = {},
): XmlDocument | undefined {
  const Parser = options.domParser ?? defaultDomParser();
  if (!Parser) {
    throw new Error(
      `reading ${rootName} needs a DOMParser: under Node pass { domParser: DOMParser } from '@xmldom/xmldom' or call setDefaultDomParser(DOMParser)`,
    );
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trim() === '') {
    collector.error('xml-empty', `the file is empty; expected a <${rootName}> XML document`, { line: 1 });
    return undefined;
  }
  const deep = xmlTooDeepAt(source);
  if (deep >= 0) {
    collector.error(
      'xml-depth',
      `elements nested deeper than ${MAX_XML_DEPTH} levels (a ${rootName === 'gexf' ? 'GEXF' : 'GraphML'} file needs fewer than 10)`,
      lineColAt(source, deep),
    );
    return undefined;
  }
  const seen = new Set<string>();
  const report = (level: 'warning' | 'error' | 'fatalError', message: string, where: { line?: number; column?: number }) => {
    const msg = message.replace(/\s*@#\[line:.*$/s, '').trim();
    const key = `${level}|${msg}|${where.line}|${where.column}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (level === 'warning') collector.warn('xml-syntax', `XML: ${msg}`, where);
    else collector.error('xml-syntax', `XML syntax error: ${msg}`, where);
  };
  let doc: XmlDocument | undefined;
  try {
    const parser = new Parser({
      locator: true,
      onError: (level, message, context) => {
        const where = locatorOf(context);
        report(level, message, where.line !== undefined ? where : lineColumnOf(message));
        // a fatal error is thrown as a ParseError by xmldom after this callback returns
      },
    });
    doc = parser.parseFromString(source, 'application/xml') as XmlDocument;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e && e.name === 'ParseError') {
      const where = locatorOf(err);
      report('fatalError', String(e.message ?? 'malformed XML'), where.line !== undefined ? where : lineColumnOf(String(e.message)));
      return undefined;
    }
    throw err;
  }
  if (!doc) return undefined;
  // Browsers: errors come back as a <parsererror> element.
  const perr = doc.getElementsByTagName('parsererror');
  if (perr.length > 0) {
    const msg = (perr[0]!.textContent ?? 'malformed XML').replace(/\s+/g, ' ').trim();
    report('fatalError', msg, lineColumnOf(msg));
    return undefined;
  }
  const root = doc.documentElement;
  if (!root) {
    collector.error('xml-syntax', `XML syntax error: no root element; expected <${rootName}>`, { line: 1 });
    return undefined;
  }
  const rootLocal = (root.localName ?? root.tagName).toLowerCase();
  if (rootLocal !== rootName) {
    collector.error('xml-root', `expected a <${rootName}> document, found root element <${root.tagName}>`, whereOf(root));
    return undefined;
  }
  return doc;
}

/** Line and column of an element when the parser recorded them. */
export function whereOf(node: XmlNode | undefined): { line?: number; column?: number } {
  const out: { line?: number; column?: number } = {};
  if (node && typeof node.lineNumber === 'number' && node.lineNumber > 0) out.line = node.lineNumber;
  if (node && typeof node.columnNumber === 'number' && node.columnNumber > 0) out.column = node.columnNumber;
  return out;
}

/** The element children of a node (skipping text, comments). */
export function childElements(node: XmlNode, localName?: string): XmlElement[] {
  const out: XmlElement[] = [];
  const kids = node.childNodes;
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.nodeType !== 1) continue;
    const el = k as XmlElement;
    if (localName === undefined || localNameOf(el) === localName) out.push(el);
  }
  return out;
}

/** Element name without a namespace prefix, lower-cased. */
export function localNameOf(el: XmlElement): string {
  const name = el.localName ?? el.tagName;
  const i = name.indexOf(':');
  return (i >= 0 ? name.slice(i + 1) : name).toLowerCase();
}

/** All elements named `name` in a document or element, as an array. */
export function elementsByName(root: XmlDocument | XmlElement, name: string): XmlElement[] {
  return Array.from(root.getElementsByTagName(name));
}

/** Escape text for an XML attribute value or element content. */
/**
 * The checks GEXF and GraphML share: every `<node>` has a unique id, every `<edge>` names existing
 * nodes as source and target. Bad elements are reported and removed from the document (so that the
 * rest of the file is still checked and the graph readers never see them); the good ones are
 * collected into `nodeElements` / `edgeElements`. `onEdge` runs for every edge element for the
 * format's own checks.
 */
export function checkNodesAndEdges(
  doc: XmlDocument,
  collector: DiagnosticCollector,
  nodeElements: Map<string, XmlElement>,
  edgeElements: XmlElement[],
  onEdge: (edge: XmlElement, where: { line?: number; column?: number }) => void,
): void {
  const drop = (el: XmlElement) => (el.parentNode as XmlElement | null)?.removeChild(el);
  // attribute names that would change an object's prototype (GEXF <attribute title>, GraphML <key attr.name>)
  for (const [tag, attr] of [
    ['attribute', 'title'],
    ['key', 'attr.name'],
  ] as const) {
    for (const el of elementsByName(doc, tag)) {
      const name = el.getAttribute(attr) ?? el.getAttribute('id');
      if (name !== null && RESERVED_KEYS.has(name)) {
        collector.error('reserved-key', `<${tag} ${attr}="${name}">: ${reservedKeyMessage(name)}`, whereOf(el));
        drop(el);
      }
    }
  }
  for (const n of elementsByName(doc, 'node')) {
    const id = n.getAttribute('id');
    if (id === null || id === '') {
      collector.error('missing-id', '<node> without an id', whereOf(n));
      drop(n);
      continue;
    }
    const first = nodeElements.get(id);
    if (first) {
      const fl = whereOf(first).line;
      collector.error('duplicate-id', `duplicate node id '${id}'${fl !== undefined ? ` (first defined on line ${fl})` : ''}`, whereOf(n));
      drop(n);
      continue;
    }
    nodeElements.set(id, n);
  }
  const ids = [...nodeElements.keys()];
  for (const e of elementsByName(doc, 'edge')) {
    const where = whereOf(e);
    const id = e.getAttribute('id');
    let ok = true;
    for (const end of ['source', 'target'] as const) {
      const v = e.getAttribute(end);
      if (v === null || v === '') {
        collector.error('missing-node', `<edge${id ? ` id="${id}"` : ''}> without a ${end}`, where);
        ok = false;
      } else if (!nodeElements.has(v)) {
        const s = ids.length <= 5000 ? didYouMean(v, ids) : undefined;
        collector.error('missing-node', `edge ${end} '${v}' is not a node${s ? ` (did you mean '${s}'?)` : ''}`, { ...where, field: end });
        ok = false;
      }
    }
    // reported: leave the element out so that the rest of the file is still checked
    if (ok) edgeElements.push(e);
    else drop(e);
    onEdge(e, where);
  }
}

export function escapeXml(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (ch === '\n') out += '&#10;';
    else if (ch === '\r') out += '&#13;';
    else if (ch === '\t') out += '&#9;';
    else if (c < 0x20 || c === 0xfffe || c === 0xffff)
      out += ''; // not allowed in XML 1.0
    else out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shared by the GEXF and GraphML readers: a parsed foreign graph → a HelixLab Network
// ---------------------------------------------------------------------------------------------

/**
 * HelixLab data that GEXF and GraphML have no place for (the network's name, description and
 * source, the two-mode activities and the cluster profile) travels as JSON in one graph-level
 * attribute named `helixlab` (GEXF: a `<helixlab>` element in `<meta>`; GraphML: a `<data>` of a
 * `for="graph"` key with `attr.name="helixlab"`). Other tools ignore it; HelixLab reads it back.
 */
export const EMBED_ATTRIBUTE = 'helixlab';

export interface EmbeddedData {
  name?: string;
  description?: string;
  source?: string;
  activities?: Activity[];
  profile?: ClusterProfile;
}

/** The embedded JSON for a network, or undefined when there is nothing to embed. */
export function embeddedDataOf(net: Network): string | undefined {
  const e: EmbeddedData = {};
  if (net.name !== undefined) e.name = net.name;
  if (net.description !== undefined) e.description = net.description;
  if (net.source !== undefined) e.source = net.source;
  if (net.activities.length > 0) e.activities = net.activities;
  if (net.profile !== undefined) e.profile = net.profile;
  return Object.keys(e).length > 0 ? JSON.stringify(e) : undefined;
}

/** Graph-like input of {@link foreignGraphToNetwork}: any graphology graph. */
export type AnyGraph = AbstractGraph<GraphAttributes, GraphAttributes, GraphAttributes>;

export interface ForeignReadContext {
  /** 'GEXF' or 'GraphML', for messages. */
  format: string;
  collector: DiagnosticCollector;
  options: FormatOptions;
  /** The node elements by id (for lines in messages). */
  nodeElements: Map<string, XmlElement>;
  /** The edge elements in document order (graphology adds the edges in that order). */
  edgeElements: XmlElement[];
  /** Does the file declare directed edges? (Read as undirected, with one warning.) */
  directed: boolean;
  /** Element to blame for graph-level problems (the <graph> element). */
  graphElement?: XmlElement;
  /** The graph's name in the file (GEXF `<graph name>`, GraphML graph data `name`), if any. */
  graphName?: string;
}

const ACTOR_STRING_FIELDS = ['subtype', 'sector', 'region'] as const;
const VIZ_NAMES = new Set(['color', 'size', 'x', 'y', 'z', 'shape', 'thickness']);

/** A foreign attribute value as a HelixLab attribute value (lists joined with '|'). */
function toAttributeValue(v: unknown): AttributeValue | undefined {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => String(x)).join('|');
  return JSON.stringify(v);
}

/** A number from a number or a numeric text; undefined otherwise. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function readEmbedded(graph: AnyGraph, ctx: ForeignReadContext): EmbeddedData | undefined {
  const raw: unknown = graph.getAttribute(EMBED_ATTRIBUTE);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const where = whereOf(ctx.graphElement);
  try {
    const v = parseJsonText(String(raw));
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as EmbeddedData;
  } catch (err) {
    ctx.collector.warn(
      'embedded-json',
      `the graph attribute '${EMBED_ATTRIBUTE}' is not valid HelixLab JSON (${(err as Error).message}); ignored`,
      where,
    );
    return undefined;
  }
}

/**
 * Convert a graphology graph read from a GEXF or GraphML file into a Network.
 *
 * - helix role: node attribute `options.helixAttr` (default `helix`) through `options.helixMap`
 *   ({@link lookupHelix}); a node without one, or with a value that is no role, is an error naming
 *   the node, the attribute and the value, with a did-you-mean and a hint at --helix-attr/--helix-map;
 * - label: `label` (unless it only repeats the id and there is a `name`), else `name`, else the id;
 *   `subtype`, `sector`, `region`, `joined` become the actor's fields; every other attribute (viz
 *   attributes included) is kept as a free attribute (a `helix` attribute beside another
 *   `--helix-attr` as `helix_original`);
 * - edges: `weight` (default 1), `kind` when it is a HelixLab tie kind (else kept as the free
 *   attribute `edgeKind`, with one warning per value), `since`/`until`; every other attribute is kept;
 *   parallel edges stay separate ties; directed edges are read as undirected ties (one warning);
 * - the embedded `helixlab` graph attribute (see {@link EMBED_ATTRIBUTE}) restores name, description,
 *   source, activities and profile; edges marked `origin=affiliation` are then left out, since they
 *   are the projection of those activities and are rebuilt from them.
 *
 * Everything is then checked by `finishDocument` (duplicate ids, weights, years, attribute values).
 */
export function foreignGraphToNetwork(graph: AnyGraph, ctx: ForeignReadContext): Network {
  const { collector, options, format } = ctx;
  const helixAttr = options.helixAttr ?? 'helix';
  const helixMap = checkHelixMap(options.helixMap);
  const embedded = readEmbedded(graph, ctx);
  if (ctx.directed) {
    collector.warn('directed-input', `the ${format} graph is directed; its edges are read as undirected ties`, whereOf(ctx.graphElement));
  }

  const actors: Actor[] = [];
  const actorWhere: Array<{ line?: number; column?: number }> = [];
  graph.forEachNode((id, attrs) => {
    const el = ctx.nodeElements.get(id);
    const where = whereOf(el);
    // NetworkX writes the id as the GEXF label when a node has none: a 'name' attribute is then better
    const ownLabel =
      attrs['label'] !== undefined &&
      attrs['label'] !== null &&
      attrs['label'] !== '' &&
      !(attrs['label'] === id && attrs['name'] !== undefined);
    const labelFrom = ownLabel
      ? 'label'
      : attrs['name'] !== undefined && attrs['name'] !== null && attrs['name'] !== ''
        ? 'name'
        : undefined;
    const label = labelFrom === undefined ? undefined : attrs[labelFrom];
    const look = lookupHelix(toAttributeValue(attrs[helixAttr]), helixMap);
    let helix: HelixRole | string;
    if (look.ok) {
      helix = look.role;
    } else {
      const roles = `roles: ${HELIX_ROLES.join(', ')}`;
      if (look.reason === 'missing') {
        const names = Object.keys(attrs).filter((k) => k !== 'label' && !VIZ_NAMES.has(k));
        collector.error(
          'missing-helix',
          `no helix role: node '${id}' has no attribute '${helixAttr}'${names.length ? ` (its attributes: ${names.slice(0, 8).join(', ')})` : ''}; ` +
            `name the attribute holding the role with --helix-attr${helixMap ? '' : ', and map its values with --helix-map if they are not role names'} (${roles})`,
          { ...where, field: `node '${id}' ${helixAttr}` },
        );
        helix = '';
      } else {
        const how = helixMap
          ? `it is neither a key of --helix-map nor a role name`
          : `map the values with --helix-map, e.g. --helix-map '${look.value}=${look.suggestion ?? 'industry'}'`;
        collector.error(
          'unknown-helix',
          `'${look.value}' is not a helix role${look.suggestion ? ` (did you mean '${look.suggestion}'?)` : ''}; ${how} (${roles})`,
          { ...where, field: `node '${id}' ${helixAttr}` },
        );
        helix = look.value;
      }
    }
    const actor: Actor = { id, label: label === undefined || label === null ? id : String(label), helix: helix as HelixRole };
    const free: Attributes = {};
    for (const [k, raw] of Object.entries(attrs)) {
      if (k === 'label' || (k === 'name' && labelFrom === 'name')) continue;
      if (k === helixAttr && helixAttr === 'helix') continue;
      const v = toAttributeValue(raw);
      if (v === undefined) continue;
      if ((ACTOR_STRING_FIELDS as readonly string[]).includes(k)) {
        if (v !== null && v !== '') actor[k as (typeof ACTOR_STRING_FIELDS)[number]] = String(v);
        continue;
      }
      if (k === 'joined') {
        const n = asNumber(v);
        if (v === null || v === '') continue;
        (actor as { joined?: unknown }).joined = n ?? v; // finishDocument reports a non-year
        continue;
      }
      if (k === 'helix') {
        // a 'helix' attribute beside --helix-attr: keep it under another name
        free['helix_original'] = v;
        continue;
      }
      free[k] = v;
    }
    if (Object.keys(free).length > 0) actor.attributes = free;
    actors.push(actor);
    actorWhere.push(where);
  });

  const ties: Tie[] = [];
  const tieWhere: Array<{ line?: number; column?: number; edge: string }> = [];
  const badKinds = new Set<string>();
  const dropProjection = embedded?.activities !== undefined && embedded.activities.length > 0;
  let i = -1;
  graph.forEachEdge((_key, attrs, source, target) => {
    i++;
    const el = ctx.edgeElements[i];
    const where = whereOf(el);
    if (attrs['origin'] === 'affiliation' && dropProjection) return;
    const tie: Tie = { source, target };
    const free: Attributes = {};
    for (const [k, raw] of Object.entries(attrs)) {
      const v = toAttributeValue(raw);
      if (v === undefined) continue;
      if (k === 'origin') continue;
      if (k === 'weight') {
        const n = asNumber(v);
        (tie as { weight?: unknown }).weight = n ?? v;
        continue;
      }
      if (k === 'kind') {
        if (typeof v === 'string' && (TIE_KINDS as readonly string[]).includes(v)) {
          tie.kind = v as TieKind;
        } else if (v !== null && v !== '') {
          const s = String(v);
          if (!badKinds.has(s)) {
            badKinds.add(s);
            collector.warn(
              'foreign-kind',
              `edge kind '${s}' is not a HelixLab tie kind (${TIE_KINDS.join(', ')}); kept as the attribute 'edgeKind'`,
              where,
            );
          }
          free['edgeKind'] = s;
        }
        continue;
      }
      if (k === 'since' || k === 'until') {
        if (v === null || v === '') continue;
        (tie as unknown as Record<string, unknown>)[k] = asNumber(v) ?? v;
        continue;
      }
      free[k] = v;
    }
    if (Object.keys(free).length > 0) tie.attributes = free;
    ties.push(tie);
    const edgeId = el?.getAttribute('id');
    tieWhere.push({ ...where, edge: edgeId ? `'${edgeId}'` : `${source}–${target}` });
  });

  const doc: NetworkDocument = { format: 'helixlab', version: 1, actors, ties };
  const desc = graph.getAttribute('description');
  if (embedded?.name !== undefined) doc.name = embedded.name;
  else if (embedded === undefined && ctx.graphName !== undefined && ctx.graphName.trim() !== '') doc.name = ctx.graphName.trim();
  if (embedded?.description !== undefined) doc.description = embedded.description;
  else if (embedded === undefined && typeof desc === 'string' && desc.trim() !== '') doc.description = desc.trim();
  if (embedded?.source !== undefined) doc.source = embedded.source;
  if (embedded?.activities !== undefined) doc.activities = embedded.activities;
  if (embedded?.profile !== undefined) doc.profile = embedded.profile;

  const locate: Locator = (kind, index, field) => {
    if (kind === 'actor') {
      const w = actorWhere[index] ?? {};
      const id = actors[index]?.id;
      return { ...w, field: `node '${id}'${field ? ` ${field === 'helix' ? helixAttr : field}` : ''}` };
    }
    if (kind === 'tie') {
      const w = tieWhere[index];
      return { ...(w ? { line: w.line, column: w.column } : {}), field: `edge ${w?.edge ?? index}${field ? ` ${field}` : ''}` };
    }
    return { ...whereOf(ctx.graphElement), field: `${EMBED_ATTRIBUTE}.activities[${index}]${field ? `.${field}` : ''}` };
  };
  return finishDocument(doc, collector, locate, {
    locatePath: (path) => ({ ...whereOf(ctx.graphElement), field: `${EMBED_ATTRIBUTE}.${path}` }),
  });
}

/** Flattened attributes of a node for export: the actor's fields then its free attributes. */
export function exportNodeAttributes(attrs: NodeAttributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) out[k] = v;
  return out;
}

/** Attributes of an edge for export; `origin` is kept only to mark projected edges. */
export function exportEdgeAttributes(attrs: EdgeAttributes): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (k === 'origin' && v !== 'affiliation') continue;
    out[k] = v;
  }
  return out;
}

export { VIZ_NAMES };
