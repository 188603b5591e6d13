/**
 * End-to-end tests of the browser app's map, in Debian's Chromium (playwright-core), checking what
 * a user sees rather than what exists in the DOM:
 * 1. camera: the first view, ⤢ Fit, search, partner links, ego network and the timeline put the
 *    chosen actor(s) inside the map (viewport positions from the actors' positions and sigma's
 *    camera) and the map is not blank (screenshot pixels), on a small (12), a medium (151) and a
 *    4,000-actor network, searched while its layout still runs;
 * 2. appearance: colour by a categorical and a numeric attribute and by a measure (legend rows and
 *    counts against the file, the pixel under an actor has its legend colour), "other" for a long
 *    tail, the label text choice, labels truncated and never overlapping;
 * 3. the actor table: sorting, row → map and map → row, keyboard, the CSV download (BOM, quoting,
 *    the rows shown), and the panels recomputed for the filtered view against the library in Node;
 * 5. layout: the same positions on two openings and as computed in Node from the same input,
 *    settings and the stop button, disconnected components kept together.
 * Skipped when /usr/bin/chromium is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { loadNetwork } from '../src/io/load.js';
import { toSimpleGraph } from '../src/model/network.js';
import { analyzeNetwork } from '../src/metrics/analyze.js';
import { createRng } from '../src/util/rng.js';
import { filteredNetwork } from '../viz/src/model/subnetwork.js';
import { buildDisplayGraph } from '../viz/src/model/display.js';
import { Fa2Run, DEFAULT_LAYOUT, layoutIterations } from '../viz/src/model/fa2.js';
import { layoutInput } from '../viz/src/layout.js';
import { sizeScale } from '../viz/src/model/display.js';
import { clusterNetwork } from './fixtures/cluster-network.mjs';
import {
  appPage,
  artifacts,
  dist,
  ensureBuilt,
  hasChromium,
  inMap,
  becomesInside,
  launch,
  pixels,
  root,
  serve,
  waitCamera,
  waitSettled,
  type Served,
} from './helpers/e2e-app.js';

let server: Served;
let browser: Browser;

const text = (f: string) => readFileSync(resolve(root, f), 'utf8');
const openText = (page: Page, name: string, t: string) =>
  page.evaluate(([n, s]) => window.__helixlab!.openText([{ name: n!, text: s! }]), [name, t]);

/** Pick an actor through the search box: type its id (an exact id ranks first), click its suggestion. */
async function searchPick(page: Page, id: string, _label: string): Promise<void> {
  await page.fill('[data-testid=search]', id);
  await page.click(`[data-testid=search-suggestions] li[data-id="${id}"]`);
  await page.waitForFunction((k) => window.__helixlab!.state().selected === k, id);
  await waitCamera(page);
}

/** Every shown actor's centre lies in the map, and together they span a good part of it (not a blob). */
async function framesAll(page: Page): Promise<{ inside: number; total: number; spanX: number; spanY: number }> {
  return page.evaluate(() => {
    const h = window.__helixlab!;
    const r = h.mapRect();
    let inside = 0;
    let total = 0;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (const [id] of h.positions()) {
      const p = h.nodeScreenPosition(id);
      if (!p) continue;
      total++;
      const x = p.x - r.left;
      const y = p.y - r.top;
      if (x >= 0 && y >= 0 && x <= r.width && y <= r.height) inside++;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    return { inside, total, spanX: (x1 - x0) / r.width, spanY: (y1 - y0) / r.height };
  });
}

async function notBlank(page: Page, name: string): Promise<void> {
  const shot = await page.locator('[data-testid=graph]').screenshot({ path: join(artifacts, name) });
  const px = await pixels(page, shot);
  expect(px.nonWhite / px.total, `${name}: share of drawn pixels`).toBeGreaterThan(0.01);
}

describe.skipIf(!hasChromium)('browser app: map, appearance, table, layout (Chromium)', () => {
  beforeAll(async () => {
    await ensureBuilt();
    server = await serve(dist);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('camera: first view, search, partner links, ego network, timeline and Fit keep the actors in the map (12, 151 and 4,000 actors)', async () => {
    const page = await appPage(browser, server.url);
    // A 4,000-actor network shaped like a CORDIS country slice, searched while its layout still runs.
    const big = clusterNetwork(createRng);
    const cases: Array<{ name: string; file: string; body: string }> = [
      { name: 'tiny', file: 'tiny.json', body: text('data/tiny.json') },
      { name: 'construction', file: 'construction-psrk.json', body: text('data/construction-psrk.json') },
      { name: 'cluster-4000', file: 'cluster.json', body: big.text },
    ];
    for (const c of cases) {
      await openText(page, c.file, c.body);
      const net = loadNetwork([{ name: c.file, text: c.body }]).network;
      const simple = toSimpleGraph(net);
      await page.waitForFunction((n) => window.__helixlab!.state().actors === n, simple.order);
      if (c.name === 'cluster-4000') {
        await page.waitForFunction(() => window.__helixlab!.state().layoutRunning, null, { timeout: 20_000 });
      }
      await waitCamera(page);
      // The first view frames the actors (not a small blob at the edge).
      const first = await framesAll(page);
      expect(first.inside, `${c.name}: actors inside the first view`).toBe(first.total);
      expect(Math.max(first.spanX, first.spanY), `${c.name}: the actors fill the map`).toBeGreaterThan(0.5);
      // Search: a well-connected actor and a peripheral one.
      const byDegree = simple.nodes().sort((a, b) => simple.degree(b) - simple.degree(a) || (a < b ? -1 : 1));
      const targets = [byDegree[0]!, byDegree[Math.floor(byDegree.length * 0.8)]!];
      for (const id of targets) {
        await searchPick(page, id, simple.getNodeAttribute(id, 'label') as string);
        expect(await becomesInside(page, id), `${c.name}: ${id} in the map after search`).toBe(true);
      }
      // A partner link in the actor panel.
      const partner = await page.getAttribute('[data-testid=partner-link] >> nth=0', 'data-id');
      await page.click('[data-testid=partner-link] >> nth=0');
      await page.waitForFunction((k) => window.__helixlab!.state().selected === k, partner);
      await waitCamera(page);
      expect(await becomesInside(page, partner!), `${c.name}: partner ${partner} in the map`).toBe(true);
      await notBlank(page, `camera-${c.name}.png`);
      // Ego network (1 step): the actor and every partner shown are in the map.
      await page.click('[data-testid=ego-1]');
      await page.waitForFunction((n) => window.__helixlab!.state().visible === n, simple.degree(partner!) + 1);
      await waitCamera(page);
      for (const id of [partner!, ...simple.neighbors(partner!)])
        expect(await becomesInside(page, id, 0), `${c.name}: ego ${id}`).toBe(true);
      await page.click('[data-testid=ego-0]');
      if (c.name === 'cluster-4000') {
        // After the layout has moved everything, the camera goes back to the chosen actor.
        await page.waitForFunction(() => window.__helixlab!.state().layoutDone, null, { timeout: 90_000 });
        await searchPick(page, targets[1]!, simple.getNodeAttribute(targets[1]!, 'label') as string);
        expect(await becomesInside(page, targets[1]!)).toBe(true);
      }
      // Zoomed far in, ⤢ Fit frames every actor again.
      for (let i = 0; i < 4; i++) await page.click('[aria-label="Zoom in"]');
      await page.waitForTimeout(300);
      await page.click('[data-testid=fit]');
      await waitCamera(page);
      const fit = await framesAll(page);
      expect(fit.inside, `${c.name}: actors inside after Fit`).toBe(fit.total);
      expect(Math.max(fit.spanX, fit.spanY)).toBeGreaterThan(0.5);
    }
    // Timeline (construction has join years): each year's actors are in the map.
    await openText(page, 'construction-psrk.json', text('data/construction-psrk.json'));
    await waitSettled(page);
    const min = Number(await page.getAttribute('[data-testid=year-slider]', 'min'));
    const max = Number(await page.getAttribute('[data-testid=year-slider]', 'max'));
    for (const y of [min, Math.round((min + max) / 2)]) {
      await page.locator('[data-testid=year-slider]').evaluate((el, v) => {
        (el as HTMLInputElement).value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }, y);
      await waitCamera(page);
      const f = await framesAll(page);
      expect(f.total).toBeGreaterThan(0);
      expect(f.inside, `year ${y}`).toBe(f.total);
    }
    await page.click('[data-testid=year-all]');
    await page.close();
  }, 240_000);

  const cordisDir = resolve(root, '..', 'shared', 'data', 'cordis-h2020');
  it.skipIf(!existsSync(join(cordisDir, 'participations.csv.gz')) || !existsSync(join(cordisDir, 'organization-sample.csv')))(
    'real CORDIS data (when present): the sample opens framed, FI and DE slices keep the searched actor in the map',
    async () => {
      const page = await appPage(browser, server.url);
      // organization-sample.csv (1,819 organisations, long names): framed on the actors.
      await page.setInputFiles('[data-testid=file-input]', join(cordisDir, 'organization-sample.csv'));
      await page.waitForFunction(() => window.__helixlab!.state().actors > 1000);
      await waitCamera(page);
      let f = await framesAll(page);
      expect(f.inside).toBe(f.total);
      expect(Math.max(f.spanX, f.spanY)).toBeGreaterThan(0.5);
      for (const country of ['FI', 'DE']) {
        await page.setInputFiles('[data-testid=file-input]', join(cordisDir, 'participations.csv.gz'));
        await page.waitForSelector('[data-testid=cordis-dialog]');
        await page.selectOption('[data-testid=cordis-country]', country);
        await page.click('[data-testid=cordis-open]');
        await page.waitForFunction((c) => document.querySelector('[data-testid=network-name]')?.textContent?.includes(`(${c})`), country);
        await waitCamera(page);
        f = await framesAll(page);
        expect(f.inside, `${country}: first view`).toBe(f.total);
        const ids = (await page.evaluate(() => window.__helixlab!.positions())).map(([id]) => id);
        for (const id of [ids[0]!, ids[Math.floor(ids.length / 2)]!]) {
          await searchPick(page, id, id);
          expect(await becomesInside(page, id), `${country}: ${id} after search`).toBe(true);
        }
      }
      await page.close();
    },
    180_000,
  );

  it('opens long-named networks framed on the actors, with truncated labels that never overlap', async () => {
    const page = await appPage(browser, server.url);
    // 300 actors with 120-character names (the CORDIS sample opened as a 40 × 28 px blob).
    const long = (i: number) =>
      `Organisation with a very long official name number ${i} — Forschungs- und Entwicklungszentrum für angewandte Systeme`;
    const doc = {
      format: 'helixlab',
      version: 1,
      actors: Array.from({ length: 300 }, (_, i) => ({ id: `a${i}`, label: long(i), helix: i % 3 ? 'industry' : 'research-education' })),
      ties: Array.from({ length: 600 }, (_, k) => ({ source: `a${k % 300}`, target: `a${(k * 7 + 1) % 300}` })).filter(
        (t) => t.source !== t.target,
      ),
    };
    await openText(page, 'long.json', JSON.stringify(doc));
    await waitSettled(page);
    const f = await framesAll(page);
    expect(f.inside).toBe(f.total);
    expect(Math.max(f.spanX, f.spanY)).toBeGreaterThan(0.5);
    // 40 labels asked for: those drawn are cut with "…" and no two boxes overlap.
    await page.locator('[data-testid=label-count]').evaluate((el) => {
      (el as HTMLInputElement).value = '40';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForTimeout(300);
    const labels = await page.evaluate(() => window.__helixlab!.labels());
    expect(labels.length).toBeGreaterThan(5);
    for (const l of labels) {
      expect([...l.text].length).toBeLessThanOrEqual(26);
      expect(l.text.endsWith('…')).toBe(true);
    }
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const a = labels[i]!;
        const b = labels[j]!;
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `${a.id} and ${b.id} overlap`).toBe(false);
      }
    // Hovering an actor shows its full name.
    const target = labels[0]!;
    const at = await page.evaluate((k) => window.__helixlab!.nodeScreenPosition(k), target.id);
    await page.mouse.move(at!.x, at!.y);
    await page.waitForFunction((k) => window.__helixlab!.hover()?.id === k, target.id);
    expect((await page.evaluate(() => window.__helixlab!.hover()))!.text).toBe(long(Number(target.id.slice(1))));
    await page.screenshot({ path: join(artifacts, 'labels-long.png') });
    await page.close();
  }, 120_000);

  it('colours by any attribute or measure, with legends that match the file and the pixels', async () => {
    const page = await appPage(browser, server.url);
    const body = text('data/tiny.json');
    const net = loadNetwork([{ name: 'tiny.json', text: body }]).network;
    await openText(page, 'tiny.json', body);
    await waitSettled(page);
    // Labels off, so that the pixel under an actor is its disc.
    await page.locator('[data-testid=label-count]').evaluate((el) => {
      (el as HTMLInputElement).value = '0';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.uncheck('[data-testid=more-labels]');
    // Categorical: sector.
    await page.selectOption('[data-testid=colour-select]', 'attr:sector');
    const sectors = new Map<string, number>();
    let none = 0;
    net.graph.forEachNode((_id, a) => (a.sector ? sectors.set(a.sector, (sectors.get(a.sector) ?? 0) + 1) : none++));
    const rows = await page.locator('[data-testid=colour-legend] .legend-row').allTextContents();
    for (const [s, n] of sectors)
      expect(
        rows.some((r) => r.startsWith(s) && r.endsWith(String(n))),
        `legend row ${s} ${n}`,
      ).toBe(true);
    if (none) expect(rows.some((r) => r.includes('no value') && r.endsWith(String(none)))).toBe(true);
    // The pixel at an actor's centre has its legend colour.
    await waitCamera(page);
    const shot = await page.locator('[data-testid=graph]').screenshot();
    const ids = net.graph.nodes();
    const pos = await Promise.all(ids.map((id) => inMap(page, id)));
    const got = await pixels(
      page,
      shot,
      pos.map((p) => ({ x: p!.x, y: p!.y })),
    );
    let matched = 0;
    for (let i = 0; i < ids.length; i++) {
      const want = (await page.evaluate((k) => window.__helixlab!.colourOf(k), ids[i]!))!;
      const n = parseInt(want.slice(1), 16);
      const [r, g, b] = got.at[i]!;
      if (Math.abs(r - ((n >> 16) & 255)) + Math.abs(g - ((n >> 8) & 255)) + Math.abs(b - (n & 255)) < 30) matched++;
    }
    expect(matched, 'actors whose centre pixel has their legend colour').toBeGreaterThanOrEqual(ids.length - 2); // two may sit under others
    // Numeric: employees, a ramp from the smallest to the largest value.
    await page.selectOption('[data-testid=colour-select]', 'attr:employees');
    const emp = ids
      .map((id) => [id, net.graph.getNodeAttribute(id, 'employees') as number] as const)
      .filter(([, v]) => typeof v === 'number');
    const lo = emp.reduce((a, b) => (b[1] < a[1] ? b : a));
    const hi = emp.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(await page.textContent('[data-testid=ramp-min]')).toBe(lo[1].toLocaleString('en-US'));
    expect(await page.textContent('[data-testid=ramp-max]')).toBe(hi[1].toLocaleString('en-US'));
    expect(await page.evaluate((k) => window.__helixlab!.colourOf(k), lo[0])).toBe('#440154');
    expect(await page.evaluate((k) => window.__helixlab!.colourOf(k), hi[0])).toBe('#b5de2b');
    // A measure of the analysis.
    await page.selectOption('[data-testid=colour-select]', 'measure:betweenness');
    await page.waitForSelector('[data-testid=ramp-max]');
    await page.waitForFunction(() => location.search.includes('color=measure%3Abetweenness')); // the address follows
    // Label text: the id.
    await page.selectOption('[data-testid=label-select]', 'id');
    await page.check('[data-testid=more-labels]');
    await page.waitForTimeout(300);
    const labels = await page.evaluate(() => window.__helixlab!.labels());
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l.text).toBe(l.id);
    // Size legend and marker legend.
    expect(await page.locator('[data-testid=size-legend] .size-item').count()).toBe(3);
    expect(await page.locator('[data-testid=marker-legend] svg').count()).toBe(3);
    await page.screenshot({ path: join(artifacts, 'colour-measure.png') });
    // A long tail of values: the most frequent ones get colours, the rest is "other".
    const tail = {
      format: 'helixlab',
      version: 1,
      actors: Array.from({ length: 60 }, (_, i) => ({ id: `t${i}`, label: `T${i}`, helix: 'industry', sector: `s${i < 30 ? i % 3 : i}` })),
      ties: Array.from({ length: 59 }, (_, i) => ({ source: `t${i}`, target: `t${i + 1}` })),
    };
    await openText(page, 'tail.json', JSON.stringify(tail));
    await page.waitForFunction(() => window.__helixlab!.state().actors === 60);
    await page.selectOption('[data-testid=colour-select]', 'attr:sector');
    const other = (await page.textContent('[data-testid=colour-other]')) ?? '';
    expect(other).toContain('other (27 values)'); // 3 frequent values + 3 more coloured, 27 in "other"
    expect(other.endsWith('27')).toBe(true);
    await page.close();
  }, 120_000);

  it('the actor table: sorts, links rows and map both ways, works by keyboard, exports CSV, and the panels follow the filtered view', async () => {
    const page = await appPage(browser, server.url);
    const body = text('data/construction-psrk.json');
    const net = loadNetwork([{ name: 'c.json', text: body }]).network;
    const simple = toSimpleGraph(net);
    await openText(page, 'construction-psrk.json', body);
    await waitSettled(page);
    await page.click('[data-testid=table-toggle]');
    await page.waitForSelector('[data-testid=actor-table] tbody tr[data-id]');
    expect(await page.textContent('[data-testid=table-count]')).toBe(`${simple.order} of ${simple.order} actors`);
    // Sort by degree, largest first.
    await page.click('[data-testid=actor-table] th button[data-key="measure:degree"]');
    const byDegree = simple.nodes().sort((a, b) => simple.degree(b) - simple.degree(a) || (a < b ? -1 : 1));
    expect(await page.getAttribute('[data-testid=actor-table] tbody tr[data-id] >> nth=0', 'data-id')).toBe(byDegree[0]);
    // Row → map.
    await page.click('[data-testid=actor-table] tbody tr[data-id] >> nth=2');
    const third = await page.getAttribute('[data-testid=actor-table] tbody tr[data-id] >> nth=2', 'data-id');
    await page.waitForFunction((k) => window.__helixlab!.state().selected === k, third);
    await waitCamera(page);
    expect(await becomesInside(page, third!)).toBe(true);
    // Map → row: click an actor far down the sort order; its row is selected and scrolled into view.
    const target = byDegree[byDegree.length - 5]!;
    await page.click('[data-testid=fit]');
    await waitCamera(page);
    await page.evaluate((k) => window.__helixlab!.state() && k, target);
    const p = await page.evaluate((k) => window.__helixlab!.nodeScreenPosition(k), target);
    await page.mouse.click(p!.x, p!.y);
    const clicked = await (await page.waitForFunction(() => window.__helixlab!.state().selected)).jsonValue();
    const row = page.locator(`[data-testid=actor-table] tbody tr[data-id="${clicked}"]`);
    await row.waitFor();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const rb = await row.boundingBox();
    const sb = await page.locator('.table-scroll').boundingBox();
    expect(rb!.y >= sb!.y && rb!.y + rb!.height <= sb!.y + sb!.height + 1, 'the selected row is scrolled into view').toBe(true);
    // Keyboard: focus the table, go to the first row, one down, Enter.
    await page.focus('[data-testid=actor-table]');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction((k) => window.__helixlab!.state().selected === k, byDegree[1]);
    // Text filter.
    await page.fill('[data-testid=table-filter]', 'Construction firm 1');
    const shown = Number(((await page.textContent('[data-testid=table-count]')) ?? '').split(' ')[0]);
    const expected = simple.filterNodes((_id, a) => String(a.label).toLowerCase().includes('construction firm 1')).length;
    expect(shown).toBe(expected);
    // CSV: UTF-8 BOM, a header, one line per row shown, parseable (quotes where needed).
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=table-export]')]);
    const path = join(artifacts, 'actors.csv');
    await dl.saveAs(path);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes.subarray(3).toString('utf8'), { relax_column_count: false }) as string[][];
    expect(records[0]!.slice(0, 4)).toEqual(['Actor', 'id', 'Role', 'Sector']);
    expect(records[0]).toContain('Betweenness');
    expect(records.length - 1).toBe(expected);
    const deg = records[0]!.indexOf('Degree');
    for (const r of records.slice(1)) expect(Number(r[deg])).toBe(simple.degree(r[1]!));
    await page.fill('[data-testid=table-filter]', '');
    // The panels for the filtered view: individuals hidden, recomputed in a worker, labelled.
    await page.uncheck('[data-testid=legend] input[data-role=individual]');
    const keep = new Set(simple.filterNodes((_id, a) => a.helix !== 'individual'));
    await page.check('[data-testid=scope-filtered]');
    await page.waitForFunction(() => window.__helixlab!.state().filteredAnalysed, null, { timeout: 60_000 });
    expect(await page.textContent('[data-testid=scope-label]')).toContain(`Filtered view: ${keep.size} of ${simple.order} actors`);
    expect(await page.textContent('[data-testid=summary-figures] dd[data-k=actors]')).toBe(String(keep.size));
    const ref = analyzeNetwork(filteredNetwork(net, keep, null, 'x'), { seed: 1 });
    expect(await page.textContent('[data-testid=lockin-score]')).toBe(ref.lockIn!.score.toFixed(2));
    await page.check('[data-testid=scope-whole]');
    expect(await page.textContent('[data-testid=summary-figures] dd[data-k=actors]')).toBe(String(simple.order));
    await page.screenshot({ path: join(artifacts, 'table.png') });
    await page.close();
  }, 120_000);

  it('lays out deterministically (two openings and Node agree byte for byte), with settings, stop and components kept together', async () => {
    const body = text('data/construction-psrk.json');
    const runs: string[] = [];
    for (let k = 0; k < 2; k++) {
      const page = await appPage(browser, server.url);
      await openText(page, 'construction-psrk.json', body);
      await waitSettled(page);
      runs.push(JSON.stringify(await page.evaluate(() => window.__helixlab!.positions())));
      await page.close();
    }
    expect(runs[1]).toBe(runs[0]);
    // The same computation in Node (model/fa2.ts over the same seeded start): the same positions.
    const display = buildDisplayGraph(loadNetwork([{ name: 'c.json', text: body }]).network);
    const degrees = new Map<string, number | null>();
    display.forEachNode((id) => degrees.set(id, display.degree(id)));
    const run = new Fa2Run(layoutInput(display, sizeScale(degrees, 3, 16)), DEFAULT_LAYOUT, layoutIterations(display.order));
    while (!run.finished) run.step(100);
    const p = run.positions();
    const node = display.nodes().map((id, i) => [id, p[2 * i], p[2 * i + 1]]);
    expect(JSON.stringify(node)).toBe(runs[0]);
    writeFileSync(join(artifacts, 'layout-positions.json'), runs[0]!);

    // Two components and isolates: after the layout they sit together (strong gravity).
    const page = await appPage(browser, server.url);
    const comp = (pre: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${pre}${i}`, label: `${pre}${i}`, helix: 'industry' }));
    const clique = (pre: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        Array.from({ length: n - i - 1 }, (_, j) => ({ source: `${pre}${i}`, target: `${pre}${i + j + 1}` })),
      ).flat();
    const doc = {
      format: 'helixlab',
      version: 1,
      actors: [...comp('a', 20), ...comp('b', 30), ...comp('z', 10)],
      ties: [...clique('a', 20), ...clique('b', 30)],
    };
    await openText(page, 'parts.json', JSON.stringify(doc));
    await waitSettled(page);
    const pos = new Map((await page.evaluate(() => window.__helixlab!.positions())).map(([id, x, y]) => [id, [x, y] as const]));
    const centre = (pre: string) => {
      const ps = [...pos].filter(([id]) => id.startsWith(pre)).map(([, q]) => q);
      const cx = ps.reduce((s, q) => s + q[0], 0) / ps.length;
      const cy = ps.reduce((s, q) => s + q[1], 0) / ps.length;
      return { cx, cy, r: Math.max(...ps.map((q) => Math.hypot(q[0] - cx, q[1] - cy))) };
    };
    const a = centre('a');
    const b = centre('b');
    expect(Math.hypot(a.cx - b.cx, a.cy - b.cy), 'components stay near each other').toBeLessThan(4 * Math.max(a.r, b.r));
    // Settings: another gravity gives another layout; the stop button stops a run.
    const before = JSON.stringify(await page.evaluate(() => window.__helixlab!.positions()));
    await page.locator('[data-testid=layout-gravity]').evaluate((el) => {
      (el as HTMLInputElement).value = '90';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.click('[data-testid=layout-reset]');
    await page.waitForFunction(() => window.__helixlab!.state().layoutDone);
    expect(JSON.stringify(await page.evaluate(() => window.__helixlab!.positions()))).not.toBe(before);
    await openText(page, 'cluster.json', clusterNetwork(createRng, { n: 2500, seed: 'e2e-stop' }).text);
    await page.waitForSelector('[data-testid=layout-progress]:not(.hidden)', { timeout: 30_000 });
    await page.click('[data-testid=layout-stop]');
    await page.waitForFunction(() => !window.__helixlab!.state().layoutRunning);
    expect(await page.textContent('[data-testid=layout-status]')).toMatch(/^layout stopped at \d+ \/ 200$/);
    await page.close();
  }, 180_000);
});
