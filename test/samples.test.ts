/**
 * The bundled sample data in data/: the four cookbook cases are exactly what their generator specs
 * give (byte for byte), hold the facts of the cookbook, and load through the HelixLab readers;
 * the tiny hand-made example is the same network in JSON and in CSV.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_CASES, activitiesPerYear, generateCluster } from '../src/samples/index.js';
import { HELIX_ROLES, ORGANISATION_FORMS, type Actor, type NetworkDocument } from '../src/model/types.js';
import { readNetworkFiles } from '../src/node/files.js';
import { writeNetworkJson } from '../src/io/json.js';
import { networkFromDocument, networkToDocument, toSimpleGraph, type SimpleGraph } from '../src/model/network.js';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';

const DATA = join(process.cwd(), 'data');
const read = (file: string): string => readFileSync(join(DATA, file), 'utf8');
const load = (file: string): NetworkDocument => JSON.parse(read(file)) as NetworkDocument;

const psrk = load('construction-psrk.json');
const eventcoast = load('event-industry-eventcoast.json');
const security = load('security-pirkanmaa.json');
const helsinki = load('circular-economy-helsinki.json');

const isMember = (a: Actor): boolean => a.attributes?.member !== false;
const isFirm = (a: Actor): boolean => a.helix === 'industry' || a.helix === 'startup';
const byId = (doc: NetworkDocument, id: string): Actor => doc.actors.find((a) => a.id === id)!;
const count = <T>(xs: readonly T[], f: (x: T) => boolean): number => xs.filter(f).length;

describe('the committed samples are the generator output of the committed specs', () => {
  for (const { file, spec } of SAMPLE_CASES) {
    it(`${file} is byte-identical to generateCluster(spec) (2-space JSON + newline)`, () => {
      expect(read(file)).toBe(JSON.stringify(generateCluster(spec), null, 2) + '\n');
    });
  }
  it('data/ holds exactly the four cases and the tiny example', () => {
    const json = readdirSync(DATA)
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(json).toEqual([...SAMPLE_CASES.map((c) => c.file), 'tiny.json'].sort());
  });
});

describe('every sample is a sane, consistent HelixLab document', () => {
  for (const file of [...SAMPLE_CASES.map((c) => c.file), 'tiny.json']) {
    it(`${file}: format, valid roles and forms, every referenced id exists, unique ids, size`, () => {
      const doc = load(file);
      expect(doc.format).toBe('helixlab');
      expect(doc.version).toBe(1);
      expect(Buffer.byteLength(read(file))).toBeLessThan(500 * 1024);
      const ids = new Set(doc.actors.map((a) => a.id));
      expect(ids.size).toBe(doc.actors.length);
      for (const a of doc.actors) expect(HELIX_ROLES).toContain(a.helix);
      for (const t of doc.ties) {
        expect(ids.has(t.source)).toBe(true);
        expect(ids.has(t.target)).toBe(true);
      }
      const actIds = new Set<string>();
      for (const act of doc.activities ?? []) {
        expect(actIds.has(act.id)).toBe(false);
        actIds.add(act.id);
        for (const p of act.participants) expect(ids.has(p)).toBe(true);
        expect(new Set(act.participants).size).toBe(act.participants.length);
      }
      const profile = doc.profile!;
      expect(ORGANISATION_FORMS).toContain(profile.form);
      for (const c of profile.coordinators) expect(ids.has(c)).toBe(true);
      for (const key of ['chair', 'viceChair', 'lead'])
        for (const act of doc.activities ?? []) {
          const v = act.attributes?.[key];
          if (typeof v === 'string') expect(act.participants).toContain(v);
        }
    });
  }
  for (const { file, spec } of SAMPLE_CASES) {
    it(`${file}: says it is reconstructed with generated ties and its seed; ESCA-style minimums hold`, () => {
      const doc = load(file);
      expect(doc.description).toContain('reconstructed from the cookbook facts; ties generated, not real data');
      expect(doc.description).toContain(`seed ${spec.seed}`);
      expect(doc.source).toMatch(/Klusterikehittämisen keittokirja/);
      expect(doc.profile!.attributes!.seed).toBe(spec.seed);
      // ESCA criteria (cookbook 510-522): >= 15 actors, mostly companies, >= 2 focus areas, >= 5 activities a year
      const members = doc.actors.filter(isMember);
      expect(members.length).toBeGreaterThanOrEqual(15);
      expect(count(members, isFirm) / members.length).toBeGreaterThan(0.45);
      expect(doc.profile!.focusAreas.length).toBeGreaterThanOrEqual(2);
      expect(doc.profile!.activitiesPerYear.at(-1)!.value).toBeGreaterThanOrEqual(5);
      expect(doc.profile!.activitiesPerYear).toEqual(activitiesPerYear(doc.activities!, spec.foundedYear, spec.lastYear));
    });
    it(`${file}: only coordinators carry real names`, () => {
      const doc = load(file);
      const real = ['Skanska', 'YIT', 'NCC', 'Sweco', 'Ramboll', 'WSP', 'SAMK', 'UCPori', 'Oulun yliopisto', 'OAMK', 'Yara', 'ZEF'];
      for (const a of doc.actors) for (const r of real) expect(a.label).not.toContain(r);
      const named = doc.actors.filter((a) => !/^[A-Z][A-Za-z/ -]* \d+( \(.+\))?$/.test(a.label));
      for (const a of named) expect(spec.keyActors?.some((k) => k.label === a.label)).toBe(true);
    });
  }
});

describe('construction cluster (PSRK) facts', () => {
  const members = psrk.actors.filter(isMember);
  it('150 members of which 70 firms; individuals are members; the association itself is not a member', () => {
    expect(members).toHaveLength(150); // cookbook 3328, 5558-5559
    expect(count(members, isFirm)).toBe(70); // 3503
    expect(count(members, (a) => a.helix === 'individual')).toBeGreaterThan(50); // 488-490, 3513-3515
    const assoc = byId(psrk, psrk.profile!.coordinators[0]!);
    expect(assoc.label).toMatch(/Pohjois-Suomen rakennusklusteri ry/);
    expect(assoc.attributes!.member).toBe(false);
  });
  it('6 large founding firms and the University of Oulu since 2001; the authority since 2017', () => {
    const large = members.filter((a) => a.subtype === 'large-firm');
    expect(large).toHaveLength(6);
    expect(large.every((a) => a.joined === 2001)).toBe(true);
    expect(members.find((a) => a.subtype === 'university')!.joined).toBe(2001);
    expect(members.find((a) => a.subtype === 'authority')!.joined).toBe(2017);
    expect(Math.min(...psrk.actors.map((a) => a.joined!))).toBe(2001);
  });
  it('7 sections + 2 teams since 2019, a board of the 14 section chairs and vice-chairs, everyone in a section', () => {
    const sections = psrk.activities!.filter((a) => a.kind === 'section' && a.attributes?.partOf === undefined);
    const workingGroups = psrk.activities!.filter((a) => a.kind === 'section' && a.attributes?.partOf !== undefined);
    const teams = psrk.activities!.filter((a) => a.kind === 'team' && a.id !== 'board');
    expect(sections).toHaveLength(7);
    expect(teams).toHaveLength(2);
    expect(psrk.profile!.sections).toHaveLength(9);
    expect([...sections, ...teams, ...workingGroups].every((s) => s.year === 2019)).toBe(true);
    const board = psrk.activities!.find((a) => a.id === 'board')!;
    expect(board.participants.filter((p) => byId(psrk, p).attributes?.member !== false)).toHaveLength(14);
    // members join a section (3491-3494): each member is in a working group of at least one section
    const inSection = new Set(workingGroups.flatMap((s) => s.participants));
    expect(members.every((m) => inSection.has(m.id))).toBe(true);
    // the executive director coordinates all sections (3447): present at every section's core meeting
    expect(sections.every((s) => s.participants.includes('civ-001'))).toBe(true);
    const ofSection = (id: string): string[] => workingGroups.filter((w) => w.attributes!.partOf === id).flatMap((w) => w.participants);
    for (const s of sections) {
      // the core: chair, vice-chair and 4 more members (+ the executive director); members = its working groups
      expect(s.participants.filter((p) => p !== 'civ-001')).toHaveLength(6);
      expect(s.participants).toContain(s.attributes!.chair);
      expect(s.participants).toContain(s.attributes!.viceChair);
      const wg = ofSection(s.id);
      expect(new Set(wg).size).toBe(wg.length);
      expect(wg).toHaveLength(s.attributes!.members as number);
      for (const p of s.participants) if (p !== 'civ-001') expect(wg).toContain(p);
    }
    for (const w of workingGroups) {
      expect(w.participants.length).toBeGreaterThanOrEqual(4);
      expect(w.participants.length).toBeLessThanOrEqual(6);
    }
    // section sizes as specified: 36/30/24/12/20/26/20 (assumed)
    expect(sections.map((s) => s.attributes!.members)).toEqual([36, 30, 24, 12, 20, 26, 20]);
    const auth = ofSection('sec-authorities');
    for (const m of members.filter((a) => a.subtype === 'authority')) expect(auth).toContain(m.id);
  });
  it('association with one executive director; Business Oulu a member and coordinator; 2024 income 75 % projects, 20 % Business Oulu', () => {
    const p = psrk.profile!;
    expect(p.form).toBe('association');
    expect(p.staffFte.find((y) => y.year === 2020)!.value).toBe(1);
    expect(p.staffFte.find((y) => y.year === 2024)!.value).toBe(4); // ED + 3 project experts (3371, 3564-3565)
    const bo = byId(psrk, p.coordinators[1]!);
    expect(bo.label).toBe('Business Oulu');
    expect(isMember(bo)).toBe(true);
    const f2024 = p.funding.filter((f) => f.year === 2024);
    const total = f2024.reduce((s, f) => s + f.eur, 0);
    expect(f2024.filter((f) => f.type === 'project').reduce((s, f) => s + f.eur, 0) / total).toBeCloseTo(0.75, 10);
    expect(f2024.find((f) => f.source === 'business-oulu')!.eur / total).toBeCloseTo(0.2, 10);
    expect(p.attributes).toMatchObject({ membershipFeeIndividualEur: 50, membershipFeeOrganisationEur: 500 });
  });
});

describe('event industry cluster (Eventcoast) facts', () => {
  it('346 firms reached, all SMEs (no anchor firms), plus development company, municipalities, RDI', () => {
    expect(count(eventcoast.actors, (a) => a.helix === 'industry')).toBe(346); // 4040-4041
    expect(count(eventcoast.actors, (a) => a.subtype === 'large-firm')).toBe(0); // 4113-4115
    expect(count(eventcoast.actors, (a) => a.subtype === 'city')).toBe(12); // 4108-4109
    expect(count(eventcoast.actors, (a) => a.helix === 'research-education')).toBe(2); // 4102-4106
    expect(eventcoast.actors.every((a) => a.joined! >= 2021 && a.joined! <= 2023)).toBe(true);
  });
  it('run as projects of Prizztech Oy: the founding REACT-EU project 2021-2023 and three later projects, project funding only', () => {
    const p = eventcoast.profile!;
    expect(p.form).toBe('development-company-project');
    expect(p.coordinators).toHaveLength(1);
    expect(byId(eventcoast, p.coordinators[0]!).label).toBe('Prizztech Oy');
    const projects = eventcoast.activities!.filter((a) => a.kind === 'project');
    expect(projects).toHaveLength(4);
    const founding = projects.find((a) => a.id === 'prj-founding-react-eu')!;
    expect([founding.year, founding.endYear]).toEqual([2021, 2023]);
    expect(projects.filter((a) => a.year === 2024)).toHaveLength(3);
    expect(p.funding.every((f) => f.type === 'project')).toBe(true);
    expect(eventcoast.activities!.some((a) => a.kind === 'section')).toBe(false); // no formal structure (4121-4126)
    // monthly coffee events (4297-4300), each met at tables of 4-6 firms (+ Prizztech)
    for (let y = 2021; y <= 2025; y++) {
      const tables = eventcoast.activities!.filter((a) => String(a.attributes?.partOf).startsWith('monthly-coffee-') && a.year === y);
      const n = new Set(tables.map((a) => a.attributes!.partOf)).size;
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(12);
      for (const t of tables) {
        expect(t.participants).toContain('pub-001');
        expect(t.participants.length - 1).toBeGreaterThanOrEqual(4);
        expect(t.participants.length - 1).toBeLessThanOrEqual(6);
      }
    }
    // matchmaking (4294-4297): one-to-one meetings Prizztech arranges but does not sit in
    const meetings = eventcoast.activities!.filter((a) => a.kind === 'matchmaking');
    expect(meetings.length).toBeGreaterThan(50);
    for (const m of meetings) {
      expect(m.participants).not.toContain('pub-001');
      expect(m.participants.length).toBeLessThanOrEqual(3);
    }
    // every firm reached is on Prizztech's contact list (1954-1957): no isolated actor
    const tied = new Set(eventcoast.ties.flatMap((t) => [t.source, t.target]));
    for (const a of eventcoast.activities!) for (const p of a.participants) tied.add(p);
    expect(eventcoast.actors.every((a) => tied.has(a.id))).toBe(true);
  });
});

describe('security cluster (Pirkanmaa) facts', () => {
  it('>110 member organisations, no individual members, ~30 founding actors in 2011', () => {
    expect(security.actors.length).toBeGreaterThan(110); // 4983-4984
    expect(count(security.actors, (a) => a.helix === 'individual')).toBe(0); // 4985-4988
    expect(count(security.actors, (a) => a.joined === 2011)).toBe(30); // 4922-4924
  });
  it('contract-based, three coordinators (Business Tampere, Tampere University, Regional Council), 1 FTE, no fee', () => {
    const p = security.profile!;
    expect(p.form).toBe('contract-based');
    expect(p.coordinators.map((c) => byId(security, c).label)).toEqual([
      'Business Tampere',
      'Regional Council of Pirkanmaa (Pirkanmaan liitto)',
      'Tampere University (Tampereen yliopisto)',
    ]);
    expect(p.staffFte.every((y) => y.value === 1)).toBe(true); // 4948-4951
    expect(p.attributes!.membershipFee).toBe(false);
    expect(p.focusAreas).toHaveLength(5); // 5114-5123
  });
  it('the coordination relay: earlier coordinators host events in their years, Business Tampere from 2020', () => {
    const events = security.activities!.filter((a) => a.kind === 'event');
    const police = security.actors.find((a) => a.label.startsWith('Police University College'))!;
    const bt = security.actors.find((a) => a.label === 'Business Tampere')!;
    for (const e of events) {
      if (e.year! <= 2013) expect(e.participants).toContain(police.id);
      if (e.year! >= 2020) expect(e.participants).toContain(bt.id);
    }
    // member visits 6-8 a year (5147-5153)
    for (let y = 2018; y <= 2025; y++) {
      const n = count(security.activities!, (a) => a.kind === 'visit' && a.year === y);
      expect(n).toBeGreaterThanOrEqual(6);
      expect(n).toBeLessThanOrEqual(8);
    }
  });
});

describe('circular economy cluster (Helsinki) facts', () => {
  it('~180 actors in 2025, 80 in 2021, >150 by 2024; city-run with 4 FTE', () => {
    expect(helsinki.actors).toHaveLength(180); // 2491-2492
    expect(count(helsinki.actors, (a) => a.joined! <= 2021)).toBe(80); // 2490-2491
    expect(count(helsinki.actors, (a) => a.joined! <= 2024)).toBeGreaterThan(150); // 5574-5578
    const p = helsinki.profile!;
    expect(p.form).toBe('city-programme');
    expect(p.staffFte.find((y) => y.year === 2024)!.value).toBe(4); // 1937-1938
    expect(byId(helsinki, p.coordinators[0]!).subtype).toBe('city');
    // the city funds and joins every pilot (6377-6381)
    expect(helsinki.activities!.filter((a) => a.kind === 'project').every((a) => a.participants.includes(p.coordinators[0]!))).toBe(true);
  });
});

/**
 * The projected one-mode networks must be usable for network analysis: sparse (observed cluster
 * networks of 100-400 actors have densities of roughly 0.03-0.15), core-periphery with heavy-tailed
 * degrees, clustered (transitivity well above density) and with the coordinators among the hubs and
 * brokers. Measured values (all years, simple graph) are pinned so that a change shows up here.
 */
describe('the samples are sparse, clustered, core-periphery networks', () => {
  const expected: Record<string, { pairs: number; density: [number, number] }> = {
    'construction-psrk.json': { pairs: 1249, density: [0.1, 0.12] },
    'event-industry-eventcoast.json': { pairs: 3140, density: [0.04, 0.05] },
    'security-pirkanmaa.json': { pairs: 807, density: [0.12, 0.14] },
    'circular-economy-helsinki.json': { pairs: 1372, density: [0.08, 0.09] },
  };
  const simple = new Map<string, SimpleGraph>();
  const graphOf = (file: string): SimpleGraph => {
    if (!simple.has(file)) simple.set(file, toSimpleGraph(networkFromDocument(load(file))));
    return simple.get(file)!;
  };
  const degreesOf = (g: SimpleGraph): number[] => g.nodes().map((v) => g.degree(v));
  for (const { file } of SAMPLE_CASES) {
    it(`${file}: density within 0.04-0.15 (pinned pair count), no activity larger than 16`, () => {
      const g = graphOf(file);
      const n = g.order;
      const density = (2 * g.size) / (n * (n - 1));
      expect(g.size).toBe(expected[file]!.pairs);
      expect(density).toBeGreaterThanOrEqual(0.04);
      expect(density).toBeLessThanOrEqual(0.15);
      expect(density).toBeGreaterThanOrEqual(expected[file]!.density[0]);
      expect(density).toBeLessThanOrEqual(expected[file]!.density[1]);
      for (const a of load(file).activities!) expect(a.participants.length, a.id).toBeLessThanOrEqual(16);
    });
    it(`${file}: heavy-tailed degrees, transitivity well above density, no isolates`, () => {
      const g = graphOf(file);
      const d = degreesOf(g).sort((a, b) => a - b);
      const n = d.length;
      const median = d[Math.floor(n / 2)]!;
      const p90 = d[Math.floor(0.9 * n)]!;
      const mean = d.reduce((a, b) => a + b, 0) / n;
      expect(d[0]).toBeGreaterThan(0);
      expect(mean).toBeGreaterThan(median); // right-skewed
      expect(p90).toBeGreaterThanOrEqual(2.5 * median);
      expect(d[n - 1]).toBeGreaterThanOrEqual(5 * median);
      // transitivity (global clustering) = closed / connected triples
      let closed = 0;
      let triples = 0;
      g.forEachNode((v) => {
        const nb = g.neighbors(v);
        triples += (nb.length * (nb.length - 1)) / 2;
        for (let i = 0; i < nb.length; i++) for (let j = i + 1; j < nb.length; j++) if (g.hasEdge(nb[i]!, nb[j]!)) closed++;
      });
      const density = (2 * g.size) / (n * (n - 1));
      expect(closed / triples).toBeGreaterThan(2.5 * density);
    });
    it(`${file}: a coordinator is among the top 10 by degree and the top 3 by betweenness`, () => {
      const g = graphOf(file);
      const coordinators = load(file).profile!.coordinators;
      const byDegree = g.nodes().sort((a, b) => g.degree(b) - g.degree(a) || (a < b ? -1 : 1));
      expect(coordinators.some((c) => byDegree.slice(0, 10).includes(c))).toBe(true);
      const bc = betweennessCentrality(g, { getEdgeWeight: null });
      const byBetweenness = Object.keys(bc).sort((a, b) => bc[b]! - bc[a]! || (a < b ? -1 : 1));
      expect(coordinators.some((c) => byBetweenness.slice(0, 3).includes(c))).toBe(true);
    });
  }
  it('the co-coordinators and the RDI partners are brokers too (top 10 by betweenness)', () => {
    const top10 = (file: string): string[] => {
      const bc = betweennessCentrality(graphOf(file), { getEdgeWeight: null });
      return Object.keys(bc)
        .sort((a, b) => bc[b]! - bc[a]! || (a < b ? -1 : 1))
        .slice(0, 10);
    };
    // Pirkanmaa: all three coordinators
    expect(top10('security-pirkanmaa.json')).toEqual(expect.arrayContaining(security.profile!.coordinators));
    // PSRK: the University of Oulu (founding member); Eventcoast: UCPori and SAMK
    expect(top10('construction-psrk.json')).toContain('res-001');
    expect(top10('event-industry-eventcoast.json')).toEqual(expect.arrayContaining(['res-001', 'res-002']));
  });
});

describe('the tiny hand-made example', () => {
  const tiny = load('tiny.json');
  it('has ~12 actors covering every helix role, free attributes, coordinators and a profile', () => {
    expect(tiny.actors).toHaveLength(12);
    expect(new Set(tiny.actors.map((a) => a.helix))).toEqual(new Set(HELIX_ROLES));
    expect(tiny.actors[0]!.attributes).toEqual({ employees: 420, note: 'anchor firm, exports' });
    expect(tiny.profile!.coordinators).toEqual(['pub-001', 'pub-002']);
    expect(tiny.profile!.activitiesPerYear).toEqual(activitiesPerYear(tiny.activities!, 2019, 2023));
  });
});

describe('loading through the HelixLab readers', () => {
  for (const file of [...SAMPLE_CASES.map((c) => c.file), 'tiny.json']) {
    it(`${file} loads without errors or warnings and writes back byte-identically`, () => {
      const res = readNetworkFiles([join('data', file)]);
      expect(res.format).toBe('json');
      expect(res.warnings).toEqual([]);
      expect(writeNetworkJson(res.network)).toBe(read(file));
    });
  }
  it('data/tiny/*.csv loads and is the same network as data/tiny.json', () => {
    const csv = readNetworkFiles(['data/tiny/nodes.csv', 'data/tiny/edges.csv', 'data/tiny/affiliations.csv']);
    expect(csv.format).toBe('csv');
    expect(csv.warnings).toEqual([]);
    const fromCsv = networkToDocument(csv.network);
    const json = load('tiny.json');
    expect(fromCsv.actors).toEqual(json.actors);
    expect(fromCsv.ties).toEqual(json.ties);
    expect(fromCsv.activities).toEqual(json.activities);
    // 12 ties + the projection of the section (C(5,2) = 10), the pilot (10) and the food day (C(9,2) = 36)
    expect(csv.network.graph.order).toBe(12);
    expect(csv.network.graph.size).toBe(12 + 10 + 10 + 36);
  });
});
