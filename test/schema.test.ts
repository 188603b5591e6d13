/**
 * The JSON Schema: the TS const and the published file are identical; ajv (strict) compiles it and
 * accepts the good documents; whatever ajv rejects, the loader rejects too (the loader adds the
 * checks a schema cannot express, so the converse does not hold).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { NETWORK_SCHEMA } from '../src/model/schema.js';
import { HELIX_ROLES, TIE_KINDS } from '../src/model/types.js';
import { parseNetworkJson, writeNetworkJson } from '../src/io/json.js';
import { InputError } from '../src/model/errors.js';

type AjvClass = new (opts: { allErrors?: boolean; strict?: boolean; allowUnionTypes?: boolean }) => {
  compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null };
};
const Ajv = ((AjvModule as unknown as { default?: AjvClass }).default ?? (AjvModule as unknown as AjvClass)) as AjvClass;

const root = process.cwd();
const published = JSON.parse(readFileSync(join(root, 'schemas/network.schema.json'), 'utf8')) as unknown;

describe('network schema', () => {
  it('the published file is the TS const', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(NETWORK_SCHEMA)));
  });

  it('lists the model enums', () => {
    expect(NETWORK_SCHEMA.definitions.actor.properties.helix.enum).toEqual([...HELIX_ROLES]);
    expect(NETWORK_SCHEMA.definitions.tie.properties.kind.enum).toEqual([...TIE_KINDS]);
  });

  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(published);

  it('ajv accepts the good document and what the writer writes', () => {
    const text = readFileSync(join(root, 'test/fixtures/good/cluster.json'), 'utf8');
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const written = writeNetworkJson(parseNetworkJson({ name: 'c.json', text }).network);
    expect(validate(JSON.parse(written)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('whatever ajv rejects in the corpus, the loader rejects', () => {
    const dir = join(root, 'test/fixtures/bad');
    let rejectedByAjv = 0;
    for (const name of readdirSync(dir).filter((n) => /^json-.*\.json$/.test(n))) {
      const text = readFileSync(join(dir, name), 'utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        continue; // syntax errors: not the schema's business
      }
      let loaderOk = true;
      try {
        parseNetworkJson({ name, text });
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        loaderOk = false;
      }
      if (!validate(value)) {
        rejectedByAjv++;
        expect(loaderOk, `${name}: ajv rejects it but the loader accepts it`).toBe(false);
      }
      if (loaderOk) expect(validate(value), `${name}: the loader accepts it but ajv does not`).toBe(true);
    }
    expect(rejectedByAjv).toBeGreaterThanOrEqual(10);
  });
});
