/**
 * `helixlab analyze` end to end on the built CLI (`node dist/cli/main.js`; `npm test` builds first):
 * formats, --out with the format from the extension, stdout holding only JSON, the same seed giving
 * the same bytes, several input files (CSV tables), and errors for people with exit code 2.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { smallDoc } from './fixtures/analyze-small.js';
import { parseLockInWeights, reportFormat } from '../src/cli/commands/analyze.js';
import { parseSeed } from '../src/cli/options.js';

const root = process.cwd();
const cli = resolve(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'helixlab-cli-analyze-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const small = join(tmp, 'small.json');
writeFileSync(small, JSON.stringify(smallDoc(), null, 2));

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('helixlab analyze', () => {
  it('prints a Markdown report by default', () => {
    const r = run(['analyze', small, '--permutations', '99']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Network analysis: Test \\<cluster> & co\n/);
    for (const h of ['## Lock-in risk:', '## Top brokers', '## Helix mix', '## ESCA check', '## Resilience', '## Communities'])
      expect(r.stdout).toContain(h);
  });

  it('--format json: stdout holds only the JSON contract; same seed, same bytes', () => {
    const a = run(['analyze', small, '--format', 'json', '--seed', '5', '--permutations', '99']);
    expect(a.code).toBe(0);
    const j = JSON.parse(a.stdout);
    expect(Object.keys(j)).toEqual(['graph', 'nodes', 'helix', 'lockIn', 'esca', 'resilience', 'communities']);
    expect(j.graph.options.seed).toBe(5);
    expect(j.nodes).toHaveLength(9);
    const b = run(['analyze', small, '--format', 'json', '--seed', '5', '--permutations', '99']);
    expect(b.stdout).toBe(a.stdout);
    expect(parseSeed('other')).toBe('other');
    expect(parseSeed('12')).toBe(12);
    expect(parseLockInWeights('closure=0.5, renewal=0')).toEqual({ closure: 0.5, renewal: 0 });
    expect(() => parseLockInWeights('closur=1')).toThrow(/unknown component 'closur' \(did you mean 'closure'\?\)/);
    expect(() => parseLockInWeights('closure=-1')).toThrow(/closure must be a number >= 0/);
    expect(() => parseLockInWeights('closure')).toThrow(/name=value/);
    expect(() => parseLockInWeights('closure=0,insularity=0,concentration=0,homogeneity=0,brokerDependence=0,renewal=0')).toThrow(/all 0/);
  });

  it('--out writes atomically in the format of the extension; messages go to stderr', () => {
    const html = join(tmp, 'report.html');
    const r = run(['analyze', small, '--out', html, '--permutations', '0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`wrote ${html}`);
    const text = readFileSync(html, 'utf8');
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).not.toContain('<script');
    const csvPath = join(tmp, 'actors.csv');
    expect(run(['analyze', small, '--out', csvPath, '--permutations', '0']).code).toBe(0);
    const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => x['id'])).toEqual(['f1', 'f2', 'f3', 's1', 'u1', 'u2', 'c1', 'n1', 'iso']);
    // the extension names the format: --format must agree with it, an extension analyze does not write is an error
    expect(() => reportFormat('md', 'x.json')).toThrow(/the extension \.json means json, but --format is md/);
    expect(() => reportFormat(undefined, 'x.pdf')).toThrow(/does not write \.pdf files/);
    expect(reportFormat('json', 'x.json')).toBe('json');
    expect(reportFormat(undefined, 'x.HTM')).toBe('html');
    expect(reportFormat(undefined, 'x.txt')).toBe('md');
    expect(reportFormat(undefined, 'x.xlsx')).toBe('xlsx');
    expect(reportFormat('csv', 'out/actors')).toBe('csv');
    expect(reportFormat(undefined, undefined)).toBe('md');
  });

  it('reads CSV tables (several files) like every command', () => {
    const dir = join(root, 'data/tiny');
    if (!existsSync(dir)) return;
    const r = run([
      'analyze',
      join(dir, 'nodes.csv'),
      join(dir, 'edges.csv'),
      join(dir, 'affiliations.csv'),
      '--format',
      'json',
      '--permutations',
      '0',
      '--group-by',
      'sectr',
      '--lock-in-weights',
      'closure=1,renewal=0',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.nodes.length).toBeGreaterThan(0);
    expect(j.lockIn.weights).toMatchObject({ closure: 1, renewal: 0, insularity: 0.2 });
    // a misspelt group attribute is a warning with a suggestion, on stderr
    expect(r.stderr).toContain("warning: no actor has the attribute 'sectr' (--group-by); did you mean 'sector'?");
  });

  it('errors for people: missing file, bad option values, bad input (exit 2, no stack trace)', () => {
    const missing = run(['analyze', join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const fmt = run(['analyze', small, '--format', 'pdf']);
    expect(fmt.code).toBe(2);
    expect(fmt.stderr).toContain("--format: expected one of md, json, html, csv, xlsx, got 'pdf'");
    const top = run(['analyze', small, '--top', '-1']);
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('--top');
    const bad = join(tmp, 'bad.json');
    writeFileSync(
      bad,
      '{\n  "format": "helixlab",\n  "version": 1,\n  "actors": [ { "id": "a", "label": "A", "helix": "industy" } ],\n  "ties": []\n}\n',
    );
    const b = run(['analyze', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/bad\.json:\d+/);
    expect(b.stdout).toBe('');
  });
});
