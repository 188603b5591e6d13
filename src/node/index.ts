/**
 * `helixlab/node` — the Node layer: everything of the browser-safe `helixlab` entry, plus what needs
 * Node: reading and writing network files (with located errors, gzip, encodings), atomic writes,
 * the one worker pool, parallel centrality and analysis, scenario files and batches on threads,
 * sweeps with checkpoints, shards and merging, sensitivity runs, the impact report from output
 * directories, calibration runs on the worker pool, and the CORDIS tie dynamics of a file. The CLI
 * is built on this entry alone.
 *
 * `simulate` and `compare` here take `workers` and run on worker threads when it is above 1 (same
 * bytes as one thread); the browser entry's versions run in the calling thread.
 */
export * from '../index.js';

// ---- files and atomic writes ---------------------------------------------------------------------
export {
  DEFAULT_MAX_INPUT_BYTES,
  decodeBytes,
  formatBytes,
  parseByteSize,
  readHelixMapFile,
  readInputFiles,
  readJsonFile,
  readNetworkFiles,
  writeNetworkFile,
  type ReadOptions,
} from './files.js';
export { writeChunksAtomic, writeFileAtomic } from './atomic.js';
export { COMPACT_FROM_BYTES, compactInputs, readCompactNetwork, type CompactInputs, type CompactLoadResult } from './compact.js';
export {
  isWorkbookPath,
  networkSheets,
  readNetworkFilesAsync,
  readWorkbook,
  workbookBytes,
  writeNetworkFileAsync,
  writeWorkbookFile,
  type SheetTable,
} from './xlsx.js';
export { batchVersions, helixlabVersion } from './version.js';
export { bundledSamples, copySamples, packageRoot, type BundledSample } from './bundled.js';
export { gitCommit, provenanceBase } from './provenance.js';

// ---- the worker pool and parallel analysis -------------------------------------------------------
export { closeSharedPool, defaultWorkers, sharedPool, startPool, type WorkerPool } from './pool.js';
export {
  PARALLEL_FROM_ACTORS,
  analyzeNetworkParallel,
  betweennessParallel,
  centralityParallel,
  crossHelixBetweennessParallel,
  warmBetweennessPool,
  type ParallelAnalyzeOptions,
} from './parallel-centrality.js';

// ---- scenarios: files and batches on threads -----------------------------------------------------
export {
  compare,
  defaultChunk,
  earlyPool,
  bundledAssumptionsPath,
  loadAssumptionRegister,
  loadScenarioFile,
  loadScenarioWithSets,
  poolRunner,
  resolveStart,
  runBatch,
  simulate,
  worthThreads,
  type RunBatchOptions,
} from './scenario.js';

// ---- batch execution: sweeps, merging, sensitivity, the impact report ----------------------------
export { prepareSweep, scenarioExecutor, type JobExecutor, type PreparedSweep, type PrepareOptions } from './batch/executor.js';
export { runSweep, type SweepRunOptions, type SweepRunResult } from './batch/sweep.js';
export { mergeSweeps, readSweepManifest } from './batch/merge.js';
export {
  SENSITIVITY_FORMAT,
  clearSensitivityState,
  evaluateSensitivity,
  runSensitivity,
  type SensitivityDocument,
  type SensitivityEvaluation,
  type SensitivityJobOptions,
  type SensitivityManifest,
  type SensitivityOutcome,
  type SensitivityRunOptions,
} from './batch/sensitivity.js';
export { loadReportInput, reportFromDirs } from './batch/report.js';
export {
  EXPLORE_FORMAT,
  isExploreShard,
  mergeExploreShards,
  runExplore,
  type ExploreDocument,
  type ExploreOutcome,
  type ExploreRunOptions,
} from './batch/explore.js';

// ---- CORDIS tie dynamics from a file ---------------------------------------------------------------
export { cordisTieDynamics, type CordisTieDynamics } from './cordis-dynamics.js';

// ---- calibration: ABC-SMC on threads, result files -----------------------------------------------
export {
  inThreadEvaluator,
  poolEvaluator,
  runCalibration,
  writeCalibration,
  type CalibrationRunOptions,
  type CalibrationSimulatorSpec,
} from './calibrate.js';

// ---- calibration of a scenario in a directory: state and resume, shards and merge ---------------
export { resolvePosterior, type ResolvedPosterior } from './scenario.js';
export {
  CALIBRATION_PLAN_FORMAT,
  CALIBRATION_SHARD_FORMAT,
  calibrationPlanKey,
  isCalibrationShard,
  mergeCalibrationShards,
  runCalibrationDir,
  runCalibrationShard,
  savedCalibrationPlan,
  scenarioCalibrationPlan,
  writeCalibrationDir,
  type CalibrationDirOptions,
  type CalibrationDirOutcome,
  type CalibrationMergeOutcome,
  type CalibrationPlan,
  type CalibrationShardManifest,
  type ScenarioCalibrationInput,
} from './calibration-dir.js';
