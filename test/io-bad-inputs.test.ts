/**
 * The bad-input corpus (test/fixtures/bad/expected.json: JSON, CSV, byte-level, GML, Pajek, edge
 * list, GraphML/GEXF value rules and Excel cases): every case must fail (or load with warnings) with
 * EXACTLY the listed diagnostics — file, line, column, cell (workbooks), field, code and message —
 * read through the Node front door (readNetworkFiles; readNetworkFilesAsync for workbooks), with the
 * case's reader options.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { readNetworkFiles } from '../src/node/files.js';
import { readNetworkFilesAsync } from '../src/node/xlsx.js';
import type { FormatOptions } from '../src/io/formats.js';
import { InputError, formatDiagnostic, type Diagnostic } from '../src/model/errors.js';

interface Expected {
  file?: string;
  line?: number;
  column?: number;
  cell?: string;
  field?: string;
  code: string;
  message: string;
}
interface Case {
  files: string[];
  options?: FormatOptions;
  ok?: boolean;
  errors?: Expected[];
  warnings?: Expected[];
}

const dir = join(process.cwd(), 'test/fixtures/bad');
const corpus = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Case | string>;
const cases = Object.entries(corpus).filter((e): e is [string, Case] => typeof e[1] === 'object');

function matches(d: Diagnostic, e: Expected): boolean {
  return (
    (e.file === undefined || (d.file !== undefined && basename(d.file) === e.file)) &&
    d.line === e.line &&
    (e.column === undefined || d.column === e.column) &&
    (e.cell === undefined || d.cell === e.cell) &&
    (e.field === undefined || d.field === e.field) &&
    d.code === e.code &&
    d.message.includes(e.message)
  );
}

function assertDiagnostics(got: Diagnostic[], expected: Expected[]): void {
  for (const e of expected) {
    const hit = got.find((d) => matches(d, e));
    expect(hit, `expected ${JSON.stringify(e)}\n got:\n${got.map(formatDiagnostic).join('\n')}`).toBeDefined();
  }
  expect(got.length, got.map(formatDiagnostic).join('\n')).toBe(expected.length);
}

describe('bad-input corpus (JSON, CSV, bytes, GML, Pajek, edge lists, GraphML/GEXF values, Excel)', () => {
  it('has at least 50 cases, every format among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
    const kinds = new Set(cases.map(([name]) => name.split('-')[0]));
    for (const k of ['json', 'csv', 'bytes', 'gexf', 'graphml', 'gml', 'pajek', 'edgelist', 'xlsx']) expect(kinds.has(k), k).toBe(true);
  });

  for (const [name, c] of cases) {
    it(name, async () => {
      const paths = c.files.map((f) => join(dir, f));
      const read = (): Promise<ReturnType<typeof readNetworkFiles>> =>
        paths.some((p) => p.endsWith('.xlsx'))
          ? readNetworkFilesAsync(paths, c.options ?? {})
          : Promise.resolve(readNetworkFiles(paths, c.options ?? {}));
      if (c.ok) {
        const r = await read();
        assertDiagnostics(r.warnings, c.warnings ?? []);
        return;
      }
      let caught: unknown;
      try {
        await read();
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InputError);
      const err = caught as InputError;
      const errors = err.diagnostics.filter((d) => d.severity === 'error');
      assertDiagnostics(errors, c.errors ?? []);
      // the message for people starts with file:line
      for (const d of errors) {
        const text = formatDiagnostic(d);
        expect(text.startsWith(d.file ?? '')).toBe(true);
        if (d.cell !== undefined) expect(text).toContain(`${basename(d.file!)}:${d.cell}: error:`);
        else if (d.line !== undefined) expect(text).toContain(`${basename(d.file!)}:${d.line}`);
      }
    });
  }
});

describe('file-level problems', () => {
  it('a missing file names the file and suggests a neighbour', () => {
    const p = join(dir, 'json-self-lop.json');
    try {
      readNetworkFiles([p]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const d = (e as InputError).diagnostics[0]!;
      expect(d.file).toBe(p);
      expect(d.code).toBe('no-such-file');
      expect(d.message).toContain(`did you mean '${join(dir, 'json-self-loop.json')}'`);
    }
  });

  it('every unreadable file is reported at once', () => {
    try {
      readNetworkFiles([join(dir, 'nope-1.csv'), join(dir, 'bytes-latin1.nodes.csv'), join(dir, 'nope-2.csv')]);
      expect.unreachable();
    } catch (e) {
      const codes = (e as InputError).diagnostics.map((d) => d.code);
      expect(codes).toEqual(['no-such-file', 'invalid-utf8', 'no-such-file']);
    }
  });

  it('a directory without nodes.csv is an error; with one it is read as CSV tables', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'helixlab-dir-'));
    try {
      expect(() => readNetworkFiles([tmp])).toThrow(/directory without nodes\.csv/);
      writeFileSync(join(tmp, 'nodes.csv'), 'id,helix\na,industry\nb,public\n');
      writeFileSync(join(tmp, 'edges.csv'), 'source,target,weight\na,b,3\n');
      const r = readNetworkFiles([tmp]);
      expect(r.format).toBe('csv');
      expect(r.network.graph.order).toBe(2);
      expect(r.network.graph.getEdgeAttribute(r.network.graph.edges()[0]!, 'weight')).toBe(3);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('errors are capped by maxErrors and the cap is said', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'helixlab-cap-'));
    try {
      mkdirSync(tmp, { recursive: true });
      const rows = ['id,helix', ...Array.from({ length: 50 }, (_, i) => `a${i},nonsense`)];
      const p = join(tmp, 'nodes.csv');
      writeFileSync(p, rows.join('\n') + '\n');
      try {
        readNetworkFiles([p], { maxErrors: 5 });
        expect.unreachable();
      } catch (e) {
        const ds = (e as InputError).diagnostics;
        expect(ds.filter((d) => d.code === 'unknown-helix').map((d) => d.line)).toEqual([2, 3, 4, 5, 6]);
        expect(ds[ds.length - 1]!.message).toBe('stopped after 5 errors');
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
