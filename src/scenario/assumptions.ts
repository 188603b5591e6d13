/**
 * The assumption register (`scenarios/assumptions.json`): every mechanism of the simulation that
 * treats one funding regime differently from another (`kind: 'asymmetry'`), the parameters that
 * define the regimes (`'regime'`) and the context parameters that decide how strongly the mechanisms
 * act (`'context'`) — each a scenario path with unit, default, plausible range, source and status, and
 * for asymmetries the neutral value at which the mechanism treats the regimes alike.
 *
 * {@link parseAssumptionRegister} checks the file against the engine: every path is a numeric scenario
 * parameter, its default is the engine's default, the range lies inside the parameter's legal domain
 * and contains the default and the neutral value. `helixlab explore --ranges register` samples the
 * ranges; {@link neutralAssignments} gives the `--set` list that switches every asymmetry off;
 * {@link assumptionTable} renders the table of docs/model.md.
 */
import { Ajv } from 'ajv';
import { DiagnosticCollector, InputError } from '../model/errors.js';
import { JsonSyntaxError, offsetToLineCol, parseJsonText } from '../io/json.js';
import { applySet } from './parse.js';
import { SCENARIO_DEFAULTS, withDefaults } from './schema.js';

export const ASSUMPTION_KINDS = ['asymmetry', 'regime', 'context'] as const;
export type AssumptionKind = (typeof ASSUMPTION_KINDS)[number];

export interface AssumptionEntry {
  /** Scenario path, e.g. `funding.projects.adminShare`. */
  path: string;
  kind: AssumptionKind;
  unit: string;
  /** The engine's default (checked). */
  default: number;
  /** Plausible range [lo, hi]. */
  range: [number, number];
  /** Whole numbers only (years). */
  integer?: boolean;
  /** Asymmetries: the value at which the mechanism treats the regimes alike (null when there is none). */
  neutral: number | null;
  /** Which regime the default favours, against the neutral value. */
  favours: string;
  /** What the mechanism does. */
  how: string;
  /** Cookbook lines, a study, or data. */
  source: string;
  /** "sourced", "assumption", or which part is which. */
  status: string;
}

export interface AssumptionRegister {
  format: 'helixlab-assumptions/1';
  description?: string;
  entries: AssumptionEntry[];
}

const str = { type: 'string', minLength: 1 } as const;

/** The JSON Schema of the register (also `schemas/assumptions.schema.json`). */
export const ASSUMPTIONS_SCHEMA: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://helixlab.example/schemas/assumptions.schema.json',
  title: 'HelixLab assumption register',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'entries'],
  properties: {
    $schema: { type: 'string' },
    format: { const: 'helixlab-assumptions/1' },
    description: { type: 'string' },
    entries: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'kind', 'unit', 'default', 'range', 'neutral', 'favours', 'how', 'source', 'status'],
        properties: {
          path: { type: 'string', pattern: '^[A-Za-z]+(\\.[A-Za-z]+)+$' },
          kind: { enum: [...ASSUMPTION_KINDS] },
          unit: str,
          default: { type: 'number' },
          range: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 },
          integer: { type: 'boolean' },
          neutral: { type: ['number', 'null'] },
          favours: str,
          how: str,
          source: str,
          status: str,
        },
      },
    },
  },
};

let validate: ReturnType<Ajv['compile']> | undefined;

/** The engine default at a dotted path (undefined when there is none). */
function defaultAt(path: string): unknown {
  let cur: unknown = SCENARIO_DEFAULTS;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Parse and check a register (see the module doc); errors name the entry and field. */
export function parseAssumptionRegister(text: string, file: string): AssumptionRegister {
  const dc = new DiagnosticCollector(file);
  let doc: unknown;
  try {
    doc = parseJsonText(text);
  } catch (err) {
    const where = err instanceof JsonSyntaxError ? offsetToLineCol(text, err.offset) : { line: 1 };
    dc.error('bad-json', `not valid JSON: ${(err as Error).message}`, where);
    dc.throwIfErrors();
  }
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(ASSUMPTIONS_SCHEMA);
  if (!validate(doc)) {
    for (const e of validate.errors ?? []) dc.error('bad-register', `${e.instancePath || '(top)'}: ${e.message ?? 'invalid'}`);
    dc.throwIfErrors();
  }
  const reg = doc as AssumptionRegister;
  const base = withDefaults({}, 'register');
  const seen = new Set<string>();
  reg.entries.forEach((e, i) => {
    const field = `entries[${i}] (${e.path})`;
    if (seen.has(e.path)) dc.error('bad-register', 'listed twice', { field });
    seen.add(e.path);
    const d = defaultAt(e.path);
    if (typeof d !== 'number') {
      dc.error('bad-register', `not a numeric scenario parameter (see docs/model.md, section 4)`, { field });
      return;
    }
    if (d !== e.default) dc.error('bad-register', `default ${e.default} is not the engine's default ${d}`, { field });
    const [lo, hi] = e.range;
    if (!(lo < hi)) dc.error('bad-register', `range [${lo}, ${hi}] is empty: expected lo < hi`, { field });
    if (e.default < lo || e.default > hi)
      dc.error('bad-register', `the default ${e.default} is outside the range [${lo}, ${hi}]`, { field });
    if (e.neutral !== null && (e.neutral < lo || e.neutral > hi)) {
      dc.error('bad-register', `the neutral value ${e.neutral} is outside the range [${lo}, ${hi}]`, { field });
    }
    if (e.kind !== 'asymmetry' && e.neutral !== null) dc.error('bad-register', `only asymmetries have a neutral value`, { field });
    for (const v of [lo, hi]) {
      try {
        applySet(base, `${e.path}=${JSON.stringify(v)}`, file);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        dc.error('bad-register', `${v} is outside the parameter's legal domain: ${err.diagnostics[0]?.message ?? ''}`, { field });
      }
    }
  });
  dc.throwIfErrors();
  return reg;
}

/** `path=value` assignments that set every asymmetry with a neutral value to it. */
export function neutralAssignments(reg: AssumptionRegister): string[] {
  return reg.entries.filter((e) => e.kind === 'asymmetry' && e.neutral !== null).map((e) => `${e.path}=${JSON.stringify(e.neutral)}`);
}

/** The register as a Markdown table (docs/model.md holds it verbatim; a test checks that). */
export function assumptionTable(reg: AssumptionRegister): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = reg.entries.map((e) =>
    [
      '`' + e.path + '`',
      e.kind,
      String(e.default),
      `${e.range[0]}–${e.range[1]}${e.integer ? ' (whole)' : ''}`,
      e.neutral === null ? '–' : String(e.neutral),
      e.unit,
      e.favours,
      e.how,
      e.source,
      e.status,
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    '| path | kind | default | range | neutral | unit | favours | what it does | source | status |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}
