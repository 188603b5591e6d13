/**
 * Numeric scenario parameters set by path, fast: for calibration (a particle's values for each
 * simulation) and for runs that draw their parameters from a posterior (`--posterior`).
 *
 * `applySet` (parse.ts) validates the whole scenario against its JSON Schema on every call, which can
 * cost as much as a run. Here the paths are checked once ({@link checkParamPaths}: each names a
 * numeric field of the scenario, not an integer one, and — for a calibration prior — both ends of
 * its range are legal values, checked with `applySet` itself, so the messages are the usual ones);
 * after that {@link withParams} sets the numbers on a copy that shares everything off the paths
 * with the original (the objects along each path are copied, nothing else: a start network is
 * never copied). Any value between two legal ends is legal: every numeric field's domain is an
 * interval.
 *
 * Equal money (money.ts): a scenario that declares `equalMoney` carries its reference scenario,
 * from which the engine computes the equal-money factor for each run; like `applySet`, a value is
 * set in the reference too, so the factor follows the parameters (e.g. a project success rate).
 */
import { InputError, UsageError } from '../model/errors.js';
import { SCENARIO_SCHEMA, type Scenario } from './schema.js';
import { applySet } from './parse.js';

type Obj = Record<string, unknown>;

function schemaNode(path: string): Obj | undefined {
  let node: unknown = SCENARIO_SCHEMA;
  for (const part of path.split('.')) {
    const n = node as Obj | undefined;
    const props = n?.properties as Obj | undefined;
    if (!props || !(part in props)) return undefined;
    node = props[part];
  }
  return node as Obj;
}

function valueAt(s: Scenario, path: string): unknown {
  let cur: unknown = s;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[part];
  }
  return cur;
}

/**
 * Check that each path names a numeric (non-integer) field of `s` — the message names `label` and the
 * path — and, when ranges are given, that both ends of each are legal values (an `InputError` from
 * `applySet`, naming the field and the legal range).
 */
export function checkParamPaths(s: Scenario, params: ReadonlyArray<{ name: string; lo?: number; hi?: number }>, label = '--param'): void {
  for (const p of params) {
    const path = p.name;
    const parts = path.split('.');
    if (parts[0] === 'equalMoney' || parts[0] === 'shocks' || parts.some((x) => x === '' || x === '__proto__' || x === 'constructor')) {
      throw new UsageError(`${label} ${path}: not a numeric scenario parameter (give a path such as growth.recruitRate)`);
    }
    const node = schemaNode(path);
    const value = valueAt(s, path);
    if (!node) throw new UsageError(`${label} ${path}: the scenario has no parameter '${path}' (see docs/model.md, section 4)`);
    if (node.type === 'integer') {
      throw new UsageError(`${label} ${path}: a whole-number parameter cannot be given a continuous range; fix it in the scenario instead`);
    }
    if (node.type !== 'number' || typeof value !== 'number') {
      throw new UsageError(`${label} ${path}: not a numeric parameter (it is ${JSON.stringify(value) ?? 'unset'})`);
    }
    for (const end of [p.lo, p.hi]) {
      if (end === undefined) continue;
      try {
        applySet(s, `${path}=${end}`, `${label} ${path}`);
      } catch (err) {
        if (err instanceof InputError) {
          throw new InputError(
            err.diagnostics.map((d) => ({ ...d, message: `${d.message}: the range must lie in the parameter's legal domain` })),
          );
        }
        throw err;
      }
    }
  }
}

function setPath(root: Obj, parts: readonly string[], value: number): Obj {
  const out: Obj = { ...root };
  let cur = out;
  for (let k = 0; k < parts.length - 1; k++) {
    const p = parts[k]!;
    const next = { ...(cur[p] as Obj) };
    cur[p] = next;
    cur = next;
  }
  cur[parts[parts.length - 1]!] = value;
  return out;
}

/**
 * `s` with `paths[i]` set to `values[i]` (checked beforehand with {@link checkParamPaths}); the
 * equal-money reference gets the same values. `s` itself is not changed.
 */
export function withParams(s: Scenario, paths: readonly string[], values: ArrayLike<number>): Scenario {
  let out = s as unknown as Obj;
  for (let i = 0; i < paths.length; i++) out = setPath(out, paths[i]!.split('.'), values[i]!);
  const res = out as unknown as Scenario;
  const ref = s.equalMoney?.reference;
  if (ref && s.equalMoney) res.equalMoney = { with: s.equalMoney.with, reference: withParams(ref, paths, values) };
  return res;
}
