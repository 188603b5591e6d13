#!/usr/bin/env node
/**
 * Generate a large HelixLab CSV pair for the memory benchmark (not committed data):
 *
 *   node bench/gen-csv.mjs OUT_DIR --actors 400000 --ties 5000000 [--seed 1] [--gzip]
 *
 * writes OUT_DIR/nodes.csv (id,label,helix,subtype,sector,region,joined,size) and OUT_DIR/edges.csv
 * (source,target,weight,kind,since) — `.gz` with --gzip. Ties follow a heavy-tailed degree
 * distribution (an endpoint is an earlier tie's endpoint half the time: preferential attachment),
 * about 1% are repeated pairs (parallel ties), no self-loops (each would be a warning), weights are 1–5 or decimals,
 * `since` years 1995–2024. Deterministic for a seed (a xorshift generator). Written in chunks, so
 * generating 5,000,000 ties needs little memory.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';

const args = process.argv.slice(2);
const out = args[0];
if (!out || out.startsWith('--')) {
  console.error('usage: node bench/gen-csv.mjs OUT_DIR --actors N --ties M [--seed S] [--gzip]');
  process.exit(2);
}
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(opt('--actors', '400000'));
const m = Number(opt('--ties', '5000000'));
let state = BigInt(opt('--seed', '1')) * 0x9e3779b97f4a7c15n + 1n;
const gzip = args.includes('--gzip');

// xorshift64*: deterministic, fast
function next() {
  state ^= state >> 12n;
  state ^= (state << 25n) & 0xffffffffffffffffn;
  state ^= state >> 27n;
  return Number(((state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 11n) / 2 ** 53;
}
const int = (k) => Math.floor(next() * k);

const ROLES = ['industry', 'industry', 'industry', 'research-education', 'public', 'civil-society', 'startup', 'financier', 'individual'];
const SUBTYPES = {
  industry: ['sme', 'large-firm', 'micro'],
  'research-education': ['university', 'uas', 'research-institute'],
  public: ['city', 'authority'],
};
const SECTORS = ['ict', 'security', 'construction', 'health', 'energy', 'food', 'events', 'logistics', 'finance', 'education'];
const REGIONS = ['Uusimaa', 'Pirkanmaa', 'Varsinais-Suomi', 'Pohjois-Pohjanmaa', 'Keski-Suomi'];
const KINDS = ['cooperation', 'project', 'section', 'supply', 'information', 'membership'];

mkdirSync(out, { recursive: true });
async function writeTable(name, header, rows, count) {
  const file = join(out, name + (gzip ? '.gz' : ''));
  const sink = createWriteStream(file);
  const z = gzip ? createGzip({ level: 6 }) : null;
  if (z) z.pipe(sink);
  const target = z ?? sink;
  let buf = header + '\n';
  for (let i = 0; i < count; i++) {
    buf += rows(i) + '\n';
    if (buf.length > 1 << 20) {
      if (!target.write(buf)) await once(target, 'drain');
      buf = '';
    }
  }
  target.end(buf);
  await once(sink, 'finish');
  return file;
}

const nodes = await writeTable(
  'nodes.csv',
  'id,label,helix,subtype,sector,region,joined,size',
  (i) => {
    const role = ROLES[int(ROLES.length)];
    const subs = SUBTYPES[role];
    const sub = subs ? subs[int(subs.length)] : '';
    return `a${i},Actor ${i},${role},${sub},${SECTORS[int(SECTORS.length)]},${REGIONS[int(REGIONS.length)]},${1990 + int(35)},${1 + int(5000)}`;
  },
  n,
);
const ends = new Int32Array(2 * m);
let filled = 0;
const pick = () => (filled > 0 && next() < 0.5 ? ends[int(filled)] : int(n));
let prev = [0, 1];
const edges = await writeTable(
  'edges.csv',
  'source,target,weight,kind,since',
  () => {
    let s;
    let t;
    const r = next();
    if (r < 0.01)
      [s, t] = prev; // a parallel tie
    else {
      s = pick();
      t = pick();
      if (t === s) t = (s + 1 + int(n - 1)) % n;
    }
    ends[filled++] = s;
    ends[filled++] = t;
    prev = [s, t];
    const w = next() < 0.8 ? String(1 + int(5)) : (0.1 + next() * 4.9).toFixed(3);
    return `a${s},a${t},${w},${KINDS[int(KINDS.length)]},${1995 + int(30)}`;
  },
  m,
);
console.error(`wrote ${nodes} (${n} actors) and ${edges} (${m} ties)`);
