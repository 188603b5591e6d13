/**
 * Batch experiments (browser-safe part): grids, job lists and shards, CSV, sweep tables and
 * summaries, sensitivity analysis (Morris, Sobol/Saltelli) and the HTML report builder.
 * Node-only modules are imported directly: `batch/node.js` (runSweep), `batch/checkpoint.js`,
 * `batch/merge.js` (mergeSweeps), `batch/engine.js` (scenario integration, worker pool),
 * `batch/report-node.js` (reportFromDirs).
 */
export * from './grid.js';
export * from './jobs.js';
export * from './csv.js';
export * from './sweep.js';
export * from './sensitivity/sobol.js';
export * from './sensitivity/morris.js';
export * from './sensitivity/run.js';
export * from './report.js';
