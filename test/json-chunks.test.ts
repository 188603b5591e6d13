/**
 * jsonChunks: the pieces concatenated are exactly JSON.stringify(value, replacer, 2), whatever the
 * depth of the split; the analysis JSON written piece by piece is the same bytes as in one string.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonChunks, type JsonReplacer } from '../src/util/json-chunks.js';
import { analyzeNetwork, networkFromDocument, renderAnalysisJson, renderAnalysisJsonChunks } from '../src/index.js';
import { smallDoc } from './fixtures/analyze-small.js';

const finite: JsonReplacer = (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
const join = (it: Iterable<string>): string => [...it].join('');

describe('jsonChunks', () => {
  it('matches JSON.stringify on awkward values', () => {
    const values: unknown[] = [
      {},
      [],
      { a: [], b: {}, c: [{}], d: [[]] },
      { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('x')], d: null },
      { n: [NaN, Infinity, -Infinity, 0, -0, 1e308] },
      { date: new Date(0), nested: { toJSON: () => ({ x: 1 }) } },
      { '': { '': 5 }, 'k"ey': 'v\n"' },
      [1, 'two', [3, [4, [5]]], { six: { seven: [8] } }],
      'plain',
      42,
      null,
    ];
    for (const v of values) {
      for (const depth of [0, 1, 2, 5]) {
        expect(join(jsonChunks(v, undefined, depth))).toBe(JSON.stringify(v, undefined, 2));
        expect(join(jsonChunks(v, finite, depth))).toBe(JSON.stringify(v, finite, 2));
      }
    }
    expect(join(jsonChunks(undefined))).toBe('');
  });

  it('matches JSON.stringify on random JSON values (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 4 }), (v, depth) => {
        expect(join(jsonChunks(v, finite, depth))).toBe(JSON.stringify(v, finite, 2));
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('a replacer that is not idempotent is applied once per value, as JSON.stringify does', () => {
    const twice: JsonReplacer = (_k, v) => (typeof v === 'number' ? v + 1 : v);
    const v = { a: 1, b: [1, 2, { c: 3 }], d: { e: [4] } };
    for (const depth of [0, 1, 2, 3]) expect(join(jsonChunks(v, twice, depth))).toBe(JSON.stringify(v, twice, 2));
  });

  it('writes the analysis JSON in pieces with the same bytes', () => {
    const net = networkFromDocument(smallDoc());
    const r = analyzeNetwork(net, { seed: 7, permutations: 50 });
    const pieces = [...renderAnalysisJsonChunks(r)];
    expect(pieces.length).toBeGreaterThan(4);
    expect(pieces.join('')).toBe(renderAnalysisJson(r));
  });
});
