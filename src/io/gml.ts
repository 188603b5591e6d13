/**
 * GML (Graph Modelling Language) reader, as NetworkX, igraph, yEd and Cytoscape write it.
 *
 * Syntax (Himsolt's GML, NetworkX's reading of it): `key value` pairs, where a key is a word
 * (`[A-Za-z_][A-Za-z0-9_]*`) and a value an integer, a real (`1.5`, `1E-3`, NetworkX's `INF` / `NAN`),
 * a string in double quotes (HTML character references decoded: `&quot;`, `&amp;`, `&#228;`), or a
 * list `[ ... ]` of pairs; `#` starts a comment line. The file holds one `graph [ ... ]`.
 *
 * Mapping: `graph`'s `directed 1` makes a directed graph (read as undirected ties, with the warning of
 * every reader); `label` / `name` of the graph is the network's name. Each `node [ id ... ]` is an actor
 * with the id as its id (`id` is required and unique); `label` is its label (NetworkX writes the node's
 * name there), `graphics [ x y ]` its position (`x`, `y`), every other key with a number or string value
 * a free attribute (a key given twice becomes a text joined by `|`; other nested lists are left out
 * with one warning). Each `edge [ source target ... ]` is a tie: `weight` (by the number rule of every
 * reader), `kind`, `since`, `until` as in GEXF/GraphML, every other key an attribute (`key` and `id`,
 * NetworkX's multigraph keys, are dropped). The helix role comes from `--helix-attr` (default `helix`;
 * `label` or `id` read those) through `--helix-map` and `--helix-default`, as for GEXF and GraphML
 * ({@link foreignGraphToNetwork}). Problems are reported with their line and column.
 *
 * Reference: M. Himsolt, "GML: A portable Graph File Format" (Universität Passau, 1997);
 * networkx.readwrite.gml (read_gml, write_gml).
 */
import { MultiGraph } from 'graphology';
import { DiagnosticCollector, didYouMean } from '../model/errors.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import { foreignGraphToNetwork } from './xml.js';

type GmlValue = number | string | GmlPair[];
interface GmlPair {
  key: string;
  value: GmlValue;
  line: number;
  column: number;
}

interface Token {
  kind: 'key' | 'number' | 'string' | 'open' | 'close';
  text: string;
  value?: number | string;
  line: number;
  column: number;
}

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

/** Decode the HTML character references NetworkX writes in GML strings. */
function unescapeGml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return ENTITIES[body] ?? m;
  });
}

function tokenize(text: string, c: DiagnosticCollector): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const n = text.length;
  const advance = (k: number) => {
    for (let j = 0; j < k; j++) {
      if (text[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '\n' || ch === ' ' || ch === '\t' || ch === '\r' || ch === '\uFEFF') {
      advance(1);
      continue;
    }
    if (ch === '#') {
      while (i < n && text[i] !== '\n') advance(1);
      continue;
    }
    const at = { line, column: col };
    if (ch === '[') {
      out.push({ kind: 'open', text: '[', ...at });
      advance(1);
      continue;
    }
    if (ch === ']') {
      out.push({ kind: 'close', text: ']', ...at });
      advance(1);
      continue;
    }
    if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) {
        c.error('gml-syntax', 'a string is not closed (missing ")', at);
        return out;
      }
      const raw = text.slice(i + 1, end);
      out.push({ kind: 'string', text: raw, value: unescapeGml(raw), ...at });
      advance(end + 1 - i);
      continue;
    }
    const m = /^[^\s[\]"]+/.exec(text.slice(i, i + 256));
    const word = m ? m[0] : ch;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word) && !/^(INF|NAN)$/i.test(word)) out.push({ kind: 'key', text: word, ...at });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word)) out.push({ kind: 'number', text: word, value: Number(word), ...at });
    else if (/^[+-]?INF$/i.test(word)) out.push({ kind: 'number', text: word, value: word.startsWith('-') ? -Infinity : Infinity, ...at });
    else if (/^[+-]?NAN$/i.test(word)) out.push({ kind: 'number', text: word, value: NaN, ...at });
    else {
      c.error('gml-syntax', `unexpected '${word}': expected a key, a number, a "string" or [ ]`, at);
    }
    advance(word.length);
  }
  return out;
}

/** Parse tokens into a list of pairs (until `]` or the end). */
function parseList(tokens: Token[], pos: { i: number; unclosed?: boolean }, c: DiagnosticCollector, depth: number): GmlPair[] {
  const out: GmlPair[] = [];
  while (pos.i < tokens.length) {
    const t = tokens[pos.i]!;
    if (t.kind === 'close') {
      if (depth === 0) c.error('gml-syntax', "unexpected ']' (no list is open)", at(t));
      pos.i++;
      return out;
    }
    if (t.kind !== 'key') {
      c.error('gml-syntax', `expected a key, found ${t.kind === 'open' ? "'['" : `'${t.text}'`}`, at(t));
      pos.i++;
      continue;
    }
    pos.i++;
    const v = tokens[pos.i];
    if (!v || v.kind === 'close' || v.kind === 'key') {
      c.error('gml-syntax', `key '${t.text}' has no value`, at(t));
      continue;
    }
    pos.i++;
    if (v.kind === 'open') {
      const list = parseList(tokens, pos, c, depth + 1);
      out.push({ key: t.text, value: list, line: t.line, column: t.column });
    } else {
      out.push({ key: t.text, value: v.value!, line: t.line, column: t.column });
    }
  }
  if (depth > 0 && !pos.unclosed) {
    pos.unclosed = true; // said once, not once per open list
    c.error('gml-syntax', "a list is not closed (missing ']')", tokens.length > 0 ? at(tokens[tokens.length - 1]!) : { line: 1 });
  }
  return out;
}

/** The place of a token or pair, for a diagnostic. */
const at = (x: { line: number; column: number }) => ({ line: x.line, column: x.column });

const scalar = (v: GmlValue): v is number | string => !Array.isArray(v);

/** Read a GML file. Throws `InputError` with every problem found; warnings come back in the result. */
export function parseGml(file: InputFile, opts: FormatOptions = {}): LoadResult {
  const c = new DiagnosticCollector(file.name, opts.maxErrors ?? 100);
  const tokens = tokenize(file.text, c);
  const top = parseList(tokens, { i: 0 }, c, 0);
  c.throwIfErrors();
  const graphPair = top.find((p) => p.key === 'graph' && Array.isArray(p.value));
  if (!graphPair) {
    c.error(
      'gml-structure',
      `no 'graph [ ... ]' in the file${top.length ? ` (found: ${[...new Set(top.map((p) => p.key))].join(', ')})` : ''}`,
      { line: 1 },
    );
    c.throwIfErrors();
  }
  const body = graphPair!.value as GmlPair[];
  const directedPair = body.find((p) => p.key === 'directed');
  const directed = directedPair !== undefined && directedPair.value === 1;
  const g = new MultiGraph({ allowSelfLoops: true });
  const nodeWhere = new Map<string, { line: number; column: number }>();
  const edgeWhere: Array<{ line: number; column: number }> = [];
  const added = new Map<string, { line?: number; column?: number }>();
  const nested = new Set<string>();
  const attrsOf = (pairs: GmlPair[], skip: Set<string>): Record<string, unknown> => {
    const a: Record<string, unknown> = {};
    for (const p of pairs) {
      if (skip.has(p.key)) continue;
      if (p.key === 'graphics' && Array.isArray(p.value)) {
        for (const q of p.value) if ((q.key === 'x' || q.key === 'y') && typeof q.value === 'number') a[q.key] = q.value;
        continue;
      }
      if (!scalar(p.value)) {
        nested.add(p.key);
        continue;
      }
      a[p.key] = a[p.key] === undefined ? p.value : `${String(a[p.key])}|${String(p.value)}`;
    }
    return a;
  };
  for (const p of body) {
    if (p.key !== 'node') continue;
    if (!Array.isArray(p.value)) {
      c.error('gml-structure', `'node' must be a list [ id ... ]`, at(p));
      continue;
    }
    const idPair = p.value.find((q) => q.key === 'id');
    if (!idPair || !scalar(idPair.value)) {
      c.error('missing-id', 'node without an id', at(p));
      continue;
    }
    const id = String(idPair.value);
    const first = nodeWhere.get(id);
    if (first) {
      c.error('duplicate-id', `duplicate node id '${id}' (first defined on line ${first.line})`, at(p));
      continue;
    }
    nodeWhere.set(id, { line: p.line, column: p.column });
    g.addNode(id, attrsOf(p.value, new Set(['id'])));
  }
  const ids = [...nodeWhere.keys()];
  for (const p of body) {
    if (p.key !== 'edge') continue;
    if (!Array.isArray(p.value)) {
      c.error('gml-structure', `'edge' must be a list [ source target ... ]`, at(p));
      continue;
    }
    const ends: string[] = [];
    for (const end of ['source', 'target'] as const) {
      const q = p.value.find((x) => x.key === end);
      if (!q || !scalar(q.value)) {
        c.error('missing-node', `edge without a ${end}`, at(p));
        continue;
      }
      const id = String(q.value);
      if (!g.hasNode(id)) {
        if (opts.addMissingNodes) {
          g.addNode(id, {});
          added.set(id, { line: p.line, column: p.column });
        } else {
          const s = ids.length <= 5000 ? didYouMean(id, ids) : undefined;
          c.error('missing-node', `edge ${end} '${id}' is not a node${s ? ` (did you mean '${s}'?)` : ''}`, {
            line: q.line,
            column: q.column,
            field: end,
          });
          continue;
        }
      }
      ends.push(id);
    }
    if (ends.length !== 2) continue;
    const attrs = attrsOf(p.value, new Set(['source', 'target', 'key', 'id']));
    g.addEdge(ends[0]!, ends[1]!, attrs);
    edgeWhere.push({ line: p.line, column: p.column });
  }
  if (nested.size > 0) {
    c.warn('gml-nested', `nested lists left out (HelixLab keeps numbers and texts): ${[...nested].join(', ')}`, { line: graphPair!.line });
  }
  if (c.full) c.throwIfErrors();
  const nameOf = body.find((p) => (p.key === 'label' || p.key === 'name') && typeof p.value === 'string');
  let bothWays = 0;
  let arcs = 0;
  if (directed) {
    const set = new Set<string>();
    g.forEachEdge((_e, _a, s, t) => {
      arcs++;
      set.add(`${s}\u0000${t}`);
    });
    for (const k of set) {
      const [s, t] = k.split('\u0000') as [string, string];
      if (s < t && set.has(`${t}\u0000${s}`)) bothWays++;
    }
  }
  const network = foreignGraphToNetwork(g, {
    format: 'GML',
    collector: c,
    options: opts,
    directed,
    nodeWhere: (id) => nodeWhere.get(id),
    edgeWhere: (i) => edgeWhere[i] ?? {},
    graphWhere: { line: graphPair!.line, column: graphPair!.column },
    addedNodes: added,
    arcs: { count: arcs, bothWays },
    ...(nameOf ? { graphName: String(nameOf.value) } : {}),
  });
  return { network, warnings: c.warnings, format: 'gml' };
}

/** Does the text look like GML (its first key, after comments, is `graph` or `Creator`/`Version` then `graph`)? */
export function looksLikeGml(text: string): boolean {
  const t = text
    .replace(/^\uFEFF/, '')
    .replace(/^\s*#.*$/gm, '')
    .trimStart();
  return /^(?:(?:creator|version)\s+("[^"]*"|\S+)\s+)*graph\s*\[/i.test(t);
}
