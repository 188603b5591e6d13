/**
 * The network analysis in a web worker, so the map stays responsive on large networks: the
 * document is rebuilt into a Network and passed to the library's `analyzeNetwork` — the same
 * function behind `helixlab analyze` — and the result posted back.
 */
import { analyzeNetwork, networkFromDocument, type AnalyzeOptions, type NetworkDocument } from 'helixlab';
import type { AnalysisView } from './model/analysis.js';

self.onmessage = (ev: MessageEvent<{ doc: NetworkDocument; opts: AnalyzeOptions }>) => {
  try {
    const net = networkFromDocument(ev.data.doc);
    // Typed as the app's view of the output contract: a compile-time check that they agree.
    const result: AnalysisView = analyzeNetwork(net, ev.data.opts);
    (self as unknown as Worker).postMessage({ ok: true, result });
  } catch (e) {
    (self as unknown as Worker).postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
  }
};
