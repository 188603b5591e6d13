/**
 * `helixlab cordis-dynamics` through the built CLI (node dist/cli/main.js; `npm test` builds
 * first) on the hand-made participations table (test/fixtures/cordis-dynamics/, made up): the
 * Markdown, JSON and CSV outputs, `--out` with the format from the extension, the options, and
 * exit code 2 with a located message for bad input or options.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'helixlab-dyn-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const tiny = 'test/fixtures/cordis-dynamics/participations-tiny.csv';

describe('helixlab cordis-dynamics', () => {
  it('prints the Markdown report, with warnings and a summary on stderr', async () => {
    const r = await runCli(['cordis-dynamics', tiny]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Do collaboration ties outlive the project\?/);
    expect(r.stdout).toContain('counting all projects: 5 pairs. 60.0% of them had another joint project');
    expect(r.stdout).toContain('Observation ends at the end of 2016-03-01');
    expect(r.stdout).toContain('Source: CORDIS, European Union');
    expect(r.stderr).toContain(`${tiny}:17: warning: project 7 (2 organisations) is left out: no valid end (date: 'NA')`);
    expect(r.stderr).toContain(
      'cordis-dynamics: 6 projects (2 left out for want of dates, 1 of them with two or more organisations), 5 pairs',
    );
  });

  it('JSON and CSV, to stdout or to --out (format from the extension); a gzip file reads the same', async () => {
    const gz = join(tmp, 'p.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(tiny)));
    const j = await runCli(['cordis-dynamics', gz, '--format', 'json', '--max-size', '2', '--from', '2015', '--to', '2016']);
    expect(j.code, j.stderr).toBe(0);
    const doc = JSON.parse(j.stdout) as { total: { pairs: number }; maxSize: number; observedUntilText: string; byStartYear: unknown[] };
    // without the 3-organisation projects: AB (2016), BC (2016), EF (2015)
    expect(doc.total.pairs).toBe(3);
    expect(doc.maxSize).toBe(2);
    expect(doc.byStartYear).toHaveLength(2);
    expect(doc.observedUntilText).toBe('the end of 2016-03-01');
    const out = join(tmp, 'ties.csv');
    const c = await runCli(['cordis-dynamics', tiny, '--out', out, '--bins', '2,5', '--observed-until', '2020-12-31']);
    expect(c.code, c.stderr).toBe(0);
    const csv = readFileSync(out, 'utf8').trim().split('\n');
    expect(csv[1]).toBe('all,2014-2016,5,3,2,1,0.6,0.4,0.2,,,');
    expect(csv.slice(2, 5)).toEqual(['size,2,1,1,1,0,1,1,0,,,', 'size,3-5,4,2,1,1,0.5,0.25,0.25,,,', 'size,>5,0,0,0,0,,,,,,']);
    // observation to the end of 2020: 2014 starts have 6–7 years of follow-up, and no first project is still running
    expect(csv[5]).toBe('start-year,2014,3,2,1,1,0.6666666666666666,0.3333333333333333,0.3333333333333333,6,7,0');
  });

  it('bad options and bad files exit 2 with a message for people', async () => {
    const w = await runCli(['cordis-dynamics', tiny, '--from', '2017', '--to', '2015']);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('--from 2017 is after --to 2015: the window is empty');
    const b = await runCli(['cordis-dynamics', tiny, '--bins', '10,5']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--bins: expected increasing integers >= 2 separated by commas (upper edges, e.g. 5,10,20,40), got '10,5'");
    const d = await runCli(['cordis-dynamics', tiny, '--observed-until', '2020-02-30']);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain("--observed-until: expected a date YYYY-MM-DD, got '2020-02-30'");
    const org = join(tmp, 'organization.csv');
    writeFileSync(org, 'projectID;organisationID;activityType\n1;2;PRC\n');
    const m = await runCli(['cordis-dynamics', org]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(
      /organization\.csv:1: error: missing column\(s\): startDate and endDate .* this looks like CORDIS organization\.csv/,
    );
    expect(m.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const none = await runCli(['cordis-dynamics', join(tmp, 'nope.csv')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('nope.csv: error: no such file');
  });
});
