/**
 * Report renderers (browser-safe): the analysis reports (Markdown, HTML, JSON, CSV) and the neutral
 * report document they are built from. Only names unlikely to clash with other barrels are exported
 * here (the small formatting helpers stay importable from './document.js' and './render.js').
 */
export {
  buildAnalysisReport,
  csvSafeText,
  renderAnalysisCsv,
  renderAnalysisHtml,
  renderAnalysisJson,
  renderAnalysisMarkdown,
  type AnalysisReportOptions,
} from './analysis.js';
export { renderMarkdown as renderReportMarkdown, renderHtml as renderReportHtml } from './render.js';
export type { Block as ReportBlock, Inline as ReportInline, ReportDoc, Section as ReportSection, Text as ReportText } from './document.js';
