/**
 * End-to-end tests of the browser app's round trips, links and accessibility, in Debian's Chromium
 * (playwright-core):
 * 4. GEXF export with positions, colours, sizes and every measure, re-read by the built CLI
 *    (`helixlab info --format json --attributes`) and by the app (same positions, no new layout);
 *    `.gz` input decompressed in the page (a CORDIS participations table, with the country chooser);
 *    PNG, non-gzip `.gz`, binary and unknown files refused with a message while the open network
 *    stays; `?sample=` and `?file=` links (same origin, CORS, 404, a server without CORS) with their
 *    view, a view naming what the network lacks; the last network and view restored after a reload,
 *    and "Start fresh"; no request carries a file's contents;
 * 6. accessibility: axe-core finds no serious or critical issue (network view with the table, the
 *    scenarios tab), a visible focus ring on the dark header, the map's text summary, the helix
 *    legend's colours apart under Chromium's deuteranopia / protanopia emulation (pixels of the
 *    rendered swatches), no horizontal overflow at 1024 × 700 — axe-core and the 1024 px check in
 *    English and in Finnish.
 * Skipped when /usr/bin/chromium is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DOMParser } from '@xmldom/xmldom';
import { loadNetwork } from '../src/io/load.js';
import { setDefaultDomParser } from '../src/io/xml.js';
import { toSimpleGraph } from '../src/model/network.js';
import { deltaE2000, labAs } from './helpers/colour-vision.js';
import {
  appPage,
  artifacts,
  dist,
  ensureBuilt,
  hasChromium,
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
let plain: Served; // another origin, no CORS
let open: Served; // another origin, CORS allowed
let browser: Browser;

const text = (f: string) => readFileSync(resolve(root, f), 'utf8');
/** `/files/<name>`: a file of data/ (404 when there is none). */
const fixtures = (p: string) => {
  if (!p.startsWith('/files/')) return null;
  const f = resolve(root, 'data', p.slice(7));
  return existsSync(f) ? { body: readFileSync(f), type: 'application/octet-stream' } : { status: 404 };
};

/**
 * A CORDIS participations table (the derived `rcn,pic,type,country` schema) with 6,000
 * organisations: DE 4,000, SE 1,600, FI 400; projects of four neighbours in a country's list, every
 * fifth with one partner from the next country.
 */
function participations(): string {
  const lines = ['rcn,role,pic,type,contribution,country,start_year,end_year'];
  const countries: Array<[string, number]> = [
    ['DE', 4000],
    ['SE', 1600],
    ['FI', 400],
  ];
  const types = ['PRC', 'PRC', 'HES', 'REC', 'PUB', 'OTH'];
  const byCountry = countries.map(([c, n], k) => Array.from({ length: n }, (_, i) => ({ pic: 900000000 + k * 10000 + i, country: c })));
  let rcn = 100000;
  byCountry.forEach((orgs, k) => {
    for (let i = 0; i < orgs.length; i += 2) {
      const members = [0, 1, 2, 3].map((d) => orgs[(i + d) % orgs.length]!);
      if (i % 10 === 0) members.push(byCountry[(k + 1) % byCountry.length]![i % 300]!);
      for (const o of members) lines.push(`${rcn},participant,${o.pic},${types[o.pic % types.length]},1000,${o.country},2016,2019`);
      rcn++;
    }
  });
  return lines.join('\n') + '\n';
}

async function errorsText(page: Page): Promise<string> {
  await page.waitForSelector('[data-testid=errors]:not(.hidden)');
  return (await page.textContent('[data-testid=errors]')) ?? '';
}

describe.skipIf(!hasChromium)('browser app: round trips, links, accessibility (Chromium)', () => {
  beforeAll(async () => {
    setDefaultDomParser(DOMParser as unknown as Parameters<typeof setDefaultDomParser>[0]);
    await ensureBuilt();
    server = await serve(dist, { extra: (p) => fixtures(p) });
    plain = await serve(resolve(root, 'data'));
    open = await serve(resolve(root, 'data'), { cors: true });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all([server, plain, open].map((s) => s?.close()));
  });

  it('exports GEXF that the CLI and the app read back with positions, colours, sizes and measures', async () => {
    const page = await appPage(browser, server.url);
    await page.selectOption('[data-testid=sample-select]', 'construction-psrk.json');
    await waitSettled(page);
    await page.selectOption('[data-testid=colour-select]', 'attr:sector');
    const positions = await page.evaluate(() => window.__helixlab!.positions());
    const [dl] = await Promise.all([page.waitForEvent('download'), page.selectOption('[data-testid=export-select]', 'gexf')]);
    const file = join(artifacts, 'export-viz.gexf');
    await dl.saveAs(file);
    const info = JSON.parse(
      execFileSync('node', ['dist/cli/main.js', 'info', file, '--format', 'json', '--attributes'], { cwd: root, encoding: 'utf8' }),
    ) as {
      actors: number;
      actorAttributes: { positions: number; attributes: Array<{ name: string; actors: number; type: string }> };
    };
    expect(info.actors).toBe(positions.length);
    expect(info.actorAttributes.positions).toBe(positions.length);
    const names = new Map(info.actorAttributes.attributes.map((a) => [a.name, a]));
    for (const m of ['degree', 'betweenness', 'pagerank', 'constraint', 'coreNumber', 'size', 'color', 'gatekeeperBroker', 'lockInHotSpot'])
      expect(names.get(m)?.actors, `attribute ${m}`).toBe(positions.length);
    // Per actor: the app's position, its colour, a size, in the file as Gephi reads it.
    const net = loadNetwork([{ name: 'x.gexf', text: readFileSync(file, 'utf8') }]).network;
    for (const [id, x, y] of positions) {
      const a = net.graph.getNodeAttributes(id);
      expect([a['x'], a['y']]).toEqual([x, y]);
      const want = (await page.evaluate((k) => window.__helixlab!.colourOf(k), id))!;
      const n = parseInt(want.slice(1), 16);
      expect(a['color']).toBe(`rgb(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255})`);
      expect(a['size']).toBeGreaterThan(0);
    }
    // The app reopens it where it was: no new layout, the same positions.
    await page.setInputFiles('[data-testid=file-input]', file);
    await page.waitForFunction(() => window.__helixlab!.state().layoutDone && window.__helixlab!.state().layoutIterations.total === 0);
    expect(await page.textContent('[data-testid=layout-status]')).toBe('positions from the file');
    expect(await page.evaluate(() => window.__helixlab!.positions())).toEqual(positions);
    await page.close();
  }, 120_000);

  it('reads .gz (a CORDIS participations table, one country), and refuses PNG, fake .gz, binary and unknown files with a message', async () => {
    const page = await appPage(browser, server.url);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' || r.postData()) requests.push(`${r.method()} ${r.url()}`);
    });
    const tiny = text('data/tiny.json');
    await page.setInputFiles('[data-testid=file-input]', { name: 'tiny.json.gz', mimeType: 'application/gzip', buffer: gzipSync(tiny) });
    await page.waitForFunction(() => window.__helixlab!.state().actors === 12);
    // CORDIS participations, gzip-compressed, 6,000 organisations: the app asks for a country.
    const csv = participations();
    const fi = loadNetwork([{ name: 'participations.csv', text: csv }], { country: 'FI' }).network.graph.order;
    await page.setInputFiles('[data-testid=file-input]', {
      name: 'participations.csv.gz',
      mimeType: 'application/gzip',
      buffer: gzipSync(csv),
    });
    await page.waitForSelector('[data-testid=cordis-dialog]');
    expect(await page.locator('[data-testid=cordis-country] option').allTextContents()).toEqual([
      'DE — 4,000 organisations',
      'SE — 1,600 organisations',
      'FI — 400 organisations',
      'All countries — 6,000 organisations (slow)',
    ]);
    await page.selectOption('[data-testid=cordis-country]', 'FI');
    await page.click('[data-testid=cordis-open]');
    await page.waitForFunction((n) => window.__helixlab!.state().actors === n, fi);
    expect(await page.textContent('[data-testid=network-name]')).toContain('(FI)');
    const cases: Array<[string, Buffer, string]> = [
      ['logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'this is a PNG image, not a network file'],
      ['nodes.csv.gz', Buffer.from('id,helix\na,industry\n'), 'the name ends in .gz but the file is not gzip-compressed'],
      ['broken.csv.gz', Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), 'cannot be decompressed'],
      ['data.bin', Buffer.from([0x41, 0x00, 0x42, 0x43]), 'NUL bytes in the file'],
      ['notes.dat', Buffer.from('just some words'), 'cannot tell the format'],
    ];
    for (const [name, buffer, message] of cases) {
      await page.setInputFiles('[data-testid=file-input]', { name, mimeType: 'application/octet-stream', buffer });
      const t = await errorsText(page);
      expect(t, name).toContain(name);
      expect(t, name).toContain(message);
      expect(await page.evaluate(() => window.__helixlab!.state().actors), `${name}: the open network stays`).toBe(fi);
      await page.click('[data-testid=errors] button.close');
    }
    expect(requests, 'no request sends anything').toEqual([]);
    await page.close();
  }, 120_000);

  it('opens ?sample= and ?file= links with their view, reports failures and unknown names, keeps the open network', async () => {
    const body = text('data/construction-psrk.json');
    const simple = toSimpleGraph(loadNetwork([{ name: 'c.json', text: body }]).network);
    const sel = simple.nodes().find((id) => simple.getNodeAttribute(id, 'helix') === 'public')!;
    const keep = simple.filterNodes((_id, a) => a.helix === 'industry' || a.helix === 'public').length;
    let page = await appPage(browser, server.url, {
      query: `?sample=construction-psrk.json&color=attr:sector&roles=industry,public&sel=${sel}`,
    });
    await page.waitForFunction((n) => window.__helixlab!.state().visible === n, keep);
    const s = await page.evaluate(() => window.__helixlab!.state());
    expect(s.colour).toBe('attr:sector');
    expect(s.selected).toBe(sel);
    await waitCamera(page);
    expect(await becomesInside(page, sel, 0)).toBe(true);
    expect(await page.inputValue('[data-testid=colour-select]')).toBe('attr:sector');
    // The address follows the view.
    await page.uncheck('[data-testid=legend] input[data-role=public]');
    await page.waitForFunction(() => /roles=industry(&|$)/.test(location.search));
    await page.close();
    // Names the network does not have: a message per part, the network opens.
    page = await appPage(browser, server.url, { query: '?sample=tiny.json&color=attr:nope&sel=zzz&roles=industry,nonsense' });
    await page.waitForFunction(() => window.__helixlab!.state().actors === 12);
    const t = await errorsText(page);
    expect(t).toContain("colours by 'attr:nope', which this network does not have");
    expect(t).toContain("selects the actor 'zzz'");
    expect(t).toContain("the helix role 'nonsense'");
    expect(await page.evaluate(() => window.__helixlab!.state().colour)).toBe('helix');
    await page.close();
    // ?file= on the same origin, and on another origin that allows it (CORS).
    for (const link of [`/files/tiny.json`, `${open.url}security-pirkanmaa.json`]) {
      page = await appPage(browser, server.url, { query: `?file=${encodeURIComponent(link)}&color=attr:sector` });
      await page.waitForFunction(() => window.__helixlab!.state().actors > 0);
      expect(await page.evaluate(() => window.__helixlab!.state().colour), link).toBe('attr:sector');
      await page.close();
    }
    // Failures: 404, another origin without CORS, not a web address — opened in the app (the
    // network already open stays) and as page links (the last visit's network opens instead).
    page = await appPage(browser, server.url, { query: '?sample=tiny.json' });
    await page.waitForFunction(() => window.__helixlab!.state().actors === 12);
    const failures: Array<[string, string]> = [
      ['/files/missing.json', 'the server answered 404'],
      [`${plain.url}tiny.json`, 'could not fetch the file'],
      ['javascript:alert(1)', 'is not a web address'],
    ];
    for (const [link, message] of failures) {
      await page.click('[data-testid=open-url]');
      await page.fill('[data-testid=url-input]', link);
      await page.click('[data-testid=url-open]');
      expect(await errorsText(page), link).toContain(message);
      expect(await page.evaluate(() => window.__helixlab!.state().actors)).toBe(12);
      await page.click('[data-testid=errors] button.close');
      await page.evaluate((q) => history.replaceState(null, '', q), `?file=${encodeURIComponent(link)}`);
      await page.reload();
      await page.waitForFunction(() => window.__helixlab?.ready === true);
      expect(await errorsText(page), link).toContain(message);
      expect(await page.evaluate(() => window.__helixlab!.state().actors), `${link}: the last network opens`).toBe(12);
      await page.click('[data-testid=errors] button.close'); // the next attempt's message must be its own
    }
    // In the app, a working address opens and goes into the page's address.
    await page.click('[data-testid=open-url]');
    await page.fill('[data-testid=url-input]', `${open.url}construction-psrk.json`);
    await page.click('[data-testid=url-open]');
    await page.waitForFunction(() => window.__helixlab!.state().actors === 151);
    await page.waitForFunction((u) => new URLSearchParams(location.search).get('file') === u, `${open.url}construction-psrk.json`);
    await page.close();
  }, 120_000);

  it('restores the last network and its view after a reload; "Start fresh" forgets it', async () => {
    const page = await appPage(browser, server.url);
    await page.setInputFiles('[data-testid=file-input]', resolve(root, 'data/tiny.json'));
    await waitSettled(page);
    await page.selectOption('[data-testid=colour-select]', 'attr:sector');
    await page.fill('[data-testid=search]', 'ind-002');
    await page.click('[data-testid=search-suggestions] li[data-id="ind-002"]');
    await page.click('[data-testid=table-toggle]');
    const positions = await page.evaluate(() => window.__helixlab!.positions());
    await page.waitForTimeout(800); // the view is kept after a short pause
    await page.reload();
    await page.waitForFunction(() => window.__helixlab?.ready === true && window.__helixlab.state().actors === 12);
    const s = await page.evaluate(() => window.__helixlab!.state());
    expect(s.colour).toBe('attr:sector');
    expect(s.selected).toBe('ind-002');
    expect(s.layoutIterations.total, 'no new layout').toBe(0);
    expect(await page.evaluate(() => window.__helixlab!.positions())).toEqual(positions);
    expect(await page.isVisible('[data-testid=table-panel]')).toBe(true);
    await page.click('[data-testid=start-fresh]');
    await page.waitForFunction(() => window.__helixlab!.state().actors === 0);
    await page.reload();
    await page.waitForFunction(() => window.__helixlab?.ready === true);
    expect(await page.evaluate(() => window.__helixlab!.state().actors)).toBe(0);
    expect(await page.isVisible('text=Open a cluster network')).toBe(true);
    await page.close();
  }, 90_000);

  it('has no serious accessibility issues (axe-core), a visible focus ring, a map summary, colour-blind-safe legends and no overflow at 1024 px', async () => {
    const axe = readFileSync(resolve(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
    const page = await appPage(browser, server.url);
    await page.selectOption('[data-testid=sample-select]', 'construction-psrk.json');
    await waitSettled(page);
    await page.click('[data-testid=table-toggle]');
    await page.click('[data-testid=actor-table] tbody tr[data-id] >> nth=0');
    await page.evaluate(axe); // the page's CSP allows no inline script; evaluate is not bound by it
    type AxeResult = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> };
    const run = async (label: string) => {
      const r = (await page.evaluate(() =>
        (window as unknown as { axe: { run(ctx: Document): Promise<unknown> } }).axe.run(document),
      )) as AxeResult;
      const bad = r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes
              .slice(0, 3)
              .map((n) => n.target.join(' '))
              .join('; ')}`,
        );
      expect(bad, label).toEqual([]);
    };
    await run('network view with the table');
    await page.click('[data-testid=tab-scenarios]');
    await page.waitForSelector('[data-testid=scenario-presets] input');
    await run('scenarios tab');
    // The same in Finnish (longer words, other names for assistive technology).
    await page.click('[data-testid=lang-fi]');
    await page.waitForFunction(() => document.documentElement.lang === 'fi');
    await run('scenarios tab in Finnish');
    await page.click('[data-testid=tab-network]');
    await run('network view with the table in Finnish');
    await page.click('[data-testid=lang-en]');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // The map has a text summary.
    expect(await page.textContent('[data-testid=map-summary]')).toMatch(
      /^Network map: 151 actors and [\d,]+ connected pairs shown\. By role: Industry 66/,
    );
    // Focus ring on the dark header: keyboard focus on the first header control.
    await page.focus('[data-testid=sample-select]');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const st = getComputedStyle(el);
      return {
        width: parseFloat(st.outlineWidth),
        style: st.outlineStyle,
        color: st.outlineColor,
        header: getComputedStyle(el.closest('header')!).backgroundColor,
      };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(3);
    const rgb = (s: string) => (s.match(/\d+/g) ?? []).slice(0, 3).map(Number) as [number, number, number];
    const lum = ([r, g, b]: [number, number, number]) => {
      const f = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const [l1, l2] = [lum(rgb(ring.color)), lum(rgb(ring.header))].sort((a, b) => b - a);
    expect((l1! + 0.05) / (l2! + 0.05), 'focus ring against the header').toBeGreaterThanOrEqual(3);
    // The helix legend under simulated colour-vision deficiencies: the rendered swatches stay apart.
    const cdp = await page.context().newCDPSession(page);
    const swatches = page.locator('[data-testid=legend] .legend-row:not(.empty) .swatch');
    const count = await swatches.count();
    const present = new Set<string>();
    loadNetwork([{ name: 'c.json', text: text('data/construction-psrk.json') }]).network.graph.forEachNode((_id, a) =>
      present.add(a.helix),
    );
    expect(count).toBe(present.size); // one swatch per role present
    for (const vision of ['deuteranopia', 'protanopia', 'none'] as const) {
      await cdp.send('Emulation.setEmulatedVisionDeficiency', { type: vision });
      const shot = await page.screenshot();
      const centres = await Promise.all(
        [...Array(count).keys()].map(async (i) => {
          const b = (await swatches.nth(i).boundingBox())!;
          return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
        }),
      );
      const got = (await pixels(page, shot, centres)).at;
      for (let i = 0; i < got.length; i++)
        for (let j = i + 1; j < got.length; j++)
          expect(deltaE2000(labAs(got[i]!, 'normal'), labAs(got[j]!, 'normal')), `${vision}: swatch ${i} vs ${j}`).toBeGreaterThan(12);
      if (vision !== 'none')
        await page.screenshot({
          path: join(artifacts, `legend-${vision}.png`),
          clip: (await page.locator('[data-testid=legend]').boundingBox())!,
        });
    }
    await page.close();
    // 1024 × 700, in English and in Finnish (longer words): nothing is cut off, the page does not
    // scroll sideways, and no panel's content runs out of its column (an actor selected, the table open).
    for (const lang of ['en', 'fi'] as const) {
      const small = await appPage(browser, server.url, {
        query: `?sample=construction-psrk.json&table=1&sel=civ-002&lang=${lang}`,
        width: 1024,
        height: 700,
      });
      await waitSettled(small);
      expect(await small.getAttribute('html', 'lang')).toBe(lang);
      const box = await small.evaluate(() => {
        const right = (sel: string) => Math.max(...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().right));
        // Content wider than its panel (a word or a value that does not wrap).
        const spills = [...document.querySelectorAll('aside .panel')].flatMap((p) =>
          [...p.querySelectorAll('dt, dd, h2, h3, label, p, .legend-row, .comp')]
            .filter((e) => e.getBoundingClientRect().right > p.getBoundingClientRect().right + 1)
            .map((e) => (e.textContent ?? '').slice(0, 40)),
        );
        return {
          scroll: document.documentElement.scrollWidth,
          body: document.body.scrollWidth,
          header: right('header.top > *'),
          panels: right('aside .panel, .table-panel, aside.right'),
          map: document.querySelector('[data-testid=graph]')!.getBoundingClientRect().width,
          spills,
        };
      });
      expect(box.scroll, lang).toBeLessThanOrEqual(1024);
      expect(box.body, lang).toBeLessThanOrEqual(1024);
      expect(box.header, lang).toBeLessThanOrEqual(1024);
      expect(box.panels, lang).toBeLessThanOrEqual(1024);
      expect(box.map, lang).toBeGreaterThan(400);
      expect(box.spills, lang).toEqual([]);
      await small.screenshot({ path: join(artifacts, `app-1024-${lang}.png`) });
      await small.close();
    }
  }, 120_000);
});
