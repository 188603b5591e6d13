/**
 * Regression tests of the hardening issue, through the built CLI and the library: every bad input
 * exits 2 with a location (deep JSON and XML in linear time, corrupt `.gz`, gzip bombs, the input
 * size limit, `--country` matching nothing, a damaged resume log), messages quote at most ~80
 * characters of a value and are not repeated, reserved keys (`__proto__`, `constructor`,
 * `prototype`) are errors, CSV output round-trips (`\r` quoted, formulas escaped by default and
 * restored on reading, `--csv-formulas keep`), non-finite results are missing with a warning,
 * statistics of fewer than 2 runs are null, and `merge` verifies the checksum of every shard.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCsv } from '../src/util/csv.js';
import { openResultLog } from '../src/node/batch/checkpoint.js';
import { InputError } from '../src/model/errors.js';

const root = process.cwd();
const cli = join(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'helixlab-hard-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}
const file = (name: string, content: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};
const tiny = (label = 'A', extra = '') =>
  JSON.stringify({
    format: 'helixlab',
    version: 1,
    actors: [
      { id: 'a', label, helix: 'industry' },
      { id: 'b', label: 'B', helix: 'public' },
    ],
    ties: [{ source: 'a', target: 'b' }],
    ...(extra ? JSON.parse(extra) : {}),
  });

describe('deep nesting: exit 2 with line and column, in linear time', () => {
  it('a JSON network and a scenario nested 5,000 deep', () => {
    const deep = file('deep.json', `{"format":"helixlab","version":1,"actors":${'['.repeat(5000)}${']'.repeat(5000)}}`);
    const r = run('info', deep);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${deep}:1:106: error: JSON nested deeper than 64 levels (a HelixLab file needs fewer than 10)`);
    const scen = file('deep-scenario.json', `{"name":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    const s = run('simulate', scen, '--runs', '1');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain(`${scen}:1:`);
    expect(s.stderr).toContain('nested deeper than 32 levels');
    expect(s.stderr).not.toContain('stack');
    const set = run(
      'simulate',
      'scenarios/permanent.json',
      '--runs',
      '1',
      '--set',
      `network.openness=${'['.repeat(5000)}${']'.repeat(5000)}`,
    );
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('nested deeper than');
  });

  it('a GEXF with 5,000 nested <nodes> and a GraphML nested 20,000 deep are refused at once', () => {
    let g = '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3" version="1.3">\n<graph defaultedgetype="undirected">\n';
    for (let i = 0; i < 5000; i++)
      g += `<nodes>\n<node id="n${i}" label="N${i}"><attvalues><attvalue for="0" value="industry"/></attvalues>\n`;
    g += '</node>\n</nodes>\n'.repeat(5000) + '</graph>\n</gexf>\n';
    const gexf = file('deep.gexf', g);
    const a = run('info', gexf);
    expect(a.code).toBe(2);
    expect(a.stderr.trim()).toBe(`${gexf}:65:28: error: elements nested deeper than 64 levels (a GEXF file needs fewer than 10)`);
    expect(a.ms).toBeLessThan(20_000); // took 80 s before; now a linear scan
    let m = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">\n';
    m += '<node id="x"><graph>\n'.repeat(20000) + '</graph></node>\n'.repeat(20000) + '</graph></graphml>\n';
    const graphml = file('deep.graphml', m);
    const b = run('info', graphml);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`${graphml}:34:1: error: elements nested deeper than 64 levels`);
    expect(b.ms).toBeLessThan(20_000);
  });
});

describe('compressed, binary and oversized input', () => {
  it('a corrupt .gz, a gzip bomb of zeros, a text bomb beyond the limit, --max-input', () => {
    const cut = file('cut.json.gz', gzipSync(Buffer.from(tiny())).subarray(0, 20));
    const a = run('info', cut);
    expect(a.code).toBe(2);
    expect(a.stderr.trim()).toBe(
      `${cut}:1: error: the file looks gzip-compressed but cannot be decompressed (unexpected end of file); it is damaged or cut short`,
    );
    // 200 MB of zeros in 200 kB: found at the first kilobytes, not after inflating everything
    const zeros = file('zeros.csv.gz', gzipSync(Buffer.alloc(200_000_000), { level: 1 }));
    const b = run('info', zeros);
    expect(b.code).toBe(2);
    expect(b.stderr.trim()).toBe(
      `${zeros}:1:1: error: NUL byte at byte 0 of the decompressed data: this is not a text file (a compressed archive of something else?)`,
    );
    expect(b.ms).toBeLessThan(10_000);
    const text = file('big.csv.gz', gzipSync(Buffer.from('id,helix\n' + 'a,industry\n'.repeat(200_000)), { level: 1 }));
    const c = run('info', text, '--max-input', '1MB');
    expect(c.code).toBe(2);
    expect(c.stderr.trim()).toBe(
      `${text}:1: error: the file decompresses to more than 1 MB, the limit per input file; if that is what you meant, raise it with --max-input (e.g. --max-input 2MB)`,
    );
    const plain = file('big.json', tiny());
    const d = run('info', plain, '--max-input', '100');
    expect(d.code).toBe(2);
    expect(d.stderr).toContain(`${plain}:1: error: the file has `);
    expect(run('info', plain, '--max-input', '1MB').code).toBe(0);
    expect(run('info', plain, '--max-input', 'lots').stderr).toContain("--max-input: expected a size such as 800MB or 2GB, got 'lots'");
  });

  it('--country matching nothing names the file, the header line and the option', () => {
    const org = file('organization.csv', 'projectID;organisationID;activityType;country;name\n1;10;PRC;FI;Firm\n1;11;HES;FI;Uni\n');
    const r = run('import', 'cordis', org, '--country', 'SE');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${org}:1: error: --country: no organisation with country 'SE'`);
  });
});

describe('messages', () => {
  it('quote at most ~80 characters of a 1 MB value, quickly', () => {
    const big = 'x'.repeat(1_000_000);
    const p = file(
      'long.json',
      JSON.stringify({
        format: 'helixlab',
        version: 1,
        actors: [{ id: 'a', label: 'A', helix: big }],
        ties: [{ source: 'a', target: big }],
      }),
    );
    const r = run('info', p);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(1500);
    expect(r.stderr).toContain(`helix role '${'x'.repeat(79)}… (1,000,000 characters)'`);
    expect(r.ms).toBeLessThan(20_000);
  });

  it('a bad --grid path is reported once', () => {
    const r = run('sweep', 'scenarios/project-driven.json', '--grid', '__proto__.x=1,2', '--runs', '2', '--out', join(tmp, 'sw-proto'));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      "--grid __proto__.x: error: __proto__.x: bad path '__proto__.x': '__proto__' is a reserved name, not a scenario field (expected e.g. network.openness)",
    ]);
  });
});

describe('reserved keys are errors', () => {
  it('JSON keys and attributes, CSV columns, GraphML keys named __proto__, constructor, prototype', () => {
    const j = file(
      'proto.json',
      '{"format":"helixlab","version":1,"__proto__":{"x":1},"actors":[{"id":"a","label":"A","helix":"industry","constructor":1,"attributes":{"prototype":3}}],"ties":[]}',
    );
    const r = run('info', j);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${j}:1:34: error: __proto__: unknown key '__proto__' in the document`);
    expect(r.stderr).toContain(`error: actors[0].constructor: unknown key 'constructor' in actors[0]`);
    expect(r.stderr).toContain(`error: actors[0].attributes.prototype: 'prototype' is a reserved name`);
    const c = file('proto.nodes.csv', 'id,helix,__proto__\na,industry,x\n');
    expect(run('info', c).stderr.trim()).toBe(
      `${c}:1: error: __proto__: column 3: '__proto__' is a reserved name (part of how JavaScript objects work) and cannot be the name of an attribute, key or column; rename it`,
    );
    const g = file(
      'proto.graphml',
      '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="helix" attr.type="string"/><key id="d1" for="node" attr.name="__proto__" attr.type="string"/><graph edgedefault="undirected"><node id="a"><data key="d0">industry</data><data key="d1">x</data></node></graph></graphml>',
    );
    const gr = run('info', g);
    expect(gr.code).toBe(2);
    expect(gr.stderr).toContain(`<key attr.name="__proto__">: '__proto__' is a reserved name`);
  });
});

describe('CSV output round-trips', () => {
  const tricky = ['line\rbreak', 'cr\r\nlf', "=cmd|' /C calc'!A0", "'=already", '+1', '-x', '@me', 'a,b', 'say "hi"', "'plain"];

  it('analyze --format csv quotes a bare \\r and escapes formulas; the CSV reader gives the labels back', () => {
    const actors = tricky.map((label, i) => ({ id: `a${i}`, label, helix: 'industry' }));
    const ties = actors.slice(1).map((a) => ({ source: 'a0', target: a.id }));
    const p = file('tricky.json', JSON.stringify({ format: 'helixlab', version: 1, actors, ties }));
    const r = run('analyze', p, '--format', 'csv');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('"line\rbreak"');
    expect(r.stdout).toContain("'=cmd|");
    const back = parseCsv(r.stdout);
    expect(back.rows.map((row) => row[1])).toEqual(tricky);
    const keep = run('analyze', p, '--format', 'csv', '--csv-formulas', 'keep');
    expect(keep.stdout).toContain('\na1,"cr\r\nlf"'.replace('a1', 'a1')); // quoted either way
    expect(keep.stdout).toContain(',=cmd|');
  });

  it('convert to CSV escapes formulas by default (keep on request) and reads back to the same JSON bytes', () => {
    const actors = tricky.map((label, i) => ({ id: `a${i}`, label, helix: 'industry', attributes: { note: label, n: -i } }));
    const ties = actors.slice(1).map((a) => ({ source: 'a0', target: a.id, attributes: { why: a.label } }));
    const p = file('tricky2.json', JSON.stringify({ format: 'helixlab', version: 1, actors, ties }));
    expect(run('convert', p, join(tmp, 'ref.json')).code).toBe(0);
    const dir = join(tmp, 'tables');
    mkdirSync(dir);
    const w = run('convert', p, dir);
    expect(w.code, w.stderr).toBe(0);
    const nodes = readFileSync(join(dir, 'nodes.csv'), 'utf8');
    expect(nodes).toContain("'=cmd|");
    expect(nodes).toContain(',-3'); // numbers are never escaped
    expect(nodes).toContain('"line\rbreak"');
    const b = run('convert', dir, join(tmp, 'back.json'));
    expect(b.code, b.stderr).toBe(0);
    expect(readFileSync(join(tmp, 'back.json'), 'utf8')).toBe(readFileSync(join(tmp, 'ref.json'), 'utf8'));
    const dir2 = join(tmp, 'tables-keep');
    mkdirSync(dir2);
    expect(run('convert', p, dir2, '--csv-formulas', 'keep').code).toBe(0);
    expect(readFileSync(join(dir2, 'nodes.csv'), 'utf8')).toContain(',=cmd|');
  });
});

describe('non-finite values and statistics of fewer than 2 runs', () => {
  it('three parallel ties of weight 1e308: missing values and a warning, never NaN in CSV or JSON', () => {
    const p = file(
      'inf.json',
      JSON.stringify({
        format: 'helixlab',
        version: 1,
        actors: [
          { id: 'a', label: 'A', helix: 'industry' },
          { id: 'b', label: 'B', helix: 'public' },
          { id: 'c', label: 'C', helix: 'research-education' },
        ],
        ties: [
          { source: 'a', target: 'b', weight: 1e308 },
          { source: 'a', target: 'b', weight: 1e308 },
          { source: 'a', target: 'b', weight: 1e308 },
          { source: 'b', target: 'c' },
        ],
      }),
    );
    const csv = run('analyze', p, '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain(
      'warning: strength of 2 actor(s), eigenvector of 3 actor(s), pagerank of 3 actor(s) could not be computed',
    );
    expect(csv.stdout).not.toMatch(/NaN|Infinity/);
    const json = run('analyze', p, '--format', 'json');
    expect(json.stdout).not.toMatch(/NaN|Infinity/);
    expect((JSON.parse(json.stdout) as { nodes: Array<{ strength: unknown }> }).nodes[0]!.strength).toBeNull();
  });

  it('a sweep with a parameter of 1e308 writes no Infinity or NaN; year-0 partnershipsPerMillion is an empty cell', () => {
    const out = join(tmp, 'sw-inf');
    const r = run(
      'sweep',
      'scenarios/project-driven.json',
      '--grid',
      'funding.base.eurPerYear=1e308,1000',
      '--runs',
      '3',
      '--years',
      '2',
      '--workers',
      '1',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: \d+ run value\(s\) were infinite and \d+ summary statistic\(s\) overflowed/);
    for (const f of ['runs.csv', 'summary.csv']) expect(readFileSync(join(out, f), 'utf8')).not.toMatch(/NaN|Infinity/);
    const runs = parseCsv(readFileSync(join(out, 'runs.csv'), 'utf8'));
    const col = runs.header.indexOf('partnershipsPerMillion');
    const year = runs.header.indexOf('year');
    const year0 = runs.rows.filter((row) => row[year] === '0');
    expect(year0.length).toBe(6);
    for (const row of year0) expect(row[col]).toBe('');
  });

  it('simulate and compare with a parameter of 1e308: a warning, and missing values in JSON and CSV', () => {
    const args = ['--runs', '3', '--years', '2', '--workers', '1', '--set', 'funding.base.eurPerYear=1e308'];
    const j = run('simulate', 'scenarios/project-driven.json', ...args, '--format', 'json');
    expect(j.code, j.stderr).toBe(0);
    expect(j.stderr).toContain('warning: project-driven: 3 simulated value(s) were infinite');
    expect(j.stdout).not.toMatch(/NaN|Infinity/);
    expect((JSON.parse(j.stdout) as { diagnostics: { infiniteValues: number } }).diagnostics.infiniteValues).toBe(3);
    const c = run('simulate', 'scenarios/project-driven.json', ...args, '--format', 'csv');
    expect(c.stdout).not.toMatch(/NaN|Infinity/);
    const cmp = run('compare', 'scenarios/project-driven.json', 'scenarios/permanent.json', ...args, '--format', 'json');
    expect(cmp.code, cmp.stderr).toBe(0);
    expect(cmp.stderr).toContain('simulated value(s) were infinite');
    expect(cmp.stdout).not.toMatch(/NaN|Infinity/);
  });

  it('--runs 1: the sd and the 95% interval are null (JSON) and empty (CSV), not 0', () => {
    const j = run('simulate', 'scenarios/permanent.json', '--runs', '1', '--years', '2', '--format', 'json');
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout) as { metrics: Record<string, { final: { sd: unknown; ci95: unknown; n: number } }> };
    expect(doc.metrics['members']!.final).toMatchObject({ n: 1, sd: null, ci95: null });
    const out = join(tmp, 'sw-one');
    expect(
      run('sweep', 'scenarios/permanent.json', '--grid', 'trust.decay=0.1', '--runs', '1', '--years', '1', '--out', out, '--quiet').code,
    ).toBe(0);
    const s = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
    const members = s.rows.find((row) => row[3] === 'members')!;
    const at = (name: string) => members[s.header.indexOf(name)];
    expect([at('n'), at('sd'), at('ci95_lo'), at('ci95_hi')]).toEqual(['1', '', '', '']);
  });
});

describe('merge verifies its inputs', () => {
  const shard = (i: number) => join(tmp, `m-shard-${i}`);
  const makeShards = () => {
    for (const i of [1, 2]) {
      rmSync(shard(i), { recursive: true, force: true });
      const r = run(
        'sweep',
        'scenarios/project-driven.json',
        '--grid',
        'trust.decay=0.05,0.1',
        '--runs',
        '2',
        '--years',
        '2',
        '--shard',
        `${i}/2`,
        '--workers',
        '1',
        '--out',
        shard(i),
        '--quiet',
      );
      expect(r.code, r.stderr).toBe(0);
    }
  };

  it('a shard whose number was changed, or set to NaN, is refused with its file; nothing is written', () => {
    makeShards();
    const manifest = JSON.parse(readFileSync(join(shard(1), 'manifest.json'), 'utf8')) as { sha256: { runs: string } };
    expect(manifest.sha256.runs).toMatch(/^[0-9a-f]{64}$/);
    const runsFile = join(shard(2), 'runs.csv');
    const text = readFileSync(runsFile, 'utf8');
    const lines = text.split('\n');
    const cells = lines[2]!.split(',');
    const k = cells.length - 3;
    for (const replacement of [String(Number(cells[k]) + 1), 'NaN']) {
      cells[k] = replacement;
      lines[2] = cells.join(',');
      writeFileSync(runsFile, lines.join('\n'));
      const out = join(tmp, `merged-${replacement}`);
      const r = run('merge', shard(1), shard(2), '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(runsFile);
      expect(r.stderr).toMatch(/does not match the checksum in its manifest\.json|expected a number or an empty cell/);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    }
    writeFileSync(runsFile, text);
    expect(run('merge', shard(1), shard(2), '--out', join(tmp, 'merged-ok')).code).toBe(0);
  });

  it('a damaged resume log names the file, the line and the byte', () => {
    const out = join(tmp, 'log');
    const log = openResultLog(out, 4);
    log.append(0, [[1, 2]]);
    log.close();
    writeFileSync(
      join(out, '.sweep', 'results.ndjson'),
      readFileSync(join(out, '.sweep', 'results.ndjson'), 'utf8') + '{"j":99,"m":[[1]]}\n',
    );
    const again = openResultLog(out, 4);
    try {
      again.scan();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).diagnostics[0]).toMatchObject({
        file: join(out, '.sweep', 'results.ndjson'),
        line: 2,
        field: 'byte 20', // the first line, {"j":0,"m":[[1,2]]}, is 20 bytes
        code: 'bad-log',
      });
    } finally {
      again.close();
    }
  });
});
