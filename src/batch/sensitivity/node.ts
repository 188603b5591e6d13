/**
 * Node-only. A sensitivity analysis of a scenario into files (what `helixlab sensitivity` runs):
 * evaluate the design ({@link evaluateSensitivity}; resumable when there is an output directory),
 * compute the indices, and write `DIR/sensitivity.json`, `sensitivity.csv`, `samples.csv` and
 * `manifest.json` (each atomically), then drop the log in `DIR/.sensitivity`.
 *
 * Determinism: the files depend only on the scenario, the spec, the run options and the versions —
 * not on the number of threads or on interruptions (a resumed run reads the finished points' outputs
 * back as the same doubles), so an interrupted-then-resumed run writes the same bytes as an
 * uninterrupted one.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../model/errors.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { csvRows } from '../csv.js';
import { clearSensitivityState, evaluateSensitivity, type SensitivityEvaluation, type SensitivityRunOptions } from '../engine.js';
import { analyzeSensitivity, sensitivityRows, type SensitivityDesign, type SensitivityParam, type SensitivityResult, type SensitivitySpec } from './run.js';
import type { SobolSampling } from './sobol.js';

export const SENSITIVITY_FORMAT = 'helixlab-sensitivity/1';

/** The manifest fields (also the head of sensitivity.json and of `--format json`). */
export interface SensitivityManifest {
  format: typeof SENSITIVITY_FORMAT;
  kind: 'sensitivity';
  helixlab: string;
  node: string;
  scenario: { file: string; sha256: string; name: string };
  method: SensitivitySpec['method'];
  params: SensitivityParam[];
  samples: number;
  /** Sobol only. */
  sampling: SobolSampling | undefined;
  points: number;
  metric: string;
  year: number;
  years: number;
  runs: number;
  seed: number | string;
  seedRule: string;
  /** Morris only. */
  levels: number | undefined;
  candidates: number | undefined;
  bootstrap: number | undefined;
}

export interface SensitivityDocument extends SensitivityManifest {
  result: SensitivityResult;
}

export interface SensitivityJobOptions extends Omit<SensitivityRunOptions, 'checkpoint'> {
  /** Output directory; with it the evaluation is resumable and the files are written there. */
  out?: string;
  /** Finish an interrupted analysis in `out`. */
  resume?: boolean;
  versions: { helixlab: string; node: string };
  /** Seconds between fsync + checkpoint of the log (default 2). */
  checkpointEvery?: number;
}

export interface SensitivityOutcome {
  /** `stopped`: shouldStop() ended the evaluation early (finished points are in `out`'s log). */
  status: 'done' | 'stopped' | 'already-finished';
  evaluation: SensitivityEvaluation;
  /** The document written (or, when already finished, the one found in `out`); absent when stopped. */
  doc?: SensitivityDocument;
}

function seedRule(spec: SensitivitySpec): string {
  const design =
    spec.method === 'sobol' && (spec.sampling ?? 'sobol') === 'sobol'
      ? " (Sobol' sequence, digital shift from its stream('shift'))"
      : spec.method === 'sobol'
        ? " (A from its stream('A'), B from stream('B'))"
        : '';
  return `design: createRng(seed).stream('sensitivity', method)${design}; run r of every point: createRng(seed).stream('run', r), as in \`helixlab simulate\``;
}

/** Evaluate, analyse and (with `opts.out`) write the files of a sensitivity analysis. */
export async function runSensitivity(scenario: string, spec: SensitivitySpec, design: SensitivityDesign, opts: SensitivityJobOptions): Promise<SensitivityOutcome> {
  const { out, resume, versions, checkpointEvery, ...run } = opts;
  const ro: SensitivityRunOptions = { ...run };
  if (out) ro.checkpoint = { dir: out, resume: resume === true, ...(checkpointEvery !== undefined ? { every: checkpointEvery } : {}) };
  const ev = await evaluateSensitivity(scenario, spec, design, ro);
  if (ev.alreadyFinished && out) {
    const file = join(out, 'sensitivity.json');
    let doc: SensitivityDocument;
    try {
      doc = JSON.parse(readFileSync(file, 'utf8')) as SensitivityDocument;
    } catch {
      throw new InputError([{ severity: 'error', code: 'bad-result', file, message: 'missing or not valid JSON although manifest.json is there; run again without --resume' }]);
    }
    return { status: 'already-finished', evaluation: ev, doc };
  }
  if (!ev.complete) return { status: 'stopped', evaluation: ev };
  const bad = ev.y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    // the saved outputs are of no use for another metric or year
    if (out) clearSensitivityState(out);
    throw new InputError([
      { severity: 'error', code: 'non-finite', file: scenario, field: run.metric, message: `the metric is not a finite number (${ev.y[bad]}) at design point ${bad} (year ${ev.year}); choose another metric or year` },
    ]);
  }
  const result = analyzeSensitivity(spec, design, ev.y);
  const manifest: SensitivityManifest = {
    format: SENSITIVITY_FORMAT,
    kind: 'sensitivity',
    helixlab: versions.helixlab,
    node: versions.node,
    scenario: { file: scenario, sha256: ev.scenarioSha256, name: ev.scenarioName },
    method: spec.method,
    params: spec.params,
    samples: spec.samples,
    sampling: spec.method === 'sobol' ? (spec.sampling ?? 'sobol') : undefined,
    points: design.points.length,
    metric: run.metric,
    year: ev.year,
    years: ev.years,
    runs: run.runs,
    seed: spec.seed,
    seedRule: seedRule(spec),
    levels: spec.method === 'morris' ? spec.levels : undefined,
    candidates: spec.method === 'morris' ? spec.candidates : undefined,
    bootstrap: spec.bootstrap,
  };
  const doc: SensitivityDocument = { ...manifest, result };
  if (out) {
    writeFileAtomic(join(out, 'sensitivity.json'), JSON.stringify(doc, null, 2) + '\n');
    writeFileAtomic(join(out, 'sensitivity.csv'), csvRows(sensitivityRows(result)));
    writeFileAtomic(join(out, 'samples.csv'), csvRows([['point', ...spec.params.map((p) => p.name), 'y'], ...design.points.map((x, i) => [i, ...x, ev.y[i]!])]));
    const hash = createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 12);
    // planKey: what a later --resume in this directory must agree on (see evaluateSensitivity)
    const files = { result: 'sensitivity.json', indices: 'sensitivity.csv', samples: 'samples.csv' };
    writeFileAtomic(join(out, 'manifest.json'), JSON.stringify({ ...manifest, resultSha256: hash, planKey: ev.planKey, files }, null, 2) + '\n');
    clearSensitivityState(out);
  }
  return { status: 'done', evaluation: ev, doc };
}
