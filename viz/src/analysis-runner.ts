/**
 * The network analysis in web workers (`analysis.worker.ts`: the library's `analyzeNetwork`, the
 * function behind `helixlab analyze`, seed 1): one for the whole network (measures, sizes,
 * markers, k-core), started when a network opens, and one for the filtered view when the panels are
 * asked to show it (the filtered network of `model/subnetwork.ts`, the same one the export
 * writes). Above 3,000 actors betweenness and closeness use 200 sampled pivots and the E-I test 200
 * permutations (the CLI's `--approx` / `--permutations`).
 */
import { networkToDocument, type Network } from 'helixlab';
import { applyAppearance, applyFilters, filteredKey } from './actions.js';
import { perActorEI, type AnalysisView } from './model/analysis.js';
import { markers as computeMarkers, measureValues } from './model/measures.js';
import { filteredNetwork } from './model/subnetwork.js';
import { setBusy, showErrors } from './notify.js';
import { app, bus, type Loaded } from './state.js';
import { S } from './strings.js';

type Reply = { ok: true; result: AnalysisView } | { ok: false; message: string };

/** Analyse a network in a fresh worker; `onDone` gets the result or the failure message. */
function analyse(net: Network, onDone: (r: Reply) => void): Worker {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  const opts: { seed: number; approx?: number; permutations?: number } = { seed: 1 };
  if (net.graph.order > 3000) {
    opts.approx = 200;
    opts.permutations = 200;
  }
  worker.onmessage = (ev: MessageEvent<Reply>) => {
    worker.terminate();
    onDone(ev.data);
  };
  worker.onerror = (ev) => {
    worker.terminate();
    onDone({ ok: false, message: S.errors.analysisWorkerFailed(ev.message) });
  };
  worker.postMessage({ doc: networkToDocument(net), opts });
  return worker;
}

let whole: Worker | null = null;
let filtered: Worker | null = null;

/** Analyse the open network; the panels, sizes and markers follow when it arrives. */
export function runAnalysis(loaded: Loaded): void {
  whole?.terminate();
  setBusy(S.stage.analysingBusy);
  whole = analyse(loaded.net, (r) => {
    if (app.cur !== loaded) return;
    setBusy(null);
    if (!r.ok) {
      loaded.analysisFailed = true;
      showErrors([{ severity: 'error', code: 'analysis', message: S.errors.analysisFailed(r.message) }], () => S.errors.analysisTitle);
      bus.emit('analysis');
      return;
    }
    loaded.analysis = r.result;
    const core = measureValues(r.result.nodes, 'coreNumber');
    loaded.coreNumber = new Map([...core].map(([k, v]) => [k, v ?? 0]));
    loaded.markers = computeMarkers(r.result.nodes, perActorEI(r.result));
    applyFilters(loaded); // the k-core filter can apply now; also re-applies the appearance
    applyAppearance(loaded);
    bus.emit('analysis', 'appearance');
    if (loaded.panelScope === 'filtered') runFilteredAnalysis(loaded);
  });
}

/**
 * Analyse the filtered view for the panels (when they are set to it and the view changed since
 * the last result). The whole network's analysis is not touched.
 */
export function runFilteredAnalysis(loaded: Loaded): void {
  const key = filteredKey(loaded);
  if (loaded.filtered?.key === key) return;
  filtered?.terminate();
  const net = filteredNetwork(loaded.net, loaded.visible, loaded.filters.year, S.exports.filteredNote);
  const entry = { key, net, analysis: null as AnalysisView | null, failed: false };
  loaded.filtered = entry;
  bus.emit('scope');
  filtered = analyse(net, (r) => {
    if (app.cur !== loaded || loaded.filtered !== entry) return;
    if (r.ok) entry.analysis = r.result;
    else entry.failed = true;
    bus.emit('scope');
  });
}

export function stopAnalyses(): void {
  whole?.terminate();
  filtered?.terminate();
  whole = filtered = null;
}
