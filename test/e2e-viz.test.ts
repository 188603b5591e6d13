/**
 * End-to-end tests of the browser app (viz/): build it with Vite, serve `viz/dist` from a tiny
 * static server on 127.0.0.1, and drive Debian's Chromium with playwright-core. Skipped when
 * /usr/bin/chromium is absent (CI installs it). Screenshots go to test-artifacts/ (gitignored).
 *
 * What is checked against the library / CLI (not against the app itself):
 * - legend counts = `helixlab info --format json` roles (the built CLI);
 * - an actor's panel = its label and its number of distinct partners in the simple graph;
 * - filters = the number of actors the view-model's rules keep, recomputed here from the file;
 * - a malformed file = the loader's own diagnostics, shown as `file:line: …` text;
 * - a scenario run in the browser = `simulate` run here with the same preset, runs and seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadNetwork } from '../src/io/load.js';
import { formatDiagnostic, InputError } from '../src/model/errors.js';
import { toSimpleGraph } from '../src/model/network.js';
import { HELIX_ROLES, type NetworkDocument } from '../src/model/types.js';
import { createRng } from '../src/util/rng.js';

const CHROMIUM = '/usr/bin/chromium';
const root = process.cwd();
const dist = resolve(root, 'viz/dist');
const artifacts = resolve(root, 'test-artifacts');
const SAMPLE = 'construction-psrk.json';
const samplePath = resolve(root, 'data', SAMPLE);
const hasChromium = existsSync(CHROMIUM);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

let server: http.Server;
let browser: Browser;
let page: Page;
let url = '';
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function openSample(id: string): Promise<void> {
  await page.selectOption('[data-testid=sample-select]', id);
  await page.waitForFunction(() => (window.__helixlab?.state().actors ?? 0) > 0);
}

async function waitSettled(): Promise<void> {
  await page.waitForFunction(() => {
    const s = window.__helixlab?.state();
    return !!s && s.analysed && !s.layoutRunning;
  }, null, { timeout: 45_000 });
}

async function openText(files: Array<{ name: string; text: string }>): Promise<void> {
  await page.evaluate((f) => window.__helixlab!.openText(f), files);
}

describe.skipIf(!hasChromium)('browser app (Chromium, end to end)', () => {
  beforeAll(async () => {
    // Build the static app, as `npm run build:viz` does.
    const { build } = await import('vite');
    await build({ configFile: resolve(root, 'viz/vite.config.ts'), logLevel: 'warn' });
    if (!existsSync(resolve(root, 'dist/cli/main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'ignore' });
    mkdirSync(artifacts, { recursive: true });
    server = http.createServer((req, res) => {
      let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (p.endsWith('/')) p += 'index.html';
      const file = join(dist, p);
      if (!file.startsWith(dist) || !existsSync(file)) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(30_000);
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(url);
    await page.waitForFunction(() => window.__helixlab?.ready === true);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  });

  it('opens a bundled sample coloured by role, legend counts equal `helixlab info`', async () => {
    await openSample(SAMPLE);
    const info = JSON.parse(execFileSync('node', ['dist/cli/main.js', 'info', `data/${SAMPLE}`, '--format', 'json'], { cwd: root, encoding: 'utf8' })) as {
      actors: number;
      roles: Record<string, number>;
      ties: { pairs: number };
    };
    for (const role of HELIX_ROLES) {
      const text = await page.textContent(`[data-testid=legend-count-${role}]`);
      expect(Number(text), role).toBe(info.roles[role] ?? 0);
    }
    expect(Number(await page.textContent('[data-testid=legend-total]'))).toBe(info.actors);
    await waitSettled();
    // Lock-in panel filled from the analysis module.
    const score = Number(await page.textContent('[data-testid=lockin-score]'));
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(['low', 'medium', 'high']).toContain((await page.textContent('[data-testid=lockin-level]'))?.trim());
    expect(await page.locator('[data-testid=lockin-reasons] li').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=status]')).toContain(`${info.ties.pairs.toLocaleString('en-US')} connected pairs`);
    await page.screenshot({ path: join(artifacts, 'app-sample.png') });
  });

  it('clicking an actor shows its panel (label, partners, measures)', async () => {
    const doc = JSON.parse(readFileSync(samplePath, 'utf8')) as NetworkDocument;
    const simple = toSimpleGraph(loadNetwork([{ name: SAMPLE, text: readFileSync(samplePath, 'utf8') }]).network);
    // The best-connected actor: drawn large, easy to hit.
    let best = '';
    simple.forEachNode((id) => {
      if (!best || simple.degree(id) > simple.degree(best)) best = id;
    });
    const pos = await page.evaluate((id) => window.__helixlab!.nodeScreenPosition(id), best);
    expect(pos).not.toBeNull();
    await page.mouse.click(pos!.x, pos!.y);
    await page.waitForFunction((id) => window.__helixlab!.state().selected === id, best, { timeout: 5000 });
    const label = doc.actors.find((a) => a.id === best)!.label;
    expect((await page.textContent('[data-testid=actor-label]'))?.trim()).toBe(label);
    expect(await page.textContent('[data-testid=actor-measures] dd[data-measure=degree]')).toBe(simple.degree(best).toLocaleString('en-US'));
    expect(await page.textContent('[data-testid=actor-partners]')).toBe(`Partners (${simple.degree(best)})`);
    // Partners grouped by role: one heading per role present among the neighbours.
    const roles = new Set(simple.neighbors(best).map((v) => simple.getNodeAttribute(v, 'helix')));
    expect(await page.locator('[data-testid=actor-neighbours] h3').count()).toBe(roles.size);
    // Ego network, 1 step: the actor and its partners.
    await page.click('[data-testid=ego-1]');
    await page.waitForFunction((n) => window.__helixlab!.state().visible === n, simple.degree(best) + 1);
    await page.screenshot({ path: join(artifacts, 'app-actor.png') });
    await page.click('[data-testid=ego-0]');
  });

  it('filters by role and minimum degree', async () => {
    const net = loadNetwork([{ name: SAMPLE, text: readFileSync(samplePath, 'utf8') }]).network;
    const simple = toSimpleGraph(net);
    const total = simple.order;
    const individuals = simple.filterNodes((_id, a) => a.helix === 'individual').length;
    await page.click('[data-testid=reset-filters]');
    await page.uncheck('[data-testid=legend] input[data-role=individual]');
    await page.waitForFunction((n) => window.__helixlab!.state().visible === n, total - individuals);
    expect(await page.textContent('[data-testid=legend-count-individual]')).toBe(`0 / ${individuals}`);
    await page.click('[data-testid=reset-filters]');
    const k = 40;
    const keep = simple.filterNodes((id) => simple.degree(id) >= k).length;
    await page.locator('[data-testid=min-degree]').evaluate((el, v) => {
      const input = el as HTMLInputElement;
      input.value = String(v);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, k);
    await page.waitForFunction((n) => window.__helixlab!.state().visible === n, keep);
    expect(await page.textContent('[data-testid=status]')).toContain(`${keep} of ${total} actors`);
    await page.screenshot({ path: join(artifacts, 'app-filtered.png') });
    await page.click('[data-testid=reset-filters]');
  });

  it("shows a malformed file's diagnostics (file, line, field) and keeps working", async () => {
    const bad = JSON.stringify(
      {
        format: 'helixlab',
        version: 1,
        actors: [
          { id: 'a', label: 'A', helix: 'industry' },
          { id: 'b', label: 'B', helix: 'industri' },
        ],
        ties: [{ source: 'a', target: 'zz' }],
      },
      null,
      2,
    );
    let expected: string[] = [];
    try {
      loadNetwork([{ name: 'bad.json', text: bad }]);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expected = (e as InputError).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    }
    expect(expected.length).toBeGreaterThanOrEqual(2);
    await page.setInputFiles('[data-testid=file-input]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await page.waitForSelector('[data-testid=errors]:not(.hidden)');
    const text = (await page.textContent('[data-testid=errors]')) ?? '';
    for (const line of expected) expect(text).toContain(line);
    expect(text).toMatch(/bad\.json:\d+/);
    expect(text).toContain('industri');
    // The previous network is still there.
    expect(await page.evaluate(() => window.__helixlab!.state().actors)).toBeGreaterThan(100);
    await page.screenshot({ path: join(artifacts, 'app-error.png') });
    await page.click('[data-testid=errors] button.close');
  });

  it('shows a label like <img src=x onerror=alert(1)> as text and runs nothing', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const doc: NetworkDocument = {
      format: 'helixlab',
      version: 1,
      name: '<script>alert(2)</script>',
      actors: [
        { id: 'x1', label: evil, helix: 'industry', sector: '<b onmouseover=alert(3)>s</b>' },
        { id: 'x2', label: 'Partner', helix: 'public' },
      ],
      ties: [{ source: 'x1', target: 'x2' }],
    };
    await openText([{ name: 'evil.json', text: JSON.stringify(doc) }]);
    await page.waitForFunction(() => window.__helixlab!.state().actors === 2);
    await page.fill('[data-testid=search]', 'img');
    await page.waitForSelector('[data-testid=search-suggestions] li');
    await page.click('[data-testid=search-suggestions] li');
    await page.waitForFunction(() => window.__helixlab!.state().selected === 'x1');
    expect(await page.textContent('[data-testid=actor-label]')).toBe(evil);
    expect(await page.textContent('[data-testid=network-name]')).toBe('<script>alert(2)</script>');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#app script, #app b').count()).toBe(0);
    // The SVG export escapes it too.
    const svg = await page.evaluate(() => window.__helixlab!.svg());
    expect(svg).not.toContain('<img');
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
  });

  it.skipIf(!existsSync(resolve(root, 'scenarios/project-driven.json')) || !existsSync(resolve(root, 'scenarios/permanent.json')))(
    'runs two funding regimes in a worker, equal to `simulate`, and plays the years',
    async () => {
      const { parseScenario, compare } = await import('../src/scenario/index.js');
      const files = ['project-driven.json', 'permanent.json'];
      const ss = files.map((f) => parseScenario(readFileSync(resolve(root, 'scenarios', f), 'utf8'), f));
      const runs = 12;
      const years = 6;
      const ref = await compare(ss, { runs, seed: 7, years });
      await page.click('[data-testid=tab-scenarios]');
      await page.waitForSelector('[data-testid=scenario-presets] input');
      for (const cb of await page.locator('[data-testid=scenario-presets] input').all()) {
        const name = await cb.getAttribute('data-preset');
        if (files.includes(name ?? '')) await cb.check();
        else await cb.uncheck();
      }
      await page.fill('[data-testid=sim-runs]', String(runs));
      await page.fill('[data-testid=sim-years]', String(years));
      await page.fill('[data-testid=sim-seed]', '7');
      await page.click('[data-testid=sim-run]');
      await page.waitForFunction(() => document.querySelector('[data-testid=sim-progress]')?.textContent?.startsWith('done'), null, { timeout: 60_000 });
      expect(await page.locator('[data-testid=scenario-charts] canvas').count()).toBeGreaterThanOrEqual(4);
      // The readout at the last year equals the Node run (same engine, same seeds).
      const readout = (await page.textContent('[data-testid=scenario-readout]')) ?? '';
      for (const s of ref.scenarios) {
        expect(readout).toContain(s.scenario);
        const members = s.metrics.members.byYear[years]!.mean!;
        expect(readout).toContain(Number.isInteger(members) ? members.toLocaleString('en-US') : members >= 1 ? members.toFixed(2) : members.toPrecision(3));
      }
      await page.click('[data-testid=scenario-play]');
      await page.waitForFunction(() => document.querySelector('[data-testid=scenario-year-label]')?.textContent === 'year 1');
      await page.waitForFunction((y) => document.querySelector('[data-testid=scenario-year-label]')?.textContent === `year ${y}`, years, { timeout: 10_000 });
      await page.screenshot({ path: join(artifacts, 'app-scenarios.png') });
      // Loading the JSON the CLI writes gives the same charts.
      const tmp = join(artifacts, 'compare.json');
      writeFileSync(tmp, JSON.stringify(ref));
      await page.setInputFiles('[data-testid=scenario-file]', tmp);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=scenario-series] .legend-row').length === 2);
      await page.click('[data-testid=tab-network]');
    },
    90_000,
  );

  it('renders 10,000 actors and 50,000 ties within 3 s of opening', async () => {
    const rng = createRng('e2e-perf').stream('graph');
    const n = 10_000;
    const actors = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, label: `Actor ${i}`, helix: HELIX_ROLES[i % HELIX_ROLES.length]! }));
    const seen = new Set<string>();
    const ties: Array<{ source: string; target: string }> = [];
    while (ties.length < 50_000) {
      const a = rng.int(n);
      // Mostly local ties (a ring lattice with shortcuts) so the network has structure.
      const b = rng.next() < 0.8 ? (a + 1 + rng.int(20)) % n : rng.int(n);
      if (a === b) continue;
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ties.push({ source: `n${a}`, target: `n${b}` });
    }
    const text = JSON.stringify({ format: 'helixlab', version: 1, name: 'perf', actors, ties });
    await openText([{ name: 'perf.json', text }]);
    await page.waitForFunction(() => window.__helixlab!.state().firstFrameMs !== null, null, { timeout: 10_000 });
    const ms = await page.evaluate(() => window.__helixlab!.state().firstFrameMs!);
    expect(ms).toBeLessThan(3000);
    expect(await page.evaluate(() => window.__helixlab!.state().actors)).toBe(n);
    await page.screenshot({ path: join(artifacts, 'app-10k.png') });
    writeFileSync(join(artifacts, 'perf.txt'), `first frame after opening 10,000 actors / 50,000 ties: ${Math.round(ms)} ms\n`);
    expect(pageErrors).toEqual([]);
    expect(readdirSync(artifacts).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
