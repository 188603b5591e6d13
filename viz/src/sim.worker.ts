/**
 * Scenario runs in a web worker: the same engine as `helixlab simulate` / `compare`
 * (`src/scenario`: parseScenario → runOnce per replication, aggregated in run order by
 * simulate / compare with the in-process runner), so the app's numbers equal the CLI's for the
 * same scenario, runs and seed. Run 0 of each scenario is run once more with its network recorded
 * (`recordNetwork`, the same numbers as run 0 of the batch) and added to the result under `network`,
 * as `helixlab simulate|compare --network-run 0` does, for the scenario view's network panel.
 */
import { S, setLang } from './strings.js';
import {
  InputError,
  compare,
  networkFromDocument,
  parseScenario,
  recordNetwork,
  simulate,
  startStateFromNetwork,
  type Locale,
  type NetworkDocument,
  type Scenario,
} from 'helixlab';

export interface SimRequest {
  /** The app's language (the worker's own messages follow it). */
  lang: Locale;
  scenarios: Array<{ name: string; text: string }>;
  runs: number;
  seed: number | string;
  years?: number;
  /** Start every scenario from this network (the one open on the map) instead of its own start. */
  start?: { name: string; doc: NetworkDocument };
}
export type SimMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; json: string }
  | {
      type: 'error';
      diagnostics: Array<{ severity: 'error' | 'warning'; file?: string; line?: number; field?: string; message: string; code: string }>;
    };

const post = (m: SimMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (ev: MessageEvent<SimRequest>) => {
  const req = ev.data;
  setLang(req.lang);
  try {
    let ss: Scenario[] = req.scenarios.map((f) => parseScenario(f.text, f.name));
    if (req.start) {
      const resolved = startStateFromNetwork(networkFromDocument(req.start.doc), req.start.name);
      ss = ss.map((s) => {
        const out = structuredClone(s);
        out.start.resolved = resolved;
        return out;
      });
    } else {
      const needsFile = ss
        .map((s, i) => ({ s, file: req.scenarios[i]!.name }))
        .filter(({ s }) => s.start.network !== undefined && !s.start.resolved);
      if (needsFile.length > 0) {
        post({
          type: 'error',
          diagnostics: needsFile.map(({ s, file }) => ({
            severity: 'error' as const,
            file,
            field: 'start.network',
            code: 'start-network',
            message: S.errors.needsCli(String(s.start.network)),
          })),
        });
        return;
      }
    }
    const opts = {
      runs: req.runs,
      seed: req.seed,
      onProgress: (done: number, total: number) => post({ type: 'progress', done, total }),
      ...(req.years !== undefined ? { years: req.years } : {}),
    };
    const result = ss.length === 1 ? await simulate(ss[0]!, opts) : await compare(ss, opts);
    const names = 'scenarios' in result ? result.scenarios.map((r) => r.scenario) : [result.scenario];
    const nets = ss.map((s, i) => recordNetwork(s, req.seed, 0, { years: result.years, name: names[i]! }).network);
    const withNetworks =
      'scenarios' in result
        ? { ...result, scenarios: result.scenarios.map((r, i) => ({ ...r, network: nets[i] })) }
        : { ...result, network: nets[0] };
    post({ type: 'result', json: JSON.stringify(withNetworks) });
  } catch (e) {
    if (e instanceof InputError) post({ type: 'error', diagnostics: e.diagnostics });
    else
      post({
        type: 'error',
        diagnostics: [{ severity: 'error', code: 'simulation', message: e instanceof Error ? e.message : String(e) }],
      });
  }
};
