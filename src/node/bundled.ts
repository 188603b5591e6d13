/**
 * The samples and scenarios that ship with the package (`data/`, `scenarios/`): where they are in an
 * installed copy, what each one is, and copying them into a folder of one's own (`helixlab samples`).
 * The package also exports them (`helixlab/data/*`, `helixlab/scenarios/*` in package.json), so
 * `import.meta.resolve('helixlab/data/tiny.json')` finds them too.
 */
import { cpSync, existsSync, mkdirSync, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError, didYouMean } from '../model/errors.js';

/** The folder of the installed package (holds `dist/`, `data/`, `scenarios/`, `schemas/`). */
export function packageRoot(): string {
  // dist/node/bundled.js → the package root is two levels up
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export interface BundledSample {
  /** The name to copy it by: the path under the package, e.g. `data/tiny.json`, `scenarios/permanent.json`. */
  name: string;
  kind: 'network' | 'network tables' | 'foreign files' | 'workbook' | 'survey roster' | 'scenario' | 'assumption register' | 'readme';
  /** Absolute path in the installed package. */
  path: string;
  description: string;
}

/** The value of the first `"key": "..."` in a JSON file's opening bytes, if any. */
function jsonField(path: string, key: string): string | undefined {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const m = new RegExp(`"${key}"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)"`).exec(buf.subarray(0, n).toString('utf8'));
    return m ? (JSON.parse(`"${m[1]}"`) as string) : undefined;
  } finally {
    closeSync(fd);
  }
}

/** The first sentence of a text (up to the first '. ' or ': '), for a one-line listing. */
function firstSentence(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const m = /^(.*?[.:])(?=\s+[A-Z]|$)/.exec(text);
  const s = (m ? m[1]! : text).replace(/[.:]$/, '');
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}

const DESCRIBED: Record<string, { kind: BundledSample['kind']; description: string }> = {
  'data/tiny': { kind: 'network tables', description: 'the tiny example as CSV tables (nodes.csv, edges.csv, affiliations.csv)' },
  'data/foreign': {
    kind: 'foreign files',
    description: 'the tiny example as other tools write it: GML, Pajek .net, an edge list, GraphML with coded roles, a role map',
  },
  'data/tiny.xlsx': { kind: 'workbook', description: 'the tiny example as an Excel workbook (sheets nodes, edges, affiliations)' },
  'data/survey-tiny-2024.csv': {
    kind: 'survey roster',
    description: 'a member-survey export for the tiny example (Finnish headers, ; separated): helixlab import survey',
  },
  'data/survey-tiny-2024.xlsx': { kind: 'survey roster', description: 'the same survey export as an Excel sheet (Vastaukset)' },
  'data/README.md': { kind: 'readme', description: 'what the samples are and how they were made' },
  'scenarios/assumptions.json': {
    kind: 'assumption register',
    description: 'every assumption that treats funding regimes differently, with sources and ranges',
  },
};

/** Every bundled sample and scenario, sorted by name. */
export function bundledSamples(root: string = packageRoot()): BundledSample[] {
  const out: BundledSample[] = [];
  for (const dir of ['data', 'scenarios']) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs).sort()) {
      const name = `${dir}/${f}`;
      const path = join(abs, f);
      const known = DESCRIBED[name];
      if (known) out.push({ name, path, ...known });
      else if (f.endsWith('.json')) {
        out.push({
          name,
          path,
          kind: dir === 'data' ? 'network' : 'scenario',
          description: (dir === 'data' ? jsonField(path, 'name') : firstSentence(jsonField(path, 'description'))) ?? f,
        });
      }
    }
  }
  return out;
}

/**
 * Copy bundled samples (by name, or `data`, `scenarios` or `all`) into `dir`, keeping their paths
 * (`dir/data/tiny.json`), so that the README's commands run in `dir` as written. An existing file is
 * an error unless `force`. Returns the paths written.
 */
export function copySamples(names: readonly string[], dir: string, opts: { force?: boolean; root?: string } = {}): string[] {
  const all = bundledSamples(opts.root);
  const wanted = names.length === 0 ? ['all'] : names;
  const chosen = new Set<BundledSample>();
  for (const n of wanted) {
    const key = n.replace(/\\/g, '/').replace(/\/$/, '');
    if (key === 'all') all.forEach((s) => chosen.add(s));
    else if (key === 'data' || key === 'scenarios') all.filter((s) => s.name.startsWith(`${key}/`)).forEach((s) => chosen.add(s));
    else {
      const hit = all.find(
        (s) => s.name === key || s.name === `data/${key}` || s.name === `scenarios/${key}` || s.name.split('/').pop() === key,
      );
      if (!hit) {
        const base = didYouMean(
          key,
          all.map((s) => s.name.split('/').pop()!),
        );
        const hint =
          didYouMean(
            key,
            all.map((s) => s.name),
          ) ?? all.find((s) => s.name.split('/').pop() === base)?.name;
        throw new UsageError(`no bundled sample '${n}'${hint ? ` (did you mean '${hint}'?)` : ''}; list them with: helixlab samples`);
      }
      chosen.add(hit);
    }
  }
  const written: string[] = [];
  for (const s of [...chosen].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const target = join(dir, s.name);
    if (existsSync(target) && !opts.force) throw new UsageError(`${target} exists: give --force to overwrite it, or another --to folder`);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(s.path, target, { recursive: statSync(s.path).isDirectory(), force: true });
    written.push(target);
  }
  return written;
}
