/**
 * `helixlab info` through the built CLI (node dist/cli/main.js; `npm test` builds first):
 * the summary's numbers for the good fixture (hand-counted), JSON output, exit code 2 with
 * `file:line: message` and no stack trace on bad input, the stack with --debug, warnings on stderr.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';

const root = process.cwd();
const cli = join(root, 'dist/cli/main.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const good = 'test/fixtures/good/cluster.json';

describe('helixlab info', () => {
  it('prints the summary of the good fixture', () => {
    const r = run('info', good);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('Network: Harbour Tech Cluster (test fixture) (json)');
    expect(out).toContain('Actors: 9');
    expect(out).toMatch(/industry\s+3\s+\(sme 2, large-firm 1\)/);
    expect(out).toMatch(/research-education\s+2\s+\(uas 1, university 1\)/);
    expect(out).toMatch(/individual\s+1\n/);
    expect(out).toContain('Ties: 4 explicit, 8 projected from 3 activities (project 2, event 1)');
    expect(out).toContain('8 connected pairs, density 0.2222');
    expect(out).toContain('Components: 4 (largest 5 actors); isolates: 2');
    expect(out).toMatch(/triple helix:\s+yes/);
    expect(out).toMatch(/quadruple helix:\s+yes/);
    expect(out).toMatch(/penta helix:\s+no \(missing financier\)/);
    expect(out).toContain('Profile: Harbour Tech (association)');
    expect(out).toContain('funding 2024: 200,000 EUR (project 120,000, long-term 80,000)');
  });

  it('--format json prints only JSON on stdout', () => {
    const r = run('info', good, '--format', 'json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, unknown> & {
      ties: { explicit: number; projected: number; pairs: number };
      roles: Record<string, number>;
      components: { count: number; largest: number };
      coverage: { triple: boolean; penta: boolean; missing: { penta: string[] } };
    };
    expect(s['format']).toBe('json');
    expect(s['actors']).toBe(9);
    expect(s.ties).toMatchObject({ explicit: 4, projected: 8, pairs: 8 });
    expect(s.roles).toEqual({
      industry: 3,
      'research-education': 2,
      public: 1,
      'civil-society': 1,
      startup: 1,
      financier: 0,
      individual: 1,
    });
    expect(s.components).toEqual({ count: 4, largest: 5 });
    expect(s['isolates']).toBe(2);
    expect(s.coverage.triple).toBe(true);
    expect(s.coverage.penta).toBe(false);
    expect(s.coverage.missing.penta).toEqual(['financier']);
  });

  it("--attributes lists the actors' attributes and positions (and without it nothing changes)", () => {
    const plain = run('info', good, '--format', 'json');
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('actorAttributes');
    const r = run('info', good, '--format', 'json', '--attributes');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      actorAttributes: { positions: number; attributes: Array<{ name: string; actors: number; type: string }> };
    };
    expect(s.actorAttributes.positions).toBe(0);
    expect(s.actorAttributes.attributes.map((a) => a.name)).toContain('sector');
    const text = run('info', good, '--attributes');
    expect(text.stdout).toContain('Positions: 0 actors with x and y');
    expect(text.stdout).toMatch(/\n {2}sector\s+text\s+\d+ actors/);
  });

  it('reads CSV tables given in any order', () => {
    const d = 'test/fixtures/good/';
    const r = run('info', `${d}harbour.edges.csv`, `${d}harbour.affiliations.csv`, `${d}harbour.nodes.csv`, '--format', 'json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { actors: number; ties: { explicit: number; projected: number }; activities: number };
    expect(s.actors).toBe(5);
    expect(s.ties).toMatchObject({ explicit: 4, projected: 4 });
    expect(s.activities).toBe(3);
  });

  it('a bad file exits 2 with file:line: messages and no stack trace', () => {
    const r = run('info', 'test/fixtures/bad/json-unknown-helix.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      "test/fixtures/bad/json-unknown-helix.json:6:27: error: actors[1].helix: unknown helix role 'industy' (did you mean 'industry'?); expected one of industry, research-education, public, civil-society, startup, financier, individual",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--debug adds the stack trace', () => {
    const r = run('info', 'test/fixtures/bad/json-unknown-helix.json', '--debug');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at .*(validate|json)\.js/);
  });

  it('CSV errors name the physical line', () => {
    const r = run('info', 'test/fixtures/bad/csv-multiline.nodes.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "test/fixtures/bad/csv-multiline.nodes.csv:7: error: helix: unknown helix role 'indstry' (did you mean 'industry'?)",
    );
  });

  it('warnings go to stderr, the summary to stdout', () => {
    const r = run('info', 'test/fixtures/bad/json-self-loop.json', '--format', 'json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { warnings: Array<{ code: string; line: number }> };
    expect(s).toMatchObject({ actors: 2, ties: { explicit: 2, selfLoops: 1, pairs: 1 } });
    expect(s.warnings.map((w) => [w.code, w.line])).toEqual([['self-loop', 10]]);
    expect(r.stderr).toContain('json-self-loop.json:10:32: warning:');
  });

  it('a missing file and a bad option exit 2', () => {
    const missing = run('info', 'no-such-network.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no-such-network.json: error: no such file');
    const badOpt = run('info', good, '--format', 'xml');
    expect(badOpt.code).toBe(2);
    expect(badOpt.stderr).toContain("--format: expected one of text, json, got 'xml'");
  });

  const sample = join(root, '../shared/data/cordis-h2020/organization-sample.csv');
  it.skipIf(!existsSync(sample))('real data (when present): the CORDIS organization sample, as its README counts it', () => {
    const r = run('info', sample, '--format', 'json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { format: string; actors: number; activities: number; source: string; ties: { explicit: number } };
    // README: 2,722 rows, 336 projects, 1,819 organisations
    expect(s).toMatchObject({ format: 'cordis', actors: 1819, activities: 336, source: 'Source: CORDIS, European Union' });
    expect(s.ties.explicit).toBe(0);
  });
});
