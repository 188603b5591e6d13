/**
 * The starting state (year 0): either the network given in the scenario (`start.resolved`, read by
 * the Node loader from `start.network`) or a random cluster from `start.generator`.
 *
 * Generator (substream `start`, so replications differ but regimes under common random numbers
 * start from the same cluster): `counts[role]` members per helix role; industry, startups and
 * financiers get one of `sectors` sectors uniformly (other roles work across sectors: sector −1);
 * `meanDegree × n / 2` acquaintance ties between uniformly drawn pairs, a pair in different sectors
 * kept with probability 1/2 (the prior cooperation clusters grow out of is mostly within a sector,
 * A1); each tie's trust is `trust × U(0.5, 1.5)` capped at 1. Members start fully engaged except a
 * `passiveShare` of them.
 *
 * The anchor firm (when the scenario funds one) is the first industry member.
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import type { Rng } from '../../util/rng.js';
import { HELIX_ROLES } from '../../model/types.js';
import type { Scenario } from '../schema.js';
import type { SimState } from '../state.js';

const SECTORED = new Set([HELIX_ROLES.indexOf('industry'), HELIX_ROLES.indexOf('startup'), HELIX_ROLES.indexOf('financier')]);

export function isSectored(helix: number): boolean {
  return SECTORED.has(helix);
}

export function initState(s: Scenario, st: SimState, rng: Rng): void {
  const passiveShare = s.growth.passiveShare;
  const r = s.start.resolved;
  if (r) {
    for (let i = 0; i < r.helix.length; i++) st.addActor(r.helix[i]!, r.sector[i]!, 0);
    st.nSectors = Math.max(st.nSectors, r.sectorNames.length);
    for (let k = 0; k < r.tieA.length; k++) {
      const a = r.tieA[k]!;
      const b = r.tieB[k]!;
      if (a === b) continue;
      const t = st.tieOf(a, b);
      const tr = Math.min(1, Math.max(0.01, r.tieTrust[k]!));
      if (t < 0) st.addTie(a, b, tr, 0);
      else st.trust[t] = Math.max(st.trust[t]!, tr);
    }
  } else {
    const g = s.start.generator;
    for (let h = 0; h < HELIX_ROLES.length; h++) {
      const c = Math.round(g.counts[HELIX_ROLES[h]!] ?? 0);
      for (let k = 0; k < c; k++) st.addActor(h, SECTORED.has(h) ? rng.int(g.sectors) : -1, 0);
    }
    st.nSectors = Math.max(st.nSectors, g.sectors);
    const n = st.n;
    const target = Math.round((g.meanDegree * n) / 2);
    let tries = 0;
    let made = 0;
    while (made < target && n > 1 && tries < target * 20) {
      tries++;
      const a = rng.int(n);
      const b = rng.int(n);
      if (a === b || st.tieOf(a, b) >= 0) continue;
      const same = st.sector[a] === st.sector[b] && st.sector[a]! >= 0;
      if (!same && rng.next() < 0.5) continue;
      st.addTie(a, b, Math.min(1, g.trust * rng.uniform(0.5, 1.5)), 0);
      made++;
    }
  }
  // the starting ties have not met yet this year
  st.contact.fill(0, 0, st.m);
  for (let i = 0; i < st.n; i++) {
    const passive = rng.next() < passiveShare;
    st.passive[i] = passive ? 1 : 0;
    st.engagement[i] = passive ? 0.15 : 0.8;
  }
  const f = s.funding.anchor;
  if (f.eurPerYear > 0 || f.fte > 0) {
    const ind = HELIX_ROLES.indexOf('industry');
    for (let i = 0; i < st.n; i++) {
      if (st.helix[i] === ind) {
        st.anchor = i;
        st.anchorSector = st.sector[i]!;
        st.passive[i] = 0;
        st.engagement[i] = 1;
        break;
      }
    }
  }
  st.refreshMembers();
}
