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
import { DefaultRoleTally, checkHelixMap, defaultRoleOf, lookupHelix } from './helix-map.js';
import {
  RESERVED_KEYS,
  checkDocumentShape,
  finishDocument,
  parseNumberText,
  reservedKeyMessage,
  weightProblem,
  type Locator,
} from './validate.js';
import { parseJsonText } from './json.js';

/** The few DOM node features the readers use (satisfied by the browser DOM and by xmldom). */
export interface XmlNode {
  readonly nodeType: number;
  readonly nodeName: string;
  textContent: string | null;
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
  createElement(name: string): XmlElement;
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

/**
 * The checks GEXF and GraphML share: every `<node>` has a unique id, every `<edge>` names existing
 * nodes as source and target. Bad elements are reported and removed from the document (so that the
 * rest of the file is still checked and the graph readers never see them); the good ones are
 * collected into `nodeElements` / `edgeElements`. `onEdge` runs for every edge element for the
 * format's own checks. With `addMissing` an endpoint that is no node is not an error: it is returned
 * (with the place of the first edge naming it) and the graph reader adds it.
 */
export function checkNodesAndEdges(
  doc: XmlDocument,
  collector: DiagnosticCollector,
  nodeElements: Map<string, XmlElement>,
  edgeElements: XmlElement[],
  onEdge: (edge: XmlElement, where: { line?: number; column?: number }) => void,
  addMissing = false,
): Map<string, { line?: number; column?: number }> {
  const added = new Map<string, { line?: number; column?: number }>();
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
      } else if (!nodeElements.has(v) && addMissing) {
        if (!added.has(v)) added.set(v, where);
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
  return added;
}

/**
 * A boolean as GraphML (XML Schema) writes it: `true`/`false` or `1`/`0`, blanks around ignored,
 * any case; undefined for anything else.
 */
export function xmlBoolean(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/** Is the code point one XML 1.0 can hold (as a character or a reference)? */
function xmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff && !(c >= 0xd800 && c <= 0xdfff));
}

/**
 * Text without the characters XML 1.0 cannot hold at all (C0 controls other than tab, line feed and
 * carriage return; U+FFFE, U+FFFF): the same rule for every XML writer, so that GEXF and GraphML keep
 * the same labels. Returns the text and how many characters were dropped.
 */
export function xmlSafeText(value: string): { text: string; dropped: number } {
  let dropped = 0;
  let out = '';
  for (const ch of value) {
    if (xmlChar(ch.codePointAt(0)!)) out += ch;
    else dropped++;
  }
  return dropped === 0 ? { text: value, dropped } : { text: out, dropped };
}

/** Escape text for an XML attribute value or element content (characters XML cannot hold are dropped, see {@link xmlSafeText}). */
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
    else if (!xmlChar(c))
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
  /** The node elements by id (for lines in messages); or {@link nodeWhere}. */
  nodeElements?: Map<string, XmlElement>;
  /** The edge elements in document order (graphology adds the edges in that order); or {@link edgeWhere}. */
  edgeElements?: XmlElement[];
  /** Readers of other formats (GML, Pajek, edge lists): where a node is, by id. */
  nodeWhere?: (id: string) => { line?: number; column?: number } | undefined;
  /** Readers of other formats: where the i-th edge (in the graph's edge order) is. */
  edgeWhere?: (index: number) => { line?: number; column?: number };
  /** Readers of other formats: where to blame graph-level problems (default: line 1). */
  graphWhere?: { line?: number; column?: number };
  /** Does the file declare directed edges? (Read as undirected, with one warning.) */
  directed: boolean;
  /** Element to blame for graph-level problems (the <graph> element). */
  graphElement?: XmlElement;
  /** The graph's name in the file (GEXF `<graph name>`, GraphML graph data `name`), if any. */
  graphName?: string;
  /** Nodes named by edges but not declared, added (`addMissingNodes`), with the place of the first such edge. */
  addedNodes?: Map<string, { line?: number; column?: number }>;
  /** The directed input's arcs: how many, and how many pairs have arcs both ways (for the warning). */
  arcs?: { count: number; bothWays: number };
}

/** Where graph-level problems are blamed: the `<graph>` element, or the reader's `graphWhere`. */
function graphWhereOf(ctx: ForeignReadContext): { line?: number; column?: number } {
  return ctx.graphElement ? whereOf(ctx.graphElement) : (ctx.graphWhere ?? {});
}

/** How the analysis merges parallel ties and opposite arcs, in words (for the warning about directed input). */
export function parallelRuleWords(rule: string | undefined): string {
  return rule === 'max' ? 'keeping the largest weight' : rule === 'min' ? 'keeping the smallest weight' : 'summing their weights';
}

/** The warning about directed input: how arcs become ties and how the analysis combines them. */
export function directedWarning(format: string, arcs: { count: number; bothWays: number } | undefined, rule: string | undefined): string {
  const counted = arcs
    ? `${arcs.count === 1 ? 'its 1 arc is read as an undirected tie' : `its ${arcs.count} arcs are read as undirected ties`}${arcs.bothWays > 0 ? ` (${arcs.bothWays} pair${arcs.bothWays === 1 ? ' has arcs' : 's have arcs'} both ways)` : ''}`
    : 'its edges are read as undirected ties';
  return (
    `the ${format} graph is directed; ${counted}; the analysis merges parallel ties and opposite arcs (a→b and b→a) ` +
    `into one edge by ${parallelRuleWords(rule)} (--parallel ${rule ?? 'sum'}; the others: ${['sum', 'max', 'min'].filter((r) => r !== (rule ?? 'sum')).join(', ')})`
  );
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

/** A number from a number or a numeric text (the readers' one rule, `parseNumberText`); undefined otherwise. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseNumberText(v);
  return undefined;
}

function readEmbedded(graph: AnyGraph, ctx: ForeignReadContext): EmbeddedData | undefined {
  const raw: unknown = graph.getAttribute(EMBED_ATTRIBUTE);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const where = graphWhereOf(ctx);
  let v: unknown;
  try {
    v = parseJsonText(String(raw));
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
  } catch (err) {
    ctx.collector.warn(
      'embedded-json',
      `the graph attribute '${EMBED_ATTRIBUTE}' is not valid HelixLab JSON (${(err as Error).message}); ignored`,
      where,
    );
    return undefined;
  }
  // the same rules as a HelixLab JSON document: unknown keys (here or in the profile, the activities) are errors
  const obj = v as Record<string, unknown>;
  const allowed = ['name', 'description', 'source', 'activities', 'profile'];
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      const hint = didYouMean(k, allowed);
      ctx.collector.error(
        'unknown-key',
        `unknown key '${k}' in the '${EMBED_ATTRIBUTE}' graph attribute${hint ? ` (did you mean '${hint}'?)` : ''}; allowed keys: ${allowed.join(', ')}`,
        { ...where, field: `${EMBED_ATTRIBUTE}.${k}` },
      );
    }
  }
  const shaped: Record<string, unknown> = { format: 'helixlab', version: 1, actors: [] };
  for (const k of allowed) if (k in obj) shaped[k] = obj[k];
  for (const p of checkDocumentShape(shaped)) {
    ctx.collector.error(p.code, p.message.replace(/ in the document\b/, ` in the '${EMBED_ATTRIBUTE}' graph attribute`), {
      ...where,
      field: `${EMBED_ATTRIBUTE}.${p.path}`,
    });
  }
  return obj as EmbeddedData;
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
  const defaultRole = defaultRoleOf(options);
  const tally = new DefaultRoleTally(defaultRole);
  const embedded = readEmbedded(graph, ctx);
  if (ctx.directed) collector.warn('directed-input', directedWarning(format, ctx.arcs, options.parallel), graphWhereOf(ctx));
  if (ctx.addedNodes && ctx.addedNodes.size > 0) {
    const ids = [...ctx.addedNodes.keys()];
    collector.warn(
      'added-nodes',
      `${ids.length} node(s) named by edges but not declared were added (--add-missing-nodes): ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''}`,
      ctx.addedNodes.get(ids[0]!) ?? {},
    );
  }

  const actors: Actor[] = [];
  const actorWhere: Array<{ line?: number; column?: number }> = [];
  graph.forEachNode((id, attrs) => {
    const el = ctx.nodeElements?.get(id);
    const where = el ? whereOf(el) : (ctx.nodeWhere?.(id) ?? ctx.addedNodes?.get(id) ?? {});
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
    const roleValue = toAttributeValue(helixAttr === 'id' && attrs['id'] === undefined ? id : attrs[helixAttr]);
    const look = lookupHelix(roleValue, helixMap, defaultRole);
    tally.add(look, roleValue);
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
            `name the attribute holding the role with --helix-attr${helixMap ? '' : ', and map its values with --helix-map if they are not role names'}, ` +
            `or give every node without one a default role with --helix-default ROLE (${roles})`,
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
      if (k === 'id' && attrs[k] === id) continue;
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

  const defaulted = tally.message(helixAttr);
  if (defaulted !== undefined) collector.warn('default-role', defaulted, graphWhereOf(ctx));

  const ties: Tie[] = [];
  const tieWhere: Array<{ line?: number; column?: number; edge: string }> = [];
  const badKinds = new Set<string>();
  const dropProjection = embedded?.activities !== undefined && embedded.activities.length > 0;
  let i = -1;
  graph.forEachEdge((_key, attrs, source, target) => {
    i++;
    const el = ctx.edgeElements?.[i];
    const where = el ? whereOf(el) : (ctx.edgeWhere?.(i) ?? {});
    if (attrs['origin'] === 'affiliation' && dropProjection) {
      // left out (rebuilt from the activities), but its weight is checked as every other edge's
      const w = attrs['weight'];
      const problem = w === undefined || w === null || w === '' ? undefined : weightProblem(asNumber(w) ?? w);
      const edgeId = el?.getAttribute('id');
      if (problem !== undefined) {
        collector.error('bad-weight', problem, { ...where, field: `edge ${edgeId ? `'${edgeId}'` : `${source}–${target}`} weight` });
      }
      return;
    }
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
    return { ...graphWhereOf(ctx), field: `${EMBED_ATTRIBUTE}.activities[${index}]${field ? `.${field}` : ''}` };
  };
  return finishDocument(doc, collector, locate, {
    locatePath: (path) => ({ ...graphWhereOf(ctx), field: `${EMBED_ATTRIBUTE}.${path}` }),
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
