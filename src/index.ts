/**
 * `helixlab` — the browser-safe library: the network model, reading and writing network files
 * (from text: no file system), the measures, the scenario engine and its aggregation, batch
 * planning (grids, shards, sensitivity designs and indices), calibration (ABC-SMC against targets)
 * and report rendering. Nothing under
 * this entry imports a Node built-in; the browser app uses it as it is. What needs Node (files,
 * atomic writes, worker threads, batch execution, checkpoints, merging) is `helixlab/node`, which
 * re-exports everything here as well.
 *
 * The names below are the public surface, grouped as the folders are (`src/<folder>/…`); each
 * module's opening comment documents formulas, conventions and references. Anything not exported
 * here is internal and may change.
 */

// ---- model: the network, its types, validation errors, summaries ------------------------------
export {
  ACTIVITY_KINDS,
  HELIX_ROLES,
  ORGANISATION_FORMS,
  TIE_KINDS,
  type Activity,
  type ActivityKind,
  type Actor,
  type AttributeValue,
  type Attributes,
  type ClusterProfile,
  type EdgeAttributes,
  type FundingStream,
  type HelixGraph,
  type HelixRole,
  type Network,
  type NetworkDocument,
  type NodeAttributes,
  type OrganisationForm,
  type Tie,
  type TieKind,
  type YearValue,
} from './model/types.js';
export {
  DiagnosticCollector,
  InputError,
  UsageError,
  didYouMean,
  formatDiagnostic,
  type Diagnostic,
  type Severity,
} from './model/errors.js';
export {
  PARALLEL_RULES,
  emptyGraph,
  networkFromDocument,
  networkToDocument,
  projectAffiliations,
  toSimpleGraph,
  type ParallelRule,
  type SimpleEdgeAttributes,
  type SimpleGraph,
  type SimpleNodeAttributes,
} from './model/network.js';
export {
  PENTA_HELIX,
  QUADRUPLE_HELIX,
  TRIPLE_HELIX,
  helixCoverage,
  summarizeAttributes,
  summarizeNetwork,
  surveySummary,
  type HelixCoverage,
  type AttributesSummary,
  type NetworkSummary,
  type ProfileHeadline,
  type SurveySummary,
} from './model/summary.js';
export {
  CompactSimpleGraph,
  asSimpleGraph,
  compactAnalysisInput,
  compactNodeAttributes,
  summarizeCompact,
  type CompactColumn,
  type CompactNetwork,
} from './model/compact.js';
export { FUNDING_TYPES, NETWORK_SCHEMA } from './model/schema.js';

// ---- io: network formats (text in, text out) -----------------------------------------------------
export { FORMAT_NAMES, type FormatName, type FormatOptions, type InputFile, type LoadResult } from './io/formats.js';
export { detectFormat, loadNetwork, looksLikeCordis } from './io/load.js';
export { canonicalDocument, parseNetworkJson, writeNetworkJson } from './io/json.js';
export {
  AFFILIATION_COLUMNS,
  EDGE_COLUMNS,
  NODE_COLUMNS,
  csvRowTable,
  networkTables,
  parseCsvNetwork,
  writeCsvNetwork,
  type NetworkTables,
  type RowTable,
  type TableSource,
} from './io/csv.js';
export { CompactCsvReader, CsvSyntaxError, CsvTokenizer, type CompactReadOptions, type CompactTableKind } from './io/csv-compact.js';
export { parseGexf, writeGexf, type GexfReadOptions, type GexfViz, type GexfWriteOptions } from './io/gexf.js';
export { parseGraphml, writeGraphml, type GraphmlReadOptions } from './io/graphml.js';
export { CORDIS_ACTIVITY_TYPES, DEFAULT_ROLE_KEY, asHelixRole, parseHelixMap, parseHelixMapFile } from './io/helix-map.js';
export { parseNumberText } from './io/validate.js';
export { parseGml } from './io/gml.js';
export { parsePajek } from './io/pajek.js';
export { parseEdgeList } from './io/edgelist.js';
export {
  aliasesFromTable,
  matchRoster,
  nameKey,
  rosterDiagnostics,
  type NameProblem,
  type RosterOptions,
  type RosterResult,
} from './io/survey.js';
export { cellRef, parseSheetsSpec, parseWorkbookNetwork, sheetRowTable, type Sheet, type Workbook } from './io/sheets.js';
export { CORDIS_COLUMN_ALIASES, CORDIS_SOURCE, detectSeparator, parseCordis, readCsvRecords } from './io/cordis.js';
export { parseCordisProjects, type CordisProject, type CordisProjects } from './io/cordis-projects.js';
export { WRITABLE_FORMATS, formatFromExtension, writeNetwork, type WritableFormat, type WrittenNetwork } from './io/write.js';
export { EMBED_ATTRIBUTE, setDefaultDomParser, type DomParserConstructor, type XmlReadOptions } from './io/xml.js';

// ---- metrics: one measure family per module ------------------------------------------------------
export { toCsr, type Csr } from './metrics/csr.js';
export {
  centrality,
  closeness,
  clustering,
  components,
  coreNumber,
  degrees,
  eigenvector,
  pagerank,
  strengths,
  type CentralityOptions,
  type CentralityResult,
  type GraphSummary,
  type PowerIterationResult,
} from './metrics/centrality.js';
export {
  betweenness,
  betweennessPivots,
  betweennessSubset,
  crossHelixBetweenness,
  groupIndex,
  type BetweennessOptions,
  type CrossHelixOptions,
  type DistanceMode,
} from './metrics/betweenness.js';
export { constraint, effectiveSize, efficiency, structuralHoles, type StructuralHolesResult } from './metrics/structural-holes.js';
export { BROKERAGE_ROLES, brokerage, type BrokerageResult, type BrokerageRoles, type BrokerageZ } from './metrics/brokerage.js';
export {
  attributeAssortativity,
  blauIndex,
  coInformation,
  eiIndex,
  eiPermutationTest,
  helixComposition,
  iqv,
  roleCounts,
  synergy,
  type EIOptions,
  type EIPermutationOptions,
  type EIPermutationResult,
  type EIResult,
  type HelixComposition,
  type HelixCompositionOptions,
  type SynergyResult,
} from './metrics/helix.js';
export {
  DEFAULT_LOCKIN_WEIGHTS,
  LOCKIN_COMPONENTS,
  LOCKIN_THRESHOLDS,
  lockInFromCsr,
  lockInLevel,
  lockInRisk,
  lockInScoreFromCsr,
  resolveLockInWeights,
  type LockInComponent,
  type LockInCsrOptions,
  type LockInDetails,
  type LockInLevel,
  type LockInNodeAttrs,
  type LockInOptions,
  type LockInResult,
  type LockInWeights,
} from './metrics/lockin.js';
export {
  projectPairRecords,
  tieDynamics,
  tieDynamicsOfProjects,
  type JointProject,
  type JointProjectRecord,
  type TieDynamicsCounts,
  type TieDynamicsOptions,
  type TieDynamicsResult,
  type TieDynamicsSizeRow,
  type TieDynamicsYearRow,
} from './metrics/tie-dynamics.js';
export { ESCA_THRESHOLDS, escaCheck, type EscaCriterion, type EscaCriterionId, type EscaResult } from './metrics/esca.js';
export { globalEfficiency, resilience, type ResilienceEntry, type ResilienceOptions, type ResilienceResult } from './metrics/resilience.js';
export {
  communities,
  partitionModularity,
  type CommunitiesOptions,
  type CommunitiesResult,
  type CommunityInfo,
} from './metrics/communities.js';
export {
  BROKER_ROLE_NAMES,
  analyzeNetwork,
  dominantBrokerRole,
  nonFiniteMeasures,
  type AnalysisResult,
  type AnalyzeOptions,
  type CommunitiesAnalysis,
  type CommunitySummary,
  type GraphAnalysis,
  type GroupComposition,
  type HelixAnalysis,
  type NodeAnalysis,
} from './metrics/analyze.js';

// ---- scenario: the simulation engine, Monte Carlo, aggregation --------------------------------
export {
  SCENARIO_DEFAULTS,
  SCENARIO_SCHEMA,
  SHOCK_TYPES,
  scenarioName,
  type Scenario,
  type Shock,
  type ShockType,
  type StartState,
} from './scenario/schema.js';
export { applySet, parseScenario, scenarioDocument, validateScenario } from './scenario/parse.js';
export {
  METRIC_UNITS,
  SCENARIO_METRICS,
  runOnce,
  type MetricName,
  type RunDiagnostics,
  type RunOnceOptions,
  type RunOutput,
} from './scenario/engine.js';
export { PairedDifference, StreamingSummary, type SummaryResult } from './scenario/aggregate.js';
export {
  SEED_RULE_RUNS,
  compare,
  meanOverYears,
  moneyCheck,
  publicMoneyOf,
  simulate,
  sumOverYears,
  type BatchJob,
  type BatchRunner,
  type ComparisonResult,
  type Difference,
  type FinalSummary,
  type MetricSummary,
  type MoneyCheck,
  type Provenance,
  type ProvenanceBase,
  type PublicMoney,
  type SimulateOptions,
  type SimulationResult,
  type YearSummary,
} from './scenario/simulate.js';
export {
  PAIRED_RUN_COLUMNS,
  comparisonTable,
  moneyText,
  pairedRunRows,
  resultToJson,
  resultWithNetworksToJson,
  simulationCsv,
  simulationTable,
} from './scenario/format.js';
export {
  ASSUMPTIONS_SCHEMA,
  ASSUMPTION_KINDS,
  assumptionTable,
  neutralAssignments,
  parseAssumptionRegister,
  type AssumptionEntry,
  type AssumptionKind,
  type AssumptionRegister,
} from './scenario/assumptions.js';
export {
  attachEqualMoney,
  expectedPublicMoney,
  publicScale,
  resolveEqualMoney,
  type EqualMoneyResolution,
  type ExpectedMoney,
} from './scenario/money.js';
export { startStateFromNetwork } from './scenario/start-network.js';
export {
  NETWORK_HISTORY_FORMAT,
  NetworkRecorder,
  historyCounts,
  networkHistoryToJson,
  recordNetwork,
  recordNetworks,
  type HistoryActor,
  type HistoryTie,
  type NetworkHistory,
} from './scenario/snapshots.js';
export type { SimState } from './scenario/state.js';

// ---- batch planning: grids, shards, sweep tables, sensitivity designs and indices -------------
export {
  expandGrid,
  gridSize,
  parseGridSpec,
  parseGrids,
  settingAt,
  settingLabel,
  type GridAxis,
  type GridValue,
  type Setting,
} from './batch/grid.js';
export { parseShard, shardJobIndices, type Job, type Shard } from './batch/jobs.js';
export { SWEEP_FORMAT, type RunValues, type SweepManifest, type SweepPlan } from './batch/sweep.js';
export {
  analyzeSensitivity,
  parseParamSpecs,
  sensitivityDesign,
  sensitivityRows,
  sensitivityTable,
  type SensitivityDesign,
  type SensitivityMethod,
  type SensitivityParam,
  type SensitivityResult,
  type SensitivitySpec,
} from './batch/sensitivity/run.js';
export {
  ishigami,
  ishigamiIndices,
  sobolAnalyze,
  sobolDesign,
  type IndexEstimate,
  type ParamRange,
  type SobolDesign,
  type SobolIndex,
  type SobolResult,
  type SobolSampling,
} from './batch/sensitivity/sobol.js';
export { SobolSequence, isPowerOfTwo, sobolPoints } from './batch/sensitivity/sobol-sequence.js';
export {
  EXPLORE_DEFAULT_METRICS,
  METRIC_DIRECTION,
  POINT_FIELDS,
  PointAccumulator,
  analyzeExplore,
  checkRanges,
  correlationRatio,
  exploreDesign,
  exploreMarkdown,
  parseMetricList,
  parseRangesDocument,
  pointScenarios,
  rangesFromRegister,
  wilson95,
  type ExploreRange,
  type ExploreSampling,
  type ExploreSpec,
  type ExploreSummary,
  type FlipBox,
  type MetricExploration,
  type ParameterInfluence,
  type PointMetric,
  type ShareEstimate,
} from './batch/explore.js';
export { describeBox, prim, type PrimBox, type PrimOptions, type PrimResult, type PrimStep } from './batch/prim.js';
export { morrisAnalyze, morrisDesign, type MorrisDesign, type MorrisIndex, type MorrisResult } from './batch/sensitivity/morris.js';

// ---- calibrate: ABC-SMC against targets (priors, targets files, the algorithm, results) -------------
export {
  checkPriors,
  fromSampling,
  parsePriorSpec,
  parsePriorSpecs,
  priorSpecText,
  samplingBounds,
  toSampling,
  type PriorParam,
  type PriorScale,
} from './calibrate/priors.js';
export {
  TARGETS_FORMAT,
  TARGETS_SCHEMA,
  checkTargets,
  defaultTargetName,
  deviation,
  observationText,
  parseTargets,
  statisticSpecs,
  statisticValue,
  statisticValues,
  targetsFromData,
  type GrowthTarget,
  type Observation,
  type RatioTarget,
  type RunSeries,
  type SimulatorInfo,
  type StatisticSpec,
  type Target,
  type TargetKind,
  type TargetSet,
  type ValueTarget,
} from './calibrate/targets.js';
export {
  AbcSmc,
  CalibrationStopped,
  calibrate,
  calibrateSync,
  checkProblem,
  jobRng,
  namedParams,
  runJob,
  type AbcSmcOptions,
  type AbcSmcSettings,
  type BatchEvaluator,
  type CalibrationHooks,
  type CalibrationJob,
  type CalibrationProblem,
  type DistanceScale,
  type GenerationRecord,
  type Simulator,
  type SmcOutcome,
  type StopReason,
} from './calibrate/smc.js';
export {
  CALIBRATION_FORMAT,
  IDENTIFIABILITY_THRESHOLDS,
  calibrationResult,
  calibrationStatements,
  identifiability,
  type CalibrationResult,
  type IdentifiabilityLevel,
  type MarginalSummary,
  type PredictiveCheck,
} from './calibrate/result.js';
export { calibrationJson, calibrationMarkdown, posteriorCsv } from './calibrate/format.js';
export { effectiveSampleSize, weightedQuantile } from './calibrate/stats.js';
export { toySimulator, type ToySpec } from './calibrate/toys.js';

// ---- calibration of the scenario engine: parameters by path, posterior samples, tie dynamics ------
// (the calibration branch's block: the engine as a calibration simulator, posterior files and draws)
export { checkParamPaths, withParams } from './scenario/params.js';
export { SCENARIO_CALIBRATION_METRICS, scenarioSimulator } from './scenario/calibration.js';
export {
  POSTERIOR_FORMAT,
  checkPosteriorFor,
  cumulativeWeights,
  drawParticle,
  parsePosteriorSample,
  posteriorSampleCsv,
  resampleIndices,
  scenarioFingerprint,
  scenarioForRun,
  uncertaintyStatement,
  type ParamDraw,
  type PosteriorSample,
  type PosteriorSampleSpec,
  type UncertaintyStatement,
} from './scenario/posterior.js';
export {
  CORDIS_H2020_SMALL_TIES,
  TIE_METRICS,
  poolTies,
  tieSeries,
  tieWindow,
  type TieCounts,
  type TieMetricName,
  type TieSeries,
} from './scenario/ties.js';
export { SMC_SNAPSHOT_FORMAT, snapshotFromJson, snapshotToJson, type SmcSnapshot } from './calibrate/smc.js';
export type { ShareTarget } from './calibrate/targets.js';
export { jobScenario, tieDiagnostics, type TieDiagnostics } from './scenario/simulate.js';
export { tieText } from './scenario/format.js';

// ---- report: renderers (text in the end) ---------------------------------------------------------
export {
  analysisTable,
  buildAnalysisReport,
  escaCriterionWords,
  lockInReasonsIn,
  renderAnalysisCsv,
  renderAnalysisHtml,
  renderAnalysisJson,
  renderAnalysisJsonChunks,
  renderAnalysisMarkdown,
  type AnalysisReportOptions,
  type EscaCriterionWords,
} from './report/analysis.js';
export { escapeHtml, escapeMarkdown, renderHtml as renderReportHtml, renderMarkdown as renderReportMarkdown } from './report/render.js';
export type {
  Block as ReportBlock,
  Inline as ReportInline,
  ReportDoc,
  Section as ReportSection,
  Text as ReportText,
} from './report/document.js';
export { renderAttributesText, renderCordisImportSummary, renderSummaryText } from './report/summary.js';
export { analysisTables, comparisonTables, reportTables, simulationTables, type DataTable } from './report/tables.js';
export { buildReport, scenarioReportInput, type ReportInput, type ReportOptions } from './report/impact.js';
export {
  TIE_DYNAMICS_FORMAT,
  renderTieDynamicsCsv,
  renderTieDynamicsJson,
  renderTieDynamicsMarkdown,
  tieDynamicsDefinitions,
  type TieDynamicsRenderOptions,
} from './report/tie-dynamics.js';

// ---- i18n: languages, the message catalogue, number formats --------------------------------------
export {
  LOCALES,
  messages,
  numberFormats,
  parseLocale,
  resolveLocale,
  type Locale,
  type Messages,
  type NumberFormats,
} from './i18n/index.js';

// ---- utilities -----------------------------------------------------------------------------------
export { Rng, createRng, hashString, type SeedPart } from './util/rng.js';
export {
  CSV_DIALECTS,
  csvPreamble,
  csvRow,
  csvRows,
  escapeFormula,
  parseCsv,
  unescapeFormulaCell,
  type Cell,
  type CsvDialect,
  type CsvFormulas,
  type CsvWriteOptions,
} from './util/csv.js';
export { dateOfDecimalYear, decimalYear, decimalYearEndOfDay } from './util/dates.js';
