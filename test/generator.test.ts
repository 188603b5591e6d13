import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  activitiesPerYear,
  apportion,
  generateCluster,
  groupSizes,
  joinSlots,
  validateGeneratorSpec,
  type EventSpec,
  type GeneratorSpec,
} from '../src/samples/index.js';
import { InputError } from '../src/model/errors.js';
import { HELIX_ROLES, type Activity, type NetworkDocument } from '../src/model/types.js';

const base: GeneratorSpec = {
  name: 'Test cluster',
  counts: { industry: 40, 'research-education': 6, public: 4, 'civil-society': 3, startup: 5, financier: 2, individual: 10 },
  subtypes: { industry: { sme: 0.8, 'large-firm': 0.2 }, 'research-education': { university: 2, uas: 4 } },
  sectors: { food: 2, logistics: 1, packaging: 1 },
  region: 'Testland',
  foundedYear: 2010,
  lastYear: 2020,
  growth: [
    { year: 2010, members: 20 },
    { year: 2015, members: 40 },
    { year: 2020, members: 70 },
  ],
  keyActors: [
    { helix: 'public', subtype: 'development-company', label: 'Coordinator Org', coordinator: true, hosts: ['event', 'section'] },
    { helix: 'research-education', subtype: 'university', joined: 2012 },
  ],
  sections: [
    { id: 's-a', label: 'Section A', size: 30, sectors: ['food'] },
    { id: 's-b', label: 'Section B', size: 25 },
    { id: 's-r', label: 'Research section', size: 6, helixMix: { 'research-education': 1 } },
    { id: 't-x', label: 'Team X', size: 8, kind: 'team' },
  ],
  sectionChairs: true,
  projects: { perYear: 2, size: [3, 6], durationYears: [1, 3], crossHelix: 0.5 },
  events: [
    { label: 'Coffee', perYear: [3, 4], attendance: [5, 12] },
    { label: 'Visit', kind: 'visit', perYear: 1, attendance: [4, 6], fromYear: 2015 },
  ],
  directTies: { perActor: 3, homophily: 0.5, triadicClosure: 0.3 },
  coordinators: ['Some outside body'],
  profile: { form: 'association', focusAreas: ['a', 'b'] },
  seed: 42,
};

function gen(over: Partial<GeneratorSpec> = {}): NetworkDocument {
  return generateCluster({ ...base, ...over });
}

const ofKind = (doc: NetworkDocument, kind: string): Activity[] => (doc.activities ?? []).filter((a) => a.kind === kind);

describe('apportion (largest remainder)', () => {
  it('splits 10 over three equal weights as 4/3/3, the tie going to the first', () => {
    const out = apportion(10, [
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    expect(out.filter((x) => x === 'a')).toHaveLength(4);
    expect(out.filter((x) => x === 'b')).toHaveLength(3);
    expect(out.filter((x) => x === 'c')).toHaveLength(3);
  });
  it('gives 7 over .5/.3/.2 as 4/2/1 (quotas 3.5, 2.1, 1.4)', () => {
    const out = apportion(7, [
      ['x', 0.5],
      ['y', 0.3],
      ['z', 0.2],
    ]);
    expect(out).toEqual(['x', 'x', 'x', 'x', 'y', 'y', 'z']);
  });
  it('keeps integer counts as they are', () => {
    expect(
      apportion(5, [
        ['p', 2],
        ['q', 3],
      ]),
    ).toEqual(['p', 'p', 'q', 'q', 'q']);
  });
});

describe('joinSlots', () => {
  it('spreads actors uniformly without a growth path', () => {
    expect(joinSlots(10, 2000, 2004)).toEqual([2000, 2000, 2001, 2001, 2002, 2002, 2003, 2003, 2004, 2004]);
  });
  it('follows a piecewise-linear growth path (hand-computed)', () => {
    // path 10, 12.5, 15, 17.5, 20 → cumulative 10, 13, 15, 18, 20
    const s = joinSlots(20, 2000, 2004, [
      { year: 2000, members: 10 },
      { year: 2004, members: 20 },
    ]);
    const count = (y: number): number => s.filter((x) => x === y).length;
    expect([2000, 2001, 2002, 2003, 2004].map(count)).toEqual([10, 3, 2, 3, 2]);
  });
  it('scales the path to the number of actors', () => {
    const s = joinSlots(50, 2000, 2001, [
      { year: 2000, members: 1 },
      { year: 2001, members: 2 },
    ]);
    expect(s.filter((y) => y === 2000)).toHaveLength(25);
    expect(s).toHaveLength(50);
  });
});

describe('generateCluster: actors', () => {
  const doc = gen();
  it('makes exactly counts[role] actors per role, in role order, with readable unique ids', () => {
    for (const r of HELIX_ROLES) expect(doc.actors.filter((a) => a.helix === r)).toHaveLength(base.counts[r] ?? 0);
    const ids = doc.actors.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('ind-001');
    expect(ids).toContain('res-006');
    expect(ids).toContain('per-010');
    const order = doc.actors.map((a) => HELIX_ROLES.indexOf(a.helix));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
  it('apportions subtypes exactly (shares and counts) and labels actors plainly', () => {
    const ind = doc.actors.filter((a) => a.helix === 'industry');
    expect(ind.filter((a) => a.subtype === 'sme')).toHaveLength(32);
    expect(ind.filter((a) => a.subtype === 'large-firm')).toHaveLength(8);
    const res = doc.actors.filter((a) => a.helix === 'research-education');
    // one key university + 1 drawn university + 4 UAS
    expect(res.filter((a) => a.subtype === 'university')).toHaveLength(2);
    expect(res.filter((a) => a.subtype === 'uas')).toHaveLength(4);
    for (const a of ind) expect(a.label).toMatch(/^Firm \d+ \((SME|large firm)\)$/);
    expect(doc.actors.find((a) => a.id === 'pub-001')!.label).toBe('Coordinator Org');
  });
  it('gives sectors to firms only, in the given proportions', () => {
    const firms = doc.actors.filter((a) => a.helix === 'industry' || a.helix === 'startup');
    expect(firms.every((a) => a.sector !== undefined)).toBe(true);
    expect(doc.actors.filter((a) => a.helix === 'public').every((a) => a.sector === undefined)).toBe(true);
    // 45 firms over 2:1:1 → 22.5, 11.25, 11.25 → 23, 11, 11
    expect(firms.filter((a) => a.sector === 'food')).toHaveLength(23);
    expect(firms.filter((a) => a.sector === 'logistics')).toHaveLength(11);
  });
  it('spreads joined years along the growth path, pinning key actors', () => {
    const years = doc.actors.map((a) => a.joined!);
    expect(Math.min(...years)).toBe(2010);
    expect(Math.max(...years)).toBeLessThanOrEqual(2020);
    // 70 actors; path 20 → 40 → 70 scaled by 1: cumulative at 2010 = 20, at 2015 = 40
    expect(years.filter((y) => y <= 2010)).toHaveLength(20);
    expect(years.filter((y) => y <= 2015)).toHaveLength(40);
    expect(doc.actors.find((a) => a.id === 'pub-001')!.joined).toBe(2010); // coordinator → founding year
    expect(doc.actors.find((a) => a.id === 'res-001')!.joined).toBe(2012);
  });
});

describe('generateCluster: affiliations', () => {
  const doc = gen();
  const members = doc.actors.filter((a) => a.attributes?.member !== false);
  const sec = (id: string): Activity => doc.activities!.find((a) => a.id === id)!;
  it('fills sections and teams to their sizes (hosts on top)', () => {
    // the coordinator hosts sections: +1 in each section, teams are kind 'team' (not hosted)
    expect(sec('s-a').participants).toHaveLength(31);
    expect(sec('s-b').participants).toHaveLength(26);
    expect(sec('t-x').participants).toHaveLength(8);
  });
  it('gives every member a home section when the sections have room', () => {
    const inSection = new Set(ofKind(doc, 'section').flatMap((a) => a.participants));
    // capacity 30 + 25 + 6 = 61 for 69 members (the host is not drawn); the research-only section can
    // lose home slots to research actors homed elsewhere, so at least 61 - 6 are covered
    const covered = members.filter((m) => m.id !== 'pub-001' && inSection.has(m.id)).length;
    expect(covered).toBeGreaterThanOrEqual(55);
    expect(covered).toBeLessThanOrEqual(61);
    const big = gen({ sections: [{ id: 's', label: 'S', size: 80 }] });
    const all = new Set(big.activities!.filter((a) => a.kind === 'section').flatMap((a) => a.participants));
    expect(big.actors.every((a) => all.has(a.id))).toBe(true);
  });
  it('respects a section helix mix (weight 0 roles never drawn)', () => {
    const ids = sec('s-r').participants.filter((p) => p !== 'pub-001');
    expect(ids).toHaveLength(6);
    expect(ids.every((p) => p.startsWith('res-'))).toBe(true);
  });
  it('draws distinct chairs and vice-chairs and a board of them', () => {
    const sections = ofKind(doc, 'section');
    const chairs = sections.flatMap((s) => [s.attributes!.chair, s.attributes!.viceChair]);
    expect(new Set(chairs).size).toBe(6);
    for (const s of sections) {
      expect(s.participants).toContain(s.attributes!.chair);
      expect(s.participants).toContain(s.attributes!.viceChair);
    }
    const board = doc.activities!.find((a) => a.id === 'board')!;
    expect([...board.participants].sort()).toEqual([...(chairs as string[])].sort());
  });
  it('projects: size, duration, lead, cross-helix share, and only actors already joined', () => {
    const joined = new Map(doc.actors.map((a) => [a.id, a.joined!]));
    const projects = ofKind(doc, 'project');
    expect(projects.length).toBeGreaterThan(5);
    for (const p of projects) {
      expect(p.participants.length).toBeGreaterThanOrEqual(3);
      expect(p.participants.length).toBeLessThanOrEqual(6);
      expect(p.endYear! - p.year! + 1).toBeGreaterThanOrEqual(1);
      expect(p.endYear! - p.year! + 1).toBeLessThanOrEqual(3);
      expect(p.participants).toContain(p.attributes!.lead);
      for (const id of p.participants) expect(joined.get(id)!).toBeLessThanOrEqual(p.year!);
    }
    const role = (id: string): string => doc.actors.find((a) => a.id === id)!.helix;
    const mixed = gen({ projects: { perYear: 3, size: [4, 4], durationYears: [1, 1], crossHelix: 1 } });
    for (const p of ofKind(mixed, 'project')) {
      const lead = p.attributes!.lead as string;
      for (const id of p.participants) if (id !== lead) expect(role(id)).not.toBe(role(lead));
    }
    const same = gen({
      projects: { perYear: 3, size: [3, 3], durationYears: [1, 1], crossHelix: 0 },
      counts: { industry: 30, startup: 1 },
      keyActors: [],
      subtypes: {},
      sections: [],
    });
    for (const p of ofKind(same, 'project')) {
      const lead = p.attributes!.lead as string;
      if (lead.startsWith('ind-')) expect(p.participants.every((id) => id.startsWith('ind-'))).toBe(true);
    }
  });
  it('events: yearly counts in range, attendance in range plus hosts, hosts at every event', () => {
    const coffee = doc.activities!.filter((a) => a.id.startsWith('coffee-'));
    for (let y = 2010; y <= 2020; y++) {
      const n = coffee.filter((a) => a.year === y).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(4);
    }
    for (const e of coffee) {
      expect(e.participants).toContain('pub-001');
      expect(e.participants.length).toBeGreaterThanOrEqual(5);
      expect(e.participants.length).toBeLessThanOrEqual(13);
    }
    const visits = ofKind(doc, 'visit');
    expect(Math.min(...visits.map((v) => v.year!))).toBeGreaterThanOrEqual(2015);
    expect(visits.every((v) => !v.participants.includes('pub-001'))).toBe(true); // hosts 'event', not 'visit'
  });
  it('host year ranges limit hosting', () => {
    const d = gen({
      keyActors: [{ helix: 'public', label: 'Host', hosts: [{ kind: 'event', from: 2013, to: 2014 }], joined: 2010 }],
      events: { label: 'E', perYear: [2, 2], attendance: [3, 3] },
    });
    for (const e of ofKind(d, 'event')) {
      const hosted = e.participants.includes('pub-001');
      if (e.year! >= 2013 && e.year! <= 2014) {
        expect(hosted).toBe(true);
        expect(e.participants).toHaveLength(4); // 3 drawn + the host
      } else {
        expect(e.participants).toHaveLength(3); // outside the range the host is drawn like anyone else
      }
    }
  });
  it('preferential attachment concentrates participation (β = 1.5 vs β = 0)', () => {
    const share = (beta: number, seed: number): number => {
      const d = gen({ attachmentExponent: beta, activityDispersion: 0, seed, events: { perYear: [10, 10], attendance: [8, 8] } });
      const counts = new Map<string, number>();
      for (const e of ofKind(d, 'event')) for (const p of e.participants) counts.set(p, (counts.get(p) ?? 0) + 1);
      const v = [...counts.entries()]
        .filter(([id]) => id !== 'pub-001')
        .map(([, c]) => c)
        .sort((a, b) => b - a);
      const total = v.reduce((a, b) => a + b, 0);
      return v.slice(0, 7).reduce((a, b) => a + b, 0) / total; // top-10 % share
    };
    for (const seed of [1, 2, 3]) expect(share(1.5, seed)).toBeGreaterThan(share(0, seed) + 0.05);
  });
});

describe('generateCluster: direct ties', () => {
  const edgesOf = (d: NetworkDocument): Array<[string, string]> => d.ties.map((t) => [t.source, t.target]);
  it('no self-loops, no duplicate pairs, since within the joined years and lastYear', () => {
    const d = gen();
    const joined = new Map(d.actors.map((a) => [a.id, a.joined!]));
    const seen = new Set<string>();
    for (const t of d.ties) {
      expect(t.source).not.toBe(t.target);
      const key = [t.source, t.target].sort().join('|');
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(t.since!).toBeGreaterThanOrEqual(Math.max(joined.get(t.source)!, joined.get(t.target)!));
      expect(t.since!).toBeLessThanOrEqual(2020);
      expect([1, 2, 3]).toContain(t.weight);
    }
    // mean direct degree ≈ perActor (3): 70 actors → ≈ 105 ties
    expect(d.ties.length).toBeGreaterThan(80);
    expect(d.ties.length).toBeLessThan(130);
  });
  it('homophily 1 ties only the same role; homophily 0 mixes roles', () => {
    const spec: Partial<GeneratorSpec> = {
      counts: { industry: 30, 'research-education': 30 },
      subtypes: {},
      keyActors: [],
      sections: [],
      projects: undefined,
      events: undefined,
      sectors: undefined,
    };
    const role = (d: NetworkDocument, id: string): string => d.actors.find((a) => a.id === id)!.helix;
    const sameShare = (h: number): number => {
      const d = gen({ ...spec, directTies: { perActor: 4, homophily: h, triadicClosure: 0 } });
      const e = edgesOf(d);
      return e.filter(([s, t]) => role(d, s) === role(d, t)).length / e.length;
    };
    expect(sameShare(1)).toBe(1);
    expect(sameShare(0)).toBeLessThan(0.7);
  });
  it('triadic closure raises transitivity', () => {
    const transitivity = (d: NetworkDocument): number => {
      const adj = new Map<string, Set<string>>();
      for (const a of d.actors) adj.set(a.id, new Set());
      for (const [s, t] of edgesOf(d)) {
        adj.get(s)!.add(t);
        adj.get(t)!.add(s);
      }
      let closed = 0;
      let triples = 0;
      for (const [, nb] of adj) {
        const n = [...nb];
        for (let i = 0; i < n.length; i++)
          for (let j = i + 1; j < n.length; j++) {
            triples++;
            if (adj.get(n[i]!)!.has(n[j]!)) closed++;
          }
      }
      return triples === 0 ? 0 : closed / triples;
    };
    const spec = (tc: number, seed: number): Partial<GeneratorSpec> => ({
      sections: [],
      projects: undefined,
      events: undefined,
      seed,
      directTies: { perActor: 4, homophily: 0, triadicClosure: tc },
    });
    for (const seed of [7, 8, 9]) {
      expect(transitivity(gen(spec(0.9, seed)))).toBeGreaterThan(transitivity(gen(spec(0, seed))) + 0.1);
    }
  });
});

describe('generateCluster: determinism and substreams', () => {
  it('same seed → identical document (byte for byte)', () => {
    expect(JSON.stringify(gen())).toBe(JSON.stringify(gen()));
  });
  it('different seed → different ties and memberships', () => {
    const a = gen();
    const b = gen({ seed: 43 });
    expect(JSON.stringify(a.ties)).not.toBe(JSON.stringify(b.ties));
    expect(JSON.stringify(a.activities)).not.toBe(JSON.stringify(b.activities));
    expect(a.actors.map((x) => x.id)).toEqual(b.actors.map((x) => x.id));
  });
  it('string and number seeds both work and differ', () => {
    expect(JSON.stringify(gen({ seed: 'forty-two' }).ties)).not.toBe(JSON.stringify(gen().ties));
  });
  it('changing one step does not shift the others', () => {
    const a = gen();
    const b = gen({
      events: [
        { label: 'Coffee', perYear: [3, 4], attendance: [9, 15] },
        { label: 'Visit', kind: 'visit', perYear: 1, attendance: [4, 6], fromYear: 2015 },
      ],
    });
    expect(b.actors).toEqual(a.actors);
    expect(ofKind(b, 'section')).toEqual(ofKind(a, 'section'));
    expect(ofKind(b, 'project')).toEqual(ofKind(a, 'project'));
    // same number of coffees each year: counts come from their own substream
    const perYear = (d: NetworkDocument): number[] =>
      [2010, 2015, 2020].map((y) => d.activities!.filter((x) => x.id.startsWith('coffee-') && x.year === y).length);
    expect(perYear(b)).toEqual(perYear(a));
    const c = gen({ projects: { perYear: 5, size: [2, 3], durationYears: [1, 1], crossHelix: 0.1 } });
    expect(c.actors).toEqual(a.actors);
    expect(ofKind(c, 'section')).toEqual(ofKind(a, 'section'));
    expect(ofKind(c, 'visit')).toEqual(ofKind(a, 'visit'));
  });
});

describe('groupSizes', () => {
  it('splits as evenly as possible within the size range (hand-computed)', () => {
    expect(groupSizes(20, [4, 6])).toEqual([5, 5, 5, 5]); // 20 / 5 = 4 groups
    // 23 / 5 = 4.6 → 5 groups (within [ceil(23/6), floor(23/4)] = [4, 5]); 23 = 5·4 + 3 → three of 5, two of 4
    expect(groupSizes(23, [4, 6])).toEqual([5, 5, 5, 4, 4]);
    expect(groupSizes(13, [5, 8])).toEqual([7, 6]); // 13 / 6.5 = 2 groups
  });
  it('keeps every group within [low, high] whenever that is possible', () => {
    for (let m = 1; m <= 60; m++)
      for (const [lo, hi] of [
        [2, 2],
        [3, 5],
        [4, 6],
        [5, 8],
      ] as Array<[number, number]>) {
        const g = groupSizes(m, [lo, hi]);
        expect(g.reduce((a, b) => a + b, 0)).toBe(m);
        expect(Math.max(...g) - Math.min(...g)).toBeLessThanOrEqual(1);
        // feasible: some number of groups k with k·lo <= m <= k·hi
        const feasible = Array.from({ length: m }, (_x, i) => i + 1).some((k) => k * lo <= m && m <= k * hi);
        if (feasible) for (const x of g) expect(x >= lo && x <= hi, `${m} in [${lo}, ${hi}]: ${g.join(',')}`).toBe(true);
      }
  });
  it('gives one group when there are fewer people than the smallest group, none for nobody', () => {
    expect(groupSizes(3, [5, 8])).toEqual([3]);
    expect(groupSizes(5, [2, 2])).toEqual([3, 2]); // pairs: one trio is unavoidable
    expect(groupSizes(0, [2, 4])).toEqual([]);
  });
});

describe('generateCluster: small groups, section meetings, contact lists', () => {
  const groupsSpec: Partial<GeneratorSpec> = {
    events: [
      { label: 'Coffee', perYear: [3, 4], attendance: [6, 12], groups: { size: [3, 4], label: 'table' } },
      { label: 'Match', kind: 'matchmaking', perYear: [1, 1], attendance: [6, 9], groups: { size: [2, 2], rounds: 3, withHosts: false } },
    ],
    keyActors: [
      {
        helix: 'public',
        subtype: 'development-company',
        label: 'Coordinator Org',
        coordinator: true,
        hosts: ['event', 'section', 'matchmaking'],
      },
      { helix: 'research-education', subtype: 'university', joined: 2012 },
    ],
  };
  const grouped = gen(groupsSpec);
  const plain = gen({ ...groupsSpec, events: (groupsSpec.events as EventSpec[]).map(({ groups: _g, ...e }) => e) });
  const parts = (doc: NetworkDocument, parent: string): Activity[] => doc.activities!.filter((a) => a.attributes?.partOf === parent);
  it('splits each event into groups: every attendee in exactly one group per round, sizes in range, hosts at every table', () => {
    const coffees = plain.activities!.filter((a) => a.id.startsWith('coffee-'));
    expect(coffees.length).toBeGreaterThan(30);
    for (const ev of coffees) {
      const groups = parts(grouped, ev.id);
      expect(groups.length).toBeGreaterThanOrEqual(1);
      expect(grouped.activities!.some((a) => a.id === ev.id)).toBe(false); // no all-to-all activity left
      const drawn = ev.participants.filter((p) => p !== 'pub-001');
      const seen = groups.flatMap((g) => g.participants.filter((p) => p !== 'pub-001'));
      expect([...seen].sort()).toEqual(drawn); // same attendees as without groups (own substream), each once
      for (const g of groups) {
        expect(g.participants).toContain('pub-001');
        expect(g.kind).toBe('event');
        expect(g.year).toBe(ev.year);
        expect(g.id.startsWith(`${ev.id}-`)).toBe(true);
        expect(g.label).toMatch(/^Coffee \d{4}\/\d+, table \d+$/);
        // every attendance 6..12 can be split into tables of 3-4
        expect(g.participants.length - 1).toBeGreaterThanOrEqual(3);
        expect(g.participants.length - 1).toBeLessThanOrEqual(4);
      }
    }
  });
  it('one-to-one meetings over several rounds, without the host when withHosts is false', () => {
    const matches = plain.activities!.filter((a) => a.id.startsWith('match-'));
    expect(matches).toHaveLength(11);
    for (const ev of matches) {
      const meetings = parts(grouped, ev.id);
      for (let r = 1; r <= 3; r++) {
        const round = meetings.filter((m) => m.id.includes(`-r${r}-`));
        expect(round.flatMap((m) => m.participants).sort()).toEqual(ev.participants.filter((p) => p !== 'pub-001'));
        for (const m of round) {
          expect(m.kind).toBe('matchmaking');
          expect(m.participants).not.toContain('pub-001');
          expect(m.participants.length).toBeGreaterThanOrEqual(2);
          expect(m.participants.length).toBeLessThanOrEqual(3); // an odd attendance leaves one trio
        }
      }
    }
  });
  it('groups make a sparser projection than all-to-all events', () => {
    const pairs = (doc: NetworkDocument): number => {
      const set = new Set<string>();
      for (const a of doc.activities!)
        if (a.kind === 'event' || a.kind === 'matchmaking')
          for (const x of a.participants) for (const y of a.participants) if (x < y) set.add(`${x}|${y}`);
      return set.size;
    };
    expect(pairs(grouped)).toBeLessThan(0.6 * pairs(plain));
  });
  it('activitiesPerYear counts an event with its groups once (hand-computed)', () => {
    const acts: Activity[] = [
      { id: 'e', kind: 'event', year: 2001, participants: [] },
      { id: 'f-1', kind: 'event', year: 2001, participants: [], attributes: { partOf: 'f' } },
      { id: 'f-2', kind: 'event', year: 2001, participants: [], attributes: { partOf: 'f' } },
      { id: 's', kind: 'section', year: 2000, participants: [] },
      { id: 's-wg01', kind: 'section', year: 2000, participants: [], attributes: { partOf: 's' } },
    ];
    expect(activitiesPerYear(acts, 2000, 2002).map((x) => x.value)).toEqual([1, 3, 1]);
    expect(grouped.profile!.activitiesPerYear).toEqual(plain.profile!.activitiesPerYear);
  });
  const met = gen({ sectionMeetings: { core: 5, workingGroups: [4, 6] } });
  const old = gen();
  it('section meetings: a core of chairs and the most active members, working groups partitioning the members', () => {
    for (const s of ofKind(old, 'section')) {
      const core = met.activities!.find((a) => a.id === s.id)!;
      const members = s.participants.filter((p) => p !== 'pub-001');
      expect(core.attributes!.members).toBe(members.length);
      expect(core.attributes!.chair).toBe(s.attributes!.chair); // chairs unchanged
      expect(core.participants).toContain('pub-001'); // the host attends the core meeting
      expect(core.participants).toContain(core.attributes!.chair);
      expect(core.participants).toContain(core.attributes!.viceChair);
      expect(core.participants.filter((p) => p !== 'pub-001')).toHaveLength(Math.min(5, members.length));
      const wgs = parts(met, s.id);
      expect(wgs.flatMap((w) => w.participants).sort()).toEqual(members); // each member in one working group
      for (const w of wgs) {
        expect(w.kind).toBe('section');
        expect(w.participants).not.toContain('pub-001');
        if (members.length >= 4) expect(w.participants.length).toBeGreaterThanOrEqual(4);
        expect(w.participants.length).toBeLessThanOrEqual(6);
      }
    }
    // teams are unaffected
    expect(met.activities!.find((a) => a.id === 't-x')).toEqual(old.activities!.find((a) => a.id === 't-x'));
  });
  it('contact ties: the key actor is tied to everybody it meets nowhere else, once', () => {
    const d = gen({ keyActors: [{ ...base.keyActors![0]!, contactTies: 'information' }, base.keyActors![1]!], directTies: undefined });
    const viaActs = new Set(d.activities!.filter((a) => a.participants.includes('pub-001')).flatMap((a) => a.participants));
    const contacts = d.ties.filter((t) => t.kind === 'information');
    expect(contacts.every((t) => t.source === 'pub-001' && !viaActs.has(t.target))).toBe(true);
    const reached = new Set([...viaActs, ...contacts.map((t) => t.target)]);
    expect(reached.size).toBe(d.actors.length);
    expect(new Set(contacts.map((t) => t.target)).size).toBe(contacts.length);
    expect(contacts.length).toBe(d.actors.length - viaActs.size);
  });
  it('a fixed activity level makes a key actor a regular', () => {
    const times = (doc: NetworkDocument, id: string): number => doc.activities!.filter((a) => a.participants.includes(id)).length;
    const d = gen({ keyActors: [base.keyActors![0]!, { ...base.keyActors![1]!, activity: 50 }] });
    expect(times(d, 'res-001')).toBeGreaterThan(2 * times(old, 'res-001'));
    expect(d.actors).toEqual(old.actors); // nothing else about the actors changes
  });
});

describe('generateCluster: profile and minimal spec', () => {
  it('fills the profile: coordinators (key actors then names), sections, activities per year', () => {
    const d = gen();
    expect(d.profile!.coordinators).toEqual(['pub-001', 'Some outside body']);
    expect(d.profile!.form).toBe('association');
    expect(d.profile!.sections).toEqual(['Section A', 'Section B', 'Research section', 'Team X']);
    expect(d.profile!.activitiesPerYear).toEqual(activitiesPerYear(d.activities!, 2010, 2020));
    expect(d.profile!.attributes).toMatchObject({ foundedYear: 2010, seed: 42 });
    expect(d.actors.find((a) => a.id === 'pub-001')!.attributes).toEqual({ coordinator: true });
  });
  it('activitiesPerYear counts one-off activities, project spans and standing sections (hand-computed)', () => {
    const acts: Activity[] = [
      { id: 's', kind: 'section', year: 2001, participants: [] },
      { id: 'p', kind: 'project', year: 2000, endYear: 2002, participants: [] },
      { id: 'e', kind: 'event', year: 2002, participants: [] },
    ];
    expect(activitiesPerYear(acts, 2000, 2003).map((x) => x.value)).toEqual([1, 2, 3, 1]);
  });
  it('a minimal spec gives actors only', () => {
    const d = generateCluster({ name: 'm', counts: { industry: 5 }, foundedYear: 2020, lastYear: 2020, seed: 1 });
    expect(d.actors).toHaveLength(5);
    expect(d.ties).toEqual([]);
    expect(d.activities).toEqual([]);
    expect(d.profile!.form).toBe('other');
    expect(d.actors.every((a) => a.joined === 2020 && a.label.startsWith('Firm '))).toBe(true);
  });
});

describe('validateGeneratorSpec', () => {
  const fields = (spec: unknown): string[] => {
    try {
      validateGeneratorSpec(spec as GeneratorSpec, 'spec.json');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as InputError).diagnostics.map((d) => `${d.field}: ${d.message}`);
    }
    return [];
  };
  it('accepts the base spec', () => {
    expect(fields(base)).toEqual([]);
  });
  it('names every bad field, with did-you-mean for roles', () => {
    const msgs = fields({
      ...base,
      counts: { industri: 3, public: -1 },
      lastYear: 2000,
      projects: { perYear: 1, size: [5, 2], durationYears: [1, 1], crossHelix: 2 },
      subtypes: { industry: { sme: 3, 'large-firm': 4 } },
    });
    const text = msgs.join('\n');
    expect(text).toContain('counts.industri: unknown helix role "industri" (did you mean "industry"?)');
    expect(text).toContain('counts.public: expected a count >= 0');
    expect(text).toContain('lastYear: lastYear 2000 is before foundedYear 2010');
    expect(text).toContain('projects.size');
    expect(text).toContain('projects.crossHelix');
    expect(text).toContain('subtypes.industry: counts must be integers summing to counts.industry');
  });
  it('rejects more key actors than the role count, and duplicate activity ids', () => {
    const text = fields({
      ...base,
      counts: { industry: 1 },
      keyActors: [{ helix: 'industry' }, { helix: 'industry' }],
      sections: [{ id: 'x', label: 'X', size: 1 }],
      namedActivities: [{ id: 'x', label: 'Y', kind: 'project', year: 2011, size: 1 }],
    }).join('\n');
    expect(text).toContain('2 key actors have role industry but counts.industry is 1');
    expect(text).toContain('duplicate activity id "x"');
  });
  it('checks groups, section meetings, contact ties and activity levels', () => {
    const text = fields({
      ...base,
      events: [{ perYear: 1, attendance: [3, 5], groups: { size: [3, 1], rounds: 0, kind: 'party' } }],
      sectionMeetings: { core: -1, workingGroups: [1, 3] },
      keyActors: [{ helix: 'public', contactTies: 'friendship', activity: 0 }],
    }).join('\n');
    expect(text).toContain('events[0].groups.size: expected [low, high] integers');
    expect(text).toContain('events[0].groups.rounds: expected an integer 1..20');
    expect(text).toContain('events[0].groups.kind: unknown activity kind "party"');
    expect(text).toContain('sectionMeetings.core: expected a size >= 0');
    expect(text).toContain('sectionMeetings.workingGroups: expected [low, high] integers with 2 <= low');
    expect(text).toContain('keyActors[0].contactTies: unknown tie kind "friendship"');
    expect(text).toContain('keyActors[0].activity: expected an activity level > 0');
  });
  it('generateCluster throws the InputError too', () => {
    expect(() => generateCluster({ ...base, counts: {} })).toThrow(InputError);
  });
});

describe('browser safety', () => {
  it('the samples module imports no node: modules', () => {
    const files = ['index.ts', 'spec.ts', 'draw.ts', 'actors.ts', 'activities.ts', 'ties.ts', 'generate.ts', 'cases.ts'];
    for (const f of files.map((x) => `src/samples/${x}`)) {
      const src = readFileSync(f, 'utf8');
      expect(src).not.toMatch(/from ['"]node:/);
      expect(src).not.toMatch(/Math\.random/);
    }
  });
});
