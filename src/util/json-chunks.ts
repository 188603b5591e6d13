/**
 * JSON text in pieces: the same characters as `JSON.stringify(value, replacer, 2)`, produced member
 * by member and array element by array element down to `depth` levels, so that a result too large
 * for one JavaScript string (V8 caps strings at about 512 M characters; the per-actor measures of a
 * 400,000-actor network in indented JSON are more) can still be written to a file piece by piece.
 * Below `depth`, each value is one `JSON.stringify` call, re-indented.
 *
 * Follows JSON.stringify's rules for what it meets on the way down: `toJSON`, the replacer (called
 * with the holder as `this`, the key and the value), members whose value becomes `undefined`, a
 * function or a symbol are left out of objects and written `null` in arrays; empty objects and
 * arrays are `{}` and `[]`.
 */

export type JsonReplacer = (this: unknown, key: string, value: unknown) => unknown;

const SKIP = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function prepare(holder: unknown, key: string, value: unknown, replacer: JsonReplacer | undefined): unknown {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  return replacer ? replacer.call(holder, key, v) : v;
}

function* chunks(value: unknown, replacer: JsonReplacer | undefined, indent: string, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object') {
    // one call below the depth (the value has been through the replacer already: not again at the
    // root), its lines re-indented to where they stand
    const text = JSON.stringify(value, replacer ? skipRoot(replacer) : undefined, 2);
    yield indent === '' ? text : text.replace(/\n/g, '\n' + indent);
    return;
  }
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      const v = prepare(value, String(i), value[i], replacer);
      yield inner;
      if (SKIP(v)) yield 'null';
      else yield* chunks(v, replacer, inner, depth - 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield indent + ']';
    return;
  }
  let first = true;
  for (const k of Object.keys(value)) {
    const v = prepare(value, k, (value as Record<string, unknown>)[k], replacer);
    if (SKIP(v)) continue;
    yield first ? '{\n' : ',\n';
    first = false;
    yield inner + JSON.stringify(k) + ': ';
    yield* chunks(v, replacer, inner, depth - 1);
  }
  yield first ? '{}' : '\n' + indent + '}';
}

/** The replacer for a value that was already passed through it: leave the root alone (the first call), apply it below. */
function skipRoot(replacer: JsonReplacer): JsonReplacer {
  let root = true;
  return function (this: unknown, key: string, value: unknown): unknown {
    if (root) {
      root = false;
      return value;
    }
    return replacer.call(this, key, value);
  };
}

/**
 * The text of `JSON.stringify(value, replacer, 2)` as a sequence of pieces (concatenated: the same
 * characters), split member by member down to `depth` levels (default 2: the top-level object's
 * members and the elements of its arrays).
 */
export function* jsonChunks(value: unknown, replacer?: JsonReplacer, depth = 2): Generator<string> {
  const v = prepare({ '': value }, '', value, replacer);
  if (SKIP(v)) return;
  yield* chunks(v, replacer, '', depth);
}
