/**
 * The simulation's tie table (an open-addressing hash in typed arrays) against a plain Map:
 * random adds and removes with growth and resets; every tie is found by its pair and no absent
 * pair is found.
 */
import { describe, expect, it } from 'vitest';
import { SimState } from '../src/scenario/state.js';
import { createRng } from '../src/util/rng.js';

describe('SimState tie lookup', () => {
  it('agrees with a Map after 40,000 random adds/removes, growth and resets', () => {
    const rng = createRng('state-test').stream('ops');
    for (let round = 0; round < 3; round++) {
      const st = new SimState();
      if (round) st.reset();
      const N = 300;
      for (let i = 0; i < N; i++) st.addActor(0, 0, 0);
      const ref = new Set<number>();
      for (let op = 0; op < 40000; op++) {
        const a = rng.int(N);
        const b = rng.int(N);
        if (a === b) continue;
        const k = Math.min(a, b) * 1e6 + Math.max(a, b);
        if (rng.next() < 0.6) {
          if (st.tieOf(a, b) < 0) {
            st.addTie(a, b, 0.5, 0);
            ref.add(k);
          }
        } else {
          const t = st.tieOf(a, b);
          if (t >= 0) {
            st.removeTie(t);
            ref.delete(k);
          }
        }
        if (op % 5000 === 0 && rng.next() < 0.5) {
          st.reset();
          ref.clear();
          for (let i = 0; i < N; i++) st.addActor(0, 0, 0);
        }
      }
      expect(st.m).toBe(ref.size);
      for (let t = 0; t < st.m; t++) expect(st.tieOf(st.tA[t]!, st.tB[t]!)).toBe(t);
      let ghosts = 0;
      for (let a = 0; a < N; a++) for (let b = a + 1; b < N; b++) if (!ref.has(a * 1e6 + b) && st.tieOf(a, b) !== -1) ghosts++;
      expect(ghosts).toBe(0);
    }
  });
});

describe('Rng: signed state words (no allocation) give the same numbers as before', () => {
  it('nextUint32 keeps its sequence (values from the implementation before the change) and nextInt32 is the same bits', () => {
    // the first words of createRng(42).stream('run', 7), recorded from the previous implementation
    // (state kept as unsigned numbers); the sampled data files in data/ pin the whole sequence too
    const a = createRng(42).stream('run', 7);
    expect([a.nextUint32(), a.nextUint32(), a.nextUint32(), a.nextUint32()]).toEqual([2695860419, 3692534750, 3490048409, 1619908283]);
    const b = createRng(42).stream('run', 7);
    const c = createRng(42).stream('run', 7);
    for (let i = 0; i < 10000; i++) {
      const s = c.nextInt32();
      expect(Number.isInteger(s) && s >= -2147483648 && s <= 2147483647).toBe(true);
      expect(s >>> 0).toBe(b.nextUint32());
    }
  });
});
