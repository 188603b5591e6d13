/**
 * Scenario files: validation with errors for people (file, line, field, what was expected), defaults,
 * `--set` assignments, the presets, and the JSON Schema file kept in step with the code.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/model/errors.js';
import { applySet, expectedPublicMoney, parseScenario, publicScale, SCENARIO_DEFAULTS, SCENARIO_SCHEMA } from '../src/index.js';
import { loadScenarioWithSets } from '../src/node/scenario.js';
import { jsonLines } from '../src/scenario/parse.js';

function diagnostics(fn: () => unknown): InputError['diagnostics'] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('parseScenario', () => {
  it('fills every default and names the scenario after the file', () => {
    const s = parseScenario('{}', 'dir/my-regime.json');
    expect(s.name).toBe('my-regime');
    expect(s.years).toBe(15);
    expect(s.network.openness).toBe(SCENARIO_DEFAULTS.network.openness);
    expect(s.funding.projects.successProbability).toBe(0.7);
    expect(s.shocks).toEqual([]);
  });

  it('keeps given values and merges nested objects', () => {
    const s = parseScenario('{"name":"x","funding":{"projects":{"eurPerYear":5}}}', 'x.json');
    expect(s.funding.projects.eurPerYear).toBe(5);
    expect(s.funding.projects.durationYears).toBe(3);
    expect(s.funding.base.eurPerYear).toBe(0);
  });

  it('reports an out-of-range value with file, line, field and the expected range', () => {
    const text = '{\n  "name": "x",\n  "network": {\n    "openness": 1.5\n  }\n}\n';
    const d = diagnostics(() => parseScenario(text, 'bad.json'));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ file: 'bad.json', line: 4, field: 'network.openness', code: 'out-of-range' });
    expect(d[0]!.message).toContain('from 0 to 1');
    expect(d[0]!.message).toContain('1.5');
  });

  it('suggests the field meant for a misspelt one and reports every error at once', () => {
    const text = '{\n  "years": 0,\n  "growth": { "recruitrate": 0.2 },\n  "shocks": [ { "year": 3, "type": "coordinator-left" } ]\n}';
    const d = diagnostics(() => parseScenario(text, 's.json'));
    const byField = Object.fromEntries(d.map((x) => [x.field, x]));
    expect(byField['years']).toMatchObject({ line: 2, code: 'out-of-range' });
    expect(byField['growth.recruitrate']!.message).toContain("did you mean 'recruitRate'");
    expect(byField['growth.recruitrate']!.line).toBe(3);
    expect(byField['shocks[0].type']!.message).toContain("did you mean 'coordinator-leaves'");
    expect(byField['shocks[0].type']!.line).toBe(4);
  });

  it('locates JSON syntax errors by line', () => {
    const d = diagnostics(() => parseScenario('{\n  "years": 10,\n  "name": "x",,\n}', 'syn.json'));
    expect(d[0]).toMatchObject({ file: 'syn.json', line: 3, code: 'bad-json' });
  });

  it('rejects a start with both a network file and a generator', () => {
    const d = diagnostics(() => parseScenario('{"start":{"network":"a.json","generator":{"sectors":2}}}', 'c.json'));
    expect(d[0]!.code).toBe('conflict');
  });

  it('jsonLines maps JSON pointers to lines', () => {
    const lines = jsonLines('{\n "a": {\n  "b": [\n   1,\n   {"c": 2}\n  ]\n }\n}');
    expect(lines.get('/a')).toBe(2);
    expect(lines.get('/a/b')).toBe(3);
    expect(lines.get('/a/b/0')).toBe(4);
    expect(lines.get('/a/b/1/c')).toBe(5);
  });
});

describe('applySet', () => {
  const base = parseScenario('{"name":"b"}', 'b.json');

  it('sets a number, a JSON array and creates missing objects on the way', () => {
    let s = applySet(base, 'funding.projects.successProbability=0.5');
    expect(s.funding.projects.successProbability).toBe(0.5);
    s = applySet(s, 'shocks=[{"year":5,"type":"coordinator-leaves"}]');
    expect(s.shocks).toEqual([{ year: 5, type: 'coordinator-leaves' }]);
    s = applySet(s, 'start.generator.counts={"industry":10}');
    expect(s.start.generator.counts).toEqual({ industry: 10 });
    expect(base.funding.projects.successProbability).toBe(0.7); // the input is not mutated
  });

  it('validates the result like a file and names the assignment', () => {
    const d = diagnostics(() => applySet(base, 'funding.members.startYear=-1'));
    expect(d[0]).toMatchObject({ file: '--set', field: 'funding.members.startYear', code: 'out-of-range' });
    expect(d[0]!.message).toContain('funding.members.startYear=-1');
    expect(diagnostics(() => applySet(base, 'network.opennes=0.2'))[0]!.message).toContain("did you mean 'openness'");
    expect(diagnostics(() => applySet(base, 'no-equals-sign'))[0]!.code).toBe('bad-set');
    expect(diagnostics(() => applySet(base, '__proto__.x=1'))[0]!.code).toBe('reserved-key');
    expect(diagnostics(() => applySet(base, 'network.constructor=1'))[0]!.message).toContain("'constructor' is a reserved name");
    expect(diagnostics(() => applySet(base, 'a..b=1'))[0]!.code).toBe('bad-set');
    expect(diagnostics(() => applySet(base, 'years.x=1'))[0]!.message).toContain('not an object');
  });
});

describe('presets and schema file', () => {
  const dir = join(process.cwd(), 'scenarios');
  // every scenario file (the assumption register beside them is not a scenario)
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'assumptions.json');

  it('ships the required presets', () => {
    for (const f of [
      'project-driven.json',
      'permanent.json',
      'mixed-20-30-50.json',
      'membership-only.json',
      'city-led.json',
      'anchor-firm.json',
      'case-security.json',
      'case-circular-economy.json',
      'case-event-industry.json',
      'case-construction.json',
    ]) {
      expect(files).toContain(f);
    }
  });

  it.each(files)('%s is valid, named after its file and described', (f) => {
    const s = parseScenario(readFileSync(join(dir, f), 'utf8'), join(dir, f));
    expect(s.name).toBe(f.replace(/\.json$/, ''));
    expect((s.description ?? '').length).toBeGreaterThan(40);
  });

  it('schemas/scenario.schema.json is the schema the code validates with', () => {
    const onDisk = JSON.parse(readFileSync(join(process.cwd(), 'schemas', 'scenario.schema.json'), 'utf8'));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(SCENARIO_SCHEMA)));
  });

  it('permanent.json spends the expected public money of project-driven.json (equal money; an independent calculation)', () => {
    const pm = loadScenarioWithSets(join(dir, 'permanent.json'), []);
    const pd = parseScenario(readFileSync(join(dir, 'project-driven.json'), 'utf8'), 'project-driven.json');
    // expected project years in 15: first project granted, then cycles of 3 + 1 + (1 − p)/p years
    const p = pd.funding.projects.successProbability;
    let years = 0;
    // exact expectation by dynamic programming over the funding state machine
    let dist = new Map<string, number>([['start', 1]]);
    for (let t = 1; t <= 15; t++) {
      const next = new Map<string, number>();
      const add = (k: string, q: number): void => void next.set(k, (next.get(k) ?? 0) + q);
      for (const [state, q] of dist) {
        if (state === 'start') {
          years += q;
          add('run2', q);
        } else if (state.startsWith('run')) {
          years += q;
          const left = Number(state.slice(3));
          add(left > 1 ? `run${left - 1}` : 'gap', q);
        } else if (state === 'gap') add('apply', q);
        else {
          years += q * p;
          add('run2', q * p);
          add('apply', q * (1 - p));
        }
      }
      dist = next;
    }
    const expectedCost = years * pd.funding.projects.eurPerYear;
    // money.ts agrees with this hand-written recursion to rounding, and permanent is scaled to it
    expect(Math.abs(expectedPublicMoney(pd).eur - expectedCost) / expectedCost).toBeLessThan(1e-12);
    expect(Math.abs(publicScale(pm) * pm.funding.base.eurPerYear * 15 - expectedCost) / expectedCost).toBeLessThan(1e-12);
  });
});

describe('docs/model.md', () => {
  it('lists every parameter path of the defaults in its parameter table', () => {
    const doc = readFileSync(join(process.cwd(), 'docs', 'model.md'), 'utf8');
    const paths: string[] = [];
    const walk = (o: Record<string, unknown>, p: string): void => {
      for (const [k, v] of Object.entries(o)) {
        const q = p ? `${p}.${k}` : k;
        if (v && typeof v === 'object' && !Array.isArray(v) && !q.endsWith('counts') && !q.endsWith('entrants'))
          walk(v as Record<string, unknown>, q);
        else paths.push(q);
      }
    };
    walk(SCENARIO_DEFAULTS as unknown as Record<string, unknown>, '');
    expect(paths.length).toBeGreaterThan(50);
    const missing = paths.filter((q) => {
      const leaf = q.split('.').pop()!;
      const parent = q.slice(0, q.length - leaf.length - 1);
      return !doc.includes('`' + q + '`') && !(doc.includes('`' + parent + '.') && doc.includes(leaf));
    });
    expect(missing).toEqual([]);
  });
});
