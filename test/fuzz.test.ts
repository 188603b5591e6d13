/**
 * Fuzzing every reader and the scenario parser (fast-check): valid seed files are mutated (bytes
 * and tokens inserted, deleted, duplicated, replaced; cut short; nested deeper) and each reader must
 * either read the result or reject it with an `InputError` (exit 2 in the CLI) — never another
 * exception, never a stack overflow — and in time linear in the input (a generous bound per
 * input). The compact CSV reader must also agree with the graphology reader on what it accepts.
 *
 * Briefly in `npm test` (FUZZ_RUNS, default 25 inputs per reader, a fixed seed); at length with
 * `npm run fuzz` (scripts/fuzz.mjs: thousands of inputs, a random seed). When an input breaks a
 * reader and FUZZ_SAVE is set, it is written to test/fixtures/fuzz/<reader>/ — commit it: the
 * corpus there is replayed by the first test below on every run.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { DOMParser } from '@xmldom/xmldom';
import { decodeBytes } from '../src/node/files.js';
import { InputError } from '../src/model/errors.js';
import { parseNetworkJson } from '../src/io/json.js';
import { loadNetwork } from '../src/io/load.js';
import { parseGexf } from '../src/io/gexf.js';
import { parseGraphml } from '../src/io/graphml.js';
import { parseCordis } from '../src/io/cordis.js';
import { parseScenario } from '../src/scenario/parse.js';
import { CompactCsvReader } from '../src/io/csv-compact.js';
import { parseCsv } from '../src/util/csv.js';
import type { DomParserConstructor } from '../src/io/xml.js';

const root = process.cwd();
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 25);
const SEED = process.env['FUZZ_SEED'] !== undefined ? Number(process.env['FUZZ_SEED']) : 20251202;
const SAVE = process.env['FUZZ_SAVE'] !== undefined;
/** Milliseconds a reader may take per input of up to ~100 kB (linear readers take a few). */
const TIME_LIMIT = Number(process.env['FUZZ_TIME_LIMIT'] ?? 5000);
const corpusDir = join(root, 'test/fixtures/fuzz');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const domParser = DOMParser as unknown as DomParserConstructor;

interface Reader {
  name: string;
  ext: string;
  seeds: string[];
  run(text: string): void;
}

const READERS: Reader[] = [
  {
    name: 'json',
    ext: 'json',
    seeds: [read('data/tiny.json'), read('test/fixtures/good/cluster.json')],
    run: (text) => void parseNetworkJson({ name: 'f.json', text }),
  },
  {
    name: 'csv',
    ext: 'csv',
    seeds: [read('data/tiny/nodes.csv'), read('test/fixtures/good/harbour.nodes.csv'), read('test/fixtures/good/tabbed.nodes.csv')],
    run: (text) => void loadNetwork([{ name: 'f.nodes.csv', text }]),
  },
  {
    name: 'csv-edges',
    ext: 'csv',
    seeds: [read('data/tiny/edges.csv'), read('test/fixtures/good/harbour.edges.csv')],
    run: (text) =>
      void loadNetwork([
        { name: 'n.csv', text: read('data/tiny/nodes.csv') },
        { name: 'f.edges.csv', text },
      ]),
  },
  {
    name: 'compact-csv',
    ext: 'csv',
    seeds: [read('data/tiny/edges.csv'), read('test/fixtures/good/harbour.edges.csv')],
    run: (text) => {
      // the streaming reader accepts exactly what the graphology reader accepts
      const nodes = read('data/tiny/nodes.csv');
      let full = true;
      try {
        loadNetwork([
          { name: 'n.csv', text: nodes },
          { name: 'f.edges.csv', text },
        ]);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        full = false;
      }
      const reader = new CompactCsvReader({ file: 'n.csv' });
      const feedN = reader.table('nodes', 'n.csv');
      feedN(nodes, true);
      const feedE = reader.table('edges', 'f.edges.csv');
      for (let at = 0; at < text.length; at += 7) feedE(text.slice(at, at + 7));
      feedE('', true);
      let compact = true;
      try {
        reader.finish();
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        compact = false;
      }
      if (full !== compact)
        throw new Error(`the readers disagree: graphology ${full ? 'accepts' : 'rejects'}, compact ${compact ? 'accepts' : 'rejects'}`);
    },
  },
  {
    name: 'gexf',
    ext: 'gexf',
    seeds: [read('test/fixtures/foreign/nx-cluster.gexf'), read('test/fixtures/foreign/gephi-style.gexf')],
    run: (text) => void parseGexf({ name: 'f.gexf', text }, { domParser }),
  },
  {
    name: 'graphml',
    ext: 'graphml',
    seeds: [read('test/fixtures/foreign/nx-cluster.graphml'), read('test/fixtures/foreign/igraph-style.graphml')],
    run: (text) => void parseGraphml({ name: 'f.graphml', text }, { domParser }),
  },
  {
    name: 'cordis',
    ext: 'csv',
    seeds: [read('test/fixtures/foreign/cordis-comma.csv'), read('test/fixtures/foreign/cordis-semicolon.csv')],
    run: (text) => void parseCordis({ name: 'organization.csv', text }, { country: 'FI' }),
  },
  {
    name: 'scenario',
    ext: 'json',
    seeds: [read('scenarios/permanent.json'), read('scenarios/case-security.json')],
    run: (text) => void parseScenario(text, 'f.json'),
  },
  {
    name: 'csv-writer-reader',
    ext: 'csv',
    seeds: [read('data/tiny/nodes.csv')],
    // any text read by the one CSV reader (report reads summary.csv with it)
    run: (text) => void parseCsv(text, 'summary.csv'),
  },
];

const TOKENS = [
  '"',
  ',',
  ';',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '{',
  '}',
  '[',
  ']',
  ':',
  '<',
  '>',
  '/>',
  '</node>',
  '<node id="x">',
  '<edge source="a" target="zz"/>',
  '<nodes>',
  '<graph>',
  '__proto__',
  'constructor',
  '"__proto__":{"a":1},',
  'NaN',
  'Infinity',
  '1e308',
  '-1',
  '0',
  '=cmd|x',
  "'",
  '\u0000',
  '\ufeff',
  '\ud800',
  '&amp;',
  '&#0;',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  '&a;',
  '<![CDATA[',
  ']]>',
  '<!--',
  '-->',
  'helix',
  'industry',
  'weight',
  '"weight":-1,',
  'null',
  'true',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  'é',
  '😀',
];

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'dup'; at: number; len: number; times: number }
  | { op: 'truncate'; at: number }
  | { op: 'nest'; at: number; depth: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    op: fc.constant('dup' as const),
    at: fc.nat(),
    len: fc.integer({ min: 1, max: 200 }),
    times: fc.integer({ min: 1, max: 50 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 3000 }) }),
);

function apply(seed: string, ms: readonly Mutation[]): string {
  let s = seed;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.op === 'insert') s = s.slice(0, at) + m.text + s.slice(at);
    else if (m.op === 'delete') s = s.slice(0, at) + s.slice(at + m.len);
    else if (m.op === 'dup') s = s.slice(0, at) + s.slice(at, at + m.len).repeat(m.times) + s.slice(at);
    else if (m.op === 'truncate') s = s.slice(0, at);
    else {
      const open = ['[', '{"a":', '<nodes>', '"x'][m.at % 4]!;
      s = s.slice(0, at) + open.repeat(m.depth) + s.slice(at);
    }
  }
  return s;
}

function save(reader: string, ext: string, input: string | Uint8Array): string {
  const dir = join(corpusDir, reader);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(input).digest('hex').slice(0, 16)}.${ext}`);
  writeFileSync(file, input);
  return file;
}

/** Run a reader on an input: fine when it reads it or throws an InputError, in time. */
function check(r: Reader, text: string): void {
  const t0 = performance.now();
  try {
    r.run(text);
  } catch (e) {
    if (!(e instanceof InputError)) {
      const where = SAVE ? ` (saved as ${save(r.name, r.ext, text)})` : '';
      throw new Error(`${r.name}: ${(e as Error).name}: ${(e as Error).message}${where}`, { cause: e });
    }
  }
  const ms = performance.now() - t0;
  if (ms > TIME_LIMIT) {
    const where = SAVE ? ` (saved as ${save(r.name, r.ext, text)})` : '';
    throw new Error(`${r.name}: ${ms.toFixed(0)} ms for ${text.length} characters${where}`);
  }
}

describe('fuzzing the readers', () => {
  it('the saved corpus of inputs that once broke a reader is read or rejected with an InputError', () => {
    if (!existsSync(corpusDir)) return;
    let count = 0;
    for (const name of readdirSync(corpusDir)) {
      const r = READERS.find((x) => x.name === name);
      if (r === undefined) continue;
      for (const f of readdirSync(join(corpusDir, name))) {
        check(r, readFileSync(join(corpusDir, name, f), 'utf8'));
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(7); // the hand-seeded cases of the README there, and every later find
  });

  for (const r of READERS) {
    it(`${r.name}: mutated inputs are read or rejected with an InputError (${RUNS} inputs)`, () => {
      fc.assert(
        fc.property(fc.nat(r.seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, ms) => {
          check(r, apply(r.seeds[which]!, ms));
        }),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }

  it(`bytes: random and mutated bytes, gzip of them, are decoded or rejected with an InputError (${RUNS} inputs)`, () => {
    const seed = readFileSync(join(root, 'data/tiny.json'));
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.nat(seed.length),
        fc.constantFrom('plain', 'gzip', 'cut-gzip', 'spliced'),
        (bytes, at, how) => {
          let input: Uint8Array = bytes;
          if (how === 'gzip') input = gzipSync(bytes);
          else if (how === 'cut-gzip') input = gzipSync(seed).subarray(0, 10 + (at % 200));
          else if (how === 'spliced') input = Buffer.concat([seed.subarray(0, at), bytes, seed.subarray(at)]);
          try {
            decodeBytes('f', input, 1_000_000);
          } catch (e) {
            if (!(e instanceof InputError)) {
              const where = SAVE ? ` (saved as ${save('bytes', 'bin', input)})` : '';
              throw new Error(`bytes: ${(e as Error).message}${where}`, { cause: e });
            }
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
