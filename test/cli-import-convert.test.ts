/**
 * `helixlab import cordis` and `helixlab convert` through the built CLI (node dist/cli/main.js;
 * `npm test` builds first): round trips through GEXF and GraphML give the same JSON bytes, foreign
 * files convert with --helix-attr/--helix-map, bad files exit 2 with `file:line: message` and no
 * stack trace, and (when ../shared is present) the real CORDIS sample imports and `info` reads it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const cli = join(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'helixlab-a2-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const out = (name: string) => join(tmp, name);
const good = 'test/fixtures/good/cluster.json';
const sample = join(root, '..', 'shared', 'data', 'cordis-h2020', 'organization-sample.csv');

describe('helixlab convert', () => {
  it('JSON → GEXF → JSON and JSON → GraphML → JSON give the same bytes as JSON → JSON', () => {
    expect(run('convert', good, out('ref.json')).code).toBe(0);
    const ref = readFileSync(out('ref.json'), 'utf8');
    for (const ext of ['gexf', 'graphml']) {
      const a = run('convert', good, out(`c.${ext}`));
      expect(a.code, a.stderr).toBe(0);
      expect(a.stderr).toContain("graph attribute 'helixlab'");
      const b = run('convert', out(`c.${ext}`), out(`back-${ext}.json`));
      expect(b.code, b.stderr).toBe(0);
      expect(readFileSync(out(`back-${ext}.json`), 'utf8')).toBe(ref);
    }
  });

  it('- writes to stdout in the --format given', () => {
    const r = run('convert', good, '-', '--format', 'graphml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('<?xml')).toBe(true);
    expect(r.stdout).toContain('<graphml');
  });

  it('a directed GraphML with roles in another attribute, via --helix-attr and --helix-map', () => {
    const r = run(
      'convert',
      'test/fixtures/foreign/nx-coded.graphml',
      out('coded.json'),
      '--helix-attr',
      'type',
      '--helix-map',
      'PRC=industry,REC=research-education,HES=research-education,PUB=public',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('nx-coded.graphml:6:3: warning: the GraphML graph is directed');
    const doc = JSON.parse(readFileSync(out('coded.json'), 'utf8')) as { actors: Array<{ id: string; label: string; helix: string }> };
    expect(doc.actors.map((a) => [a.id, a.label, a.helix])).toEqual([
      ['1', 'Alpha GmbH', 'industry'],
      ['2', 'Beta Institute', 'research-education'],
      ['3', 'Gamma University', 'research-education'],
      ['4', 'Delta Ministry', 'public'],
    ]);
  });

  it('nodes without a usable role: exit 2, file:line:column: per node, a hint, no stack trace', () => {
    const r = run('convert', 'test/fixtures/foreign/igraph-style.graphml', out('never.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("test/fixtures/foreign/igraph-style.graphml:19:5: error: node 'n0' helix: no helix role");
    expect(r.stderr).toContain('--helix-attr');
    expect(r.stderr.match(/error:/g)).toHaveLength(4);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out('never.json'))).toBe(false);
  });

  it('bad GEXF and GraphML files exit 2 with file:line:column: message', () => {
    const a = run('convert', 'test/fixtures/bad/gexf-syntax.gexf', out('x.json'));
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('test/fixtures/bad/gexf-syntax.gexf:6:33: error: XML syntax error');
    const c = run('convert', 'test/fixtures/bad/graphml-bad-values.graphml', out('x.json'));
    expect(c.code).toBe(2);
    expect(c.stderr).toContain("graphml-bad-values.graphml:8:5: error: node 'b' helix: 'Public sector' is not a helix role");
    expect(c.stderr.match(/error:/g)).toHaveLength(4);
  });

  it('usage errors exit 2', () => {
    const a = run('convert', good);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('expected input file(s) and an output file');
    const b = run('convert', good, out('x.json'), '--helix-map', 'X=industy');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--helix-map: 'industy' is not a helix role (did you mean 'industry'?)");
  });
});

describe('helixlab import cordis', () => {
  it('imports the hand-made fixture with --country, writes JSON atomically and summarises on stderr', () => {
    const r = run('import', 'cordis', 'test/fixtures/foreign/cordis-semicolon.csv', '--country', 'FI', '--out', out('fi.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('4 organisations in 3 projects');
    expect(r.stderr).toContain('industry 1 (sme 1); research-education 1 (higher-education 1); public 1; civil-society 1');
    expect(r.stderr).toContain('Source: CORDIS, European Union (CC BY 4.0)');
    const doc = JSON.parse(readFileSync(out('fi.json'), 'utf8')) as { source: string; actors: unknown[]; activities: unknown[] };
    expect(doc.source).toBe('Source: CORDIS, European Union');
    expect(doc.actors).toHaveLength(4);
    expect(doc.activities).toHaveLength(3);
    const info = run('info', out('fi.json'));
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('Actors: 4');
  });

  it('without --out writes the JSON to stdout', () => {
    const r = run('import', 'cordis', 'test/fixtures/foreign/cordis-comma.csv');
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { actors: unknown[] }).actors).toHaveLength(6);
  });

  it('convert reads CORDIS too (detected from the header)', () => {
    const r = run('convert', 'test/fixtures/foreign/cordis-comma.csv', out('cordis.gexf'), '--country', 'SE');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out('cordis.gexf'), 'utf8')).toContain('<node id="920001" label="SVEA">');
  });

  it('bad CORDIS files exit 2 with file:line: message', () => {
    const a = run('import', 'cordis', 'test/fixtures/bad/cordis-unknown-type.csv', '--out', out('bad.json'));
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("test/fixtures/bad/cordis-unknown-type.csv:3: error: activityType: unknown activityType 'PRV'");
    expect(a.stderr).toContain('test/fixtures/bad/cordis-unknown-type.csv:4: error: activityType: empty activityType');
    expect(existsSync(out('bad.json'))).toBe(false);
    const b = run('import', 'cordis', 'test/fixtures/bad/cordis-missing-columns.csv');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('cordis-missing-columns.csv:1: error: missing CORDIS column(s): activityType');
  });

  it.skipIf(!existsSync(sample))('the real sample: import --country FI then info works', () => {
    const r = run('import', 'cordis', sample, '--country', 'FI', '--out', out('fi-real.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('38 organisations in 39 projects');
    const info = run('info', out('fi-real.json'));
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain('Actors: 38');
    expect(info.stdout).toContain('Source: CORDIS, European Union');
  });
});
