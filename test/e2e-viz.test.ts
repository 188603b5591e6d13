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
 * - a scenario run in the browser = `simulate` run here with the same preset, runs and seed;
 *   its network panel = run 0 recorded here (`recordNetwork`): at every year of the play and of
 *   the slider, the actors and ties sigma draws equal that run's `members` and `ties`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DOMParser } from '@xmldom/xmldom';
import { loadNetwork } from '../src/io/load.js';
import { setDefaultDomParser } from '../src/io/xml.js';
import { formatDiagnostic, InputError } from '../src/model/errors.js';
import { toSimpleGraph } from '../src/model/network.js';
import { HELIX_ROLES, type NetworkDocument } from '../src/model/types.js';
import { createRng } from '../src/util/rng.js';
import { perfNetwork } from './fixtures/perf-network.mjs';
import { ensureBuilt } from './helpers/e2e-app.js';

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
  await page.waitForFunction(
    () => {
      const s = window.__helixlab?.state();
      return !!s && s.analysed && !s.layoutRunning;
    },
    null,
    { timeout: 45_000 },
  );
}

async function openText(files: Array<{ name: string; text: string }>): Promise<void> {
  await page.evaluate((f) => window.__helixlab!.openText(f), files);
}

describe.skipIf(!hasChromium)('browser app (Chromium, end to end)', () => {
  beforeAll(async () => {
    // Node has no DOMParser: the library's XML readers take xmldom's (the browser uses its own).
    setDefaultDomParser(DOMParser as unknown as Parameters<typeof setDefaultDomParser>[0]);
    // Build the static app, as `npm run build:viz` does, unless viz/dist is newer than its sources.
    await ensureBuilt();
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
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'en-US' });
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
    const info = JSON.parse(
      execFileSync('node', ['dist/cli/main.js', 'info', `data/${SAMPLE}`, '--format', 'json'], { cwd: root, encoding: 'utf8' }),
    ) as {
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
    expect(await page.textContent('[data-testid=actor-measures] dd[data-measure=degree]')).toBe(
      simple.degree(best).toLocaleString('en-US'),
    );
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

  it('opens the CSV tables, and exports PNG, SVG, GEXF and JSON that reopen as the filtered network', async () => {
    const csv = ['nodes.csv', 'edges.csv', 'affiliations.csv'].map((f) => resolve(root, 'data/tiny', f));
    const info = JSON.parse(
      execFileSync('node', ['dist/cli/main.js', 'info', ...csv, '--format', 'json'], { cwd: root, encoding: 'utf8' }),
    ) as {
      actors: number;
      roles: Record<string, number>;
    };
    await page.setInputFiles('[data-testid=file-input]', csv);
    await page.waitForFunction((n) => window.__helixlab!.state().actors === n, info.actors);
    for (const role of HELIX_ROLES)
      expect(Number(await page.textContent(`[data-testid=legend-count-${role}]`)), role).toBe(info.roles[role] ?? 0);
    await waitSettled();
    // Filter out one role, then export.
    const role = HELIX_ROLES.find((r) => (info.roles[r] ?? 0) > 0)!;
    await page.uncheck(`[data-testid=legend] input[data-role=${role}]`);
    const shown = info.actors - info.roles[role]!;
    await page.waitForFunction((n) => window.__helixlab!.state().visible === n, shown);
    const save = async (kind: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.selectOption('[data-testid=export-select]', kind)]);
      const path = join(artifacts, `export.${kind}`);
      await dl.saveAs(path);
      return path;
    };
    const png = readFileSync(await save('png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = readFileSync(await save('svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle /g)!.length).toBeGreaterThanOrEqual(shown); // actors + legend swatches
    const gexf = await save('gexf');
    const json = await save('json');
    // The exported files load in Node with the library, and reopen in the app, holding the shown actors.
    expect(loadNetwork([{ name: 'export.gexf', text: readFileSync(gexf, 'utf8') }]).network.graph.order).toBe(shown);
    expect(loadNetwork([{ name: 'export.json', text: readFileSync(json, 'utf8') }]).network.graph.order).toBe(shown);
    await page.setInputFiles('[data-testid=file-input]', gexf);
    await page.waitForFunction((n) => window.__helixlab!.state().actors === n && window.__helixlab!.state().visible === n, shown);
    expect(Number(await page.textContent(`[data-testid=legend-count-${role}]`))).toBe(0);
    await page.setInputFiles('[data-testid=file-input]', json);
    await page.waitForFunction((n) => window.__helixlab!.state().actors === n, shown);
    expect(await page.isHidden('[data-testid=errors]')).toBe(true);
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
    const before = await page.evaluate(() => window.__helixlab!.state().actors);
    expect(before).toBeGreaterThan(0);
    await page.setInputFiles('[data-testid=file-input]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await page.waitForSelector('[data-testid=errors]:not(.hidden)');
    const text = (await page.textContent('[data-testid=errors]')) ?? '';
    for (const line of expected) expect(text).toContain(line);
    expect(text).toMatch(/bad\.json:\d+/);
    expect(text).toContain('industri');
    // The previous network is still there.
    expect(await page.evaluate(() => window.__helixlab!.state().actors)).toBe(before);
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
      const { parseScenario, compare } = await import('../src/index.js');
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
      await page.waitForFunction(() => document.querySelector('[data-testid=sim-progress]')?.textContent?.startsWith('done'), null, {
        timeout: 60_000,
      });
      expect(await page.locator('[data-testid=scenario-charts] canvas').count()).toBeGreaterThanOrEqual(4);
      // The readout at the last year equals the Node run (same engine, same seeds).
      const readout = (await page.textContent('[data-testid=scenario-readout]')) ?? '';
      for (const s of ref.scenarios) {
        expect(readout).toContain(s.scenario);
        const members = s.metrics.members.byYear[years]!.mean!;
        expect(readout).toContain(
          Number.isInteger(members) ? members.toLocaleString('en-US') : members >= 1 ? members.toFixed(2) : members.toPrecision(3),
        );
      }
      // The network panel: run 0 of each scenario, recorded in the worker; the same recording in Node.
      const { recordNetwork } = await import('../src/index.js');
      const { networkAtYear, networkCaption } = await import('../viz/src/model/network-history.js');
      const nets = ss.map((s, i) => recordNetwork(s, 7, 0, { years, name: ref.scenarios[i]!.scenario }));
      /** The caption's year and what sigma drew, read at once when the panel shows year `y`. */
      const panelAt = async (y: number) =>
        (await (
          await page.waitForFunction(
            (yy) => {
              const c = document.querySelector<HTMLElement>('[data-testid=scenario-network-caption]');
              return c?.dataset.year === String(yy)
                ? { text: c.textContent, actors: Number(c.dataset.actors), ties: Number(c.dataset.ties) }
                : null;
            },
            y,
            { timeout: 10_000 },
          )
        ).jsonValue())!;
      const expectPanel = async (name: string, y: number) => {
        const got = await panelAt(y);
        const rec = nets.find((n) => n.network.scenario === name)!;
        expect(got.actors, `${rec.network.scenario} year ${y} actors`).toBe(rec.output.metrics.members[y]);
        expect(got.ties, `${rec.network.scenario} year ${y} ties`).toBe(rec.output.metrics.ties[y]);
        expect(got.text).toBe(networkCaption(networkAtYear(rec.network, y)));
      };
      expect(await page.isVisible('[data-testid=scenario-network]')).toBe(true);
      // the app runs the ticked presets in file-name order: permanent first
      const shownOrder = await page.locator('[data-testid=scenario-network-select] option').allTextContents();
      expect(shownOrder).toEqual(['permanent', 'project-driven']);
      const [first, second] = shownOrder as [string, string];
      expect(await page.inputValue('[data-testid=scenario-network-select]')).toBe('0');
      await expectPanel(first, years);
      await page.click('[data-testid=scenario-play]');
      await page.waitForFunction(() => document.querySelector('[data-testid=scenario-year-label]')?.textContent === 'year 1');
      // Every year of the play: the caption follows, the drawn actors and ties are that year's.
      for (let y = 1; y <= years; y++) await expectPanel(first, y);
      await page.waitForFunction((y) => document.querySelector('[data-testid=scenario-year-label]')?.textContent === `year ${y}`, years, {
        timeout: 10_000,
      });
      // The network changes over the years (else the checks above could not tell years apart).
      expect(
        new Set(Array.from({ length: years + 1 }, (_, y) => nets.find((n) => n.network.scenario === first)!.output.metrics.ties[y])).size,
      ).toBeGreaterThan(1);
      await page.screenshot({ path: join(artifacts, 'app-scenarios.png') });
      await page.locator('[data-testid=scenario-network]').screenshot({ path: join(artifacts, 'app-scenario-network.png') });
      // The selector shows the other scenario's run; the slider moves the panel too.
      await page.selectOption('[data-testid=scenario-network-select]', { label: second });
      await expectPanel(second, years);
      const slide = async (y: number) =>
        page.locator('[data-testid=scenario-year]').evaluate((el, v) => {
          const input = el as HTMLInputElement;
          input.value = String(v);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }, y);
      await slide(2);
      await expectPanel(second, 2);
      await slide(0);
      await expectPanel(second, 0);
      await page.selectOption('[data-testid=scenario-network-select]', { label: first });
      await expectPanel(first, 0);
      // Start from the network on the map (the tiny sample): the same as the CLI engine started from it.
      const { startStateFromNetwork } = await import('../src/scenario/start-network.js');
      const tinyText = readFileSync(resolve(root, 'data/tiny.json'), 'utf8');
      const tiny = loadNetwork([{ name: 'tiny.json', text: tinyText }]).network;
      const fromTiny = ss.map((s) => ({ ...s, start: { ...s.start, resolved: startStateFromNetwork(tiny, tiny.name) } }));
      const ref2 = await compare(fromTiny, { runs: 5, seed: 3, years: 3 });
      expect(ref2.scenarios[0]!.metrics.members.byYear[0]!.mean).toBe(tiny.graph.order);
      await page.click('[data-testid=tab-network]');
      await openText([{ name: 'tiny.json', text: tinyText }]);
      await page.waitForFunction((n) => window.__helixlab!.state().actors === n, tiny.graph.order);
      await page.click('[data-testid=tab-scenarios]');
      await page.check('[data-testid=sim-from-map]');
      await page.fill('[data-testid=sim-runs]', '5');
      await page.fill('[data-testid=sim-years]', '3');
      await page.fill('[data-testid=sim-seed]', '3');
      await page.click('[data-testid=sim-run]');
      await page.waitForFunction(
        () => /^done: 5 runs/.test(document.querySelector('[data-testid=sim-progress]')?.textContent ?? ''),
        null,
        { timeout: 60_000 },
      );
      const readout2 = (await page.textContent('[data-testid=scenario-readout]')) ?? '';
      expect(readout2).toContain('Year 3');
      for (const s of ref2.scenarios) {
        const trust = s.metrics.meanTrust.byYear[3]!;
        expect(readout2).toContain(`${trust.mean!.toPrecision(3)} (${trust.p05!.toPrecision(3)}–${trust.p95!.toPrecision(3)})`);
      }
      // Loading the JSON the CLI writes gives the same charts; without `network` there is no panel.
      const tmp = join(artifacts, 'compare.json');
      writeFileSync(tmp, JSON.stringify(ref));
      await page.setInputFiles('[data-testid=scenario-file]', tmp);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=scenario-series] .legend-row').length === 2);
      expect(await page.isHidden('[data-testid=scenario-network]')).toBe(true);
      // The JSON of `compare --network-run 0` (the CLI's own writer): the panel shows those networks.
      const { resultWithNetworksToJson } = await import('../src/index.js');
      const tmpNet = join(artifacts, 'compare-network.json');
      writeFileSync(
        tmpNet,
        resultWithNetworksToJson(
          ref,
          nets.map((n) => n.network),
        ),
      );
      await page.setInputFiles('[data-testid=scenario-file]', tmpNet);
      await page.waitForSelector('[data-testid=scenario-network]:not(.hidden)');
      expect(await page.locator('[data-testid=scenario-network-select] option').allTextContents()).toEqual(['project-driven', 'permanent']);
      await expectPanel('project-driven', years);
      await page.selectOption('[data-testid=scenario-network-select]', { label: 'permanent' });
      await expectPanel('permanent', years);
      // Names and ids from the file are text: a scenario and an actor named like markup create nothing.
      const evil = '<img src=x onerror=alert(1)>';
      const one = {
        ...ref.scenarios[0]!,
        scenario: evil,
        network: { ...nets[0]!.network, scenario: evil, actors: nets[0]!.network.actors.map((a, i) => (i === 0 ? { ...a, id: evil } : a)) },
      };
      const tmpEvil = join(artifacts, 'simulate-evil.json');
      writeFileSync(tmpEvil, JSON.stringify(one));
      await page.setInputFiles('[data-testid=scenario-file]', tmpEvil);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=scenario-series] .legend-row').length === 1);
      expect(await page.textContent('[data-testid=scenario-network] h3')).toContain(evil);
      expect(await page.locator('img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      await page.click('[data-testid=tab-network]');
    },
    90_000,
  );

  it('opens 10,000 actors and 50,000 ties and shows them all (speed: bench/viz.mjs)', async () => {
    // the benchmark's network (bench/viz.mjs opens the same one)
    const { n, m, text } = perfNetwork(createRng);
    await openText([{ name: 'perf.json', text }]);
    await page.waitForFunction((k) => window.__helixlab!.state().actors === k, n, { timeout: 60_000 });
    // Function only: the map shows every actor. How fast is measured by `node bench/viz.mjs`
    // (BENCHMARKS.md), not here; the app's own timings are written below as information.
    const t = (await page.evaluate(() => window.__helixlab!.state().timings))!;
    writeFileSync(
      join(artifacts, 'perf.txt'),
      `10,000 actors / 50,000 ties (information only; see bench/viz.mjs): parse+validate ${Math.round(t.load)} ms, display graph ${Math.round(t.display)} ms, ` +
        `first frame ${Math.round(t.firstFrame)} ms (load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')})\n`,
    );
    expect(await page.evaluate(() => window.__helixlab!.state().visible)).toBe(n);
    // Legend counts: every role's count is the number of generated actors of that role.
    for (const [i, role] of HELIX_ROLES.entries()) {
      const expected = Math.floor((n - 1 - i) / HELIX_ROLES.length) + 1;
      expect(Number((await page.textContent(`[data-testid=legend-count-${role}]`))?.replace(/,/g, '')), role).toBe(expected);
    }
    expect(await page.textContent('[data-testid=legend-total]')).toBe(n.toLocaleString('en-US')); // grouped as every number shown
    expect(await page.textContent('[data-testid=status]')).toContain(`${n.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} actors`);
    expect(await page.textContent('[data-testid=status]')).toContain(
      `${m.toLocaleString('en-US')} of ${m.toLocaleString('en-US')} connected pairs`,
    );
    // The canvas is not blank: the screenshot of the map has many non-background pixels.
    const shot = await page.locator('[data-testid=graph]').screenshot({ path: join(artifacts, 'app-10k.png') });
    expect(shot.length).toBeGreaterThan(20_000);
    await page.screenshot({ path: join(artifacts, 'app-10k-full.png') });
    expect(pageErrors).toEqual([]);
    expect(readdirSync(artifacts).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
