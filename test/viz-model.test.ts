/**
 * Unit tests of the browser app's view-model (viz/src/model): pure functions, no DOM.
 * Expected values are hand-computed on small graphs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UndirectedGraph } from 'graphology';
import {
  CATEGORY_COLORS,
  HELIX_COLORS,
  OTHER_COLOR,
  SERIES_STYLES,
  UNKNOWN_COLOR,
  fade,
  helixColor,
  legendEntries,
} from '../viz/src/model/palette.js';
import { hexRgb, minDifference } from './helpers/colour-vision.js';
import {
  NO_SECTOR,
  defaultFilters,
  edgeInYear,
  egoNodes,
  sectorsOf,
  visibleEdges,
  visibleNodes,
  yearRange,
} from '../viz/src/model/viewstate.js';
import { buildDisplayGraph, edgeSize, sizeScale, topK } from '../viz/src/model/display.js';
import { buildSearchIndex, fold, suggest } from '../viz/src/model/search.js';
import { escapeXml, toSvg } from '../viz/src/model/svg.js';
import { commonMetrics, fanData, parseScenarioResults, valuesAtYear } from '../viz/src/model/scenario.js';
import { classifyInput, decodeBytes } from '../viz/src/model/files.js';
import { fmt, markers, measureValues, type AnalysisNodeView } from '../viz/src/model/measures.js';
import { initialLang, setLang } from '../viz/src/strings.js';
import { escaRows, perActorEI } from '../viz/src/model/analysis.js';
import { filteredNetwork } from '../viz/src/model/subnetwork.js';
import {
  actorLabel,
  historyGraph,
  networkAtYear,
  networkCaption,
  pairKeyOf,
  parseNetworkHistory,
  tieAppearance,
  type NetworkHistory,
} from '../viz/src/model/network-history.js';
import { parseScenario, recordNetwork } from '../src/index.js';
import type { Diagnostic } from '../src/model/errors.js';
import { networkFromDocument } from '../src/model/network.js';
import { HELIX_ROLES, type NetworkDocument } from '../src/model/types.js';

/** a–b–c–d path (ties from 2010, 2012, 2015), e isolate, plus a parallel a–b tie. */
function smallDoc(): NetworkDocument {
  return {
    format: 'helixlab',
    version: 1,
    name: 'small',
    actors: [
      { id: 'a', label: 'Alpha Oy', helix: 'industry', sector: 'ict', joined: 2010 },
      { id: 'b', label: 'Beta University', helix: 'research-education', joined: 2010 },
      { id: 'c', label: 'City of Gamma', helix: 'public', sector: 'ict', joined: 2012 },
      { id: 'd', label: 'Delta ry', helix: 'civil-society', joined: 2015 },
      { id: 'e', label: 'Ålesund Capital', helix: 'financier', sector: 'finance' },
    ],
    ties: [
      { source: 'a', target: 'b', weight: 2, since: 2010, until: 2013 },
      { source: 'b', target: 'a', weight: 3, since: 2011, until: 2016, kind: 'project' },
      { source: 'b', target: 'c', since: 2012 },
      { source: 'c', target: 'd', since: 2015 },
      { source: 'd', target: 'd' },
    ],
    activities: [{ id: 'p1', kind: 'project', year: 2014, participants: ['a', 'c', 'e'] }],
  };
}

describe('palette and legend', () => {
  it('gives every helix role a colour that stays distinct under deuteranopia and protanopia', () => {
    const colours = HELIX_ROLES.map((r) => HELIX_COLORS[r]);
    expect(new Set(colours).size).toBe(HELIX_ROLES.length);
    expect(helixColor('public')).toBe(HELIX_COLORS.public);
    expect(helixColor('nonsense')).toBe(UNKNOWN_COLOR);
    // Every pair at least 15 CIEDE2000 apart in normal vision and both red-green deficiencies
    // (the old palette had 7.5 between civil society and individuals under deuteranopia).
    for (let i = 0; i < colours.length; i++)
      for (let j = i + 1; j < colours.length; j++)
        expect(minDifference(hexRgb(colours[i]!), hexRgb(colours[j]!)), `${HELIX_ROLES[i]} vs ${HELIX_ROLES[j]}`).toBeGreaterThan(15);
    // Scenario series never look like a helix role: at least 9 apart from each, and dashed differently.
    for (const s of SERIES_STYLES)
      for (const c of colours) expect(minDifference(hexRgb(s.color), hexRgb(c)), `${s.color} vs ${c}`).toBeGreaterThan(9);
    expect(new Set(SERIES_STYLES.map((s) => s.dash.join(','))).size).toBe(SERIES_STYLES.length);
    // "other" grey is apart from every category colour
    for (const c of CATEGORY_COLORS) expect(minDifference(hexRgb(OTHER_COLOR), hexRgb(c))).toBeGreaterThan(10);
  });

  it('counts actors per role in HELIX_ROLES order, with visible counts', () => {
    const g = buildDisplayGraph(networkFromDocument(smallDoc()));
    const rows = legendEntries(g, (id) => id !== 'a');
    expect(rows.map((r) => r.role)).toEqual([...HELIX_ROLES]);
    expect(rows.map((r) => r.count)).toEqual([1, 1, 1, 1, 0, 1, 0]);
    expect(rows.find((r) => r.role === 'industry')!.visible).toBe(0);
    expect(rows.find((r) => r.role === 'public')!.visible).toBe(1);
  });

  it('fades towards white', () => {
    expect(fade('#000000', 0.5)).toBe('#808080');
    expect(fade('#0072b2', 0)).toBe('#0072b2');
    expect(fade('#0072b2', 1)).toBe('#ffffff');
  });
});

describe('display graph', () => {
  const net = networkFromDocument(smallDoc());
  const g = buildDisplayGraph(net, 'seed-1');

  it('merges parallel ties (weights summed, earliest since, latest until) and drops self-loops', () => {
    expect(g.order).toBe(5);
    // a-b (merged), b-c, c-d, and the projection of p1: a-c, a-e, c-e.
    expect(g.size).toBe(6);
    const ab = g.getEdgeAttributes(g.edge('a', 'b')!);
    expect(ab.weight).toBe(5);
    expect(ab.count).toBe(2);
    expect(ab.since).toBe(2010);
    expect(ab.until).toBe(2016);
    expect(ab.kinds.split(',').sort()).toEqual(['project', 'tie']);
    expect(g.hasEdge('d', 'd')).toBe(false);
    const ae = g.getEdgeAttributes(g.edge('a', 'e')!);
    expect(ae.since).toBe(2014);
  });

  it('an open-ended tie keeps the merged edge open', () => {
    const doc = smallDoc();
    doc.ties.push({ source: 'c', target: 'b', since: 2020 });
    const m = buildDisplayGraph(networkFromDocument(doc));
    const bc = m.getEdgeAttributes(m.edge('b', 'c')!);
    expect(bc.since).toBe(2012);
    expect(bc.until).toBeUndefined();
  });

  it('places nodes deterministically from the seed', () => {
    const again = buildDisplayGraph(net, 'seed-1');
    const other = buildDisplayGraph(net, 'seed-2');
    expect(again.getNodeAttributes('c').x).toBe(g.getNodeAttributes('c').x);
    expect(again.getNodeAttributes('c').y).toBe(g.getNodeAttributes('c').y);
    expect(other.getNodeAttributes('c').x).not.toBe(g.getNodeAttributes('c').x);
    // Attributes copied, not shared.
    expect(g.getNodeAttributes('a').label).toBe('Alpha Oy');
    expect(net.graph.getNodeAttributes('a')).not.toHaveProperty('x');
  });

  it('scales sizes by the square root of the measure', () => {
    const f = sizeScale(
      new Map<string, number | null>([
        ['a', 0],
        ['b', 4],
        ['c', 16],
        ['d', null],
      ]),
      2,
      10,
    );
    expect(f('a')).toBe(2);
    expect(f('b')).toBe(6);
    expect(f('c')).toBe(10);
    expect(f('d')).toBe(2);
    expect(f('zz')).toBe(2);
    expect(
      sizeScale(
        new Map([
          ['a', 3],
          ['b', 3],
        ]),
        2,
        10,
      )('a'),
    ).toBe(6);
  });

  it('picks the top k with ties broken by id', () => {
    expect(
      topK(
        new Map<string, number | null>([
          ['b', 2],
          ['a', 2],
          ['c', 5],
          ['d', null],
        ]),
        2,
      ),
    ).toEqual(['c', 'a']);
    expect(topK(new Map([['a', 1]]), 0)).toEqual([]);
  });

  it('edge thickness grows with the weight and is capped', () => {
    expect(edgeSize(1)).toBeCloseTo(0.6);
    expect(edgeSize(5)).toBeGreaterThan(edgeSize(2));
    expect(edgeSize(1e9)).toBe(4);
  });
});

describe('view state: filters, year, ego', () => {
  const g = buildDisplayGraph(networkFromDocument(smallDoc()));
  const all = defaultFilters(HELIX_ROLES);

  it('shows everything by default', () => {
    expect(visibleNodes(g, all).size).toBe(5);
  });

  it('filters by role, sector (with the no-sector bucket) and minimum degree', () => {
    expect([...visibleNodes(g, { ...all, roles: new Set(['industry', 'public']) })].sort()).toEqual(['a', 'c']);
    expect([...visibleNodes(g, { ...all, sectors: new Set(['ict']) })].sort()).toEqual(['a', 'c']);
    expect([...visibleNodes(g, { ...all, sectors: new Set([NO_SECTOR]) })].sort()).toEqual(['b', 'd']);
    // degrees: a 3 (b, c, e), b 2, c 4 (b, d, a, e), d 1, e 2
    expect([...visibleNodes(g, { ...all, minDegree: 3 })].sort()).toEqual(['a', 'c']);
  });

  it('applies the k-core filter from given core numbers, ignores it without them', () => {
    const core = new Map([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', 1],
      ['e', 2],
    ]);
    expect([...visibleNodes(g, { ...all, kCore: 2 }, core)].sort()).toEqual(['a', 'c', 'e']);
    expect(visibleNodes(g, { ...all, kCore: 2 }).size).toBe(5);
  });

  it('shows the network as of a year', () => {
    expect(edgeInYear({ since: 2012 }, 2011)).toBe(false);
    expect(edgeInYear({ since: 2012, until: 2013 }, 2014)).toBe(false);
    expect(edgeInYear({}, 1900)).toBe(true);
    const y2012 = visibleNodes(g, { ...all, year: 2012 });
    expect([...y2012].sort()).toEqual(['a', 'b', 'c', 'e']); // d joins 2015, e has no year
    const edges = visibleEdges(g, y2012, 2012);
    // a-b (2010-2016) and b-c (2012); a-c, a-e, c-e start 2014.
    expect(edges.size).toBe(2);
    expect(visibleEdges(g, visibleNodes(g, all), null).size).toBe(6);
  });

  it('builds ego networks of 1 and 2 steps, within the year', () => {
    expect([...egoNodes(g, 'd', 1)].sort()).toEqual(['c', 'd']);
    expect([...egoNodes(g, 'd', 2)].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect([...egoNodes(g, 'b', 1, 2011)].sort()).toEqual(['a', 'b']);
    expect(egoNodes(g, 'nobody', 2).size).toBe(0);
    // The centre stays visible even when its role is filtered out.
    const v = visibleNodes(g, { ...all, roles: new Set(['public']), ego: { node: 'd', depth: 1 } });
    expect([...v].sort()).toEqual(['c', 'd']);
  });

  it('lists sectors and the year span', () => {
    expect(sectorsOf(g)).toEqual([
      { sector: 'finance', count: 1 },
      { sector: 'ict', count: 2 },
      { sector: NO_SECTOR, count: 2 },
    ]);
    expect(yearRange(g, [{ year: 2009 }])).toEqual({ min: 2009, max: 2016 });
    expect(yearRange(new UndirectedGraph())).toBeNull();
  });
});

describe('search suggestions', () => {
  const idx = buildSearchIndex([
    { id: 'a', label: 'Alpha Oy', helix: 'industry', degree: 3 },
    { id: 'b', label: 'Beta Alpha Lab', helix: 'research-education', degree: 9 },
    { id: 'c', label: 'Gammalpha', helix: 'public', degree: 20 },
    { id: 'e', label: 'Ålesund Capital', helix: 'financier', degree: 1 },
  ]);
  it('ranks prefix, then word prefix, then substring; degree within a rank', () => {
    expect(suggest(idx, 'alpha').map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(suggest(idx, 'ALP', 2).map((s) => s.id)).toEqual(['a', 'b']);
  });
  it('folds case and accents', () => {
    expect(fold('Ålesund')).toBe('alesund');
    expect(suggest(idx, 'ales').map((s) => s.id)).toEqual(['e']);
    expect(suggest(idx, '   ')).toEqual([]);
    expect(suggest(idx, 'zzz')).toEqual([]);
  });
});

describe('SVG export', () => {
  it('escapes labels and titles and rejects odd colours', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    const svg = toSvg(
      [
        { id: 'a', x: 10, y: 20, size: 5, color: '#0072B2', label: '<img src=x onerror=alert(1)>' },
        { id: 'b', x: 50, y: 60, size: 3, color: 'red;"><script>', ring: '#000' },
      ],
      [
        { source: 'a', target: 'b', size: 1, color: '#ccc' },
        { source: 'a', target: 'zz', size: 1, color: '#ccc' },
      ],
      200,
      100,
      { title: '<t>', legend: [{ label: 'Industry & co', color: '#0072B2' }] },
    );
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(svg).toContain('<title>&lt;t&gt;</title>');
    expect(svg).toContain('Industry &amp; co');
    expect(svg).toContain('fill="#999999"');
    expect(svg.match(/<line /g)!.length).toBe(1);
    expect(svg.match(/<circle /g)!.length).toBe(3);
    expect(svg).toContain('<line x1="10" y1="20" x2="50" y2="60"');
  });
});

describe('scenario results', () => {
  const byYear = (base: number) =>
    [0, 1, 2].map((y) => ({ year: y, mean: base + y, sd: 1, p05: base + y - 2, p50: base + y, p95: base + y + 2 }));
  const sim = (name: string, base: number) => ({
    scenario: name,
    runs: 10,
    seed: 1,
    years: 2,
    metrics: { members: { byYear: byYear(base), final: {} }, ties: { byYear: byYear(base * 2), final: {} } },
  });

  it('reads simulate output', () => {
    const r = parseScenarioResults(JSON.stringify(sim('permanent', 10)), 'out.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.series.map((s) => s.name)).toEqual(['permanent']);
    expect(r.series[0]!.runs).toBe(10);
    expect(r.series[0]!.seed).toBe('1');
    const fan = fanData(r.series, 'members')[0]!;
    expect(fan.years).toEqual([0, 1, 2]);
    expect(fan.mean).toEqual([10, 11, 12]);
    expect(fan.low).toEqual([8, 9, 10]);
    expect(fan.high).toEqual([12, 13, 14]);
  });

  it('reads compare output and keeps null values as gaps', () => {
    const a = sim('project-driven', 5);
    const b = sim('project-driven', 7);
    (b.metrics.members.byYear[0] as Record<string, unknown>).mean = null;
    const r = parseScenarioResults(JSON.stringify({ baseline: 'project-driven', scenarios: [a, b], differences: {} }), 'cmp.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.series.map((s) => s.name)).toEqual(['project-driven', 'project-driven (2)']);
    expect(commonMetrics(r.series)).toEqual(['members', 'ties']);
    expect(fanData(r.series, 'members')[1]!.mean[0]).toBeNull();
    expect(valuesAtYear(r.series, 'ties', 2).map((v) => v.stat!.mean)).toEqual([12, 16]);
  });

  it('reports problems with the file and the JSON path', () => {
    const bad = parseScenarioResults('{"scenario":"x","metrics":{"members":{"byYear":[{"year":0,"mean":"lots"}]}}}', 'r.json');
    expect(bad.series).toEqual([]);
    expect(bad.diagnostics[0]).toMatchObject({ file: 'r.json', field: 'metrics.members.byYear[0]', severity: 'error' });
    const syntax = parseScenarioResults('{"metrics": [', 'broken.json');
    expect(syntax.diagnostics[0]!.message).toMatch(/not valid JSON/);
    const none = parseScenarioResults('{"hello": 1}', 'h.json');
    expect(none.diagnostics[0]!.field).toBe('metrics');
  });
});

describe('simulated network (network-history)', () => {
  /**
   * 4 actors over years 0..3: a0 and a1 from the start, a2 joins in year 1, a1 leaves during
   * year 3 (absent from 3 on), a3 (anchor) from the start. Ties: a0–a1 in years 0–2 (0.4, 0.5,
   * 0.6), a0–a2 formed in year 1 (0.3, 0.2), a0–a2 again from year 3 (0.9), a1–a3 in year 0 only.
   */
  const hist = (): NetworkHistory => ({
    format: 'helixlab-network-history',
    version: 1,
    scenario: 'hand',
    seed: 1,
    run: 0,
    years: 3,
    actors: [
      { id: 'a0', helix: 'industry', sector: 0, joined: 0, left: null },
      { id: 'a1', helix: 'research-education', sector: null, joined: 0, left: 3 },
      { id: 'a2', helix: 'startup', sector: 0, joined: 1, left: null },
      { id: 'a3', helix: 'industry', sector: 1, joined: 0, left: null, anchor: true },
    ],
    ties: [
      { source: 0, target: 1, from: 0, trust: [0.4, 0.5, 0.6] },
      { source: 0, target: 2, from: 1, trust: [0.3, 0.2] },
      { source: 0, target: 2, from: 3, trust: [0.9] },
      { source: 1, target: 3, from: 0, trust: [0.25] },
    ],
  });

  it('year → actors and ties present, with mean trust', () => {
    const h = hist();
    const at = (t: number) => {
      const v = networkAtYear(h, t);
      return { actors: v.actors, ties: Object.fromEntries(v.ties), mean: Number(v.meanTrust.toFixed(6)) };
    };
    expect(at(0)).toEqual({ actors: [0, 1, 3], ties: { '0-1': 0.4, '1-3': 0.25 }, mean: 0.325 });
    expect(at(1)).toEqual({ actors: [0, 1, 2, 3], ties: { '0-1': 0.5, '0-2': 0.3 }, mean: 0.4 });
    expect(at(2)).toEqual({ actors: [0, 1, 2, 3], ties: { '0-1': 0.6, '0-2': 0.2 }, mean: 0.4 });
    expect(at(3)).toEqual({ actors: [0, 2, 3], ties: { '0-2': 0.9 }, mean: 0.9 });
    // outside the recorded years: clamped
    expect(networkAtYear(h, 9).year).toBe(3);
    expect(networkAtYear(h, -1).year).toBe(0);
    expect(networkCaption(networkAtYear(h, 1))).toBe('Year 1: 4 actors, 2 ties, mean trust 0.40');
    const empty = { ...h, ties: [] };
    expect(networkCaption(networkAtYear(empty, 0))).toBe('Year 0: 3 actors, 0 ties, mean trust –');
  });

  it('a tie whose endpoint is absent is not drawn (files from elsewhere)', () => {
    const h = hist();
    h.ties.push({ source: 2, target: 3, from: 0, trust: [0.5, 0.5] }); // a2 joins only in year 1
    expect([...networkAtYear(h, 0).ties.keys()]).toEqual(['0-1', '1-3']);
    expect([...networkAtYear(h, 1).ties.keys()]).toEqual(['0-1', '0-2', '2-3']);
  });

  it('positions: every actor and every pair once, computed once, the same for the same history', () => {
    const h = hist();
    const g = historyGraph(h);
    expect(g.order).toBe(4);
    expect(g.edges().sort()).toEqual(['0-1', '0-2', '1-3']);
    expect(g.getEdgeAttribute(pairKeyOf(2, 0), 'weight')).toBeCloseTo(0.3 + 0.2 + 0.9, 12);
    expect(g.getNodeAttributes('3')).toMatchObject({ helix: 'industry', anchor: true, label: 'a3 (Industry, sector 1, anchor firm)' });
    setLang('fi');
    expect(actorLabel(h, 3)).toBe('a3 (Yritykset, toimiala 1, veturiyritys)');
    setLang('en');
    const pos = (x: typeof g) => x.mapNodes((_n, a) => [a.x, a.y]);
    for (const [x, y] of pos(g)) {
      expect(Number.isFinite(x)).toBe(true);
      expect(Number.isFinite(y)).toBe(true);
    }
    expect(pos(historyGraph(hist()))).toEqual(pos(g));
    expect(pos(historyGraph(hist(), { seed: 2 }))).not.toEqual(pos(g));
    // no two actors on the same spot
    const keys = new Set(pos(g).map(([x, y]) => `${x!.toFixed(6)},${y!.toFixed(6)}`));
    expect(keys.size).toBe(4);
  });

  it('tie appearance grows with trust', () => {
    expect(tieAppearance(0).size).toBe(0.5);
    expect(tieAppearance(1).size).toBe(4);
    expect(tieAppearance(0.5).color).toBe('rgba(60, 72, 96, 0.525)');
    expect(tieAppearance(0.9).size).toBeGreaterThan(tieAppearance(0.2).size);
  });

  it('reads the key `network` of a result; reports a bad one by its JSON path and keeps the charts', () => {
    const byYear = [0, 1, 2, 3].map((y) => ({ year: y, mean: 1, sd: 0, p05: 1, p50: 1, p95: 1 }));
    const sim = { scenario: 'p', runs: 1, seed: 1, years: 3, metrics: { members: { byYear } }, network: hist() };
    const ok = parseScenarioResults(JSON.stringify(sim), 'sim.json');
    expect(ok.diagnostics).toEqual([]);
    expect(ok.series[0]!.network).toEqual(hist());
    const plain = parseScenarioResults(JSON.stringify({ ...sim, network: undefined }), 'sim.json');
    expect(plain.series[0]!.network).toBeNull();
    const badNet = {
      ...hist(),
      ties: [
        { source: 0, target: 7, from: 0, trust: [0.5] },
        { source: 0, target: 1, from: 0, trust: [0.5, 1.5] },
      ],
    };
    const bad = parseScenarioResults(
      JSON.stringify({ baseline: 'p', scenarios: [sim, { ...sim, network: badNet }], differences: {} }),
      'cmp.json',
    );
    expect(bad.series).toHaveLength(2);
    expect(bad.series[1]!.network).toBeNull();
    expect(bad.diagnostics.map((d) => [d.file, d.field])).toEqual([
      ['cmp.json', 'scenarios[1].network.ties[0].source'],
      ['cmp.json', 'scenarios[1].network.ties[1].trust'],
    ]);
    expect(bad.diagnostics[0]!.message).toBe('expected two different actor indices from 0 to 3');
    const diags: Diagnostic[] = [];
    expect(parseNetworkHistory({ format: 'other', version: 2, years: 3, actors: [], ties: [] }, 'network', 'x.json', diags)).toBeNull();
    expect(diags.map((d) => d.field)).toEqual(['network.format', 'network.version']);
    const d2: Diagnostic[] = [];
    parseNetworkHistory(
      { ...hist(), actors: [{ id: 'a', helix: 'industri', sector: null, joined: 0, left: null }] },
      'network',
      'x.json',
      d2,
    );
    expect(d2[0]).toMatchObject({ field: 'network.actors[0].helix' });
    expect(d2[0]!.message).toContain('"industri"');
  });

  it("on a recorded run, the actors and ties drawn each year equal the run's members and ties", () => {
    const s = parseScenario(readFileSync(resolve(process.cwd(), 'scenarios/project-driven.json'), 'utf8'), 'project-driven.json');
    const { output, network } = recordNetwork(s, 7, 0, { years: 8 });
    const h = parseNetworkHistory(JSON.parse(JSON.stringify(network)), 'network', 'run.json', [])!;
    expect(h).not.toBeNull();
    for (let t = 0; t <= 8; t++) {
      const v = networkAtYear(h, t);
      expect(v.actors.length, `year ${t}`).toBe(output.metrics.members[t]);
      expect(v.ties.size, `year ${t}`).toBe(output.metrics.ties[t]);
      expect(Math.abs(v.meanTrust - output.metrics.meanTrust[t]!)).toBeLessThan(5e-4);
    }
    const g = historyGraph(h);
    expect(g.order).toBe(output.metrics.reached[8]);
  });
});

describe('reading dropped files', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('drops a UTF-8 BOM, rejects UTF-16 and locates invalid UTF-8', () => {
    expect(decodeBytes('a.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...enc('id,helix')])).file!.text).toBe('id,helix');
    expect(decodeBytes('a.csv', new Uint8Array([0xff, 0xfe, 0x41, 0x00])).error).toMatchObject({ code: 'utf16', file: 'a.csv' });
    const bytes = new Uint8Array([...enc('id,helix\na,industry\nb,'), 0xc3, 0x28, ...enc('\n')]);
    expect(decodeBytes('n.csv', bytes).error).toMatchObject({ code: 'invalid-utf8', line: 3, file: 'n.csv' });
  });
  it('tells scenario results from networks', () => {
    expect(classifyInput([{ name: 'r.json', text: '{"scenario":"x","metrics":{}}' }])).toBe('scenario-results');
    expect(classifyInput([{ name: 'n.json', text: '{"format":"helixlab","actors":[]}' }])).toBe('network');
    expect(classifyInput([{ name: 'n.gexf', text: '<gexf/>' }])).toBe('network');
    expect(
      classifyInput([
        { name: 'a.json', text: '{}' },
        { name: 'b.json', text: '{}' },
      ]),
    ).toBe('network');
  });
});

describe('measures and markers', () => {
  const node = (id: string, o: Partial<AnalysisNodeView>): AnalysisNodeView => ({ id, degree: 1, constraint: 0.2, clustering: 0, ...o });
  const nodes = [
    node('g1', { brokerage: { gatekeeper: 9, liaison: 0, total: 9 } }),
    node('g2', { brokerage: { gatekeeper: 3, liaison: 4, total: 7 } }),
    node('h1', { degree: 4, constraint: 0.6, clustering: 0.8 }),
    node('h2', { degree: 2, constraint: 0.9, clustering: 1 }),
    node('h3', { degree: 5, constraint: 0.7, clustering: 0.9 }),
  ];
  it('marks top gatekeepers / liaisons and closed neighbourhoods', () => {
    const m = markers(nodes, undefined, 1);
    expect([...m.gatekeepers]).toEqual(['g1']);
    expect([...m.liaisons]).toEqual(['g2']);
    expect([...m.hotSpots].sort()).toEqual(['h1', 'h3']); // h2 has degree < 3
    const withEI = markers(
      nodes,
      new Map([
        ['h1', -1],
        ['h3', 0.2],
      ]),
    );
    expect([...withEI.hotSpots]).toEqual(['h1']);
    // At most one actor in ten is marked: 5 actors → 1 gatekeeper even with top = 5.
    expect([...markers(nodes).gatekeepers]).toEqual(['g1']);
    const many = Array.from({ length: 30 }, (_, i) => node(`n${i}`, { brokerage: { gatekeeper: i + 1 } }));
    expect([...markers(many).gatekeepers]).toEqual(['n29', 'n28', 'n27']);
  });
  it('reads measure values and formats numbers', () => {
    expect(measureValues(nodes, 'gatekeeper').get('g2')).toBe(3);
    expect(measureValues(nodes, 'betweenness').get('g1')).toBeNull();
    expect(measureValues(nodes, 'nope').size).toBe(0);
    expect(fmt(1234)).toBe('1,234');
    expect(fmt(0.000123456)).toBe('0.000123');
    expect(fmt(2.5)).toBe('2.50');
    expect(fmt(null)).toBe('–');
    expect(fmt(NaN)).toBe('–');
    // In Finnish, through the library's number formats: a no-break space between thousands, a decimal comma, U+2212.
    setLang('fi');
    try {
      expect(fmt(75000)).toBe('75\u00a0000');
      expect(fmt(1234.56)).toBe('1\u00a0235');
      expect(fmt(2.5)).toBe('2,50');
      expect(fmt(0.346)).toBe('0,346');
      expect(fmt(-0.0123)).toBe('−0,0123');
      expect(fmt(null)).toBe('–');
    } finally {
      setLang('en');
    }
  });
  it('chooses the language: the link, then the choice kept, then the browser, else English', () => {
    expect(initialLang('?sample=x&lang=fi', 'en', ['en-US'])).toBe('fi');
    expect(initialLang('', 'fi', ['en-US'])).toBe('fi');
    expect(initialLang('', null, ['sv-FI', 'fi-FI', 'en'])).toBe('fi');
    expect(initialLang('', null, ['de-DE', 'en-GB', 'fi'])).toBe('en');
    expect(initialLang('?lang=xx', 'nonsense', ['de-DE'])).toBe('en');
  });
  it('reads ESCA criteria in their usual shapes', () => {
    const a = escaRows({ pass: false, criteria: [{ name: 'staff', value: 0.4, threshold: 0.5, pass: false }] });
    expect(a.overall).toBe(false);
    expect(a.rows).toEqual([{ label: 'staff', value: '0.40', required: '0.50', pass: false }]);
    const b = escaRows({ staff: { value: 1, threshold: 0.5, passed: true } });
    expect(b.rows[0]).toEqual({ label: 'staff', value: '1', required: '0.50', pass: true });
    expect(escaRows(null).rows).toEqual([]);
    // The shape of src/metrics/esca.ts: requirement in words preferred over the bare threshold.
    const c = escaRows({
      pass: true,
      year: 2024,
      criteria: [{ id: 'fte', label: 'Staff', requirement: '>= 0.5 FTE', value: 1, threshold: 0.5, pass: true }],
    });
    expect(c.rows[0]).toEqual({ label: 'Staff', value: '1', required: '>= 0.5 FTE', pass: true });
    expect(c.note).toBe('Profile figures of 2024.');
    // The library's own criteria are worded by the library in the app's language.
    const criteria = [
      {
        id: 'staff',
        label: 'Staff of the cluster organisation (FTE)',
        requirement: '≥ 0.5 FTE',
        value: 1.5,
        threshold: 0.5,
        pass: true,
        source: 'profile.staffFte (2024)',
      },
      {
        id: 'companies',
        label: 'Mostly companies (share of firms)',
        requirement: 'more than 50% of actors are firms',
        value: 0.734,
        threshold: 0.5,
        pass: true,
        source: 'helix roles industry and startup',
      },
    ];
    expect(escaRows({ pass: true, year: 2024, criteria }).rows[1]).toEqual({
      label: 'Mostly companies (share of firms)',
      value: '73%',
      required: 'more than 50% of actors are firms',
      pass: true,
    });
    setLang('fi');
    try {
      const fi = escaRows({ pass: true, year: 2024, criteria });
      expect(fi.rows).toEqual([
        { label: 'Klusteriorganisaation henkilöstö (htv)', value: '1,50 htv', required: '≥ 0,5 htv', pass: true },
        {
          label: 'Enimmäkseen yrityksiä (yritysten osuus)',
          value: '73\u00a0%',
          required: 'yli 50\u00a0% toimijoista on yrityksiä',
          pass: true,
        },
      ]);
      expect(fi.note).toBe('Profiilin luvut vuodelta 2024.');
    } finally {
      setLang('en');
    }
  });
  it('reads per-actor E-I indices when present', () => {
    expect(perActorEI({ nodes: [{ id: 'a' }, { id: 'b' }], helix: { eiIndex: { actors: [0.5, -1] } } })!.get('b')).toBe(-1);
    expect(perActorEI({ nodes: [], helix: { eiIndex: { byActor: { x: 0.1 } } } })!.get('x')).toBe(0.1);
    expect(perActorEI({ nodes: [], helix: { eiIndex: 0.3 } })).toBeUndefined();
    // The analyze contract: nodes[].eiIndex.
    const m = perActorEI({
      nodes: [
        { id: 'a', eiIndex: -0.5 },
        { id: 'b', eiIndex: null },
      ],
    })!;
    expect([...m]).toEqual([
      ['a', -0.5],
      ['b', null],
    ]);
  });
});

describe('filtered network export', () => {
  it('keeps the visible actors, their ties in the year, and the activities among them', () => {
    const net = networkFromDocument(smallDoc());
    const f = filteredNetwork(net, new Set(['a', 'b', 'c']), 2012, 'filtered');
    expect(f.graph.order).toBe(3);
    // explicit a-b (2010-13), b-a (2011-16), b-c (2012); projected a-c starts 2014 → dropped
    expect(f.graph.size).toBe(3);
    expect(f.activities).toEqual([{ id: 'p1', kind: 'project', year: 2014, participants: ['a', 'c'] }]);
    expect(f.description).toBe('filtered');
    expect(f.name).toBe('small');
    const all = filteredNetwork(net, new Set(['a', 'b', 'c', 'd', 'e']), null);
    expect(all.graph.size).toBe(net.graph.size);
  });
});

describe('software WebGL detection (the 2D tie layer is used only there)', () => {
  it('recognises software rasterisers by their renderer strings, and nothing else', async () => {
    const { isSoftwareRenderer } = await import('../viz/src/render/canvas-edges.js');
    // what Debian's Chromium reports with --disable-gpu (measured), Mesa's and Windows' software renderers
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
    // hardware GPUs keep sigma's WebGL ties; a hidden renderer string is not taken as software
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });
});

describe('the library door', () => {
  it("the app imports the library only through its browser-safe entry 'helixlab'", async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(resolve(process.cwd(), 'viz/src'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /from\s+['"](\.\.\/)+src\//.test(readFileSync(resolve(process.cwd(), 'viz/src', f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('colouring by attributes and measures', () => {
  it('lists attributes as numeric or categorical, colours categories with "other" for the tail and numbers on a ramp', async () => {
    const { nodeAttributes, categoricalScale, sequentialScale, rampColor, helixScale } = await import('../viz/src/model/colouring.js');
    const g = buildDisplayGraph(networkFromDocument(smallDoc()));
    const attrs = nodeAttributes(g);
    expect(attrs.map((a) => [a.name, a.kind])).toEqual([
      ['sector', 'categorical'],
      ['joined', 'numeric'],
    ]);
    const values = new Map<string, string | null>([...'abcdefghij'].map((k, i) => [k, i < 4 ? 'x' : i < 6 ? 'y' : i < 9 ? `z${i}` : null]));
    const cat = categoricalScale(values, 3);
    expect(cat.entries.map((e) => [e.value, e.count])).toEqual([
      ['x', 4],
      ['y', 2],
    ]);
    expect(cat.other).toEqual({ color: OTHER_COLOR, count: 3, values: 3 });
    expect(cat.missing?.count).toBe(1);
    expect(cat.colorOf('a')).toBe(CATEGORY_COLORS[0]);
    expect(cat.colorOf('g')).toBe(OTHER_COLOR);
    const seq = sequentialScale(
      new Map([
        ['a', 0],
        ['b', 5],
        ['c', 10],
        ['d', null],
      ]),
    );
    expect([seq.min, seq.max, seq.colorOf('a'), seq.colorOf('c'), seq.colorOf('b')]).toEqual([0, 10, '#440154', '#b5de2b', rampColor(0.5)]);
    expect(seq.missing?.count).toBe(1);
    expect(
      sequentialScale(
        new Map([
          ['a', 3],
          ['b', 3],
        ]),
      ).colorOf('a'),
    ).toBe(rampColor(0.5));
    expect(helixScale(g).colorOf('a')).toBe(HELIX_COLORS.industry);
  });
});

describe('map labels', () => {
  it('truncates long names and places labels without overlaps, in priority order', async () => {
    const { placeLabels, truncateLabel } = await import('../viz/src/model/labels.js');
    expect(truncateLabel('Short name')).toBe('Short name');
    const t = truncateLabel('Forschungs- und Entwicklungszentrum für angewandte Systeme GmbH');
    expect([...t].length).toBe(26);
    expect(t.endsWith('…')).toBe(true);
    expect(truncateLabel('😀'.repeat(30), 5)).toBe('😀😀😀😀…');
    // Ten nodes on top of each other: one label fits at each of the four spots, the rest are skipped.
    const cands = Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, x: 200, y: 100, r: 4, text: `Label ${i}` }));
    const placed = placeLabels(cands, (s) => s.length * 7, { width: 400, height: 200, lineHeight: 16, max: 50 });
    expect(placed.map((l) => l.id)).toEqual(['n0', 'n1', 'n2', 'n3']);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!;
        const b = placed[j]!;
        expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).toBe(false);
      }
    // Off the map: not placed; the maximum is respected.
    expect(
      placeLabels([{ id: 'o', x: 395, y: 5, r: 10, text: 'Outside' }], () => 200, { width: 400, height: 200, lineHeight: 16, max: 5 }),
    ).toEqual([]);
    expect(placeLabels(cands, () => 10, { width: 400, height: 200, lineHeight: 16, max: 2 })).toHaveLength(2);
  });
});

describe('actor table and CSV', () => {
  it('sorts with missing values last, filters by folded text and writes CSV with a BOM through the library (plain, and for Excel in Finnish)', async () => {
    const { actorRows, filterRows, sortRows, tableColumns, toCsv } = await import('../viz/src/model/table.js');
    const { nodeAttributes } = await import('../viz/src/model/colouring.js');
    const doc = smallDoc();
    doc.actors[0]!.label = 'Alpha, "the" Oy';
    doc.actors[3]!.label = '=HYPERLINK("x")';
    const g = buildDisplayGraph(networkFromDocument(doc));
    const attrs = nodeAttributes(g);
    const analysis = g.mapNodes((id) => ({ id, degree: g.degree(id), betweenness: id === 'e' ? null : g.degree(id) / 10 }));
    const cols = tableColumns(attrs, true);
    expect(cols.slice(0, 5).map((c) => c.key)).toEqual(['label', 'id', 'helix', 'sector', 'markers']);
    const rows = actorRows(g as never, attrs, analysis, (id) => (id === 'b' ? 'gatekeeper broker' : ''));
    const byBetw = sortRows(rows, 'measure:betweenness', 'desc').map((r) => r.id);
    expect(byBetw[byBetw.length - 1]).toBe('e'); // no value: last
    expect(
      sortRows(rows, 'measure:betweenness', 'asc')
        .map((r) => r.id)
        .at(-1),
    ).toBe('e');
    expect(filterRows(rows, 'alesund', null).map((r) => r.id)).toEqual(['e']);
    expect(filterRows(rows, '', new Set(['a', 'b'])).map((r) => r.id)).toEqual(['a', 'b']);
    const csv = toCsv(cols, sortRows(rows, 'id', 'asc'));
    expect(csv.startsWith('\uFEFFActor,id,Role,Sector,Markers')).toBe(true);
    expect(csv).toContain('\n"Alpha, ""the"" Oy",a,Industry,ict,,2010,3,,0.3,');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`); // not run as a formula
    expect(csv.split('\n').length).toBe(1 + 5 + 1);
    // In Finnish: the headings and role names of the catalogue; for Excel in Finnish `;` and a decimal comma.
    setLang('fi');
    try {
      const fiCols = tableColumns(attrs, true);
      const fiRows = actorRows(g as never, attrs, analysis, () => '');
      const fiCsv = toCsv(fiCols, sortRows(fiRows, 'id', 'asc'), 'excel-fi');
      expect(fiCsv.startsWith('\uFEFFToimija;tunniste;Rooli;Toimiala;Merkinnät;joined;Kumppanit (aste)')).toBe(true);
      expect(fiCsv).toContain('\n"Alpha, ""the"" Oy";a;Yritykset;ict;;2010;3;;0,3;');
      expect(fiCsv).toContain(`"'=HYPERLINK(""x"")";d;Kolmas sektori;`);
      // Finnish sorts å after z.
      expect(sortRows(fiRows, 'label', 'asc').at(-1)!.id).toBe('e');
    } finally {
      setLang('en');
    }
  });
});

describe('the view in the address', () => {
  it('reads and writes the source and the view, and drops what the network lacks with a message each', async () => {
    const { parseUrlState, encodeUrlState, checkView } = await import('../viz/src/model/urlstate.js');
    const q = encodeUrlState(
      { sample: 'tiny.json' },
      {
        color: 'attr:sector',
        roles: ['industry', 'public'],
        sectors: ['a,b', 'ø'],
        minDegree: 2,
        year: 2015,
        ego: { node: 'x:1', depth: 2 },
        selected: 'x:1',
        table: true,
      },
    );
    const back = parseUrlState(q);
    expect(back.source).toEqual({ sample: 'tiny.json' });
    expect(back.view).toEqual({
      color: 'attr:sector',
      roles: ['industry', 'public'],
      sectors: ['a,b', 'ø'],
      minDegree: 2,
      year: 2015,
      ego: { node: 'x:1', depth: 2 },
      selected: 'x:1',
      table: true,
    });
    expect(encodeUrlState({}, { color: 'helix', size: 'degree' })).toBe('');
    expect(parseUrlState('?mindeg=two').problems[0]).toContain("mindeg='two' is not a number");
    const ctx = {
      colourKeys: new Set(['helix', 'attr:sector']),
      sizeKeys: new Set(['degree']),
      labelKeys: new Set(['label', 'id']),
      roles: new Set(HELIX_ROLES as readonly string[]),
      sectors: new Set(['ict']),
      hasNode: (id: string) => id === 'a',
      years: { min: 2010, max: 2015 },
      analysisPending: false,
    };
    const r = checkView(
      { color: 'attr:nope', roles: ['industry', 'oops'], sectors: ['ict', 'mining'], year: 1990, selected: 'zz', label: 'id' },
      ctx,
    );
    expect(r.view).toEqual({ roles: ['industry'], sectors: ['ict'], label: 'id' });
    expect(r.problems).toHaveLength(5);
    // Before the analysis, measures named by a link are kept.
    expect(checkView({ color: 'measure:betweenness' }, { ...ctx, analysisPending: true }).view.color).toBe('measure:betweenness');
  });
});

describe('reading bytes', () => {
  it('tells gzip, zip, images and PDF from text, decompresses gzip, refuses a .gz that is not', async () => {
    const { sniffBytes, readBytes, cordisCountries } = await import('../viz/src/model/files.js');
    const { gzipSync } = await import('node:zlib');
    expect(sniffBytes(new Uint8Array([0x1f, 0x8b, 8]))).toBe('gzip');
    expect(sniffBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffBytes(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('zip');
    expect(sniffBytes(new TextEncoder().encode('%PDF-1.7'))).toBe('pdf');
    expect(sniffBytes(new TextEncoder().encode('id,helix'))).toBe('text');
    const text = 'id,helix\na,industry\n';
    expect((await readBytes('n.csv.gz', new Uint8Array(gzipSync(text)))).file).toEqual({ name: 'n.csv.gz', text });
    expect((await readBytes('n.csv.gz', new TextEncoder().encode(text))).error?.code).toBe('not-gzip');
    expect((await readBytes('b.gz', new Uint8Array([0x1f, 0x8b, 8, 0, 9, 9]))).error?.code).toBe('bad-gzip');
    expect((await readBytes('p.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).error?.message).toContain(
      'PNG image',
    );
    expect((await readBytes('x.bin', new Uint8Array([0x41, 0, 0x42]))).error?.code).toBe('binary-file');
    const cordis = cordisCountries('rcn,pic,type,country\n1,10,PRC,FI\n1,11,HES,SE\n2,10,PRC,FI\n2,12,PUB,FI\n');
    expect(cordis).toEqual({
      total: 3,
      countries: [
        { code: 'FI', organisations: 2 },
        { code: 'SE', organisations: 1 },
      ],
    });
    expect(cordisCountries('id,helix\na,industry\n')).toBeNull();
  });
});

describe('deterministic layout (model/fa2.ts)', () => {
  it('gives the same positions for the same input, whatever the batches; components stay near', async () => {
    const { Fa2Run, DEFAULT_LAYOUT, layoutIterations } = await import('../viz/src/model/fa2.js');
    const { layoutInput } = await import('../viz/src/layout.js');
    const doc: NetworkDocument = {
      format: 'helixlab',
      version: 1,
      actors: Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, label: `N${i}`, helix: HELIX_ROLES[i % 7]! })),
      ties: Array.from({ length: 38 }, (_, i) => ({ source: `n${i}`, target: `n${i < 19 ? (i + 1) % 20 : 20 + ((i + 1) % 20)}` })).filter(
        (t) => t.source !== t.target,
      ),
    };
    const g = buildDisplayGraph(networkFromDocument(doc));
    const input = () => layoutInput(g, () => 5);
    const a = new Fa2Run(input(), DEFAULT_LAYOUT, 300);
    while (!a.finished) a.step(7);
    const b = new Fa2Run(input(), DEFAULT_LAYOUT, 300);
    b.step(1000);
    expect([...a.positions()]).toEqual([...b.positions()]);
    expect(a.iterationsDone).toBe(300);
    const c = new Fa2Run(input(), { ...DEFAULT_LAYOUT, linLog: true }, 300);
    c.step(300);
    expect([...c.positions()]).not.toEqual([...a.positions()]);
    // two rings of 20 (n0–n19, n20–n39): their centres stay within a few ring radii
    const p = a.positions();
    const ring = (from: number) => {
      const xs = Array.from({ length: 20 }, (_, i) => [p[2 * (from + i)]!, p[2 * (from + i) + 1]!] as const);
      const cx = xs.reduce((s, q) => s + q[0], 0) / 20;
      const cy = xs.reduce((s, q) => s + q[1], 0) / 20;
      return { cx, cy, r: Math.max(...xs.map((q) => Math.hypot(q[0] - cx, q[1] - cy))) };
    };
    const r1 = ring(0);
    const r2 = ring(20);
    expect(Math.hypot(r1.cx - r2.cx, r1.cy - r2.cy)).toBeLessThan(4 * Math.max(r1.r, r2.r));
    expect(layoutIterations(100)).toBeGreaterThan(layoutIterations(4000));
  });
});
