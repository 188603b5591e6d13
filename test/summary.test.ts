/**
 * Network summary and helix coverage: hand-computed small cases.
 */
import { describe, expect, it } from 'vitest';
import { helixCoverage, summarizeNetwork } from '../src/model/summary.js';
import { networkFromDocument } from '../src/model/network.js';
import type { Actor, HelixRole, NetworkDocument } from '../src/model/types.js';

const actor = (id: string, helix: HelixRole, subtype?: string): Actor =>
  subtype ? { id, label: id, helix, subtype } : { id, label: id, helix };

describe('helixCoverage', () => {
  it('nothing present: every strand missing', () => {
    expect(helixCoverage({})).toEqual({
      triple: false,
      quadruple: false,
      penta: false,
      missing: {
        triple: ['industry', 'research-education', 'public'],
        quadruple: ['industry', 'research-education', 'public', 'civil-society'],
        penta: ['industry', 'research-education', 'public', 'startup', 'financier'],
      },
    });
  });

  it('triple helix only', () => {
    const c = helixCoverage({ industry: 4, 'research-education': 1, public: 2, individual: 9 });
    expect([c.triple, c.quadruple, c.penta]).toEqual([true, false, false]);
    expect(c.missing.quadruple).toEqual(['civil-society']);
    expect(c.missing.penta).toEqual(['startup', 'financier']);
  });

  it('penta (Nordic hub usage) does not need civil society; quadruple does not need startups', () => {
    const penta = helixCoverage({ industry: 1, 'research-education': 1, public: 1, startup: 1, financier: 1 });
    expect([penta.triple, penta.quadruple, penta.penta]).toEqual([true, false, true]);
    const quad = helixCoverage({ industry: 1, 'research-education': 1, public: 1, 'civil-society': 1 });
    expect([quad.triple, quad.quadruple, quad.penta]).toEqual([true, true, false]);
  });

  it('a zero count is absent', () => {
    expect(helixCoverage({ industry: 1, 'research-education': 0, public: 1 }).missing.triple).toEqual(['research-education']);
  });
});

describe('summarizeNetwork', () => {
  const doc: NetworkDocument = {
    format: 'helixlab',
    version: 1,
    actors: [
      actor('a', 'industry', 'sme'),
      actor('b', 'industry', 'sme'),
      actor('c', 'industry'),
      actor('u', 'research-education', 'university'),
      actor('p', 'public', 'city'),
      actor('x', 'startup'),
      actor('y', 'financier'),
      actor('z', 'individual'),
    ],
    ties: [
      { source: 'a', target: 'b', weight: 1 },
      { source: 'b', target: 'a', weight: 2, kind: 'supply' }, // parallel: one pair
      { source: 'u', target: 'p' },
      { source: 'x', target: 'x' }, // self-loop: connects nothing
    ],
    activities: [{ id: 'E', kind: 'event', participants: ['a', 'u', 'y'] }],
  };
  const s = summarizeNetwork(networkFromDocument(doc));

  it('counts roles and subtypes', () => {
    expect(s.actors).toBe(8);
    expect(s.roles).toEqual({
      industry: 3,
      'research-education': 1,
      public: 1,
      'civil-society': 0,
      startup: 1,
      financier: 1,
      individual: 1,
    });
    expect(s.subtypes.industry).toEqual({ sme: 2, unspecified: 1 });
    expect(s.subtypes['civil-society']).toBeUndefined();
  });

  it('counts ties, pairs, components and isolates by hand', () => {
    // explicit 4; projected E: a-u, a-y, u-y = 3. Pairs: a-b, u-p, a-u, a-y, u-y = 5.
    expect(s.ties).toEqual({ explicit: 4, projected: 3, selfLoops: 1, pairs: 5, density: 5 / 28 });
    // components: {a,b,u,p,y}, {c}, {x}, {z}
    expect(s.components).toEqual({ count: 4, largest: 5 });
    expect(s.isolates).toBe(3);
    expect(s.activities).toBe(1);
    expect(s.activitiesByKind).toEqual({ event: 1 });
  });

  it('gives the coverage of the roles present', () => {
    expect(s.coverage.triple).toBe(true);
    expect(s.coverage.penta).toBe(true);
    expect(s.coverage.quadruple).toBe(false);
  });

  it('summarises the profile headline from the latest year', () => {
    const withProfile = networkFromDocument({
      ...doc,
      profile: {
        name: 'P',
        form: 'city-programme',
        coordinators: ['p'],
        staffFte: [
          { year: 2024, value: 4 },
          { year: 2022, value: 1 },
        ],
        funding: [
          { source: 'city', type: 'long-term', year: 2024, eur: 300 },
          { source: 'city', type: 'long-term', year: 2024, eur: 100 },
          { source: 'erdf', type: 'project', year: 2023, eur: 999 },
        ],
        activitiesPerYear: [],
        focusAreas: ['a'],
        sections: [],
      },
    });
    expect(summarizeNetwork(withProfile).profile).toEqual({
      name: 'P',
      form: 'city-programme',
      coordinators: ['p'],
      staffFte: { year: 2024, value: 4 },
      funding: { year: 2024, eur: 400, byType: { 'long-term': 400 } },
      focusAreas: ['a'],
      sections: 0,
    });
  });

  it('an empty network', () => {
    const e = summarizeNetwork(networkFromDocument({ format: 'helixlab', version: 1, actors: [], ties: [] }));
    expect(e.components).toEqual({ count: 0, largest: 0 });
    expect(e.ties.density).toBe(0);
  });
});
