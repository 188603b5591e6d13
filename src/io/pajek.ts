/**
 * Pajek `.net` reader (Batagelj & Mrvar's Pajek; NetworkX `write_pajek`, igraph `write_graph(format=
 * "pajek")`).
 *
 * Sections, by a line starting with `*` (any case): `*Network name` (the network's name),
 * `*Vertices n` (then up to n lines `number ["label"] [x y [z]] [shape and drawing parameters]`;
 * a vertex not listed is numbered without a label), `*Arcs` / `*Edges` (lines `from to [weight]
 * [parameters]`), `*Arcslist` / `*Edgeslist` (lines `from to1 to2 ...`, weight 1), `*Matrix`
 * (n rows of n weights; 0 = no tie). A `%` line is a comment. Other sections of Pajek project files
 * (`*Partition`, `*Vector`, `*Permutation`) are left out with a warning. Two-mode networks
 * (`*Vertices n m`) are read as one mode (both kinds of vertex are actors).
 *
 * Mapping: a vertex is an actor with its number as id and its label as label (a label given twice is
 * an error); its x, y as attributes `x`, `y` (Pajek's 0–1 coordinates). The helix role comes from
 * `--helix-attr` (`label` or `id`; Pajek has no other attributes) through `--helix-map`, or from
 * `--helix-default`. Arcs are read as undirected ties (with the warning of every reader, counting the
 * arcs), edges as ties; a weight must be a positive number (the number rule of every reader); a tie
 * to a vertex number above n is an error (or, with `--add-missing-nodes`, adds the vertex).
 * Problems are located by line.
 *
 * Reference: V. Batagelj, A. Mrvar, "Pajek: Program for Analysis and Visualization of Large Networks,
 * Reference Manual" (http://mrvar.fdv.uni-lj.si/pajek/); networkx.readwrite.pajek.
 */
import { MultiGraph } from 'graphology';
import { DiagnosticCollector } from '../model/errors.js';
import type { FormatOptions, InputFile, LoadResult } from './formats.js';
import { parseNumberText } from './validate.js';
import { foreignGraphToNetwork } from './xml.js';

/** Split a Pajek line into fields: blanks separate, `"..."` quotes a field. */
function fields(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) out.push(m[1] !== undefined ? m[1] : m[2]!);
  return out;
}

type Section = 'none' | 'vertices' | 'arcs' | 'edges' | 'arcslist' | 'edgeslist' | 'matrix' | 'other';

/** Read a Pajek `.net` file. Throws `InputError` with every problem found; warnings come back in the result. */
export function parsePajek(file: InputFile, opts: FormatOptions = {}): LoadResult {
  const c = new DiagnosticCollector(file.name, opts.maxErrors ?? 100);
  const g = new MultiGraph({ allowSelfLoops: true });
  const lines = file.text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let section: Section = 'none';
  let n = -1;
  let name: string | undefined;
  let verticesLine = 1;
  const nodeWhere = new Map<string, { line: number }>();
  const edgeWhere: Array<{ line: number }> = [];
  const added = new Map<string, { line?: number }>();
  const ignored = new Set<string>();
  let arcs = 0;
  let matrixRow = 0;
  const arcSet = new Set<string>();
  let anyArcs = false;

  const vertex = (token: string, line: number, field: string): string | undefined => {
    const k = Number(token);
    if (!/^\d+$/.test(token) || k < 1) {
      c.error('bad-value', `expected a vertex number (1, 2, ...), found '${token}'`, { line, field });
      return undefined;
    }
    const id = String(k);
    if (!g.hasNode(id)) {
      if (n >= 0 && k <= n) {
        g.addNode(id, {});
        nodeWhere.set(id, { line: verticesLine });
      } else if (opts.addMissingNodes) {
        g.addNode(id, {});
        added.set(id, { line });
      } else {
        c.error('missing-node', `vertex ${k} is not among the ${n < 0 ? 0 : n} vertices of *Vertices`, { line, field });
        return undefined;
      }
    }
    return id;
  };
  const tie = (s: string, t: string, w: number | undefined, line: number, directed: boolean, params: string[]) => {
    const attrs: Record<string, unknown> = {};
    if (w !== undefined) attrs['weight'] = w;
    for (let k = 0; k + 1 < params.length; k += 2) {
      if (params[k] === 'l') attrs['label'] = params[k + 1];
    }
    g.addEdge(s, t, attrs);
    edgeWhere.push({ line });
    if (directed) {
      arcs++;
      anyArcs = true;
      arcSet.add(`${s}\u0000${t}`);
    }
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    const text = raw.trim();
    if (text === '' || text.startsWith('%')) return;
    if (text.startsWith('*')) {
      const [head, ...rest] = fields(text);
      const word = head!.slice(1).toLowerCase();
      matrixRow = 0;
      if (word === 'network') {
        section = 'none';
        name = text.slice(head!.length).trim() || undefined;
      } else if (word === 'vertices') {
        section = 'vertices';
        verticesLine = line;
        const k = Number(rest[0]);
        if (!/^\d+$/.test(rest[0] ?? ''))
          c.error('bad-value', `*Vertices: expected the number of vertices, found '${rest[0] ?? ''}'`, { line });
        else {
          n = k;
          for (let v = 1; v <= n; v++) if (!g.hasNode(String(v))) g.addNode(String(v), {});
          for (let v = 1; v <= n; v++) nodeWhere.set(String(v), { line });
        }
      } else if (word === 'arcs' || word === 'edges' || word === 'arcslist' || word === 'edgeslist' || word === 'matrix') {
        section = word;
        if (n < 0) c.error('pajek-structure', `*${head!.slice(1)} before *Vertices`, { line });
      } else {
        section = 'other';
        ignored.add(head!);
      }
      return;
    }
    const f = fields(text);
    switch (section) {
      case 'none':
        c.error('pajek-structure', `a line outside any section: expected *Vertices first, found '${text.slice(0, 40)}'`, { line });
        return;
      case 'other':
        return;
      case 'vertices': {
        const id = f[0]!;
        const k = Number(id);
        if (!/^\d+$/.test(id) || k < 1 || (n >= 0 && k > n)) {
          c.error('bad-value', `expected a vertex number from 1 to ${n}, found '${id}'`, { line, field: 'vertex' });
          return;
        }
        const attrs: Record<string, unknown> = {};
        if (f[1] !== undefined) attrs['label'] = f[1];
        const x = f[2] !== undefined ? parseNumberText(f[2]) : undefined;
        const y = f[3] !== undefined ? parseNumberText(f[3]) : undefined;
        if (x !== undefined && y !== undefined) {
          attrs['x'] = x;
          attrs['y'] = y;
        }
        const prev = nodeWhere.get(String(k));
        if (prev && prev.line !== verticesLine) {
          c.error('duplicate-id', `vertex ${k} is listed twice (first on line ${prev.line})`, { line, field: 'vertex' });
          return;
        }
        g.replaceNodeAttributes(String(k), attrs);
        nodeWhere.set(String(k), { line });
        return;
      }
      case 'arcs':
      case 'edges': {
        if (f.length < 2) {
          c.error('bad-value', `expected 'from to [weight]', found '${text}'`, { line });
          return;
        }
        const s = vertex(f[0]!, line, 'from');
        const t = vertex(f[1]!, line, 'to');
        let w: number | undefined;
        if (f[2] !== undefined) {
          w = parseNumberText(f[2]);
          if (w === undefined || !(w > 0)) {
            c.error('bad-weight', `expected a positive number (a strength), found '${f[2]}'`, { line, field: 'weight' });
            return;
          }
        }
        if (s !== undefined && t !== undefined) tie(s, t, w, line, section === 'arcs', f.slice(3));
        return;
      }
      case 'arcslist':
      case 'edgeslist': {
        const s = vertex(f[0]!, line, 'from');
        for (const x of f.slice(1)) {
          const t = vertex(x, line, 'to');
          if (s !== undefined && t !== undefined) tie(s, t, undefined, line, section === 'arcslist', []);
        }
        return;
      }
      case 'matrix': {
        matrixRow++;
        const s = String(matrixRow);
        f.forEach((x, j) => {
          const w = parseNumberText(x);
          if (w === undefined || w < 0) {
            c.error('bad-weight', `expected a weight >= 0 (0 = no tie), found '${x}'`, { line, field: `column ${j + 1}` });
            return;
          }
          if (w > 0 && matrixRow <= n && j < n) tie(s, String(j + 1), w, line, true, []);
        });
        return;
      }
    }
  });
  if (n < 0 && c.errorCount === 0) c.error('pajek-structure', 'no *Vertices line: this is not a Pajek network', { line: 1 });
  if (ignored.size > 0)
    c.warn('pajek-section', `section(s) ${[...ignored].join(', ')} left out (HelixLab reads *Vertices, *Arcs, *Edges and their lists)`, {
      line: 1,
    });
  c.throwIfErrors();
  let bothWays = 0;
  for (const k of arcSet) {
    const [s, t] = k.split('\u0000') as [string, string];
    if (s < t && arcSet.has(`${t}\u0000${s}`)) bothWays++;
  }
  const network = foreignGraphToNetwork(g, {
    format: 'Pajek',
    collector: c,
    options: opts,
    directed: anyArcs,
    nodeWhere: (id) => nodeWhere.get(id),
    edgeWhere: (i) => edgeWhere[i] ?? {},
    graphWhere: { line: verticesLine },
    addedNodes: added,
    arcs: { count: arcs, bothWays },
    ...(name !== undefined ? { graphName: name } : {}),
  });
  return { network, warnings: c.warnings, format: 'pajek' };
}

/** Does the text look like a Pajek network (its first line that is not a comment starts with `*Network` or `*Vertices`)? */
export function looksLikePajek(text: string): boolean {
  const first = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .find((l) => l.trim() !== '' && !l.trim().startsWith('%'));
  return first !== undefined && /^\s*\*(network|vertices)\b/i.test(first);
}
