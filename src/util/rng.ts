/**
 * The one source of randomness in HelixLab: a seeded xoshiro128** generator with named,
 * independent substreams. Never use `Math.random` in the library.
 *
 * A substream is derived by hashing the parent's seed material with a name
 * (`rng.stream('tie-formation')`, `rng.stream('run', 17)`), so adding draws in one mechanism never
 * shifts the numbers another mechanism sees (common random numbers across scenarios), and results do
 * not depend on the order in which worker threads run jobs.
 *
 * Reference: Blackman & Vigna (2018), "Scrambled linear pseudorandom number generators";
 * seeds are expanded with SplitMix32-style mixing of a 32-bit FNV-1a / murmur3 hash of the path.
 */

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a string (FNV-1a followed by a murmur3 finaliser). */
export function hashString(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  return fmix32(state.s);
}

export type SeedPart = string | number;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;
  /** The path that identifies this stream (seed and substream names). */
  readonly path: string;

  constructor(seed: SeedPart | readonly SeedPart[]) {
    const parts = Array.isArray(seed) ? (seed as readonly SeedPart[]) : [seed as SeedPart];
    this.path = parts.map(String).join('/');
    const st = { s: hashString(this.path) };
    // the state words are kept as signed 32-bit integers (`| 0`: the same bits), which V8 stores
    // without allocating; as unsigned values half of them would be heap numbers, one per update
    this.a = splitmix32(st) | 0;
    this.b = splitmix32(st) | 0;
    this.c = splitmix32(st) | 0;
    this.d = splitmix32(st) | 0;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** An independent substream named by `parts` (e.g. `stream('run', 3)`). */
  stream(...parts: SeedPart[]): Rng {
    return new Rng([this.path, ...parts]);
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /**
   * The same 32 bits as {@link nextUint32}, read as a signed integer: `nextInt32() >>> 0` equals what
   * `nextUint32()` would have returned. Hot loops use it because a signed 32-bit result is a small
   * integer for V8, so returning it from a call that is not inlined allocates nothing (an unsigned
   * value of 2^31 or more is returned as a heap-allocated number).
   */
  nextInt32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9);
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 53 bits of randomness. */
  next(): number {
    const hi = this.nextInt32() >>> 5; // 27 bits
    const lo = this.nextInt32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (n <= 0) throw new RangeError('int(n) needs n > 0');
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const s = this.spare;
      this.spare = undefined;
      return mean + sd * s;
    }
    let u: number, v: number, s: number;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * m;
    return mean + sd * u * m;
  }

  /** Poisson-distributed count (Knuth for small means, normal approximation above 50). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 50) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const L = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.next();
    } while (p > L);
    return k - 1;
  }

  /** Binomial count by inversion for small n, normal approximation for large n·p·(1−p). */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const v = n * p * (1 - p);
    if (v > 30) return Math.min(n, Math.max(0, Math.round(this.normal(n * p, Math.sqrt(v)))));
    let k = 0;
    for (let i = 0; i < n; i++) if (this.next() < p) k++;
    return k;
  }

  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}

/** Rotate the 32 bits of x left by k; the result as a signed 32-bit integer. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Create the root generator for a seed. */
export function createRng(seed: SeedPart): Rng {
  return new Rng(['helixlab', seed]);
}
