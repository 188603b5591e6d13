/**
 * The house rules of CONTRIBUTING.md, checked on the import graph of the sources:
 * - two entries are the only way in: the CLI (src/cli) imports the library only through
 *   `src/node/index.ts`, the browser app (viz/src) only as `helixlab` (= src/index.ts);
 * - layers import one way: the browser-safe library (everything under src/ but src/node, src/cli,
 *   src/samples) imports neither the Node layer, nor the CLI, nor the sample generator; the Node
 *   layer does not import the CLI;
 * - nothing reachable from the browser entry imports a Node built-in or a Node-only package;
 * - the entries export deliberate lists (no `export *` of a folder), and the library never calls
 *   Math.random.
 * ESLint (eslint.config.js) checks the direct imports file by file as well; this test follows them.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';

const root = process.cwd();
const BUILTINS = new Set(builtinModules);
/** npm packages that need Node (never under the browser entry). */
const NODE_ONLY_PACKAGES = new Set(['piscina', 'cli-progress', 'commander', '@xmldom/xmldom', 'exceljs']);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Static and dynamic import / export-from specifiers of a source file (comments stripped). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|[\s;])import\s*['"]([^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** The source file a relative specifier names (`./x.js` → `./x.ts`), or undefined. */
function resolveRelative(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  for (const c of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, join(base, 'index.ts')])
    if (existsSync(c) && c.endsWith('.ts')) return c;
  return undefined;
}

const rel = (p: string) => relative(root, p);
const isBuiltin = (spec: string) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]!);
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

const src = join(root, 'src');
const layer = (file: string): 'cli' | 'node' | 'samples' | 'lib' => {
  const r = relative(src, file).split('/')[0];
  return r === 'cli' ? 'cli' : r === 'node' ? 'node' : r === 'samples' ? 'samples' : 'lib';
};

describe('architecture: two entries, one-way layers', () => {
  it('the CLI imports the library only through src/node/index.ts', () => {
    const bad: string[] = [];
    for (const f of filesUnder(join(src, 'cli'))) {
      for (const s of specifiers(f)) {
        const target = resolveRelative(f, s);
        if (!target) continue;
        if (layer(target) !== 'cli' && target !== join(src, 'node', 'index.ts')) bad.push(`${rel(f)} → ${s}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the browser app imports the library only as `helixlab`', () => {
    const viz = join(root, 'viz', 'src');
    const bad: string[] = [];
    for (const f of filesUnder(viz)) {
      for (const s of specifiers(f)) {
        const target = resolveRelative(f, s);
        if (target && !target.startsWith(viz + '/')) bad.push(`${rel(f)} → ${s}`);
        if (isBuiltin(s)) bad.push(`${rel(f)} → ${s} (a Node built-in)`);
      }
    }
    expect(bad).toEqual([]);
    // and `helixlab` is the browser entry in both the bundler and the type-checker
    expect(readFileSync(join(root, 'viz', 'vite.config.ts'), 'utf8')).toMatch(
      /find: \/\^helixlab\$\/, replacement: resolve\(repo, ['"]src\/index\.ts['"]\)/,
    );
    expect(readFileSync(join(root, 'viz', 'tsconfig.json'), 'utf8')).toContain('"paths": { "helixlab": ["../src/index.ts"] }');
  });

  it('layers import one way: library ↛ Node layer, CLI, samples; Node layer ↛ CLI', () => {
    const bad: string[] = [];
    for (const f of filesUnder(src)) {
      const from = layer(f);
      for (const s of specifiers(f)) {
        const target = resolveRelative(f, s);
        if (!target) continue;
        const to = layer(target);
        const allowed = from === to || to === 'lib' || (from === 'cli' && to === 'node') || (from === 'samples' && to === 'lib');
        if (!allowed) bad.push(`${rel(f)} (${from}) → ${s} (${to})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('nothing reachable from the browser entry imports a Node built-in or a Node-only package', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    const stack = [join(src, 'index.ts')];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      for (const s of specifiers(f)) {
        const target = resolveRelative(f, s);
        if (target) stack.push(target);
        else if (isBuiltin(s)) bad.push(`${rel(f)} → ${s}`);
        else if (NODE_ONLY_PACKAGES.has(packageOf(s))) bad.push(`${rel(f)} → ${s} (Node-only package)`);
        else if (/\/sync$/.test(s) && !s.includes('/browser/')) bad.push(`${rel(f)} → ${s} (use the package's browser build)`);
      }
    }
    expect(bad).toEqual([]);
    // the walk really covered the library
    expect(seen.size).toBeGreaterThan(50);
    expect([...seen].some((f) => f.includes(`${join('src', 'node')}/`))).toBe(false);
  });

  it('the entries export deliberate lists: no `export *` except the Node entry re-exporting the browser entry', () => {
    const stars: string[] = [];
    for (const f of filesUnder(src)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/^export \* from ['"]([^'"]+)['"]/gm)) {
        if (!(f === join(src, 'node', 'index.ts') && m[1] === '../index.js')) stars.push(`${rel(f)}: export * from '${m[1]}'`);
      }
    }
    expect(stars).toEqual([]);
  });

  it('the library never calls Math.random (all randomness flows from the seeded Rng)', () => {
    const bad = filesUnder(src)
      .filter((f) => layer(f) !== 'cli')
      .filter((f) =>
        /Math\.random\s*\(/.test(
          readFileSync(f, 'utf8')
            .replace(/\/\*[\s\S]*?\*\//g, '')
            .replace(/\/\/.*$/gm, ''),
        ),
      )
      .map(rel);
    expect(bad).toEqual([]);
  });

  it('package.json exports exactly the two entries, and the bundled data files (no code) beside them', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(Object.keys(pkg.exports).sort()).toEqual(['.', './data/*', './node', './package.json', './scenarios/*', './schemas/*']);
    for (const k of ['./data/*', './scenarios/*', './schemas/*']) expect(pkg.exports[k]).toBe(k);
  });
});

describe('API reference', () => {
  it('docs/api/ builds from the doc comments without a warning and is up to date (npm run docs:api)', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'api-docs.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
