/**
 * The compact path for large CSV networks (src/io/csv-compact.ts, src/model/compact.ts,
 * src/node/compact.ts) against the graphology path (readNetworkFiles): the same summary and the
 * same analysis, bit for bit, on generated networks with parallel ties, self-loops, years, typed
 * extra columns, quoted cells and a byte order mark; the same network whatever the chunk sizes
 * (property test); the same diagnostics on the CSV cases of the bad-input corpus; gzip, the size
 * limit and invalid UTF-8 while streaming; and the CLI choosing the path by size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { readNetworkFiles } from '../src/node/files.js';
import { compactInputs, readCompactNetwork } from '../src/node/compact.js';
import { CompactCsvReader } from '../src/io/csv-compact.js';
import { compactAnalysisInput, summarizeCompact, type CompactNetwork } from '../src/model/compact.js';
import { summarizeNetwork } from '../src/model/summary.js';
import { analyzeNetwork } from '../src/metrics/analyze.js';
import { renderAnalysisJson } from '../src/report/analysis.js';
import { InputError, type Diagnostic } from '../src/model/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'helixlab-compact-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A seeded generator of awkward CSV networks. */
function makeTables(seed: number, n: number, m: number): { nodes: string; edges: string } {
  let s = seed >>> 0 || 1;
  const r = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const roles = ['industry', 'Research & Education', 'public', 'civil-society', 'startup', 'financier', 'individual', 'INDUSTRY'];
  const nodes = ['\ufeffid,label,helix,subtype,sector,region,joined,size,flag,note'];
  for (let i = 0; i < n; i++) {
    const label = r() < 0.1 ? `"Actor, ""${i}""\nsecond line"` : r() < 0.05 ? `'=SUM(${i})` : `Actor ${i}`;
    const size = r() < 0.9 ? String(Math.floor(r() * 1000)) : '';
    nodes.push(
      [
        `a${i}`,
        label,
        pick(roles),
        r() < 0.5 ? pick(['sme', 'university', '']) : '',
        pick(['ict', 'food', '']),
        pick(['FI', 'SE']),
        r() < 0.5 ? String(1990 + Math.floor(r() * 30)) : '',
        size,
        pick(['true', 'false', '']),
        pick(['x', '12', 'y z', '']),
      ].join(','),
    );
  }
  const edges = ['source;target;weight;kind;since;until;why'];
  let prev = ['a0', 'a1'];
  for (let k = 0; k < m; k++) {
    let a = `a${Math.floor(r() * n)}`;
    let b = `a${Math.floor(r() * n)}`;
    if (r() < 0.05) [a, b] = prev as [string, string];
    if (r() < 0.2) [a, b] = [b, a];
    prev = [a, b];
    const w = r() < 0.3 ? '' : r() < 0.5 ? String(1 + Math.floor(r() * 4)) : `${Math.floor(r() * 9)},${Math.floor(r() * 100)}1`;
    const since = r() < 0.5 ? String(2000 + Math.floor(r() * 20)) : '';
    edges.push(
      [a, b, w, pick(['', 'cooperation', 'project', 'supply']), since, since && r() < 0.5 ? '2024' : '', pick(['', 'note', '"a;b"'])].join(
        ';',
      ),
    );
  }
  return { nodes: nodes.join('\r\n') + '\r\n', edges: edges.join('\n') + '\n' };
}

function write(dir: string, t: { nodes: string; edges: string }, gz = false): string[] {
  mkdirSync(dir, { recursive: true });
  const nodes = join(dir, gz ? 'nodes.csv.gz' : 'nodes.csv');
  const edges = join(dir, gz ? 'edges.csv.gz' : 'edges.csv');
  writeFileSync(nodes, gz ? gzipSync(Buffer.from(t.nodes)) : t.nodes);
  writeFileSync(edges, gz ? gzipSync(Buffer.from(t.edges)) : t.edges);
  return [nodes, edges];
}

async function compactOf(paths: string[]): Promise<{ network: CompactNetwork; warnings: Diagnostic[] }> {
  process.env['HELIXLAB_COMPACT_FROM'] = '0';
  try {
    const inputs = compactInputs(paths);
    expect(inputs).toBeDefined();
    return await readCompactNetwork(inputs!);
  } finally {
    delete process.env['HELIXLAB_COMPACT_FROM'];
  }
}

describe('the compact path gives the graphology path’s results', () => {
  for (const [seed, n, m, gz] of [
    [1, 300, 2000, false],
    [2, 1200, 6000, true],
    [3, 50, 400, false],
  ] as const) {
    it(`summary and analysis agree bit for bit (seed ${seed}, ${n} actors, ${m} ties${gz ? ', gzip' : ''})`, async () => {
      const paths = write(join(tmp, `gen-${seed}`), makeTables(seed, n, m), gz);
      const full = readNetworkFiles(paths);
      const compact = await compactOf(paths);
      expect(compact.warnings).toEqual(full.warnings);
      expect(summarizeCompact(compact.network)).toEqual(summarizeNetwork(full.network));
      const input = compactAnalysisInput(compact.network);
      const opts = { seed: 3, permutations: 30, approx: n > 1000 ? 200 : undefined, groupBy: 'flag' } as const;
      const a = renderAnalysisJson(analyzeNetwork(full.network, opts));
      const b = renderAnalysisJson(
        analyzeNetwork(input.network, { ...opts, simpleGraph: input.simpleGraph, csr: input.csr, survey: input.survey }),
      );
      expect(b).toBe(a);
    });
  }

  it('reads the same network whatever the chunk sizes (property test)', () => {
    const t = makeTables(9, 40, 200);
    const read = (chunks: number[]): CompactNetwork => {
      const reader = new CompactCsvReader({ file: 'n.csv' });
      for (const [kind, text] of [
        ['nodes', t.nodes],
        ['edges', t.edges],
      ] as const) {
        const feed = reader.table(kind, `${kind}.csv`);
        let at = 0;
        let c = 0;
        while (at < text.length) {
          const len = chunks[c++ % chunks.length]!;
          feed(text.slice(at, at + len));
          at += len;
        }
        feed('', true);
      }
      return reader.finish();
    };
    const whole = read([1 << 30]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }), (chunks) => {
        expect(read(chunks)).toEqual(whole);
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe('the rules of the CSV reader that the streaming reader follows', () => {
  it('decimal-comma columns of a ;-separated table, member-survey ties, --parallel max', async () => {
    const dir = join(tmp, 'rules');
    mkdirSync(dir);
    const nodes = ['id;helix;share;flag'];
    for (let i = 0; i < 40; i++)
      nodes.push(`a${i};${i % 3 ? 'industry' : 'public'};${i % 2 ? `${i},5` : String(i)};${i % 2 ? 'true' : 'false'}`);
    const edges = ['source,target,weight,kind,since,reciprocal'];
    for (let k = 0; k < 120; k++) {
      const a = k % 40;
      const b = (k * 7 + 3) % 40;
      if (a === b) continue;
      edges.push(
        `a${a},a${b},${1 + (k % 4)},${k % 3 ? 'survey' : 'cooperation'},${2015 + (k % 5)},${k % 4 === 0 ? '' : k % 2 ? 'true' : 'false'}`,
      );
    }
    writeFileSync(join(dir, 'nodes.csv'), nodes.join('\n') + '\n');
    writeFileSync(join(dir, 'edges.csv'), edges.join('\n') + '\n');
    const paths = [join(dir, 'nodes.csv'), join(dir, 'edges.csv')];
    const full = readNetworkFiles(paths);
    const compact = await compactOf(paths);
    const summary = summarizeCompact(compact.network);
    expect(summary.survey).toBeDefined();
    expect(summary).toEqual(summarizeNetwork(full.network));
    const input = compactAnalysisInput(compact.network, { parallel: 'max' });
    const opts = { seed: 2, permutations: 10, groupBy: 'share', parallel: 'max' } as const;
    expect(
      renderAnalysisJson(analyzeNetwork(input.network, { ...opts, simpleGraph: input.simpleGraph, csr: input.csr, survey: input.survey })),
    ).toBe(renderAnalysisJson(analyzeNetwork(full.network, opts)));
  });
});

describe('diagnostics and bytes', () => {
  const dir = join(process.cwd(), 'test/fixtures/bad');
  const corpus = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { files?: string[] } | string>;
  const key = (d: Diagnostic) => `${basename(d.file ?? '')}|${d.line}|${d.column ?? ''}|${d.field ?? ''}|${d.code}|${d.message}`;
  const csvCases = Object.entries(corpus).filter(
    (e): e is [string, { files: string[] }] =>
      typeof e[1] === 'object' &&
      (e[0].startsWith('csv-') || e[0].startsWith('bytes-')) &&
      !e[1].files!.some((f) => f.includes('affiliations')),
  );

  for (const [name, c] of csvCases) {
    it(`the bad-input case ${name} gives the same diagnostics`, async () => {
      const paths = c.files.map((f) => join(dir, f));
      process.env['HELIXLAB_COMPACT_FROM'] = '0';
      const inputs = compactInputs(paths);
      delete process.env['HELIXLAB_COMPACT_FROM'];
      if (inputs === undefined) return; // not HelixLab tables (e.g. an unknown table): the full reader reports it
      let full: Diagnostic[];
      try {
        full = readNetworkFiles(paths).warnings;
      } catch (e) {
        full = (e as InputError).diagnostics;
      }
      let got: Diagnostic[];
      try {
        got = (await readCompactNetwork(inputs)).warnings;
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        got = e.diagnostics;
      }
      const norm = (ds: Diagnostic[]) =>
        ds
          .map((d) => (name === 'csv-unclosed-quote' && d.code === 'csv-syntax' ? { ...d, line: 0 } : d)) // here: the line the quote opens
          .map(key)
          .sort();
      expect(norm(got)).toEqual(norm(full));
    });
  }

  it('streams gzip with the size limit, and locates invalid UTF-8 and NUL bytes', async () => {
    const t = makeTables(4, 100, 500);
    const paths = write(join(tmp, 'gz'), t, true);
    process.env['HELIXLAB_COMPACT_FROM'] = '0';
    const inputs = compactInputs(paths)!;
    delete process.env['HELIXLAB_COMPACT_FROM'];
    await expect(readCompactNetwork(inputs, { maxInputBytes: 1000 })).rejects.toThrow(
      /decompresses to more than 1 kB, the limit per input file/,
    );
    const bad = join(tmp, 'latin1');
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'nodes.csv'),
      Buffer.concat([Buffer.from('id,helix\na,industry\nb'), Buffer.from([0xe9]), Buffer.from(',public\n')]),
    );
    const e1 = await readCompactNetwork({ nodes: join(bad, 'nodes.csv'), bytes: 30 }).catch((e: InputError) => e.diagnostics[0]);
    expect(e1).toMatchObject({ line: 3, column: 2, code: 'invalid-utf8' });
    writeFileSync(join(bad, 'nodes.csv'), 'id,helix\na,indus\u0000try\n');
    const e2 = await readCompactNetwork({ nodes: join(bad, 'nodes.csv'), bytes: 30 }).catch((e: InputError) => e.diagnostics[0]);
    expect(e2).toMatchObject({ line: 2, column: 8, code: 'binary-file' });
  });
});

describe('the CLI', () => {
  it('takes the compact path from the size threshold on, with the same output', () => {
    const paths = write(join(tmp, 'cli'), makeTables(7, 200, 1500));
    const cli = join(process.cwd(), 'dist/cli/main.js');
    const run = (env: Record<string, string>, ...args: string[]) =>
      spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    for (const args of [
      ['info', ...paths, '--format', 'json'],
      ['analyze', ...paths, '--format', 'json', '--permutations', '20'],
    ]) {
      const big = run({ HELIXLAB_COMPACT_FROM: '1000000000' }, ...args);
      const small = run({ HELIXLAB_COMPACT_FROM: '0' }, ...args);
      expect(big.status, big.stderr).toBe(0);
      expect(small.stdout).toBe(big.stdout);
      expect(small.stderr).toBe(big.stderr);
    }
  });
});
