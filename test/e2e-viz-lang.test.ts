/**
 * End-to-end tests of the browser app in Finnish and English (Debian's Chromium, playwright-core):
 * - the app opens in the browser's language (Finnish for `fi-FI`, English for `en-US`), `<html lang>`
 *   and the switch's pressed button say which;
 * - the FI / EN switch, used with the keyboard, changes the words (a panel heading, a legend entry,
 *   the status line, the table's headings) and the number formats (decimal comma, grouping) while the
 *   network, its positions, the selection and the filters stay; after a switch back and forth no
 *   English text of the catalogue is left on the Finnish page (texts and tooltips, names for assistive
 *   technology), on the network view with the table and on the scenarios tab with results;
 * - the choice is in the address (`lang=`) and is remembered: a reload, and a later visit without a
 *   link, open in it with the kept network and view;
 * - the actor table's CSV in Finnish is for Excel in Finnish (`;`, decimal comma, UTF-8 BOM, Finnish
 *   headings) and the Export menu still gives the plain one (`,`, decimal point).
 * The accessibility (axe-core) and 1024 px checks run in both languages in `e2e-viz-share.test.ts`.
 * Skipped when /usr/bin/chromium is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { loadNetwork } from '../src/io/load.js';
import { toSimpleGraph } from '../src/model/network.js';
import { en } from '../src/i18n/messages/en.js';
import { fi } from '../src/i18n/messages/fi.js';
import { appPage, artifacts, dist, ensureBuilt, hasChromium, launch, root, serve, waitSettled, type Served } from './helpers/e2e-app.js';

let server: Served;
let browser: Browser;

const SAMPLE = 'construction-psrk.json';
const simple = toSimpleGraph(loadNetwork([{ name: SAMPLE, text: readFileSync(resolve(root, 'data', SAMPLE), 'utf8') }]).network);
/** The sample's own words (attribute names such as `coordinator` head table columns): data, not the catalogue's. */
const dataWords = new Set(simple.mapNodes((_id, a) => Object.keys(a)).flat());

/** Every plain-string leaf of a catalogue section. */
function strings(o: unknown, path = ''): Array<[string, string]> {
  if (typeof o === 'string') return [[path, o]];
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return [];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

/**
 * The texts of one language that differ in the other (plain strings of the catalogue's `app`
 * section, at least two letters; the helix model names and other words that are the same are left out).
 */
function onlyIn(a: unknown, b: unknown): Set<string> {
  const other = new Map(strings(b));
  return new Set(strings(a).flatMap(([k, v]) => (/\p{L}{2,}/u.test(v) && other.get(k) !== v && !/^(id|label)$/.test(v.trim()) ? [v] : [])));
}
const ENGLISH_ONLY = onlyIn(en.app, fi.app);
const FINNISH_ONLY = onlyIn(fi.app, en.app);

/**
 * Texts of the other language on the page: each shown element's own text, and its title,
 * aria-label and placeholder (what people and assistive technology read), and the page title.
 */
async function left(page: Page, other: Set<string>): Promise<string[]> {
  const seen = await page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element) => !!el.closest('[hidden], .hidden, [aria-hidden=true], script, style, noscript');
    for (const el of document.querySelectorAll('body *')) {
      if (skip(el)) continue;
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (own) out.push(own);
      for (const a of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v.trim());
      }
    }
    out.push(document.title);
    return out;
  });
  return [...new Set(seen.filter((t) => other.has(t) && !dataWords.has(t)))];
}

async function settledSample(page: Page): Promise<void> {
  await page.selectOption('[data-testid=sample-select]', SAMPLE);
  await waitSettled(page);
}

describe.skipIf(!hasChromium)('browser app in Finnish and English (Chromium)', () => {
  beforeAll(async () => {
    await ensureBuilt();
    server = await serve(dist);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens in the browser language; the switch changes words and numbers and keeps the network, selection and filters', async () => {
    expect(ENGLISH_ONLY.size).toBeGreaterThan(250);
    const page = await appPage(browser, server.url, { locale: 'fi-FI' });
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    expect(await page.getAttribute('[data-testid=lang-fi]', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('[data-testid=lang-switch]', 'aria-label')).toBe('Kieli – Language');
    expect(await page.isVisible('text=Avaa klusterin verkosto')).toBe(true);
    await settledSample(page);
    // Finnish: words of the catalogue (glossary terms), numbers with a decimal comma.
    expect(await page.textContent('#legend-h')).toBe('Helixroolit');
    expect(await page.textContent('[data-testid=legend] .legend-row[data-role=civil-society] .name')).toBe('Kolmas sektori');
    expect(await page.textContent('#lockin-h')).toBe('Lukkiutumisen riski');
    expect(await page.textContent('[data-testid=summary-figures] dd[data-k=density]')).toMatch(/^0,\d+$/);
    expect(await page.textContent('[data-testid=lockin-score]')).toMatch(/^0,\d\d$/);
    expect(await page.textContent('[data-testid=status]')).toMatch(
      /^151 \/ 151 toimijaa · 1\u00a0\d{3} \/ 1\u00a0\d{3} yhteydessä olevaa paria/,
    );
    expect(await page.textContent('[data-testid=lockin-reasons]')).toMatch(/Sulkeutuneisuus \d,\d\d/);
    // A view: individuals filtered out, an actor selected, the table open.
    await page.uncheck('[data-testid=legend] input[data-role=individual]');
    const shown = simple.filterNodes((_id, a) => a.helix !== 'individual').length;
    await page.waitForFunction((n) => window.__helixlab!.state().visible === n, shown);
    await page.check('[data-testid=scope-filtered]');
    await page.waitForFunction(() => window.__helixlab!.state().filteredAnalysed, null, { timeout: 60_000 });
    expect(await page.textContent('[data-testid=scope-label]')).toContain(`Rajattu näkymä: ${shown} / 151 toimijaa`);
    await page.fill('[data-testid=search]', 'ind-002');
    await page.click('[data-testid=search-suggestions] li[data-id="ind-002"]');
    await page.click('[data-testid=table-toggle]');
    await page.click('[data-testid=actor-table] th button[data-key="measure:betweenness"]');
    const before = await page.evaluate(() => ({ s: window.__helixlab!.state(), p: window.__helixlab!.positions() }));
    expect(await page.textContent('[data-testid=actor-table] thead')).toContain('Välillisyys');
    const firstRow = await page.getAttribute('[data-testid=actor-table] tbody tr[data-id] >> nth=0', 'data-id');
    // To English with the keyboard: focus the EN button, Enter.
    await page.focus('[data-testid=lang-en]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getAttribute('[data-testid=lang-en]', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lang-en'); // focus stays
    expect(await page.textContent('#legend-h')).toBe('Helix roles');
    expect(await page.textContent('[data-testid=legend] .legend-row[data-role=civil-society] .name')).toBe('Civil society');
    expect(await page.textContent('[data-testid=summary-figures] dd[data-k=density]')).toMatch(/^0\.\d+$/);
    expect(await page.textContent('[data-testid=lockin-score]')).toMatch(/^0\.\d\d$/);
    expect(await page.textContent('[data-testid=status]')).toMatch(/^\d+ of 151 actors · [\d,]+ of 1,\d{3} connected pairs/);
    expect(await page.textContent('[data-testid=lockin-reasons]')).toMatch(/Closure \d\.\d\d/);
    expect(await page.textContent('[data-testid=actor-table] thead')).toContain('Betweenness');
    expect(await page.textContent('[data-testid=scope-label]')).toContain(`Filtered view: ${shown} of 151 actors`);
    expect(await left(page, FINNISH_ONLY), 'network view in English').toEqual([]);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('lang') === 'en');
    // Nothing but the words changed: the network, positions (no new layout), selection, filters, table sort.
    const after = await page.evaluate(() => ({ s: window.__helixlab!.state(), p: window.__helixlab!.positions() }));
    expect(after.p).toEqual(before.p);
    expect(after.s.actors).toBe(before.s.actors);
    expect(after.s.visible).toBe(shown);
    expect(after.s.selected).toBe('ind-002');
    expect(after.s.layoutIterations).toEqual(before.s.layoutIterations);
    expect(await page.getAttribute('[data-testid=actor-table] tbody tr[data-id] >> nth=0', 'data-id')).toBe(firstRow);
    expect(await page.isChecked('[data-testid=legend] input[data-role=individual]')).toBe(false);
    expect(await page.textContent('[data-testid=actor-label]')).toBe(simple.getNodeAttribute('ind-002', 'label'));
    // Back to Finnish with Space: no English text of the catalogue is left anywhere on the page.
    await page.focus('[data-testid=lang-fi]');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.documentElement.lang === 'fi');
    expect(await left(page, ENGLISH_ONLY), 'network view').toEqual([]);
    expect(await page.textContent('[data-testid=lockin-reasons]')).toMatch(/Sulkeutuneisuus \d,\d\d/);
    await page.screenshot({ path: join(artifacts, 'app-fi.png') });
    // The scenarios tab: results run in English, then shown in Finnish.
    await page.click('[data-testid=lang-en]');
    await page.click('[data-testid=tab-scenarios]');
    await page.fill('[data-testid=sim-runs]', '5');
    await page.fill('[data-testid=sim-years]', '4');
    await page.click('[data-testid=sim-run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=sim-progress]')?.textContent?.startsWith('done'), null, {
      timeout: 60_000,
    });
    expect(await page.textContent('[data-testid=scenario-readout]')).toMatch(/Year 4: mean \(90% band\)[\s\S]*\d\.\d/);
    expect(await left(page, FINNISH_ONLY), 'scenarios tab in English (built in Finnish)').toEqual([]);
    await page.click('[data-testid=lang-fi]');
    await page.waitForFunction(() => document.documentElement.lang === 'fi');
    const readout = (await page.textContent('[data-testid=scenario-readout]')) ?? '';
    expect(readout).toMatch(/^Vuosi 4: keskiarvo \(90 %:n vaihteluväli\)/);
    expect(readout).toContain('Luottamus keskimäärin');
    expect(readout).toMatch(/\d+\u00a0% \(\d+\u00a0%–\d+\u00a0%\)/); // the cross-helix share as percentages
    expect(readout).not.toMatch(/\d\.\d/);
    expect(await page.textContent('[data-testid=sim-progress]')).toMatch(/^valmis: 5 ajoa × 2 skenaariota/);
    expect(await page.textContent('[data-testid=scenario-year-label]')).toBe('vuosi 4');
    expect(await page.getAttribute('[data-testid=scenario-charts] canvas >> nth=0', 'aria-label')).toMatch(/^Viuhkakaavio: Jäsenet/);
    expect(await left(page, ENGLISH_ONLY), 'scenarios tab').toEqual([]);
    await page.screenshot({ path: join(artifacts, 'app-fi-scenarios.png') });
    await page.click('[data-testid=tab-network]');
    // The choice is in the address and survives a reload, with the view.
    await page.waitForFunction(() => new URLSearchParams(location.search).get('lang') === 'fi');
    await page.waitForTimeout(800); // the view is kept after a short pause
    await page.reload();
    await page.waitForFunction(() => window.__helixlab?.ready === true && window.__helixlab.state().actors === 151);
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    expect(await page.textContent('#legend-h')).toBe('Helixroolit');
    const s = await page.evaluate(() => window.__helixlab!.state());
    expect([s.selected, s.visible]).toEqual(['ind-002', shown]);
    await page.close();
  }, 180_000);

  it('remembers the choice for a later visit without a link; a link with lang= opens in its language', async () => {
    const page = await appPage(browser, server.url, { locale: 'en-US' });
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getAttribute('[data-testid=lang-en]', 'aria-pressed')).toBe('true');
    await page.setInputFiles('[data-testid=file-input]', resolve(root, 'data/tiny.json'));
    await waitSettled(page);
    await page.click('[data-testid=lang-fi]');
    await page.waitForFunction(() => document.documentElement.lang === 'fi');
    await page.waitForTimeout(800);
    // A later visit: the bare address, an English browser: Finnish, with the kept network.
    await page.goto(server.url);
    await page.waitForFunction(() => window.__helixlab?.ready === true && window.__helixlab.state().actors === 12);
    expect(await page.getAttribute('html', 'lang')).toBe('fi');
    expect(await page.textContent('#summary-h')).toBe('Verkoston yhteenveto');
    // A shared link names its language.
    await page.goto(`${server.url}?sample=tiny.json&lang=en`);
    await page.waitForFunction(() => window.__helixlab?.ready === true && window.__helixlab.state().actors === 12);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#summary-h')).toBe('Network summary');
    await page.close();
  }, 90_000);

  it('exports the actor table for Excel in Finnish (; decimal comma, BOM), and the plain CSV from the Export menu', async () => {
    const page = await appPage(browser, server.url, { locale: 'fi-FI', query: `?sample=${SAMPLE}&table=1` });
    await waitSettled(page);
    await page.waitForSelector('[data-testid=actor-table] tbody tr[data-id]');
    expect(await page.textContent('[data-testid=table-export]')).toBe('Vie CSV (Excel)');
    const save = async (how: () => Promise<unknown>, name: string) => {
      const [dl] = await Promise.all([page.waitForEvent('download'), how()]);
      const path = join(artifacts, name);
      await dl.saveAs(path);
      return readFileSync(path);
    };
    const fiBytes = await save(() => page.click('[data-testid=table-export]'), 'actors-fi.csv');
    expect([...fiBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const fiText = fiBytes.subarray(3).toString('utf8');
    expect(fiText.split('\n')[0]).toMatch(/^Toimija;tunniste;Rooli;Toimiala;Merkinnät;/);
    const rows = parse(fiText, { delimiter: ';' }) as string[][];
    expect(rows.length - 1).toBe(simple.order);
    const head = rows[0]!;
    const degree = head.indexOf('Kumppanit (aste)');
    const betweenness = head.indexOf('Välillisyys');
    expect(degree).toBeGreaterThan(0);
    for (const r of rows.slice(1)) expect(Number(r[degree])).toBe(simple.degree(r[1]!));
    const decimals = rows
      .slice(1)
      .map((r) => r[betweenness]!)
      .filter((v) => v !== '' && v !== '0');
    expect(decimals.length).toBeGreaterThan(10);
    for (const v of decimals) expect(v).toMatch(/^\d+(,\d+)?(e-\d+)?$/); // a decimal comma, never a point
    expect(rows.slice(1).some((r) => r[2] === 'Yksityishenkilöt')).toBe(true);
    // The plain CSV (`,` and decimal point) from the Export menu, still with the app's headings.
    const plain = (await save(() => page.selectOption('[data-testid=export-select]', 'csv'), 'actors-plain.csv')).toString('utf8');
    const plainRows = parse(plain.replace(/^\uFEFF/, ''), {}) as string[][];
    expect(plainRows[0]!.slice(0, 3)).toEqual(['Toimija', 'tunniste', 'Rooli']);
    expect(
      plainRows
        .slice(1)
        .map((r) => r[betweenness]!)
        .filter((v) => /\./.test(v)).length,
    ).toBe(decimals.filter((v) => v.includes(',')).length);
    // The menu lists the Finnish Excel dialect first in Finnish.
    const options = await page
      .locator('[data-testid=export-select] option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.indexOf('csv-excel-fi')).toBeLessThan(options.indexOf('csv'));
    await page.close();
  }, 90_000);
});
