/**
 * Node-only. Tie dynamics of a CORDIS participations file (what `helixlab cordis-dynamics FILE`
 * runs): read and decode the file (`.gz` is decompressed, `readInputFiles`), parse its projects
 * (`parseCordisProjects`, src/io/cordis-projects.ts) and measure (`tieDynamics`,
 * src/metrics/tie-dynamics.ts). The measure itself is in the library; this only adds the file.
 */
import type { Diagnostic } from '../model/errors.js';
import { UsageError } from '../model/errors.js';
import { parseCordisProjects, type CordisProjects } from '../io/cordis-projects.js';
import { tieDynamicsOfProjects, type TieDynamicsOptions, type TieDynamicsResult } from '../metrics/tie-dynamics.js';
import { readInputFiles } from './files.js';
import { decimalYearEndOfDay } from '../util/dates.js';

/** The measure, the projects read and every warning (of the bytes and of the rows). */
export interface CordisTieDynamics {
  result: TieDynamicsResult;
  projects: Omit<CordisProjects, 'projects' | 'warnings'> & { count: number };
  warnings: Diagnostic[];
}

/**
 * Read `path` (a participations table, `.csv` or `.csv.gz`) and measure its tie dynamics. Without
 * `observedUntil` the observation ends with the day of the latest project start in the file (the
 * end of its year with year columns only).
 */
export function cordisTieDynamics(path: string, opts: TieDynamicsOptions): CordisTieDynamics {
  const read = readInputFiles(path);
  const file = read.files[0];
  if (!file || read.files.length !== 1) throw new UsageError(`${path}: expected one CSV file of CORDIS participations`);
  const parsed = parseCordisProjects(file);
  const o: TieDynamicsOptions = { ...opts };
  // observation ends with the day (or year) of the latest start: starts on that day are seen
  if (o.observedUntil === undefined && parsed.latestStart !== '') {
    o.observedUntil = parsed.resolution === 'dates' ? decimalYearEndOfDay(parsed.latestStart) : Number(parsed.latestStart) + 1;
  }
  const result = tieDynamicsOfProjects(parsed.projects, o);
  const { projects, warnings, ...rest } = parsed;
  return { result, projects: { ...rest, count: projects.length }, warnings: [...read.warnings, ...warnings] };
}
