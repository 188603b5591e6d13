/**
 * Tie decay and dissolution (after the SKIN / NEMO innovation-network models: a tie's value rises
 * with joint work, decays between contacts, and the tie is removed when it falls below a baseline
 * while the pair no longer works together).
 *
 * For every tie without contact this year and without a running joint project:
 *   trust ← trust × (1 − decay);  the tie dissolves when trust < dissolveBelow.
 * Every tie's contact flag is then reset for the next year. Deterministic (no random numbers).
 */
import type { Scenario } from '../schema.js';
import type { SimState } from '../state.js';

export function decayTies(s: Scenario, st: SimState): void {
  const keep = 1 - s.trust.decay;
  const floor = s.trust.dissolveBelow;
  for (let t = st.m - 1; t >= 0; t--) {
    if (st.contact[t] || st.projects[t]! > 0) {
      st.contact[t] = 0;
      continue;
    }
    const v = st.trust[t]! * keep;
    if (v < floor) st.removeTie(t);
    else st.trust[t] = v;
  }
}
