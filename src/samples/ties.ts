/**
 * Step 8 of the sample generator: the direct ties between actors.
 *
 * 8. **Direct ties** (`ties`): each actor (in id order) starts `Poisson(perActor / 2)` cooperation
 *    ties, so the mean direct degree is about `perActor`. With probability `triadicClosure` the
 *    partner is a neighbour's neighbour (**triadic closure**): two random-walk steps, each to a
 *    uniformly chosen entry among the actor's direct ties made so far and its activities (then a
 *    random co-participant), up to 10 tries for the second step. Otherwise, or when that finds no new
 *    partner, the partner is drawn with **homophily**, weight `a_k · ((1 − h) + h · s(i,k))`,
 *    `h = homophily`, `s = 1` for the same role and sector, 0.5 for the same role and another sector,
 *    0 for another role (exact rejection sampling from `a_k`, then one weighted scan after 200
 *    rejections). Tie strength is uniform on {1, 2, 3}; `since` is the later joining year plus
 *    0–2 years (capped at `lastYear`). No self-loops, no duplicate pairs.
 *    **Contact lists**: a key actor with `contactTies: kind` (an association's member register, a
 *    development company's contact list) gets a direct tie of that kind (weight 1, `since` the later
 *    joining year) to every actor it shares no activity and no direct tie with, in id order (no
 *    randomness).
 *
 * Browser-safe: no Node imports.
 */
import type { Activity, Tie } from '../model/types.js';
import type { Rng } from '../util/rng.js';
import type { Work } from './actors.js';
import { drawIndex, drawMasked } from './draw.js';
import type { GeneratorSpec } from './spec.js';

/** An actor while drawing direct ties. */
interface TieNode {
  w: Work;
  /** The participant lists of the actor's activities, in activity order. */
  acts: TieNode[][];
  /** Direct partners so far, in the order the ties were made. */
  partners: TieNode[];
  /** Indices (`Work.idx`) of the direct partners so far. */
  direct: Set<number>;
}

/** Similarity for homophily: 1 for the same role and sector (or no sector), 0.5 for another sector, 0 for another role. */
function similarity(a: Work, b: Work): number {
  if (a.actor.helix !== b.actor.helix) return 0;
  return a.actor.sector === undefined || b.actor.sector === undefined || a.actor.sector === b.actor.sector ? 1 : 0.5;
}

/** Step 8: the direct cooperation ties (triadic closure and homophily). */
export function drawDirectTies(spec: GeneratorSpec, root: Rng, work: readonly Work[], activities: readonly Activity[]): Tie[] {
  const ties: Tie[] = [];
  const d = spec.directTies;
  if (d === undefined || !(d.perActor > 0) || work.length <= 1) return ties;
  const trng = root.stream('ties');
  // `work[i].idx === i`: the nodes are in the same order, so `nodes[x.idx]` is the node of `x`.
  const nodes: TieNode[] = work.map((w) => ({ w, acts: [], partners: [], direct: new Set<number>() }));
  const nodeOf = new Map(nodes.map((n) => [n.w.actor.id, n] as const));
  // Two-mode adjacency: the activities of each actor and the participants of each activity.
  for (const act of activities) {
    const ps = act.participants.flatMap((id) => nodeOf.get(id) ?? []);
    for (const n of ps) n.acts.push(ps);
  }
  /** One random-walk step: a direct partner or, via one of the actor's activities, a co-participant. */
  const step = (n: TieNode): TieNode | undefined => {
    const nd = n.partners.length;
    const na = n.acts.length;
    if (nd + na === 0) return undefined;
    const r = trng.int(nd + na);
    if (r < nd) return n.partners[r];
    const ps = n.acts[r - nd];
    if (ps === undefined || ps.length < 2) return undefined;
    // a co-participant other than n: one of the first length − 1, n's place taken by the last
    const x = ps[trng.int(ps.length - 1)];
    return x === n ? ps[ps.length - 1] : x;
  };
  const hw = new Float64Array(work.length);
  const cum = new Float64Array(work.length);
  let totalActivity = 0;
  for (const x of work) cum[x.idx] = totalActivity += x.activity;
  /** A node drawn ∝ activity (binary search of the cumulative activities). */
  const byActivity = (): TieNode | undefined => {
    const u = trng.next() * totalActivity;
    let lo = 0;
    let hi = work.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > u)
        hi = mid; // 0 <= lo <= mid < hi <= work.length - 1: in range
      else lo = mid + 1;
    }
    return nodes[lo];
  };
  for (const me of nodes) {
    const w = me.w;
    const m = trng.poisson(d.perActor / 2);
    for (let t = 0; t < m; t++) {
      let partner: TieNode | undefined;
      if (trng.bernoulli(d.triadicClosure)) {
        const j = step(me);
        for (let tries = 0; j !== undefined && tries < 10 && !partner; tries++) {
          const k = step(j);
          if (k !== undefined && k !== me && !me.direct.has(k.w.idx)) partner = k;
        }
      }
      if (!partner) {
        // Rejection sampling: propose k ∝ a_k, accept with probability (1 − h) + h·s(i,k) (exact);
        // after 200 rejections fall back to one exact weighted scan.
        for (let tries = 0; tries < 200 && !partner; tries++) {
          const k = byActivity();
          if (k === undefined || k === me || me.direct.has(k.w.idx)) continue;
          if (trng.next() < 1 - d.homophily + d.homophily * similarity(w, k.w)) partner = k;
        }
      }
      if (!partner) {
        for (const x of work) {
          hw[x.idx] = x.idx === w.idx || me.direct.has(x.idx) ? 0 : x.activity * (1 - d.homophily + d.homophily * similarity(w, x));
        }
        let i = drawIndex(trng, hw);
        if (i < 0)
          i = drawMasked(
            trng,
            Float64Array.from(work, () => 1),
            (x) => x !== w.idx && !me.direct.has(x),
          );
        partner = nodes[i]; // undefined for -1: nobody left to tie to
      }
      if (!partner) break;
      me.direct.add(partner.w.idx);
      partner.direct.add(w.idx);
      me.partners.push(partner);
      partner.partners.push(me);
      const since = Math.min(spec.lastYear, Math.max(w.joined, partner.w.joined) + trng.int(3));
      ties.push({ source: w.actor.id, target: partner.w.actor.id, kind: 'cooperation', weight: 1 + trng.int(3), since });
    }
  }
  return ties;
}

/**
 * Step 8b, contact lists (no randomness): a tie of the key actor's `contactTies` kind from it to
 * every actor it shares no activity and no direct tie with. Appends to `ties`.
 */
export function addContactTies(work: readonly Work[], activities: readonly Activity[], ties: Tie[]): void {
  for (const w of work) {
    const kind = w.key?.contactTies;
    if (kind === undefined) continue;
    const known = new Set<string>([w.actor.id]);
    for (const act of activities) if (act.participants.includes(w.actor.id)) for (const p of act.participants) known.add(p);
    for (const t of ties) {
      if (t.source === w.actor.id) known.add(t.target);
      if (t.target === w.actor.id) known.add(t.source);
    }
    for (const x of work) {
      if (known.has(x.actor.id)) continue;
      ties.push({ source: w.actor.id, target: x.actor.id, kind, weight: 1, since: Math.max(w.joined, x.joined) });
    }
  }
}
