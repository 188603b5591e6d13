/**
 * Results as named tables (a header and typed rows) for spreadsheets: the sheets of the `.xlsx`
 * files that `analyze`, `simulate`, `compare` and `report` write with `--out x.xlsx` (the Node layer
 * turns them into a workbook, `src/node/xlsx.ts`). Column names are machine names, English in every
 * language, as in the CSV and JSON outputs; numbers stay numbers (full precision, or the 6
 * significant digits of the JSON for simulation results); a missing value is an empty cell.
 * Browser-safe.
 */
import type { Cell } from '../util/csv.js';
import type { AnalysisResult } from '../metrics/analyze.js';
import { LOCKIN_COMPONENTS } from '../metrics/lockin.js';
import { HELIX_ROLES } from '../model/types.js';
import { SCENARIO_METRICS } from '../scenario/engine.js';
import type { ComparisonResult, Difference, SimulationResult } from '../scenario/simulate.js';
import { sensitivityRows } from '../batch/sensitivity/run.js';
import { analysisTable } from './analysis.js';
import type { ReportInput } from './impact.js';

/** A named table: a sheet of a workbook. */
export interface DataTable {
  name: string;
  head: string[];
  rows: Cell[][];
}

const fin = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
const r6 = (x: number | null | undefined): number | null => {
  const v = fin(x);
  return v === null || v === 0 ? v : Number(v.toPrecision(6));
};

/** The tables of an analysis: `actors` (every node measure, as `--format csv`), `lock-in`, `helix`, `esca`. */
export function analysisTables(r: AnalysisResult): DataTable[] {
  const actors = analysisTable(r);
  const L = r.lockIn;
  return [
    { name: 'actors', head: actors.head, rows: actors.rows },
    {
      name: 'lock-in',
      head: ['component', 'value', 'weight'],
      rows: [
        ...LOCKIN_COMPONENTS.map((c): Cell[] => [c, fin(L.components[c]), L.weights[c]]),
        ['score', L.score, null],
        ['level', L.level, null],
      ],
    },
    {
      name: 'helix',
      head: ['role', 'actors', 'eiIndex'],
      rows: HELIX_ROLES.map((k): Cell[] => [k, r.helix.counts[k], fin(r.helix.eiByRole[k] ?? null)]),
    },
    {
      name: 'esca',
      head: ['criterion', 'requirement', 'value', 'threshold', 'pass', 'source'],
      rows: r.esca.criteria.map((c): Cell[] => [c.id, c.requirement, fin(c.value), c.threshold, c.pass, c.source]),
    },
  ];
}

/** One scenario's summary by year: scenario, metric, year, mean, sd, p05, p50, p95 (the CSV of `simulate`). */
function byYearRows(rs: readonly SimulationResult[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const r of rs) {
    for (const m of SCENARIO_METRICS) {
      for (const b of r.metrics[m].byYear) rows.push([r.scenario, m, b.year, r6(b.mean), r6(b.sd), r6(b.p05), r6(b.p50), r6(b.p95)]);
    }
  }
  return rows;
}

const BY_YEAR_HEAD = ['scenario', 'metric', 'year', 'mean', 'sd', 'p05', 'p50', 'p95'];

/** The tables of a simulation: `by-year` (as `--format csv`) and `final` (final-year mean with its 95% CI). */
export function simulationTables(r: SimulationResult): DataTable[] {
  return [
    { name: 'by-year', head: BY_YEAR_HEAD, rows: byYearRows([r]) },
    {
      name: 'final',
      head: ['metric', 'mean', 'ci95_lo', 'ci95_hi', 'n'],
      rows: SCENARIO_METRICS.map((m): Cell[] => {
        const f = r.metrics[m].final;
        return [m, r6(f.mean), r6(f.ci95?.[0]), r6(f.ci95?.[1]), f.n];
      }),
    },
  ];
}

function diffRows(by: Record<string, Record<string, Difference>>, baseline: string, what: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const [name, d] of Object.entries(by)) {
    for (const m of SCENARIO_METRICS) {
      const x = d[m];
      if (!x) continue;
      rows.push([name, baseline, what, m, r6(x.meanDiff), r6(x.ci95?.[0]), r6(x.ci95?.[1]), r6(x.probGreater)]);
    }
  }
  return rows;
}

/**
 * The tables of a comparison: `final` (each scenario's final-year mean with its 95% CI), `differences`
 * (paired, against the baseline: final year, mean over the years, cumulated), `by-year` and `money`.
 */
export function comparisonTables(c: ComparisonResult): DataTable[] {
  return [
    {
      name: 'final',
      head: ['scenario', 'metric', 'mean', 'ci95_lo', 'ci95_hi', 'n'],
      rows: c.scenarios.flatMap((s) =>
        SCENARIO_METRICS.map((m): Cell[] => {
          const f = s.metrics[m].final;
          return [s.scenario, m, r6(f.mean), r6(f.ci95?.[0]), r6(f.ci95?.[1]), f.n];
        }),
      ),
    },
    {
      name: 'differences',
      head: ['scenario', 'baseline', 'measure', 'metric', 'mean_difference', 'ci95_lo', 'ci95_hi', 'p_greater'],
      rows: [
        ...diffRows(c.differences, c.baseline, 'final'),
        ...diffRows(c.differencesOverYears, c.baseline, 'mean_over_years'),
        ...diffRows(c.differencesCumulated, c.baseline, 'cumulated'),
      ],
    },
    { name: 'by-year', head: BY_YEAR_HEAD, rows: byYearRows(c.scenarios) },
    {
      name: 'money',
      head: ['scenario', 'expected_public_eur', 'realised_mean_eur', 'scaled_to_equal', 'scale'],
      rows: c.scenarios.map((s): Cell[] => [
        s.scenario,
        r6(s.publicMoney.expectedEur),
        r6(s.publicMoney.realisedMeanEur),
        s.publicMoney.equalMoneyWith,
        r6(s.publicMoney.scale),
      ]),
    },
  ];
}

/**
 * The tables of impact-report inputs: per sweep its final-year summary (`sweep-N`: setting, grid
 * values, metric, mean and CI, percentiles), per sensitivity result its indices (`sensitivity-N`),
 * per simulate/compare result its final means and differences (`scenarios-N`), per exploration its
 * shares (`explore-N`).
 */
export function reportTables(inputs: readonly ReportInput[]): DataTable[] {
  const out: DataTable[] = [];
  inputs.forEach((inp, i) => {
    const n = i + 1;
    if (inp.kind === 'sweep') {
      const axes = inp.manifest.grids.map((g) => g.path);
      out.push({
        name: `sweep-${n}`,
        head: ['setting', ...axes, 'year', 'metric', 'n', 'mean', 'sd', 'ci95_lo', 'ci95_hi', 'p05', 'p50', 'p95'],
        rows: inp.summary
          .filter((r) => r.year === inp.manifest.years)
          .map((r): Cell[] => [
            r.setting,
            ...(inp.settingValues[r.setting] ?? []).map((v) =>
              typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : JSON.stringify(v),
            ),
            r.year,
            r.metric,
            r.n,
            fin(r.mean),
            fin(r.sd),
            fin(r.ci95lo),
            fin(r.ci95hi),
            fin(r.p05),
            fin(r.p50),
            fin(r.p95),
          ]),
      });
    } else if (inp.kind === 'sensitivity') {
      const [head, ...rows] = sensitivityRows(inp.doc.result);
      out.push({
        name: `sensitivity-${n}`,
        head: head!.map(String),
        rows: rows.map((r) => r.map((v) => (typeof v === 'number' ? fin(v) : v))),
      });
    } else if (inp.kind === 'scenarios') {
      out.push({
        name: `scenarios-${n}`,
        head: ['scenario', 'metric', 'mean', 'ci95_lo', 'ci95_hi', 'difference_vs_baseline', 'diff_ci95_lo', 'diff_ci95_hi', 'p_greater'],
        rows: inp.scenarios.flatMap((s) =>
          Object.keys(s.metrics).map((m): Cell[] => {
            const f = s.metrics[m]!.final;
            const d = inp.differences[s.scenario]?.[m];
            return [
              s.scenario,
              m,
              r6(f.mean),
              r6(f.ci95?.[0]),
              r6(f.ci95?.[1]),
              r6(d?.meanDiff),
              r6(d?.ci95?.[0]),
              r6(d?.ci95?.[1]),
              r6(d?.probGreater),
            ];
          }),
        ),
      });
    } else {
      const s = inp.summary;
      out.push({
        name: `explore-${n}`,
        head: [
          'metric',
          'better_is',
          `${s.b}_better`,
          `${s.b}_better_ci95_lo`,
          `${s.b}_better_ci95_hi`,
          `${s.a}_better`,
          `${s.b}_significantly`,
          `${s.a}_significantly`,
        ],
        rows: s.metrics.map((m): Cell[] => [
          m.metric,
          m.direction,
          m.bBetter.share,
          m.bBetter.ci95[0],
          m.bBetter.ci95[1],
          m.aBetter.share,
          m.bSignificant.share,
          m.aSignificant.share,
        ]),
      });
    }
  });
  return out;
}
